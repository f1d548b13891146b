// The direct evaluation of Argo CD's model must decide exactly as casbin does:
// random policies (subjects, roles and role chains, glob or regex patterns,
// allow and deny) against random requests, compared decision by decision.
import fc from 'fast-check';
import { buildPolicyEngine, newArgoEnforcer } from './policy-engine';
import { type MatchMode } from './match-mode';
import { type PolicyRule } from './policy-csv';

const subjects = ['alice', 'bob', 'role:dev', 'role:ops', 'role:admin', 'team-a'];
const values = {
  resource: ['applications', 'clusters', 'projects', 'logs'],
  action: ['get', 'sync', 'update', 'delete', 'action/apps/Deployment/restart'],
  object: ['default/web', 'team-a/api', 'team-a/web', 'team-b/api', 'proj/ns/app', 'https://kubernetes.default.svc'],
};
const globPatterns = {
  resource: ['*', 'applications', 'clusters', 'app*', 'logs'],
  action: ['*', 'get', 'sync', 'action/*', 'update', 'delete'],
  object: ['*', '*/*', 'team-a/*', 'default/web', '*/api', 'team-?/*', 'proj/*', '{team-a,default}/*', '[a-z]*/web'],
};
const regexPatterns = {
  resource: ['.*', '^applications$', 'cluster', 'app.*', '^logs$'],
  action: ['.*', '^get$', 'sync', '^action/.*', 'update|delete'],
  object: ['.*', '^team-a/.*$', 'api$', '^default/', 'team-[ab]', 'proj/.*/app', '^https://'],
};

function rulesArbitrary(mode: MatchMode): fc.Arbitrary<PolicyRule[]> {
  const patterns = mode === 'glob' ? globPatterns : regexPatterns;
  const permission = fc
    .tuple(
      fc.constantFrom(...subjects),
      fc.constantFrom(...patterns.resource),
      fc.constantFrom(...patterns.action),
      fc.constantFrom(...patterns.object),
      fc.constantFrom('allow', 'deny'),
    )
    .map((fields): PolicyRule => ({ kind: 'p', fields, source: 'test', line: 0, text: fields.join(', ') }));
  const grouping = fc
    .tuple(fc.constantFrom(...subjects), fc.constantFrom(...subjects))
    .filter(([member, role]) => member !== role)
    .map((fields): PolicyRule => ({ kind: 'g', fields, source: 'test', line: 0, text: fields.join(', ') }));
  return fc
    .tuple(fc.array(permission, { minLength: 1, maxLength: 12 }), fc.array(grouping, { maxLength: 5 }))
    .map(([p, g]) => [...p, ...g]);
}

const request = fc.tuple(
  fc.constantFrom(...subjects),
  fc.constantFrom(...values.resource),
  fc.constantFrom(...values.action),
  fc.constantFrom(...values.object),
);

describe('policy engine', () => {
  it.each<MatchMode>(['glob', 'regex'])('decides as casbin with Argo CD’s model (%s mode)', async (mode) => {
    await fc.assert(
      fc.asyncProperty(
        rulesArbitrary(mode),
        fc.array(request, { minLength: 1, maxLength: 20 }),
        async (rules, requests) => {
          const engine = await buildPolicyEngine(rules, mode);
          const casbin = await newArgoEnforcer(rules, mode);
          for (const [subject, resource, action, object] of requests) {
            const expected = casbin.enforceSync(subject, resource, action, object);
            expect([subject, resource, action, object, engine.allows(subject, resource, action, object)]).toEqual([
              subject,
              resource,
              action,
              object,
              expected,
            ]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('denies every request a pattern that does not compile takes part in (regex mode)', async () => {
    const rules: PolicyRule[] = [
      { kind: 'p', fields: ['alice', 'applications', 'get', '(', 'allow'], source: 't', line: 1, text: '' },
      { kind: 'p', fields: ['alice', 'applications', 'get', '.*', 'allow'], source: 't', line: 2, text: '' },
    ];
    const engine = await buildPolicyEngine(rules, 'regex');
    expect(engine.allows('alice', 'applications', 'get', 'default/web')).toBe(false);
  });
});
