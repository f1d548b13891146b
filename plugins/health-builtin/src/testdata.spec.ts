// Runs every case under testdata/<kind>/<case>/: object.yaml (as a cluster
// reports it), expected.yaml (`status` + `message`, or `health: none`), and an
// optional argocd-cm.yaml whose Lua customizations apply. Add a case by adding
// a folder.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LuaCustomizations } from '@driftless/lua-health';
import { assessResourceHealth } from './assess';
import { BUILTIN_HEALTH_RULES } from './rules';

const root = join(__dirname, '..', 'testdata');

function cases(): [string, string][] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((kind) =>
      readdirSync(join(root, kind.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry): [string, string] => [`${kind.name}/${entry.name}`, join(root, kind.name, entry.name)]),
    );
}

describe('built-in health rules (testdata)', () => {
  const all = cases();

  it('has at least two cases for every built-in rule', () => {
    const counts = new Map<string, number>();
    for (const [, dir] of all) {
      const obj = parse(readFileSync(join(dir, 'object.yaml'), 'utf8')) as { apiVersion: string; kind: string };
      const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
      const key = group ? `${group}/${obj.kind}` : obj.kind;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const thin = [...BUILTIN_HEALTH_RULES.keys()].filter(
      (key) => (counts.get(key) ?? 0) < 2 && key !== 'extensions/Ingress',
    );
    expect(thin).toEqual([]);
  });

  it.each(all)('%s', (_name, dir) => {
    const obj: unknown = parse(readFileSync(join(dir, 'object.yaml'), 'utf8'));
    const expected = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as {
      status?: string;
      message?: string;
      health?: string;
    };
    const cmPath = join(dir, 'argocd-cm.yaml');
    const customizations = existsSync(cmPath)
      ? LuaCustomizations.fromConfigMap(parse(readFileSync(cmPath, 'utf8'))).customizations
      : undefined;
    const result = assessResourceHealth(obj, customizations ? { customizations } : {});
    if (expected.health === 'none') {
      expect(result).toBeUndefined();
    } else {
      expect(result).toEqual(
        expected.message ? { status: expected.status, message: expected.message } : { status: expected.status },
      );
    }
  });
});
