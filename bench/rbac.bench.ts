// RBAC decision cost: `can()` per call with the built-in policy plus a user
// policy of realistic size (20 team roles, 200 lines), for a plain subject, for
// token claims with groups, and for claims on a project with roles (cached
// project engine). "cold" asks about a new object every call, so casbin walks
// the policy; "repeated" asks the same question again (decision cache).
import { type RbacProject, createRbacEnforcer, rbacConfigFromData } from '../core/src/rbac';
import { round, type BenchmarkResult } from './benchmark';

const TEAMS = 20;

function userPolicy(): string {
  const lines: string[] = [];
  for (let team = 0; team < TEAMS; team += 1) {
    const role = `role:team-${team}`;
    lines.push(
      `p, ${role}, applications, get, team-${team}/*, allow`,
      `p, ${role}, applications, sync, team-${team}/*, allow`,
      `p, ${role}, applications, update/*, team-${team}/*, allow`,
      `p, ${role}, applications, action/*, team-${team}/*, allow`,
      `p, ${role}, applications, delete, team-${team}/prod-*, deny`,
      `p, ${role}, applicationsets, get, team-${team}/*, allow`,
      `p, ${role}, logs, get, team-${team}/*, allow`,
      `p, ${role}, repositories, get, *, allow`,
      `g, my-org:team-${team}, ${role}`,
      `g, user-${team}@example.com, ${role}`,
    );
  }
  return lines.join('\n');
}

const project: RbacProject = {
  metadata: { name: 'team-7', resourceVersion: '42' },
  spec: {
    roles: [
      {
        name: 'deployer',
        policies: ['p, proj:team-7:deployer, applications, sync, team-7/*, allow'],
        groups: ['my-org:deployers'],
      },
    ],
  },
};

async function microsecondsPerCall(call: (index: number) => Promise<boolean>, calls: number): Promise<number> {
  for (let index = 0; index < 200; index += 1) await call(-index - 1);
  const started = performance.now();
  for (let index = 0; index < calls; index += 1) await call(index);
  return ((performance.now() - started) * 1000) / calls;
}

export default async function rbacBenchmark(): Promise<BenchmarkResult[]> {
  const config = rbacConfigFromData({ 'policy.csv': userPolicy(), 'policy.default': '' });
  const enforcer = await createRbacEnforcer(config, { projects: (name) => (name === 'team-7' ? project : undefined) });
  const calls = 5_000;
  const cold = (index: number) => `web-${index}`;
  const plain = await microsecondsPerCall(
    (index) => enforcer.can('user-3@example.com', 'sync', 'applications', `team-3/${cold(index)}`),
    calls,
  );
  const denied = await microsecondsPerCall(
    (index) => enforcer.can('nobody', 'sync', 'applications', `team-3/${cold(index)}`),
    calls,
  );
  const claims = { sub: 'u1', groups: ['other', 'my-org:team-12'] };
  const grouped = await microsecondsPerCall(
    (index) => enforcer.can(claims, 'get', 'applications', `team-12/${cold(index)}`),
    calls,
  );
  const projectClaims = { sub: 'u2', groups: ['my-org:deployers'] };
  const withProject = await microsecondsPerCall(
    (index) => enforcer.can(projectClaims, 'sync', 'applications', `team-7/${cold(index)}`),
    calls,
  );
  const repeatedProject = await microsecondsPerCall(
    () => enforcer.can(projectClaims, 'sync', 'applications', 'team-7/web'),
    20_000,
  );
  const repeated = await microsecondsPerCall(() => enforcer.can(claims, 'get', 'applications', 'team-12/web'), 50_000);
  const lines = 44 + TEAMS * 10;
  return [
    {
      name: `can() cold, plain subject, allowed (${lines} lines)`,
      value: round(plain, 1),
      unit: 'µs/call',
      goal: '≤ 100',
    },
    { name: `can() cold, plain subject, denied (${lines} lines)`, value: round(denied, 1), unit: 'µs/call' },
    { name: 'can() cold, token claims via 2nd group', value: round(grouped, 1), unit: 'µs/call' },
    { name: 'can() cold, token claims, project role', value: round(withProject, 1), unit: 'µs/call' },
    { name: 'can(), token claims, repeated question', value: round(repeated, 2), unit: 'µs/call' },
    { name: 'can(), token claims, project role, repeated', value: round(repeatedProject, 2), unit: 'µs/call' },
  ];
}
