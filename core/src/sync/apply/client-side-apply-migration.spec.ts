import { migrateClientSideApplyFields, type ManagedFieldsEntry } from './client-side-apply-migration';

const NOW = '2026-11-26T10:00:00Z';

const clientSide: ManagedFieldsEntry = {
  manager: 'kubectl-client-side-apply',
  operation: 'Update',
  apiVersion: 'v1',
  time: '2026-11-01T00:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: {
    'f:data': { '.': {}, 'f:a': {}, 'f:b': {} },
    'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } },
  },
};

const controller: ManagedFieldsEntry = {
  manager: 'kube-controller-manager',
  operation: 'Update',
  apiVersion: 'v1',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:metadata': { 'f:labels': { 'f:owner': {} } } },
};

describe('migrateClientSideApplyFields', () => {
  it('turns the client-side entry into the Apply entry, without the last-applied annotation', () => {
    expect(
      migrateClientSideApplyFields([controller, clientSide], 'kubectl-client-side-apply', 'argocd-controller', NOW),
    ).toEqual([
      controller,
      {
        manager: 'argocd-controller',
        operation: 'Apply',
        apiVersion: 'v1',
        time: NOW,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:annotations': { '.': {} } } },
      },
    ]);
  });

  it('merges into an existing Apply entry and drops the client-side one', () => {
    const applied: ManagedFieldsEntry = {
      manager: 'argocd-controller',
      operation: 'Apply',
      apiVersion: 'v1',
      time: '2026-11-02T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { 'f:c': {} } },
    };
    const migrated = migrateClientSideApplyFields(
      [applied, controller, clientSide],
      'kubectl-client-side-apply',
      'argocd-controller',
      NOW,
    );
    expect(migrated?.map((entry) => [entry.manager, entry.operation])).toEqual([
      ['argocd-controller', 'Apply'],
      ['kube-controller-manager', 'Update'],
    ]);
    expect(migrated?.[0]?.fieldsV1?.['f:data']).toEqual({ 'f:c': {}, '.': {}, 'f:a': {}, 'f:b': {} });
  });

  it('drops an annotations node left empty once the last-applied annotation is gone', () => {
    const onlyLastApplied: ManagedFieldsEntry = {
      ...clientSide,
      fieldsV1: {
        'f:metadata': { 'f:annotations': { 'f:kubectl.kubernetes.io/last-applied-configuration': {} } },
        'f:data': { 'f:a': {} },
      },
    };
    const migrated = migrateClientSideApplyFields(
      [onlyLastApplied],
      'kubectl-client-side-apply',
      'argocd-controller',
      NOW,
    );
    expect(migrated?.[0]?.fieldsV1).toEqual({ 'f:data': { 'f:a': {} } });
  });

  it('migrates only the named manager, only its Update entry for the main resource', () => {
    expect(
      migrateClientSideApplyFields([controller], 'kubectl-client-side-apply', 'argocd-controller', NOW),
    ).toBeUndefined();
    expect(
      migrateClientSideApplyFields(
        [{ ...clientSide, operation: 'Apply' }],
        'kubectl-client-side-apply',
        'argocd-controller',
        NOW,
      ),
    ).toBeUndefined();
    expect(
      migrateClientSideApplyFields(
        [{ ...clientSide, subresource: 'status' }],
        'kubectl-client-side-apply',
        'argocd-controller',
        NOW,
      ),
    ).toBeUndefined();
    const custom = migrateClientSideApplyFields([controller], 'kube-controller-manager', 'argocd-controller', NOW);
    expect(custom?.map((entry) => entry.manager)).toEqual(['argocd-controller']);
  });
});
