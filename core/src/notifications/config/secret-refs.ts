// `$key` references in service settings, replaced with argocd-notifications-secret's values as
// Argo CD does: in every string, `$` followed by a key (letters, digits, `_`, `-`, dot-separated
// parts); a key the Secret does not hold stays as written.
const secretRefPattern = /\$[\w-]+(?:\.[\w-]+)*/g;

export function replaceSecretRefs(
  value: unknown,
  secrets: Readonly<Record<string, string>>,
): { value: unknown; used: Record<string, string> } {
  const used: Record<string, string> = {};
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(secretRefPattern, (reference) => {
        const key = reference.slice(1);
        if (!Object.hasOwn(secrets, key)) return reference;
        used[key] = secrets[key] ?? '';
        return secrets[key] ?? '';
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item)]));
    }
    return node;
  };
  return { value: walk(value), used };
}
