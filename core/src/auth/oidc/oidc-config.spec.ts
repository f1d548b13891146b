import { DEFAULT_REQUESTED_SCOPES, externalSecretReferences, ssoSettingsFromArgocdCm } from './oidc-config';

const secrets: Record<string, string> = {
  'oidc.clientSecret': ' s3cret \n',
  'oidc-creds:clientID': 'from-labelled-secret',
};
const lookup = (reference: string) => secrets[reference];

const ready = (data: Record<string, string>) => {
  const result = ssoSettingsFromArgocdCm(data, lookup);
  if (result.kind !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(result)}`);
  return result;
};

describe('oidc.config', () => {
  it('is off without oidc.config, and says so differently when only dex.config is there', () => {
    expect(ssoSettingsFromArgocdCm({}, lookup)).toEqual({
      kind: 'disabled',
      reason: 'SSO is not configured: argocd-cm has no oidc.config',
    });
    const dex = ssoSettingsFromArgocdCm({ 'dex.config': 'connectors: []' }, lookup);
    expect(dex).toMatchObject({ kind: 'disabled', reason: expect.stringContaining('point oidc.config at it') });
  });

  it("reads Argo CD's fields with its defaults, url and the callback", () => {
    const { settings, warnings } = ready({
      url: 'https://cd.example.com/',
      'oidc.config': 'name: Okta\nissuer: https://idp.example.com\nclientID: argo\nclientSecret: $oidc.clientSecret\n',
    });
    expect(warnings).toEqual([]);
    expect(settings).toEqual({
      oidc: {
        name: 'Okta',
        issuer: 'https://idp.example.com',
        clientID: 'argo',
        clientSecret: 's3cret',
        cliClientID: '',
        requestedScopes: [...DEFAULT_REQUESTED_SCOPES],
        requestedIDTokenClaims: undefined,
        allowedAudiences: ['argo'],
        skipAudienceCheckWhenTokenHasNoAudience: false,
        rootCA: undefined,
        groupsClaim: 'groups',
        logoutURL: '',
        domainHint: '',
        userInfoGroups: undefined,
      },
      externalUrl: 'https://cd.example.com',
      redirectUri: 'https://cd.example.com/auth/callback',
      insecureSkipVerify: false,
    });
  });

  it("matches field names as Go's encoding/json does: any case, the last key winning", () => {
    const { settings } = ready({
      'oidc.config':
        'Issuer: https://idp.example.com\nclientId: lower-d\nCLICLIENTID: cli\nrequestedscopes: [email]\nclientID: exact\n',
    });
    expect(settings.oidc).toMatchObject({
      issuer: 'https://idp.example.com',
      clientID: 'exact',
      cliClientID: 'cli',
      requestedScopes: ['openid', 'email'],
      allowedAudiences: ['exact', 'cli'],
    });
  });

  it('replaces every $reference from argocd-secret or a labelled Secret, and keeps a missing one with a warning', () => {
    const result = ready({
      'oidc.config': [
        'issuer: https://idp.example.com',
        'clientID: $oidc-creds:clientID',
        'clientSecret: $missing.key',
        'allowedAudiences: [$oidc-creds:clientID, other]',
      ].join('\n'),
    });
    expect(result.settings.oidc).toMatchObject({
      clientID: 'from-labelled-secret',
      clientSecret: '$missing.key',
      allowedAudiences: ['from-labelled-secret', 'other'],
    });
    expect(result.warnings).toEqual([expect.stringContaining('references "$missing.key"')]);
    expect(externalSecretReferences('clientID: $oidc-creds:clientID\nclientSecret: $plain\nx: [$a:b]')).toEqual([
      { secret: 'oidc-creds', key: 'clientID' },
      { secret: 'a', key: 'b' },
    ]);
  });

  it('passes requestedIDTokenClaims, groupsClaim, audience options and the insecure TLS switch through', () => {
    const { settings } = ready({
      'oidc.tls.insecure.skip.verify': 'true',
      'oidc.config': [
        'issuer: http://dex.local:5556/dex',
        'clientID: argo',
        'requestedIDTokenClaims: {groups: {essential: true}, acr: {values: [a, b]}, email: null}',
        'groupsClaim: roles',
        'skipAudienceCheckWhenTokenHasNoAudience: true',
        'enablePKCEAuthentication: true',
      ].join('\n'),
    });
    expect(settings).toMatchObject({
      insecureSkipVerify: true,
      externalUrl: undefined,
      redirectUri: undefined,
      oidc: {
        requestedIDTokenClaims: { groups: { essential: true }, acr: { values: ['a', 'b'] }, email: null },
        groupsClaim: 'roles',
        skipAudienceCheckWhenTokenHasNoAudience: true,
      },
    });
  });

  it('refuses what Argo CD cannot load, with one line naming the problem', () => {
    const problem = (config: string, extra: Record<string, string> = {}) => {
      const result = ssoSettingsFromArgocdCm({ 'oidc.config': config, ...extra }, lookup);
      return result.kind === 'invalid' ? result.problem : result.kind;
    };
    expect(problem('issuer: [unclosed')).toMatch(/^oidc.config is not valid YAML: /);
    expect(problem('- a list')).toBe('oidc.config must be a YAML mapping (issuer, clientID, …)');
    expect(problem('clientID: x')).toBe('oidc.config: issuer is required (the URL of the OpenID provider)');
    expect(problem('issuer: idp.example.com\nclientID: x')).toBe(
      'oidc.config: issuer must be an http(s) URL, not "idp.example.com"',
    );
    expect(problem('issuer: https://idp\n')).toBe('oidc.config: clientID is required');
    expect(problem('issuer: https://idp\nclientID: x\nrequestedScopes: openid')).toBe(
      'oidc.config: requestedScopes must be a list of strings, such as [openid, profile, email, groups]',
    );
    expect(problem('issuer: https://idp\nclientID: 12')).toBe(
      'oidc.config: clientID must be a string (quote it), not 12',
    );
    expect(problem('issuer: https://idp\nclientID: x\nrequestedIDTokenClaims: {groups: yes}')).toBe(
      'oidc.config: requestedIDTokenClaims.groups must be a mapping such as {essential: true}',
    );
    expect(problem('issuer: https://idp\nclientID: x', { url: 'cd.example.com' })).toBe(
      'argocd-cm url must be an http(s) URL, not "cd.example.com"',
    );
  });

  it('warns and falls back to the system CAs when rootCA holds no certificate', () => {
    const result = ready({ 'oidc.config': 'issuer: https://idp\nclientID: x\nrootCA: not a pem' });
    expect(result.settings.oidc.rootCA).toBeUndefined();
    expect(result.warnings).toEqual([
      'oidc.config rootCA holds no valid PEM certificate: the system CAs are used instead',
    ]);
  });

  it('reads enableUserInfoGroups as Argo CD: only with a userInfoPath, the endpoint under the issuer, a Go duration', () => {
    const read = (lines: string[]) =>
      ready({ 'oidc.config': ['issuer: https://idp.example.com/tenant/', 'clientID: x', ...lines].join('\n') });
    expect(
      read(['enableUserInfoGroups: true', 'userInfoPath: /userinfo', 'userInfoCacheExpiration: 1h30m']).settings.oidc
        .userInfoGroups,
    ).toEqual({ endpoint: 'https://idp.example.com/tenant/userinfo', cacheExpirationMs: 5_400_000 });
    expect(read(['enableUserInfoGroups: true', 'userInfoPath: me']).settings.oidc.userInfoGroups).toEqual({
      endpoint: 'https://idp.example.com/tenant/me',
      cacheExpirationMs: undefined,
    });
    expect(read(['userInfoPath: /userinfo']).settings.oidc.userInfoGroups).toBeUndefined();

    const noPath = read(['enableUserInfoGroups: true']);
    expect(noPath.settings.oidc.userInfoGroups).toBeUndefined();
    expect(noPath.warnings).toEqual([expect.stringContaining('userInfoPath is empty: groups come from the id_token')]);
    const badDuration = read(['enableUserInfoGroups: true', 'userInfoPath: /u', 'userInfoCacheExpiration: 5 minutes']);
    expect(badDuration.settings.oidc.userInfoGroups?.cacheExpirationMs).toBeUndefined();
    expect(badDuration.warnings).toEqual([
      'oidc.config userInfoCacheExpiration "5 minutes" is not a duration such as 5m or 1h30m: the groups are kept for the whole session',
    ]);
    const result = ssoSettingsFromArgocdCm(
      { 'oidc.config': 'issuer: https://idp\nclientID: x\nenableUserInfoGroups: "yes"' },
      lookup,
    );
    expect(result).toEqual({
      kind: 'invalid',
      problem: 'oidc.config: enableUserInfoGroups must be true or false, not "yes"',
    });
  });
});
