// The groups of a UserInfo answer (pure), for oidc.config
// `enableUserInfoGroups`. As Argo CD: the answer must be about the user of
// the session (`sub` equal, OpenID Connect Core 5.3.2, else it is refused), and
// its groups replace those of the id_token — an answer without groups means no
// groups. The claim read is oidc.config `groupsClaim` (default `groups`, the
// claim Argo CD reads).
import { checkedGroups } from './sso-identity';

export type UserInfoGroupsResult = { ok: true; groups: string[] } | { ok: false; problem: string };

export function groupsFromUserInfo(
  userInfo: Readonly<Record<string, unknown>>,
  expected: { subject: string; groupsClaim: string },
): UserInfoGroupsResult {
  if (userInfo['sub'] !== expected.subject)
    return { ok: false, problem: 'the UserInfo answer is about another user than the id_token (sub differs)' };
  return checkedGroups(userInfo, expected.groupsClaim, 'the UserInfo answer');
}
