import { PERMISSION_DENIED_MESSAGE, guardedLookup } from './guarded-lookup';

interface App {
  project: string;
  name: string;
}

const stored: Record<string, App> = { web: { project: 'team-a', name: 'web' }, db: { project: 'team-b', name: 'db' } };

/** A caller allowed into team-a only; counts reads to show every path reads. */
function lookup(name: string, requestedProject?: string) {
  const reads: string[] = [];
  return {
    reads,
    run: () =>
      guardedLookup<App>({
        requestedObject: requestedProject === undefined ? undefined : `${requestedProject}/${name}`,
        fetch: () => {
          reads.push(name);
          return Promise.resolve(stored[name]);
        },
        objectOf: (app) => `${app.project}/${app.name}`,
        can: (object) => Promise.resolve(object.startsWith('team-a/')),
      }),
  };
}

const denied = { outcome: 'denied', message: PERMISSION_DENIED_MESSAGE };

describe('guardedLookup', () => {
  it('returns the object the caller may see', async () => {
    expect(await lookup('web').run()).toEqual({ outcome: 'allowed', value: stored['web'] });
    expect(await lookup('web', 'team-a').run()).toEqual({ outcome: 'allowed', value: stored['web'] });
  });

  it('answers a forbidden object and a missing one identically when no project was given', async () => {
    const forbidden = lookup('db');
    const missing = lookup('ghost');
    expect(await forbidden.run()).toEqual(denied);
    expect(await missing.run()).toEqual(denied);
    expect([forbidden.reads, missing.reads]).toEqual([['db'], ['ghost']]);
  });

  it('reads even when the requested name is refused, so timing does not tell', async () => {
    const refused = lookup('db', 'team-b');
    expect(await refused.run()).toEqual(denied);
    expect(refused.reads).toEqual(['db']);
    expect(await lookup('ghost', 'team-b').run()).toEqual(denied);
  });

  it('authorizes against the stored project, and hides an object that lives elsewhere as not found', async () => {
    // Asked as team-a/db, but db is stored in team-b (e.g. moved with kubectl).
    expect(await lookup('db', 'team-a').run()).toEqual({ outcome: 'not-found' });
    expect(await lookup('ghost', 'team-a').run()).toEqual({ outcome: 'not-found' });
  });
});
