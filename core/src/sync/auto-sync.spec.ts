import { type Application, type OperationState, type ResourceStatus } from '@driftless/schema';
import {
  autoSyncDecision,
  DEFAULT_SELF_HEAL,
  selfHealWaitMs,
  type AutoSyncDecision,
  type AutoSyncInput,
  type SelfHealBackoff,
} from './auto-sync';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const SHA = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const source = { repoURL: 'https://git.example/apps.git', path: 'web', targetRevision: 'main' };
const secondSource = { repoURL: 'https://git.example/values.git', path: 'values', targetRevision: 'main' };

const cm = (name: string, extra: Partial<ResourceStatus> = {}): ResourceStatus => ({
  version: 'v1',
  kind: 'ConfigMap',
  namespace: 'web',
  name,
  status: 'Synced',
  ...extra,
});
const drifted = cm('drifted', { status: 'OutOfSync' });
const extra = cm('extra', { status: 'OutOfSync', requiresPruning: true });
const hook = { version: 'v1', group: 'batch', kind: 'Job', namespace: 'web', name: 'migrate', hook: true };

/** An operation that ended `secondsAgo` before NOW. */
function ended(
  phase: OperationState['phase'],
  options: {
    revision?: string;
    secondsAgo?: number;
    automated?: boolean;
    healed?: number;
    recordedSource?: typeof source;
    noResult?: boolean;
    message?: string;
  } = {},
): OperationState {
  const finishedAt = new Date(NOW - (options.secondsAgo ?? 60) * 1000).toISOString();
  const revision = options.revision ?? SHA;
  return {
    operation: {
      sync: {
        revision,
        ...(options.healed !== undefined ? { autoHealAttemptsCount: options.healed } : {}),
      },
      initiatedBy: options.automated === false ? { username: 'admin' } : { automated: true },
    },
    phase,
    message: options.message ?? (phase === 'Succeeded' ? 'successfully synced (all tasks run)' : 'it broke'),
    startedAt: new Date(Date.parse(finishedAt) - 5000).toISOString(),
    finishedAt,
    ...(options.noResult
      ? {}
      : { syncResult: { revision, source: options.recordedSource ?? { ...source, targetRevision: revision } } }),
  };
}

function running(): OperationState {
  const { finishedAt: _notYet, ...state } = ended('Running', { revision: OLD });
  return state;
}

interface Case {
  automated?: Record<string, unknown> | null;
  retry?: Record<string, unknown>;
  syncOptions?: string[];
  state?: OperationState;
  operation?: boolean;
  deleting?: boolean;
  spec?: Record<string, unknown>;
  syncStatus?: string;
  resources?: ResourceStatus[];
  revisions?: string[];
  multiSource?: boolean;
  windows?: { allowed: boolean; message: string };
  selfHeal?: SelfHealBackoff;
}

function input(c: Case): AutoSyncInput {
  const automated = c.automated === null ? undefined : (c.automated ?? {});
  const app = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'web',
      namespace: 'argocd',
      ...(c.deleting ? { deletionTimestamp: '2026-03-01T11:00:00Z' } : {}),
    },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      ...(c.multiSource ? { sources: [source, secondSource] } : { source }),
      syncPolicy: {
        ...(automated ? { automated } : {}),
        ...(c.retry ? { retry: c.retry } : {}),
        ...(c.syncOptions ? { syncOptions: c.syncOptions } : {}),
      },
      ...c.spec,
    },
    ...(c.operation ? { operation: { sync: {}, initiatedBy: { username: 'admin' } } } : {}),
    status: c.state ? { operationState: c.state } : {},
  } as unknown as Application;
  return {
    app,
    syncStatus: c.syncStatus ?? 'OutOfSync',
    resources: c.resources ?? [cm('kept'), drifted],
    revisions: c.revisions ?? [SHA],
    multiSource: Boolean(c.multiSource),
    now: new Date(NOW),
    selfHeal: c.selfHeal ?? DEFAULT_SELF_HEAL,
    windows: c.windows ?? { allowed: true, message: '' },
  };
}

