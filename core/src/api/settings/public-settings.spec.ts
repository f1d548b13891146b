import { publicSettings } from './public-settings';

describe('publicSettings', () => {
  it("takes Argo CD's defaults from an empty argocd-cm", () => {
    expect(publicSettings({}, {}, 'argocd')).toEqual({
      url: null,
      statusBadgeEnabled: false,
      userLoginsDisabled: false,
      appLabelKey: 'app.kubernetes.io/instance',
      trackingMethod: 'annotation',
      execEnabled: false,
      uiBannerContent: null,
      uiBannerURL: null,
      uiBannerPermanent: false,
      uiBannerPosition: null,
      helpChatUrl: null,
      helpChatText: null,
      controllerNamespace: 'argocd',
      appsInAnyNamespaceEnabled: false,
    });
  });

  it('reads the keys a login page and a client need, and nothing else', () => {
    const settings = publicSettings(
      {
        url: 'https://cd.example.com/',
        'statusbadge.enabled': 'true',
        'admin.enabled': 'false',
        'accounts.ci': 'apiKey',
        'ui.bannercontent': 'Maintenance at 18:00',
        'application.resourceTrackingMethod': 'label',
        'oidc.config': 'clientSecret: $oidc.clientSecret',
        'dex.config': 'connectors: []',
      },
      { 'application.namespaces': 'team-*' },
      'argocd',
    );
    expect(settings).toMatchObject({
      url: 'https://cd.example.com',
      statusBadgeEnabled: true,
      userLoginsDisabled: true,
      uiBannerContent: 'Maintenance at 18:00',
      trackingMethod: 'label',
      appsInAnyNamespaceEnabled: true,
    });
    expect(JSON.stringify(settings)).not.toMatch(/clientSecret|connectors/);
    expect(
      publicSettings({ 'admin.enabled': 'false', 'accounts.alice': 'login' }, {}, 'argocd').userLoginsDisabled,
    ).toBe(false);
  });
});
