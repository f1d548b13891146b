// The settings renderers read, gathered from Argo CD's ConfigMaps: tool
// options from argocd-cm (`kustomize.*`, `helm.*`, `jsonnet.*`), repo-server
// parameters from argocd-cmd-params-cm (`reposerver.*`), and the config
// management plugin definitions of argocd-cmp-cm (each `*.yaml` key holds a
// ConfigManagementPlugin, as a sidecar's plugin.yaml would). Pure.

const toolPrefixes = ['kustomize.', 'helm.', 'jsonnet.'];

export function renderSettings(input: {
  argocdCm: Record<string, string>;
  cmdParams: Record<string, string>;
  cmpCm: Record<string, string>;
}): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.argocdCm))
    if (toolPrefixes.some((prefix) => key.startsWith(prefix))) settings[key] = value;
  for (const [key, value] of Object.entries(input.cmdParams)) if (key.startsWith('reposerver.')) settings[key] = value;
  const plugins = Object.keys(input.cmpCm)
    .filter((key) => /\.ya?ml$/.test(key))
    .sort()
    .map((key) => (input.cmpCm[key] ?? '').trim())
    .filter(Boolean);
  if (plugins.length) settings.configManagementPlugins = plugins.map((text) => `---\n${text}\n`).join('');
  return settings;
}
