// Helpers of the webhook tests: Applications with annotations, settings, and raw HTTP posts.
import { request as httpRequest } from 'node:http';
import { CoreV1Api, CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

const applications = { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications' } as const;

export async function createApp(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  options: { annotations?: Record<string, string>; status?: Record<string, unknown> } = {},
): Promise<void> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  await api.createNamespacedCustomObject({
    ...applications,
    namespace,
    body: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace, annotations: options.annotations ?? {} },
      spec: {
        project: 'default',
        destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
        ...spec,
      },
    },
  });
  if (options.status)
    await api.patchNamespacedCustomObjectStatus(
      { ...applications, namespace, name, body: { status: options.status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
}

/** Names of the apps in `namespace` carrying the refresh annotation, sorted. */
export async function appsAskedToRefresh(kubeConfig: KubeConfig, namespace: string): Promise<string[]> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const list = (await api.listNamespacedCustomObject({ ...applications, namespace })) as {
    items: { metadata: { name: string; annotations?: Record<string, string> } }[];
  };
  return list.items
    .filter((app) => app.metadata.annotations?.['argocd.argoproj.io/refresh'] === 'normal')
    .map((app) => app.metadata.name)
    .sort();
}

export async function clearRefreshAnnotations(
  kubeConfig: KubeConfig,
  namespace: string,
  names: string[],
): Promise<void> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  for (const name of names)
    await api.patchNamespacedCustomObject(
      { ...applications, namespace, name, body: { metadata: { annotations: { 'argocd.argoproj.io/refresh': null } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
}

/** Adds keys to a Secret (creating it when missing), as an admin would with kubectl patch. */
export async function putSecretValues(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
  values: Record<string, string>,
): Promise<void> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const data = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  try {
    await api.patchNamespacedSecret(
      { name, namespace, body: { data } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  } catch {
    await api.createNamespacedSecret({ namespace, body: { metadata: { name }, data } });
  }
}

export async function putConfigMap(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
  data: Record<string, string>,
): Promise<void> {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  try {
    await api.patchNamespacedConfigMap(
      { name, namespace, body: { data } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  } catch {
    await api.createNamespacedConfigMap({ namespace, body: { metadata: { name }, data } });
  }
}

export async function postWebhook(
  baseUrl: string,
  request: { headers: Record<string, string>; body: Buffer },
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${baseUrl}/api/webhook`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/**
 * Streams a chunked body that never ends and resolves with the status the server answers;
 * counts what was sent, so a test can tell the server stopped reading near its cap.
 */
export function postEndlessBody(
  baseUrl: string,
  headers: Record<string, string>,
): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${baseUrl}/api/webhook`);
    let sentBytes = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (response) => {
        answered = true;
        response.resume();
        resolve({ status: response.statusCode ?? 0, sentBytes });
        request.destroy();
      },
    );
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && request.write(chunk)) {
        sentBytes += chunk.length;
        // Give up long after any sane cap: the server never answered.
        if (sentBytes > 512 * 1024 * 1024) return reject(new Error('the server kept reading an endless body'));
      }
      if (!answered) request.once('drain', pump);
    };
    request.write('{"ref": "');
    pump();
  });
}
