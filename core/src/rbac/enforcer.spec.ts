import { RbacPolicyError, createRbacEnforcer } from './enforcer';
import type { RbacProject } from './project-policy';
import { rbacConfigFromData } from './rbac-config';

const config = (data: Record<string, string>) => rbacConfigFromData(data);

describe('createRbacEnforcer', () => {
  it('refuses a policy Argo CD would refuse, naming the line', async () => {
    const loading = createRbacEnforcer(config({ 'policy.csv': 'p, a, applications, get, */*, allow\np, a, b\n' }));
    await expect(loading).rejects.toThrow(RbacPolicyError);
    await expect(loading).rejects.toThrow('policy.csv:2: a "p" line needs 6 comma-separated fields, found 3');
  });

  it('loads a policy with unknown names as Argo CD does, and reports them', async () => {
    const enforcer = await createRbacEnforcer(config({ 'policy.csv': 'p, a, widgets, get, *, allow\n' }));
    expect(enforcer.issues).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('unknown resource') }),
    ]);
    expect(await enforcer.can('a', 'get', 'widgets', 'x')).toBe(true);
  });

  it('sees a project role change at the next request (BI-RBAC-4)', async () => {
    let project: RbacProject = {
      metadata: { name: 'p1' },
      spec: {
        roles: [{ name: 'dev', policies: ['p, proj:p1:dev, applications, sync, p1/*, allow'], groups: ['devs'] }],
      },
    };
    const enforcer = await createRbacEnforcer(config({}), {
      projects: (name) => (name === 'p1' ? project : undefined),
    });
    const claims = { sub: 'u', groups: ['devs'] };
    expect(await enforcer.can(claims, 'sync', 'applications', 'p1/web')).toBe(true);
    project = { ...project, spec: { roles: [{ name: 'dev', policies: [], groups: ['devs'] }] } };
    expect(await enforcer.can(claims, 'sync', 'applications', 'p1/web')).toBe(false);
  });

  it('re-reads roles when the resourceVersion changes, even on the same object', async () => {
    const project: RbacProject = {
      metadata: { name: 'p1', resourceVersion: '1' },
      spec: {
        roles: [{ name: 'dev', policies: ['p, proj:p1:dev, applications, sync, p1/*, allow'], groups: ['devs'] }],
      },
    };
    const enforcer = await createRbacEnforcer(config({}), { projects: () => project });
    const claims = { sub: 'u', groups: ['devs'] };
    expect(await enforcer.can(claims, 'sync', 'applications', 'p1/web')).toBe(true);
    project.spec!.roles![0]!.policies = [];
    project.metadata.resourceVersion = '2';
    expect(await enforcer.can(claims, 'sync', 'applications', 'p1/web')).toBe(false);
  });

  it('ignores a lookup that answers with a different project', async () => {
    const other: RbacProject = {
      metadata: { name: 'p2' },
      spec: {
        roles: [{ name: 'dev', policies: ['p, proj:p2:dev, applications, sync, p2/*, allow'], groups: ['devs'] }],
      },
    };
    const enforcer = await createRbacEnforcer(config({}), { projects: () => other });
    expect(await enforcer.can({ sub: 'u', groups: ['devs'] }, 'sync', 'applications', 'p1/web')).toBe(false);
  });

  it('lets a lookup failure reach the caller instead of deciding without the project', async () => {
    const enforcer = await createRbacEnforcer(config({}), {
      projects: () => {
        throw new Error('project cache not synced');
      },
    });
    await expect(enforcer.can({ sub: 'u' }, 'get', 'applications', 'p1/web')).rejects.toThrow('not synced');
  });

  it('answers the same question the same way again (decision cache)', async () => {
    const enforcer = await createRbacEnforcer(config({ 'policy.csv': 'p, a, applications, get, p1/*, allow\n' }));
    const answers = [];
    for (let index = 0; index < 3; index += 1) {
      answers.push(await enforcer.can('a', 'get', 'applications', 'p1/web'));
      answers.push(await enforcer.can('a', 'get', 'applications', 'p2/web'));
    }
    expect(answers).toEqual([true, false, true, false, true, false]);
  });
});
