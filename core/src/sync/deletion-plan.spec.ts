import { type KubeObject } from '@driftless/diff';
import { planDeletion, propagationOf, resourcesFinalizerOf, type DeletionCandidate } from './deletion-plan';

function candidate(name: string, annotations: Record<string, string> = {}, deleting = false): DeletionCandidate {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop', annotations },
  };
  return { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name, object, deleting };
}

const names = (items: DeletionCandidate[]) => items.map((item) => item.name);

describe('planDeletion', () => {
  it('deletes the highest wave first, keeps Delete=false and hooks, and holds Delete=confirm until approved', () => {
    const candidates = [
      candidate('early', { 'argocd.argoproj.io/sync-wave': '-1' }),
      candidate('plain'),
      candidate('late', { 'argocd.argoproj.io/sync-wave': '3' }),
      candidate('kept', { 'argocd.argoproj.io/sync-options': 'Delete=false' }),
      candidate('hook', { 'argocd.argoproj.io/hook': 'PreSync' }),
      candidate('confirm', { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=confirm' }),
    ];
    const plan = planDeletion(candidates, false);
    expect(names(plan.now)).toEqual(['late']);
    expect(plan.remaining).toBe(3);
    expect(names(plan.kept)).toEqual(['kept', 'hook']);
    expect(names(plan.awaitingConfirmation)).toEqual(['confirm']);
    expect(names(planDeletion(candidates, true).now)).toEqual(['late']);
    expect(planDeletion(candidates, true).remaining).toBe(4);
  });

  it('waits for a wave that is already terminating instead of deleting it again', () => {
    const plan = planDeletion(
      [candidate('going', {}, true), candidate('first', { 'argocd.argoproj.io/sync-wave': '-5' })],
      false,
    );
    expect(plan.now).toEqual([]);
    expect(plan.remaining).toBe(2);
  });

  it('reads cascade and propagation from the finalizer', () => {
    expect(resourcesFinalizerOf(['other', 'resources-finalizer.argocd.argoproj.io/background'])).toBe(
      'resources-finalizer.argocd.argoproj.io/background',
    );
    expect(resourcesFinalizerOf(['other'])).toBeUndefined();
    expect(propagationOf('resources-finalizer.argocd.argoproj.io')).toBe('Foreground');
    expect(propagationOf('resources-finalizer.argocd.argoproj.io/background')).toBe('Background');
  });
});
