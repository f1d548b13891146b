import { type Application } from '@driftless/schema';
import { type IndexedApplication } from '../index/application-index.service';
import { type ApplicationFilter, filterRows } from '../query/application-filter';
import { applicationRow } from '../query/application-row';
import { ApplicationChangeType } from './application-change.model';
import { applicationView } from './application-view';
import { type SubscriberLens, SubscriberApplications, classifyChange, seenBy } from './subscriber-applications';

const app = (
  name: string,
  status: Application['status'] = {},
  extra: Partial<Application['spec']> = {},
): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd' },
  spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc' }, ...extra },
  status,
});

describe('classifyChange', () => {
  const synced = applicationView(app('web', { sync: { status: 'Synced' } }));
  const outOfSync = applicationView(app('web', { sync: { status: 'OutOfSync' } }));

  it.each([
    ['absent before and now', undefined, undefined, undefined],
    ['appears (created, visible or matching now)', undefined, synced, ApplicationChangeType.ADDED],
    ['disappears (deleted, invisible or not matching now)', synced, undefined, ApplicationChangeType.DELETED],
    ['changes what the model shows', synced, outOfSync, ApplicationChangeType.MODIFIED],
  ])('%s', (_case, before, now, expected) => {
    expect(classifyChange(before, now)?.type).toBe(expected);
  });

  it('sends nothing for a change the model does not show', () => {
    const reconciled = applicationView(
      app('web', { sync: { status: 'Synced' }, reconciledAt: '2026-01-01T00:00:00Z' }),
    );
    expect(reconciled).not.toBe(synced);
    expect(classifyChange(synced, reconciled)).toBeUndefined();
  });

  it('reports a DELETED with the model the subscriber last had', () => {
    expect(classifyChange(synced, undefined)?.view).toBe(synced);
  });
});

describe('SubscriberApplications', () => {
  const visible = applicationView(app('web'));
  const moved = applicationView(app('web', {}, { project: 'team-b' }));

  it('follows one subscriber through seed, change, loss and return', () => {
    const held = new SubscriberApplications();
    held.seed('argocd/web', visible);
    expect(held.observe('argocd/web', visible)).toBeUndefined();
    expect(held.observe('argocd/web', moved)?.type).toBe(ApplicationChangeType.MODIFIED);
    expect(held.observe('argocd/web', undefined)).toMatchObject({ type: ApplicationChangeType.DELETED, view: moved });
    expect(held.observe('argocd/web', undefined)).toBeUndefined();
    expect([...held.keys()]).toEqual([]);
    expect(held.observe('argocd/web', visible)?.type).toBe(ApplicationChangeType.ADDED);
  });
});

describe('what a subscriber sees, by visibility and filter, before and after a change', () => {
  const entry = (application: Application): IndexedApplication => ({ application, row: applicationRow(application) });
  const viewerOf =
    (...objects: string[]) =>
    (_action: string, _resource: string, object: string) =>
      objects.includes(object);
  const lens = (can: SubscriberLens['can'], filter: ApplicationFilter = {}): SubscriberLens => ({
    can,
    matches: (row) => filterRows([row], filter).length === 1,
    controlNamespace: 'argocd',
  });
  const outOfSync = app('web', { sync: { status: 'OutOfSync' } }, { project: 'team-a' });
  const synced = app('web', { sync: { status: 'Synced' } }, { project: 'team-a' });
  const movedToB = app('web', { sync: { status: 'Synced' } }, { project: 'team-b' });

  const classify = (
    before: [SubscriberLens, Application | undefined],
    after: [SubscriberLens, Application | undefined],
  ): ApplicationChangeType | undefined => {
    const held = new SubscriberApplications();
    const seenBefore = seenBy(before[0], before[1] && entry(before[1]));
    if (seenBefore) held.seed('argocd/web', seenBefore);
    return held.observe('argocd/web', seenBy(after[0], after[1] && entry(after[1])))?.type;
  };

  const teamA = lens(viewerOf('team-a/web'));
  const teamB = lens(viewerOf('team-b/web'));
  const outOfSyncOnly = lens(viewerOf('team-a/web'), { syncStatuses: ['OutOfSync'] });

  it.each([
    ['created, visible', [teamA, undefined], [teamA, synced], ApplicationChangeType.ADDED],
    ['created, invisible', [teamB, undefined], [teamB, synced], undefined],
    ['visible change', [teamA, outOfSync], [teamA, synced], ApplicationChangeType.MODIFIED],
    ['change of an invisible app', [teamB, outOfSync], [teamB, synced], undefined],
    ['moved out of the viewer’s project', [teamA, synced], [teamA, movedToB], ApplicationChangeType.DELETED],
    ['moved into the viewer’s project', [teamB, synced], [teamB, movedToB], ApplicationChangeType.ADDED],
    ['policy revoked', [teamA, synced], [lens(viewerOf()), synced], ApplicationChangeType.DELETED],
    ['policy granted', [lens(viewerOf()), synced], [teamA, synced], ApplicationChangeType.ADDED],
    ['stops matching the filter', [outOfSyncOnly, outOfSync], [outOfSyncOnly, synced], ApplicationChangeType.DELETED],
    ['starts matching the filter', [outOfSyncOnly, synced], [outOfSyncOnly, outOfSync], ApplicationChangeType.ADDED],
    ['deleted', [teamA, synced], [teamA, undefined], ApplicationChangeType.DELETED],
  ] as const)('%s', (_case, before, after, expected) => {
    expect(classify([...before], [...after])).toBe(expected);
  });

  it('asks RBAC about an app outside the control-plane namespace as <project>/<namespace>/<name>', () => {
    const elsewhere = { ...synced, metadata: { name: 'web', namespace: 'apps' } } as Application;
    expect(seenBy(lens(viewerOf('team-a/apps/web')), entry(elsewhere))).toBeDefined();
    expect(seenBy(lens(viewerOf('team-a/web')), entry(elsewhere))).toBeUndefined();
  });
});
