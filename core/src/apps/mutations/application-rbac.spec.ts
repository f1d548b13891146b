import {
  appNameProblem,
  appRbacObject,
  fineGrainedInheritanceDisabled,
  resourceActionCandidates,
  resourceActionRbac,
} from './application-rbac';

describe('application RBAC objects and actions', () => {
  it.each([
    ['team-a', 'argocd', 'web', 'team-a/web'],
    ['team-a', undefined, 'web', 'team-a/web'],
    ['team-a', 'apps', 'web', 'team-a/apps/web'],
    ['', 'argocd', 'web', 'default/web'],
  ])('project %j, namespace %j, name %j → %s', (project, namespace, name, expected) => {
    expect(appRbacObject(project, namespace, name, 'argocd')).toBe(expected);
  });

  it.each([
    ['web', undefined, undefined],
    ['web.v2', 'apps', undefined],
    ['team-a/../team-b', undefined, /is not a DNS-1123 subdomain/],
    ['Web', undefined, /is not a DNS-1123 subdomain/],
    ['wеb', undefined, /is not a DNS-1123 subdomain/], // Cyrillic е
    ['*', undefined, /is not a DNS-1123 subdomain/],
    ['web', 'a.b', /namespace "a.b" is not a DNS-1123 label/],
    ['web', '', /namespace "" is not a DNS-1123 label/],
  ])('checks %j in %j before matching (BI-RBAC-7)', (name, namespace, problem) => {
    const answer = appNameProblem(name, namespace);
    if (problem === undefined) expect(answer).toBeUndefined();
    else expect(answer).toMatch(problem);
  });

  it("asks for Argo CD 3's fine-grained resource actions, with the plain verb first only when inheritance is on", () => {
    const resource = { group: 'apps', kind: 'Deployment', namespace: 'web', name: 'front' };
    expect(resourceActionCandidates('delete', resource, true)).toEqual(['delete/apps/Deployment/web/front']);
    expect(resourceActionCandidates('update', resource, false)).toEqual(['update', 'update/apps/Deployment/web/front']);
    expect(resourceActionRbac('apps', 'Deployment', 'restart')).toBe('action/apps/Deployment/restart');
  });

  it('reads server.rbac.disableApplicationFineGrainedRBACInheritance with Argo CD 3’s default', () => {
    expect(fineGrainedInheritanceDisabled({})).toBe(true);
    expect(fineGrainedInheritanceDisabled({ 'server.rbac.disableApplicationFineGrainedRBACInheritance': 'true' })).toBe(
      true,
    );
    expect(
      fineGrainedInheritanceDisabled({ 'server.rbac.disableApplicationFineGrainedRBACInheritance': ' False ' }),
    ).toBe(false);
  });
});