/** it.each rows as [title, expected, case], so that '%s → %s' prints the expectation. */
const rows = <T>(list: [string, Case, T][]): [string, T, Case][] =>
  list.map(([title, c, expected]): [string, T, Case] => [title, expected, c]);

const decide = (c: Case): AutoSyncDecision => autoSyncDecision(input(c));
const kind = (c: Case) => decide(c).kind;
const operationOf = (c: Case) => {
  const decision = decide(c);
  if (decision.kind !== 'sync') throw new Error(`expected a sync, got ${JSON.stringify(decision)}`);
  return decision.operation;
};

describe('autoSyncDecision', () => {
  describe('only an enabled policy, no operation, not being deleted, OutOfSync', () => {
    it.each(
      rows<AutoSyncDecision['kind']>([
        ['no automated policy', { automated: null }, 'none'],
        ['automated.enabled false', { automated: { enabled: false } }, 'none'],
        ['automated.enabled true', { automated: { enabled: true } }, 'sync'],
        ['automated: {}', {}, 'sync'],
        ['an operation is set', { operation: true }, 'none'],
        ['an operation is Running', { state: running() }, 'none'],
        [
          'an operation waits for its retry',
          { state: { ...ended('Running', { revision: OLD, noResult: true }) } },
          'none',
        ],
        ['an operation is Terminating', { state: ended('Terminating', { revision: OLD }) }, 'none'],
        ['the app is being deleted', { deleting: true }, 'none'],
        ['sync status Synced', { syncStatus: 'Synced' }, 'none'],
        ['sync status Unknown', { syncStatus: 'Unknown' }, 'none'],
        ['sync status OutOfSync after an older revision', { state: ended('Succeeded', { revision: OLD }) }, 'sync'],
      ]),
    )('%s → %s', (_name, expected, c) => expect(kind(c)).toBe(expected));
  });

  describe('differences that are only prunes need `prune`', () => {
    it.each(
      rows<AutoSyncDecision['kind']>([
        ['only prunes, no prune', { resources: [cm('kept'), extra] }, 'none'],
        ['only prunes and a hook, no prune', { resources: [cm('kept'), extra, hook] }, 'none'],
        ['only prunes, prune', { automated: { prune: true }, resources: [cm('kept'), extra] }, 'sync'],
        ['a prune and a change, no prune', { resources: [cm('kept'), extra, drifted] }, 'sync'],
      ]),
    )('%s → %s', (_name, expected, c) => expect(kind(c)).toBe(expected));

    it('asks for prune in the operation only when the policy prunes', () => {
      expect(operationOf({ automated: { prune: true } }).sync?.prune).toBe(true);
      expect(operationOf({}).sync?.prune).toBeUndefined();
    });
  });

  describe('the operation', () => {
    it("deploys the compared revision with the app's sync options, initiated by automation, with Argo CD's default retry", () => {
      expect(operationOf({ syncOptions: ['CreateNamespace=true'] })).toEqual({
        sync: { revision: SHA, syncOptions: ['CreateNamespace=true'] },
        initiatedBy: { automated: true },
        retry: { limit: 5 },
      });
    });

    it("takes the app's retry strategy instead, even one without retries", () => {
      const retry = { limit: 2, backoff: { duration: '1s' } };
      expect(operationOf({ retry }).retry).toEqual(retry);
      expect(operationOf({ retry: { limit: 0 } }).retry).toEqual({ limit: 0 });
    });

    it('deploys every revision of a multi-source app', () => {
      expect(operationOf({ multiSource: true, revisions: [SHA, OLD] }).sync).toEqual({ revisions: [SHA, OLD] });
    });
  });

  describe('the same revision and source are not tried twice', () => {
    it.each<[string, Case, AutoSyncDecision]>([
      [
        'a failed last attempt',
        { state: ended('Failed', { message: 'one or more objects failed to apply' }) },
        { kind: 'error', message: `Failed last sync attempt to ${SHA}: one or more objects failed to apply` },
      ],
      [
        'an errored last attempt',
        { state: ended('Error', { message: 'ComparisonError: boom' }) },
        { kind: 'error', message: `Failed last sync attempt to ${SHA}: ComparisonError: boom` },
      ],
      [
        'a failed manual attempt at that revision',
        { state: ended('Failed', { automated: false, message: 'nope' }) },
        { kind: 'error', message: `Failed last sync attempt to ${SHA}: nope` },
      ],
      [
        'a failed attempt that recorded no result (its operation revision counts)',
        { state: ended('Failed', { noResult: true, message: 'nope' }) },
        { kind: 'error', message: `Failed last sync attempt to ${SHA}: nope` },
      ],
      ['a successful last attempt without selfHeal', { state: ended('Succeeded') }, { kind: 'none' }],
      [
        'a successful attempt whose recorded source names the branch, not the commit',
        { state: ended('Succeeded', { recordedSource: source }) },
        { kind: 'none' },
      ],
    ])('%s', (_name, c, expected) => expect(decide(c)).toEqual(expected));

    it('tries again when Git moved on after a failure', () => {
      expect(kind({ state: ended('Failed', { revision: OLD }) })).toBe('sync');
    });

    it('tries again when the source changed at the same revision (Argo CD compares the source too)', () => {
      const state = ended('Failed', { recordedSource: { ...source, path: 'broken' } });
      expect(kind({ state })).toBe('sync');
      expect(kind({ state: ended('Succeeded', { recordedSource: { ...source, path: 'old' } }) })).toBe('sync');
    });

    it('compares the revisions and sources of a multi-source app', () => {
      const state = (revisions: string[], sources = [source, secondSource]): OperationState => ({
        ...ended('Failed'),
        operation: { sync: { revisions }, initiatedBy: { automated: true } },
        syncResult: { revision: revisions[0] ?? '', revisions, sources },
      });
      const base = { multiSource: true, revisions: [SHA, OLD] };
      expect(kind({ ...base, state: state([SHA, OLD]) })).toBe('error');
      expect(kind({ ...base, state: state([SHA, SHA]) })).toBe('sync');
      expect(kind({ ...base, state: state([SHA, OLD], [source]) })).toBe('sync');
    });
  });

  describe('self-heal: the drifted resources only, after a growing back-off', () => {
    const healing = (state: OperationState, c: Case = {}) =>
      decide({ automated: { selfHeal: true }, state, resources: [cm('kept'), drifted, hook], ...c });

    it('heals at once after a sync that was not a self-heal, as attempt 1', () => {
      for (const state of [ended('Succeeded', { secondsAgo: 0 }), ended('Succeeded', { automated: false })])
        expect(healing(state)).toEqual({
          kind: 'sync',
          operation: {
            sync: {
              revision: SHA,
              resources: [{ group: '', kind: 'ConfigMap', namespace: 'web', name: 'drifted' }],
              autoHealAttemptsCount: 1,
            },
            initiatedBy: { automated: true },
            retry: { limit: 5 },
          },
        });
    });

    it.each<[number, number, AutoSyncDecision]>([
      // previous self-heal attempts, seconds since the last operation ended → decision
      [1, 0.5, { kind: 'later', afterMs: 1500 }],
      [1, 2, { kind: 'sync', operation: expect.anything() }],
      [2, 1, { kind: 'later', afterMs: 5000 }],
      [3, 10, { kind: 'later', afterMs: 8000 }],
      [5, 100, { kind: 'later', afterMs: 62_000 }],
      [7, 200, { kind: 'later', afterMs: 100_000 }],
      [20, 301, { kind: 'sync', operation: expect.anything() }],
    ])('after %i self-heal(s), %f s later: %j', (healed, secondsAgo, expected) => {
      expect(healing(ended('Succeeded', { healed, secondsAgo }))).toEqual(expected);
    });

    it('counts on from the previous self-heal', () => {
      const decision = healing(ended('Succeeded', { healed: 3, secondsAgo: 60 }));
      expect(decision.kind === 'sync' && decision.operation.sync?.autoHealAttemptsCount).toBe(4);
    });

    it.each<[number, number]>([
      [0, 0],
      [1, 2_000],
      [2, 6_000],
      [3, 18_000],
      [4, 54_000],
      [5, 162_000],
      [6, 300_000],
    ])('waits 2 s × 3^(n-1), at most 300 s: after %i attempts %i ms', (attempts, ms) => {
      expect(selfHealWaitMs(attempts, DEFAULT_SELF_HEAL)).toBe(ms);
    });

    it('uses the fixed --self-heal-timeout-seconds when the back-off is 0', () => {
      const selfHeal = { ...DEFAULT_SELF_HEAL, backoffSeconds: 0, timeoutSeconds: 5 };
      expect(healing(ended('Succeeded', { secondsAgo: 2 }), { selfHeal })).toEqual({ kind: 'later', afterMs: 3000 });
      expect(healing(ended('Succeeded', { secondsAgo: 6, healed: 4 }), { selfHeal }).kind).toBe('sync');
      expect(selfHealWaitMs(3, { ...DEFAULT_SELF_HEAL, backoffSeconds: 0 })).toBe(0);
    });

    it('still needs prune when only prunes drifted, and names what requires pruning when it prunes', () => {
      expect(healing(ended('Succeeded'), { resources: [cm('kept'), extra] })).toEqual({ kind: 'none' });
      const decision = healing(ended('Succeeded'), {
        automated: { selfHeal: true, prune: true },
        resources: [cm('kept'), extra, drifted],
      });
      expect(decision.kind === 'sync' && decision.operation.sync).toMatchObject({
        prune: true,
        resources: [
          { group: '', kind: 'ConfigMap', namespace: 'web', name: 'extra' },
          { group: '', kind: 'ConfigMap', namespace: 'web', name: 'drifted' },
        ],
      });
    });

    it('does not heal after a failure', () => {
      expect(healing(ended('Failed')).kind).toBe('error');
    });
  });

  describe('deleting every resource needs allowEmpty', () => {
    const allPruned = [extra, cm('other', { status: 'OutOfSync', requiresPruning: true })];
    it.each(
      rows<AutoSyncDecision['kind']>([
        ['prune without allowEmpty', { automated: { prune: true }, resources: allPruned }, 'error'],
        ['prune with allowEmpty', { automated: { prune: true, allowEmpty: true }, resources: allPruned }, 'sync'],
        ['prune, a hook that stays', { automated: { prune: true }, resources: [...allPruned, hook] }, 'error'],
        ['prune, one resource stays', { automated: { prune: true }, resources: [...allPruned, drifted] }, 'sync'],
        ['no prune', { resources: allPruned }, 'none'],
      ]),
    )('%s → %s', (_name, expected, c) => expect(kind(c)).toBe(expected));

    it("says so with Argo CD's message", () => {
      expect(decide({ automated: { prune: true }, resources: allPruned })).toEqual({
        kind: 'error',
        message: `Skipping sync attempt to ${SHA}: auto-sync will wipe out all resources`,
      });
    });
  });

  describe("the project's sync windows", () => {
    const windows = { allowed: false, message: 'Sync prevented by sync window: deny window "* * * * *" is active' };
    it.each<[string, Case, AutoSyncDecision]>([
      ['a sync it would start', { windows }, { kind: 'error', message: windows.message }],
      [
        'a self-heal it would start',
        { windows, automated: { selfHeal: true }, state: ended('Succeeded') },
        {
          kind: 'error',
          message: windows.message,
        },
      ],
      ['nothing to do anyway', { windows, syncStatus: 'Synced' }, { kind: 'none' }],
      ['a sync already tried', { windows, state: ended('Succeeded') }, { kind: 'none' }],
    ])('forbid %s', (_name, c, expected) => expect(decide(c)).toEqual(expected));
  });
});
