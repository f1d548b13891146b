// `driftless admin notifications …` offline: the seed's ConfigMap and Secret files, an Application
// file; `template notify` sends through the sandboxed Slack plugin to a loopback stand-in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCliInProcess } from '../support/run-cli';
import { startReceiver, type Receiver } from './receiver';

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'driftless-notifications-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const appFile = file(
  'app.yaml',
  `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
spec:
  source: {repoURL: 'https://github.com/org/guestbook.git'}
status:
  sync: {status: Synced, revision: abc}
  health: {status: Healthy, lastTransitionTime: '2026-01-01T00:00:30Z'}
  operationState: {phase: Succeeded, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', syncResult: {revision: abc}}
`,
);

describe('driftless admin notifications', () => {
  let receiver: Receiver;
  let configMap = '';
  let secret = '';
  beforeAll(async () => {
    receiver = await startReceiver();
    configMap = file(
      'cm.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-notifications-cm}
data:
  service.slack: |
    token: $slack-token
    apiURL: ${receiver.url}/api/
  driftless.http.networks: loopback
  template.app-sync-succeeded: |
    message: "{{.app.metadata.name}} synced"
    slack:
      attachments: |
        [{"title": "{{.app.metadata.name}} - Sync Succeeded", "title_link": "{{.context.argocdUrl}}/applications/{{.app.metadata.name}}"}]
  trigger.on-sync-succeeded: |
    - when: app.status.operationState.phase in ['Succeeded']
      send: [app-sync-succeeded]
  context: |
    argocdUrl: https://argocd.example.com
`,
    );
    secret = file(
      'secret.yaml',
      `apiVersion: v1
kind: Secret
metadata: {name: argocd-notifications-secret}
data:
  slack-token: ${Buffer.from('xoxb-test-token').toString('base64')}
`,
    );
  });
  afterAll(async () => receiver?.close());

  it('lists triggers and templates, of the file or of the built-in catalog', async () => {
    const triggers = await runCliInProcess(['admin', 'notifications', 'trigger', 'get', '--config-map', configMap]);
    expect(triggers.stdout).toContain(
      "on-sync-succeeded  app-sync-succeeded  app.status.operationState.phase in ['Succeeded']",
    );
    const catalog = await runCliInProcess(['admin', 'notifications', 'template', 'get', '-o', 'name']);
    expect(catalog.stdout.split('\n').filter(Boolean)).toHaveLength(8);
    const missing = await runCliInProcess(['admin', 'notifications', 'trigger', 'get', 'on-nothing']);
    expect(missing.code).toBe(1);
  });

  it('runs a trigger against an Application file', async () => {
    const { code, stdout } = await runCliInProcess([
      'admin',
      'notifications',
      'trigger',
      'run',
      'on-sync-succeeded',
      appFile,
      '--config-map',
      configMap,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "CONDITION                                         RESULT\napp.status.operationState.phase in ['Succeeded']  true\n",
    );
    const catalog = await runCliInProcess(['admin', 'notifications', 'trigger', 'run', 'on-deployed', appFile]);
    expect(catalog.stdout).toMatch(/true\n$/);
  });

  it('prints a rendered notification, and sends it through the sandboxed plugin', async () => {
    const printed = await runCliInProcess([
      'admin',
      'notifications',
      'template',
      'notify',
      'app-sync-succeeded',
      appFile,
      '--config-map',
      configMap,
      '--secret',
      secret,
      '--recipient',
      'slack:deployments',
      '--print',
    ]);
    expect(parse(printed.stdout)).toMatchObject({
      service: 'slack',
      recipient: 'deployments',
      notification: { body: 'guestbook synced' },
    });
    const sent = await runCliInProcess([
      'admin',
      'notifications',
      'template',
      'notify',
      'app-sync-succeeded',
      appFile,
      '--config-map',
      configMap,
      '--secret',
      secret,
      '--recipient',
      'slack:deployments',
    ]);
    expect(sent.stdout).toBe('slack:deployments sent\n');
    expect(sent.code).toBe(0);
    const post = receiver.on('/api/chat.postMessage')[0]!;
    expect(JSON.parse(post.body)).toMatchObject({
      channel: 'deployments',
      text: 'guestbook synced',
      attachments: [
        { title: 'guestbook - Sync Succeeded', title_link: 'https://argocd.example.com/applications/guestbook' },
      ],
    });
  });

  it('prints the catalog as an argocd-notifications-cm', async () => {
    const { stdout } = await runCliInProcess(['admin', 'notifications', 'catalog']);
    const manifest = parse(stdout) as { kind: string; data: Record<string, string> };
    expect(manifest.kind).toBe('ConfigMap');
    expect(Object.keys(manifest.data).filter((key) => key.startsWith('trigger.'))).toHaveLength(8);
    expect(Object.keys(manifest.data).filter((key) => key.startsWith('template.'))).toHaveLength(8);
  });
});
