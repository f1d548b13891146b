import { MAX_GROUPS } from './sso-identity';
import { groupsFromUserInfo } from './userinfo-groups';

const expected = { subject: 'alice', groupsClaim: 'groups' };

describe('groups from a UserInfo answer', () => {
  it('reads the groups claim (a list or one string), without duplicates, and no claim as no groups', () => {
    expect(groupsFromUserInfo({ sub: 'alice', groups: ['a', 'b', 'a', ''] }, expected)).toEqual({
      ok: true,
      groups: ['a', 'b'],
    });
    expect(groupsFromUserInfo({ sub: 'alice', groups: 'ops' }, expected)).toEqual({ ok: true, groups: ['ops'] });
    expect(groupsFromUserInfo({ sub: 'alice', email: 'a@example.com' }, expected)).toEqual({ ok: true, groups: [] });
    expect(
      groupsFromUserInfo({ sub: 'alice', groups: ['a'], roles: ['r'] }, { ...expected, groupsClaim: 'roles' }),
    ).toEqual({ ok: true, groups: ['r'] });
  });

  it('refuses an answer about another user, or groups that are not strings or too many', () => {
    expect(groupsFromUserInfo({ sub: 'mallory', groups: ['admins'] }, expected)).toEqual({
      ok: false,
      problem: 'the UserInfo answer is about another user than the id_token (sub differs)',
    });
    expect(groupsFromUserInfo({ groups: ['admins'] }, expected).ok).toBe(false);
    expect(groupsFromUserInfo({ sub: 'alice', groups: [1, 2] }, expected)).toEqual({
      ok: false,
      problem: 'the UserInfo answer claim groups is neither a string nor a list of strings',
    });
    const many = Array.from({ length: MAX_GROUPS + 1 }, (_, index) => `g${index}`);
    expect(groupsFromUserInfo({ sub: 'alice', groups: many }, expected)).toEqual({
      ok: false,
      problem: `the UserInfo answer lists ${MAX_GROUPS + 1} groups; at most ${MAX_GROUPS} are accepted`,
    });
  });
});
