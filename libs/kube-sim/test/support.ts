// Shared helpers of the kube-sim integration suites.
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../src';

export async function startSim(options: KubeSimOptions = {}): Promise<{ sim: KubeSim; kubeConfig: KubeConfig }> {
  const sim = await startKubeSim({
    ...options,
    timing: { podStartMs: 20, podReadyMs: 30, jobRunMs: 50, pvcBindMs: 20, loadBalancerMs: 20, ...options.timing },
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  return { sim, kubeConfig };
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The HTTP status code of a client-node ApiException (or undefined). */
export function statusCode(error: unknown): number | undefined {
  return (error as { code?: number }).code;
}

export function errorBody(error: unknown): Record<string, unknown> {
  const body = (error as { body?: unknown }).body;
  return typeof body === 'string'
    ? (JSON.parse(body) as Record<string, unknown>)
    : ((body as Record<string, unknown>) ?? {});
}

export async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
