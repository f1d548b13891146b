// `driftless start` without KUBECONFIG: an embedded cluster in the process,
// kubeconfig and state in the data directory, CRDs and namespace installed.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, ApiextensionsV1Api } from '@kubernetes/client-node';
import { spawnCli, type CliProcess } from '../support/cli-process';
import { postGraphql } from '../support/graphql';
import { redisUrl, uniqueNamespace } from '../support/test-kernel';

async function startLocal(
  dataDir: string,
  namespace: string,
): Promise<{ cli: CliProcess; url: string; kubeconfig: string }> {
  const cli = spawnCli(['start', '--port', '0'], {
    DRIFTLESS_DATA_DIR: dataDir,
    DRIFTLESS_NAMESPACE: namespace,
    REDIS_URL: redisUrl,
  });
  const [, url] = await cli.waitForStderr(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const [, kubeconfig] = await cli.waitForStderr(/export KUBECONFIG=(\S+)/);
  return { cli, url: url!, kubeconfig: kubeconfig! };
}

async function stop(cli: CliProcess): Promise<number | null> {
  cli.child.kill('SIGTERM');
  return cli.exited;
}

describe('local mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'driftless-local-'));
  const namespace = uniqueNamespace();

  it('starts an embedded cluster, installs CRDs and the namespace, serves the API, and keeps state across restarts', async () => {
    const first = await startLocal(dataDir, namespace);
    try {
      expect(first.cli.stderr()).toContain('local mode: embedded Kubernetes');
      expect(first.kubeconfig).toBe(join(dataDir, 'kubeconfig'));
      expect(existsSync(first.kubeconfig)).toBe(true);

      const { body } = await postGraphql<{ version: { version: string } }>(first.url, '{ version { version } }');
      expect(body.data?.version.version).toBe('0.1.0');

      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(first.kubeconfig);
      const crds = await kubeConfig.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
      expect(crds.items.map((crd) => crd.metadata?.name).sort()).toEqual(
        expect.arrayContaining(['applications.argoproj.io', 'applicationsets.argoproj.io', 'appprojects.argoproj.io']),
      );
      const core = kubeConfig.makeApiClient(CoreV1Api);
      expect((await core.readNamespace({ name: namespace })).metadata?.name).toBe(namespace);
      await core.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: 'survives-restart' }, data: { answer: '42' } },
      });
    } finally {
      expect(await stop(first.cli)).toBe(0);
    }

    const second = await startLocal(dataDir, namespace);
    try {
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(second.kubeconfig);
      const configMap = await kubeConfig
        .makeApiClient(CoreV1Api)
        .readNamespacedConfigMap({ namespace, name: 'survives-restart' });
      expect(configMap.data).toEqual({ answer: '42' });
    } finally {
      expect(await stop(second.cli)).toBe(0);
    }
  });
});
