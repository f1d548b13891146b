// What `driftless-plugin new <kind> <name>` writes: a manifest, a handler and
// a passing test case per extension point.
import { type ExtensionPoint } from '../contracts/extension-points';
import { type Contributions, type Capabilities } from '../manifest/manifest';
import { type PluginTestCase } from '../testing/case-runner';

export interface Template {
  factory: string;
  contributes: (name: string) => Contributions;
  capabilities?: Capabilities;
  handlers: string;
  testCase: PluginTestCase;
}

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' }, status: { phase: 'Running' } };

export const templates: Record<ExtensionPoint, Template> = {
  health: {
    factory: 'defineHealthPlugin',
    contributes: () => ({ health: { resources: [{ group: '', kind: 'Pod' }] } }),
    handlers: `  // Called with many objects at once: return one assessment per object, in order.
  assess(input) {
    return {
      results: input.objects.map((object) => {
        const phase = (object.status as { phase?: string } | undefined)?.phase;
        return phase === 'Running' ? { status: 'Healthy' as const } : { status: 'Progressing' as const, message: \`phase \${phase ?? 'unknown'}\` };
      }),
    };
  },`,
    testCase: {
      description: 'a running pod is healthy',
      method: 'assess',
      input: { objects: [pod] },
      expect: { output: { results: [{ status: 'Healthy' }] } },
    },
  },
  notifier: {
    factory: 'defineNotifier',
    contributes: (name) => ({ notifier: { services: [name] } }),
    capabilities: { http: { hosts: ['hooks.example.com'] } },
    handlers: `  // Posts the rendered notification as JSON to the service's configured url.
  async deliver(input, host) {
    const response = await host.http.fetch({
      url: String(input.config.url),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: input.notification.title, body: input.notification.body, destination: input.destination }),
    });
    await host.log.info('notification sent', { status: response.status });
    return { delivered: response.status >= 200 && response.status < 300, detail: \`HTTP \${response.status}\` };
  },`,
    testCase: {
      description: 'posts to the configured url (the test receiver)',
      method: 'deliver',
      input: {
        service: 'webhook',
        config: { url: '{{receiver}}/hook' },
        destination: 'ops',
        notification: { title: 'Synced', body: 'guestbook is Synced' },
      },
      grants: { http: { hosts: ['{{receiverHost}}'], networks: ['loopback'] } },
      expect: { output: { delivered: true, detail: 'HTTP 200' } },
      expectRequests: 1,
    },
  },
  generator: {
    factory: 'defineGenerator',
    contributes: (name) => ({ generator: { names: [name] } }),
    handlers: `  generate(input) {
    const names = Array.isArray(input.spec.names) ? input.spec.names.map(String) : [];
    return { parameters: names.map((name) => ({ name })) };
  },`,
    testCase: {
      method: 'generate',
      input: { spec: { names: ['a', 'b'] } },
      expect: { output: { parameters: [{ name: 'a' }, { name: 'b' }] } },
    },
  },
  imageStrategy: {
    factory: 'defineImageStrategy',
    contributes: (name) => ({ imageStrategy: { names: [name] } }),
    handlers: `  // Picks the lexically greatest candidate newer than the current tag.
  choose(input) {
    const newer = input.candidates.filter((tag) => tag > input.currentTag).sort();
    return { tag: newer.at(-1) ?? null };
  },`,
    testCase: {
      method: 'choose',
      input: { image: 'nginx', currentTag: 'v1', candidates: ['v0', 'v2', 'v3'], options: {} },
      expect: { output: { tag: 'v3' } },
    },
  },
  renderer: {
    factory: 'defineRenderer',
    contributes: (name) => ({ renderer: { name, discovery: { files: [`${name}.json`] } } }),
    capabilities: { workspace: true },
    handlers: `  async render(input, host) {
    const text = await host.workspace.readFile(\`\${input.path}/manifests.json\`);
    return { manifests: JSON.parse(text) as never };
  },`,
    testCase: {
      description: 'renders the manifests of the test workspace',
      method: 'render',
      input: { path: '.', parameters: {} },
      context: { workspaceDir: 'test/workspace' },
      expect: { output: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'example' } }] } },
    },
  },
  source: {
    factory: 'defineSource',
    contributes: (name) => ({ source: { name, urls: [`${name}://*`] } }),
    handlers: `  resolveRevision(input) {
    return { revision: input.targetRevision };
  },`,
    testCase: {
      method: 'resolveRevision',
      input: { repoURL: 'x://repo', targetRevision: 'abc123' },
      expect: { output: { revision: 'abc123' } },
    },
  },
  action: {
    factory: 'defineAction',
    contributes: () => ({ action: { resources: [{ group: 'apps', kind: 'Deployment' }], actions: ['restart'] } }),
    handlers: `  list() {
    return { actions: [{ name: 'restart' }] };
  },
  run(input) {
    // Plain JSON in, plain JSON out: a JSON round trip is a deep copy.
    const object = JSON.parse(JSON.stringify(input.object)) as typeof input.object;
    const metadata = object.metadata as { annotations?: Record<string, string> };
    metadata.annotations = { ...metadata.annotations, 'driftless.io/restartedAt': 'now' };
    return { impacted: [{ operation: 'patch', object }] };
  },`,
    testCase: {
      method: 'list',
      input: { object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } },
      expect: { output: { actions: [{ name: 'restart' }] } },
    },
  },
};
