import { appHealth, type ResourceHealthInput } from './app-health';
import { mergeConditions } from './conditions';

describe('mergeConditions', () => {
  it('keeps the transition time of a condition that stays, stamps new ones, keeps the delete path’s', () => {
    const previous = [
      { type: 'ComparisonError' as const, message: 'a', lastTransitionTime: 't0' },
      { type: 'DeletionError' as const, message: 'cannot delete', lastTransitionTime: 't1' },
      { type: 'SyncError' as const, message: 'auto-sync decided otherwise now', lastTransitionTime: 't3' },
      { type: 'InvalidSpecError' as const, message: 'gone', lastTransitionTime: 't2' },
    ];
    expect(
      mergeConditions(
        previous,
        [
          { type: 'ComparisonError', message: 'a' },
          { type: 'SharedResourceWarning', message: 'b' },
          { type: 'SharedResourceWarning', message: 'b' },
        ],
        'now',
      ),
    ).toEqual([
      { type: 'DeletionError', message: 'cannot delete', lastTransitionTime: 't1' },
      { type: 'ComparisonError', message: 'a', lastTransitionTime: 't0' },
      { type: 'SharedResourceWarning', message: 'b', lastTransitionTime: 'now' },
    ]);
  });
});

describe('appHealth', () => {
  const resource = (health: string | undefined, flags: Partial<ResourceHealthInput> = {}): ResourceHealthInput => ({
    hook: false,
    liveMissing: false,
    ignored: false,
    childApplication: false,
    health: health ? { status: health as never } : undefined,
    ...flags,
  });

  it('is the worst live resource health, Healthy when there is none', () => {
    expect(appHealth([])).toEqual({ status: 'Healthy' });
    expect(appHealth([resource('Progressing'), resource(undefined), resource('Suspended')])).toEqual({
      status: 'Progressing',
    });
    expect(appHealth([resource('Degraded'), resource('Unknown')])).toEqual({ status: 'Unknown' });
  });

  it('leaves out hooks, ignored resources, missing ones and unhealthy-looking child apps', () => {
    expect(
      appHealth([
        resource('Healthy'),
        resource('Degraded', { hook: true }),
        resource('Degraded', { ignored: true }),
        resource(undefined, { liveMissing: true }),
        resource('Missing', { childApplication: true }),
        resource('Unknown', { childApplication: true }),
      ]),
    ).toEqual({ status: 'Healthy' });
    expect(appHealth([resource('Degraded', { childApplication: true })])).toEqual({ status: 'Degraded' });
  });

  it('is Missing when every resource is missing', () => {
    expect(appHealth([resource(undefined, { liveMissing: true }), resource(undefined, { liveMissing: true })])).toEqual(
      {
        status: 'Missing',
      },
    );
  });
});
