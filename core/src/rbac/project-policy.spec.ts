import type { AppProject } from '@driftless/schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BUILTIN_POLICY_CSV } from './builtin-policy';
import { projectPolicy, type RbacProject } from './project-policy';
import { rbacConfigFromData, rbacConfigFromFileText } from './rbac-config';
import { validatePolicy } from './validate-policy';

describe('projectPolicy', () => {
  const [teamA] = parseAllDocuments(
    readFileSync(join(__dirname, 'testdata', 'project-roles', 'projects.yaml'), 'utf8'),
  ).map((doc) => doc.toJS() as RbacProject);

  it('adds the implicit project get and group bindings, and reports each line it leaves out', () => {
    const policy = projectPolicy(teamA!);
    expect(policy.rules.map((rule) => rule.text)).toEqual([
      'p, proj:team-a:deployer, projects, get, team-a, allow',
      'p, proj:team-a:deployer, applications, sync, team-a/*, allow',
      'p, proj:team-a:deployer, applications, delete, team-a/*, allow',
      'g, my-org:team-a-deployers, proj:team-a:deployer',
      'p, proj:team-a:viewer, projects, get, team-a, allow',
      'p, proj:team-a:viewer, applications, get, team-a/*, allow',
      'p, proj:team-a:viewer, applications, get, team-a/secret-*, deny',
      'g, my-org:team-a-viewers, proj:team-a:viewer',
    ]);
    expect(policy.issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^spec\.roles\[0\]\.policies\[2\]: object must be 'team-a\/\*'/),
      expect.stringMatching(/^spec\.roles\[0\]\.policies\[3\]: policy subject must be 'proj:team-a:deployer'/),
      expect.stringMatching(/^spec\.roles\[0\]\.policies\[4\]: project resource must be one of/),
    ]);
  });

  it('takes a full AppProject resource as it comes from the API', () => {
    const project: AppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'shop', namespace: 'argocd', resourceVersion: '7' },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'shop' }],
        roles: [
          { name: 'ci', policies: ['p, proj:shop:ci, applications, sync, shop/*, allow'], jwtTokens: [{ iat: 1 }] },
        ],
      },
    };
    expect(projectPolicy(project).rules.map((rule) => rule.text)).toEqual([
      'p, proj:shop:ci, projects, get, shop, allow',
      'p, proj:shop:ci, applications, sync, shop/*, allow',
    ]);
  });

  it('rejects bad role names, unquoted groups with commas, and spaced fields', () => {
    const policy = projectPolicy({
      metadata: { name: 'p' },
      spec: {
        roles: [
          { name: 'bad name', policies: ['p, proj:p:bad name, applications, get, p/*, allow'] },
          {
            name: 'ok',
            policies: [
              'p, proj:p:ok , applications, get, p/*, allow',
              'p, proj:p:ok, applications, get, p/../q, allow',
            ],
            groups: ['a,b', '"c,d"'],
          },
        ],
      },
    });
    expect(policy.issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining('spec.roles[0].name'),
      expect.stringContaining('spec.roles[1].policies[0]: fields must not carry spaces'),
      expect.stringContaining('spec.roles[1].policies[1]: object must be'),
      expect.stringContaining('spec.roles[1].groups[0]'),
    ]);
    expect(policy.rules.map((rule) => rule.fields)).toEqual([
      ['proj:p:ok', 'projects', 'get', 'p', 'allow'],
      ['c,d', 'proj:p:ok'],
    ]);
  });
});

describe('rbac config', () => {
  it('orders overlays by key after policy.csv and reads scopes and matchMode', () => {
    const config = rbacConfigFromData({
      'policy.z.csv': 'z',
      'policy.csv': 'main',
      'policy.B.csv': 'B',
      'policy.a.csv': 'a',
      'policy.default': 'role:readonly',
      'policy.matchMode': 'regex',
      scopes: '[groups, email]',
    });
    expect(config.policy.map((source) => source.name)).toEqual([
      'policy.csv',
      'policy.B.csv',
      'policy.a.csv',
      'policy.z.csv',
    ]);
    expect(config).toMatchObject({
      defaultRole: 'role:readonly',
      matchMode: 'regex',
      scopes: ['groups', 'email'],
      issues: [],
    });
  });

  it('falls back to glob and [groups] with a problem reported', () => {
    const config = rbacConfigFromData({ 'policy.matchMode': 'Regex', scopes: 'groups: email' });
    expect(config).toMatchObject({ matchMode: 'glob', scopes: ['groups'] });
    expect(config.issues.map((issue) => issue.severity)).toEqual(['warning', 'error']);
  });

  it('reads a policy file as CSV unless it is a ConfigMap', () => {
    expect(rbacConfigFromFileText('p, a, applications, get, */*, allow\n', 'f.csv').policy).toEqual([
      { name: 'f.csv', csv: 'p, a, applications, get, */*, allow\n' },
    ]);
    expect(rbacConfigFromFileText('g, my-org: team, role:admin\n', 'f.csv').policy[0]?.name).toBe('f.csv');
    const cm = rbacConfigFromFileText(
      'kind: ConfigMap\ndata:\n  policy.csv: "g, a, b"\n  policy.default: role:x\n',
      'cm.yaml',
    );
    expect(cm).toMatchObject({ policy: [{ name: 'policy.csv', csv: 'g, a, b' }], defaultRole: 'role:x' });
  });
});

describe('built-in policy', () => {
  it('passes validation itself', () => {
    expect(validatePolicy([{ name: 'built-in', csv: BUILTIN_POLICY_CSV }]).issues).toEqual([]);
  });
});
