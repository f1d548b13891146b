// Client-side apply migration (Argo CD's ClientSideApplyMigration, on by
// default): before a server-side apply, the fields a client-side applier owns
// (its `Update` entry in managedFields) move to Argo CD's `Apply` entry, as
// Kubernetes' documented upgrade does. Without it the old entry keeps owning
// every field it ever set, so a field deleted from Git would stay on the live
// object forever after the switch to ServerSideApply=true. Pure.

export const CLIENT_SIDE_APPLY_MIGRATION_MANAGER_ANNOTATION = 'argocd.argoproj.io/client-side-apply-migration-manager';
/** kubectl's manager for client-side apply, and the one the sync engine's own client-side writes use. */
export const CLIENT_SIDE_APPLY_MANAGER = 'kubectl-client-side-apply';

const LAST_APPLIED = 'f:kubectl.kubernetes.io/last-applied-configuration';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldSet;
  subresource?: string;
}

/** FieldsV1: nested `f:<name>` / `k:<key>` / `v:<value>` members, `.` for the node itself, `{}` leaves. */
export interface FieldSet {
  [member: string]: FieldSet;
}

function union(a: FieldSet, b: FieldSet): FieldSet {
  const result: FieldSet = { ...a };
  for (const [member, child] of Object.entries(b)) {
    const existing = result[member];
    result[member] = existing ? union(existing, child) : child;
  }
  return result;
}

/** The set without the last-applied annotation: server-side apply must not own kubectl's bookkeeping. */
function withoutLastApplied(fields: FieldSet): FieldSet {
  const annotations = fields['f:metadata']?.['f:annotations'];
  if (!annotations?.[LAST_APPLIED]) return fields;
  const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
  const metadata: FieldSet = { ...fields['f:metadata'] };
  if (Object.keys(rest).length > 0) metadata['f:annotations'] = rest;
  else delete metadata['f:annotations'];
  const result: FieldSet = { ...fields };
  if (Object.keys(metadata).length > 0) result['f:metadata'] = metadata;
  else delete result['f:metadata'];
  return result;
}

const isClientSideEntry = (entry: ManagedFieldsEntry, manager: string): boolean =>
  entry.manager === manager && entry.operation === 'Update' && !entry.subresource;

/**
 * The managedFields with `csaManager`'s Update entry folded into `ssaManager`'s
 * Apply entry, or undefined when there is nothing to migrate.
 */
export function migrateClientSideApplyFields(
  entries: readonly ManagedFieldsEntry[],
  csaManager: string,
  ssaManager: string,
  now: string,
): ManagedFieldsEntry[] | undefined {
  const clientSide = entries.filter((entry) => isClientSideEntry(entry, csaManager));
  if (clientSide.length === 0) return undefined;
  const isApplyEntry = (entry: ManagedFieldsEntry) =>
    entry.manager === ssaManager && entry.operation === 'Apply' && !entry.subresource;
  const existing = entries.find(isApplyEntry);
  const owned = [existing, ...clientSide].reduce<FieldSet>(
    (fields, entry) => (entry?.fieldsV1 ? union(fields, entry.fieldsV1) : fields),
    {},
  );
  const migrated: ManagedFieldsEntry = {
    manager: ssaManager,
    operation: 'Apply',
    apiVersion: existing?.apiVersion ?? clientSide[0]?.apiVersion ?? '',
    time: now,
    fieldsType: 'FieldsV1',
    fieldsV1: withoutLastApplied(owned),
  };
  const result: ManagedFieldsEntry[] = [];
  let placed = false;
  for (const entry of entries) {
    if (isApplyEntry(entry) || isClientSideEntry(entry, csaManager)) {
      if (!placed) result.push(migrated);
      placed = true;
    } else {
      result.push(entry);
    }
  }
  return result;
}
