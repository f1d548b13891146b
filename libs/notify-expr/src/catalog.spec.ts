// Each catalog trigger against testdata/catalog/<trigger>.yaml: patches of a realistic Application
// on which it must fire (with the expected oncePer) and must not fire, without expression errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CATALOG_TRIGGERS, catalogTriggers, createNotificationEnv, runTrigger } from './index';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface CatalogCase {
  name: string;
  patch: Json;
  oncePer?: string;
}

const testdata = join(__dirname, '..', 'testdata');
const baseApp = parse(readFileSync(join(testdata, 'apps', 'synced-healthy.yaml'), 'utf8')) as Json;
const triggers = catalogTriggers();

/** JSON merge patch (RFC 7386): objects merge, null deletes. */
function mergePatch(target: Json, patch: Json): Json {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: { [key: string]: Json } =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key] ?? null, value);
  }
  return result;
}

function evaluate(triggerName: string, patch: Json) {
  const app = mergePatch(baseApp, patch) as Record<string, unknown>;
  const env = createNotificationEnv({ app, clock: () => new Date('2026-11-25T18:10:00Z') });
  return runTrigger(triggers.get(triggerName)!, env);
}

const files = readdirSync(join(testdata, 'catalog')).filter((file) => file.endsWith('.yaml'));

test('the catalog has the 8 Argo CD triggers, each with a testdata file', () => {
  const names = Object.keys(CATALOG_TRIGGERS).map((key) => key.replace('trigger.', ''));
  expect(names.sort()).toEqual(files.map((file) => file.replace('.yaml', '')).sort());
  expect(names).toHaveLength(8);
});

test('catalog triggers are stored as argocd-notifications-cm YAML', () => {
  expect(CATALOG_TRIGGERS['trigger.on-created']).toBe(
    '- description: Application is created.\n  oncePer: app.metadata.name\n  send:\n  - app-created\n  when: "true"\n',
  );
  expect(triggers.get('on-sync-failed')!.conditions[0]!.send).toEqual(['app-sync-failed']);
});

describe.each(files.map((file) => file.replace('.yaml', '')))('%s', (triggerName) => {
  const spec = parse(readFileSync(join(testdata, 'catalog', `${triggerName}.yaml`), 'utf8')) as {
    fires: CatalogCase[];
    doesNotFire: CatalogCase[];
  };
  const fires = spec.fires.map((entry): [string, CatalogCase] => [entry.name, entry]);
  const quiet = spec.doesNotFire.map((entry): [string, CatalogCase] => [entry.name, entry]);

  test.each(fires)('fires: %s', (_name, entry) => {
    const run = evaluate(triggerName, entry.patch);
    expect(run.warnings).toEqual([]);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]!.triggered).toBe(true);
    expect(run.results[0]!.oncePer).toBe(entry.oncePer);
    expect(run.results[0]!.templates).toEqual([`app-${triggerName.replace(/^on-/, '')}`]);
  });

  if (quiet.length > 0) {
    test.each(quiet)('does not fire: %s', (_name, entry) => {
      const run = evaluate(triggerName, entry.patch);
      expect(run.warnings).toEqual([]);
      expect(run.results[0]!.triggered).toBe(false);
      expect(run.results[0]!.oncePer).toBe('');
    });
  }
});
