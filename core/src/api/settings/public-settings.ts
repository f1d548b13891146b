// argocd-cm (and argocd-cmd-params-cm) as Argo CD's settings API shows them to
// anyone: only keys meant for a login page or a client, by allow-list. Pure.
import { type SettingsModel } from './settings.model';

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value.trim() === '' ? fallback : value.trim() === 'true';
const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

export function publicSettings(
  argocdCm: Readonly<Record<string, string>>,
  cmdParams: Readonly<Record<string, string>>,
  controllerNamespace: string,
): Omit<SettingsModel, 'oidc'> {
  const accountsMayLogIn = Object.entries(argocdCm).some(
    ([key, value]) =>
      /^accounts\.[^.]+$/.test(key) &&
      value.split(',').some((capability) => capability.trim() === 'login') &&
      argocdCm[`${key}.enabled`] !== 'false',
  );
  return {
    url: text(argocdCm.url)?.replace(/\/+$/, '') ?? null,
    statusBadgeEnabled: flag(argocdCm['statusbadge.enabled'], false),
    userLoginsDisabled: !flag(argocdCm['admin.enabled'], true) && !accountsMayLogIn,
    appLabelKey: text(argocdCm['application.instanceLabelKey']) ?? 'app.kubernetes.io/instance',
    trackingMethod: text(argocdCm['application.resourceTrackingMethod']) ?? 'annotation',
    execEnabled: flag(argocdCm['exec.enabled'], false),
    uiBannerContent: text(argocdCm['ui.bannercontent']),
    uiBannerURL: text(argocdCm['ui.bannerurl']),
    uiBannerPermanent: flag(argocdCm['ui.bannerpermanent'], false),
    uiBannerPosition: text(argocdCm['ui.bannerposition']),
    helpChatUrl: text(argocdCm['help.chatUrl']),
    helpChatText: text(argocdCm['help.chatText']),
    controllerNamespace,
    appsInAnyNamespaceEnabled: text(cmdParams['application.namespaces']) !== null,
  };
}
