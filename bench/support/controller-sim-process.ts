// Child process of the controller benchmark: a kube-sim cluster holding the
// benchmark's world (Applications, settings, N × 20 live objects), created
// in-process (far faster than over HTTP), then served. On a `churn` message it
// updates objects at the given rate — status-only changes of Services and spec
// drift of ConfigMaps — and reports each drift (app, time) to the parent, so
// the parent can time how long the controller takes to notice.
import { writeFileSync } from 'node:fs';
import { startKubeSim } from '@driftless/kube-sim';
import { crdManifests } from '@driftless/schema';
import {
  application,
  appManifests,
  appName,
  appNamespace,
  CONTROL_NAMESPACE,
  liveObject,
  NAMESPACES,
  type WorldObject,
} from './controller-world';

interface Start {
  apps: number;
  repoURL: string;
  kubeconfig: string;
}

interface Churn {
  type: 'churn';
  perMinute: number;
  seconds: number;
  /** Fraction of updates that change a spec (the rest change status only). */
  specFraction: number;
}

async function main(): Promise<void> {
  const start = JSON.parse(process.argv[2] ?? '{}') as Start;
  const sim = await startKubeSim({ watchHistory: 100_000 });
  const cluster = sim.clusters[0];
  if (!cluster) throw new Error('no cluster');
  const { api } = cluster;
  const create = (object: WorldObject) => {
    const slash = object.apiVersion.indexOf('/');
    const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
    const type = api.types.byKind(group, object.kind);
    if (!type) throw new Error(`kube-sim does not serve ${object.apiVersion} ${object.kind}`);
    api.create(type, object.metadata.namespace, object);
  };
  for (const crd of crdManifests()) create(crd as unknown as WorldObject);
  for (const name of [CONTROL_NAMESPACE, ...Array.from({ length: NAMESPACES }, (_, i) => `ns-${i}`)])
    create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-cm', namespace: CONTROL_NAMESPACE },
    // Periodic refreshes off: the benchmark starts its passes itself.
    data: { 'timeout.reconciliation': '0' },
  });
  for (let index = 0; index < start.apps; index += 1) {
    for (const manifest of appManifests(index)) create(liveObject(index, manifest));
    create(application(index, start.repoURL));
  }
  writeFileSync(start.kubeconfig, sim.kubeconfigYaml());
  process.send?.({ type: 'ready', objects: start.apps * 21 });

  process.on('message', (message: Churn | { type: 'stop' }) => {
    if (message.type === 'stop') {
      void sim.stop().then(() => process.exit(0));
      return;
    }
    const total = Math.round((message.perMinute * message.seconds) / 60);
    const intervalMs = (message.seconds * 1000) / total;
    const services = api.types.byKind('', 'Service');
    const configMaps = api.types.byKind('', 'ConfigMap');
    if (!services || !configMaps) throw new Error('kube-sim lacks Service or ConfigMap');
    const started = performance.now();
    let done = 0;
    let drifts = 0;
    const driftedApps = new Set<number>();
    const timer = setInterval(() => {
      // Updates due by now (the timer fires late under load; catch up rather than lose rate).
      const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs));
      while (done < due) {
        done += 1;
        const index = Math.floor(Math.random() * start.apps);
        if (Math.random() < message.specFraction && !driftedApps.has(index)) {
          driftedApps.add(index);
          drifts += 1;
          api.patch(
            configMaps,
            appNamespace(index),
            `${appName(index)}-cm-0`,
            'merge',
            JSON.stringify({ data: { LOG_LEVEL: `debug-${drifts}` } }),
          );
          process.send?.({ type: 'drift', app: `${CONTROL_NAMESPACE}/${appName(index)}`, at: Date.now() });
        } else {
          const name = `${appName(index)}-svc-${done % 4}`;
          api.patch(
            services,
            appNamespace(index),
            name,
            'merge',
            JSON.stringify({
              status: {
                conditions: [
                  {
                    type: 'Churn',
                    status: String(done % 2 === 0),
                    reason: `u${done}`,
                    message: '',
                    lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
                  },
                ],
              },
            }),
            { subresource: 'status' },
          );
        }
      }
      if (done >= total) {
        clearInterval(timer);
        process.send?.({ type: 'churned', updates: done, drifts });
      }
    }, 5);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
