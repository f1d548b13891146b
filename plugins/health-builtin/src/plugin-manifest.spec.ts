// The manifest is static data the kernel routes by; it must list exactly the
// kinds the rules cover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_HEALTH_RULES } from './rules';

describe('plugin manifest', () => {
  it('contributes health for exactly the built-in rule kinds', () => {
    const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      driftless: { contributes: { health: { resources: { group: string; kind: string }[] } } };
    };
    const listed = packageJson.driftless.contributes.health.resources.map(({ group, kind }) =>
      group === '' ? kind : `${group}/${kind}`,
    );
    expect([...listed].sort()).toEqual([...BUILTIN_HEALTH_RULES.keys()].sort());
  });
});
