import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { type SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { type ProjectReader } from '../../projects/project-reader.service';
import { type ApplicationIndex } from '../index/application-index.service';
import { ApplicationChangeFeed } from './application-change-feed.service';

function fakeIndex() {
  const listeners = new Set<(key: string) => void>();
  return {
    index: {
      onChange: (listener: (key: string) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as ApplicationIndex,
    change: (key: string) => listeners.forEach((listener) => listener(key)),
    listening: () => listeners.size,
  };
}

/** argocd-rbac-cm as the feed reads it: only its resourceVersion counts. */
function feedWith(rbacConfigMap: { resourceVersion: string }) {
  const { index, change, listening } = fakeIndex();
  const settings = { ttlMs: 0 } as unknown as SettingsConfigMaps;
  const projects = { list: () => Promise.resolve([]) } as unknown as ProjectReader;
  const cluster = {
    kubeConfig: {
      makeApiClient: () => ({
        readNamespacedConfigMap: () =>
          Promise.resolve({ metadata: { resourceVersion: rbacConfigMap.resourceVersion } }),
      }),
    },
  } as unknown as ClusterConnection;
  const config = { namespace: 'argocd' } as KernelConfig;
  return { feed: new ApplicationChangeFeed(index, settings, projects, cluster, config), change, listening };
}

/** Resolves once `count` calls have arrived (no fixed sleeps: the feed's own timer decides). */
function collector(count: number) {
  const keys: string[] = [];
  let done!: () => void;
  const arrived = new Promise<void>((resolve) => (done = resolve));
  return {
    keys,
    arrived,
    subscriber: {
      changed: (key: string) => {
        keys.push(key);
        if (keys.length >= count) done();
      },
      policyChanged: () => undefined,
    },
  };
}

describe('ApplicationChangeFeed', () => {
  it('coalesces a burst of changes to one app into one notification per subscriber', async () => {
    const { feed, change } = feedWith({ resourceVersion: '1' });
    const first = collector(2);
    const second = collector(2);
    const stopFirst = feed.subscribe(first.subscriber);
    const stopSecond = feed.subscribe(second.subscriber);
    for (let patch = 0; patch < 5; patch += 1) change('argocd/web');
    change('argocd/api');
    await Promise.all([first.arrived, second.arrived]);
    expect(first.keys).toEqual(['argocd/web', 'argocd/api']);
    expect(second.keys).toEqual(['argocd/web', 'argocd/api']);
    stopFirst();
    stopSecond();
  });

  it('listens to the index only while someone subscribes', () => {
    const { feed, listening } = feedWith({ resourceVersion: '1' });
    const stop = feed.subscribe(collector(1).subscriber);
    expect(listening()).toBe(1);
    stop();
    expect(listening()).toBe(0);
  });

  it('tells every subscriber when the RBAC policy was written, even back to what it was', async () => {
    const policy = { resourceVersion: '1' };
    const { feed } = feedWith(policy);
    let told!: () => void;
    const changed = new Promise<void>((resolve) => (told = resolve));
    const stop = feed.subscribe({ changed: () => undefined, policyChanged: () => told() });
    policy.resourceVersion = '2';
    await changed;
    stop();
    feed.onApplicationShutdown();
  });
});
