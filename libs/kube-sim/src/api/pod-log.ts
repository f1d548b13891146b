// Simulated container logs for `kubectl logs`: a few lines derived from the
// pod's state, so local mode has something truthful to show.
import { simAnnotations } from '../annotations';
import { isPlainObject, text, type KubeObject } from '../store/kube-object';
import { errors } from './status';

export function podLog(pod: KubeObject, container: string | null): string {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const status = isPlainObject(pod.status) ? pod.status : {};
  const containers = (Array.isArray(spec.containers) ? spec.containers : []).filter(isPlainObject);
  const name = container ?? (containers.length === 1 ? text(containers[0]?.name) : undefined);
  if (name === undefined) {
    throw errors.badRequest(
      `a container name must be specified for pod ${pod.metadata.name ?? ''}, choose one of: [${containers.map((entry) => text(entry.name)).join(' ')}]`,
    );
  }
  const containerSpec = containers.find((entry) => entry.name === name);
  if (!containerSpec) throw errors.badRequest(`container ${name} is not valid for pod ${pod.metadata.name ?? ''}`);
  const containerStatus = (Array.isArray(status.containerStatuses) ? status.containerStatuses : [])
    .filter(isPlainObject)
    .find((entry) => entry.name === name);
  const state = isPlainObject(containerStatus?.state) ? containerStatus.state : {};
  if (!containerStatus || (isPlainObject(state.waiting) && text(state.waiting.reason) === 'ImagePullBackOff')) {
    throw errors.badRequest(
      `container "${name}" in pod "${pod.metadata.name ?? ''}" is waiting to start: ${containerStatus ? 'trying and failing to pull image' : 'ContainerCreating'}`,
    );
  }
  const started = text(status.startTime, pod.metadata.creationTimestamp ?? '');
  const lines = [
    `${started} kube-sim: container ${name} started from image ${text(containerSpec.image)} on node ${text(spec.nodeName)}`,
  ];
  const restarts = Number(containerStatus.restartCount ?? 0);
  if (pod.metadata.annotations?.[simAnnotations.fault] === 'CrashLoopBackOff' || isPlainObject(state.waiting)) {
    lines.push(`${started} kube-sim: simulated crash (exit code 1); restarts so far: ${restarts}`);
  } else if (isPlainObject(state.terminated)) {
    const terminated = state.terminated;
    lines.push(
      `${text(terminated.finishedAt)} kube-sim: container exited with code ${text(terminated.exitCode)} (${text(terminated.reason)})`,
    );
  } else if (containerStatus.ready === true) {
    lines.push(`${started} kube-sim: ready`);
  }
  return `${lines.join('\n')}\n`;
}
