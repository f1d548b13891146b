// Group and kind of a Kubernetes object, and the key Argo CD files its
// customizations under.

export interface GroupKind {
  group: string;
  kind: string;
}

export function groupKindOf(obj: unknown): GroupKind {
  const fields = (obj ?? {}) as { apiVersion?: unknown; kind?: unknown };
  const apiVersion = typeof fields.apiVersion === 'string' ? fields.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    kind: typeof fields.kind === 'string' ? fields.kind : '',
  };
}

/** "group/Kind", or "Kind" for the core group. */
export function overrideKeyOf({ group, kind }: GroupKind): string {
  return group === '' ? kind : `${group}/${kind}`;
}
