// Simulated scheduler and kubelets (after kwok): pods are bound to a Ready
// node, start, become Ready after a delay and, when they belong to run-to-
// completion workloads, succeed or fail. Annotations and images inject pod
// faults (CrashLoopBackOff, ImagePullBackOff, never ready, slow readiness).
import { text } from '../store/kube-object';
import { faultImages, simAnnotations } from '../annotations';
import type { JsonObject, KubeObject } from '../store/kube-object';
import type { Controller, ControllerContext, ObjectKey } from './controller-manager';
import { recordEvent } from './event-recorder';
import { annotation, conditionOf, setCondition, spec, status, typeOf, writeStatus, type Condition } from './helpers';

type PodFault = 'CrashLoopBackOff' | 'ImagePullBackOff' | 'NeverReady' | undefined;

interface KubeletState {
  /** When each pod (by uid) entered its current stage, in ms. */
  since: Map<string, { stage: string; at: number }>;
  nextIp: number;
  nextNode: number;
}

const states = new WeakMap<ControllerContext, KubeletState>();

function stateOf(context: ControllerContext): KubeletState {
  let state = states.get(context);
  if (!state) {
    state = { since: new Map(), nextIp: 2, nextNode: 0 };
    states.set(context, state);
  }
  return state;
}

function containers(pod: KubeObject): JsonObject[] {
  return (Array.isArray(spec(pod).containers) ? spec(pod).containers : []) as JsonObject[];
}

function faultOf(pod: KubeObject): PodFault {
  const declared = annotation(pod, simAnnotations.fault);
  if (declared === 'CrashLoopBackOff' || declared === 'ImagePullBackOff' || declared === 'NeverReady') return declared;
  const images = containers(pod).map((container) => text(container.image, ''));
  if (images.some((image) => faultImages.pullError.test(image))) return 'ImagePullBackOff';
  if (images.some((image) => faultImages.crashLoop.test(image))) return 'CrashLoopBackOff';
  return undefined;
}

function stageOf(pod: KubeObject): string {
  const phase = status(pod).phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 'done';
  if (!spec(pod).nodeName) return 'unscheduled';
  if (!status(pod).startTime) return 'scheduled';
  if (conditionOf(pod, 'Ready')?.status === 'True') return 'ready';
  return 'started';
}

function runsToCompletion(pod: KubeObject): boolean {
  return spec(pod).restartPolicy === 'Never' || spec(pod).restartPolicy === 'OnFailure';
}

function readyDelayMs(pod: KubeObject, context: ControllerContext): number {
  const seconds = annotation(pod, simAnnotations.readyAfterSeconds);
  return seconds !== undefined && Number.isFinite(Number(seconds)) ? Number(seconds) * 1000 : context.timing.podReadyMs;
}

function runMs(pod: KubeObject, context: ControllerContext): number {
  const seconds = annotation(pod, simAnnotations.runSeconds);
  return seconds !== undefined && Number.isFinite(Number(seconds)) ? Number(seconds) * 1000 : context.timing.jobRunMs;
}

function podConditions(pod: KubeObject, now: string, ready: boolean, reason?: string): Condition[] {
  let conditions = setCondition(status(pod).conditions, { type: 'PodScheduled', status: 'True' }, now);
  conditions = setCondition(conditions, { type: 'Initialized', status: 'True' }, now);
  const notReady = {
    status: 'False' as const,
    reason: reason ?? 'ContainersNotReady',
    message: `containers with unready status: [${containers(pod)
      .map((container) => String(container.name))
      .join(' ')}]`,
  };
  conditions = setCondition(
    conditions,
    ready ? { type: 'ContainersReady', status: 'True' } : { type: 'ContainersReady', ...notReady },
    now,
  );
  conditions = setCondition(
    conditions,
    ready ? { type: 'Ready', status: 'True' } : { type: 'Ready', ...notReady },
    now,
  );
  return conditions.map((condition) => ({ ...condition, lastProbeTime: null }));
}

function containerStatuses(
  pod: KubeObject,
  state: (container: JsonObject) => JsonObject,
  ready: boolean,
  restartCount = 0,
): JsonObject[] {
  return containers(pod).map((container) => ({
    name: container.name,
    image: container.image,
    imageID: `docker-pullable://${String(container.image)}@sha256:${'0'.repeat(64)}`,
    containerID: `containerd://${text(pod.metadata.uid, '').replaceAll('-', '')}${String(container.name)}`.slice(0, 77),
    ready,
    started: state(container).running !== undefined,
    restartCount,
    state: state(container),
  }));
}

function schedule(pod: KubeObject, context: ControllerContext): void {
  const { api } = context;
  const nodes = api.store
    .list('/nodes')
    .filter((node) => conditionOf(node, 'Ready')?.status === 'True' && !spec(node).unschedulable);
  if (nodes.length === 0) return;
  const state = stateOf(context);
  const node = nodes[state.nextNode % nodes.length];
  state.nextNode += 1;
  const pods = typeOf(api, '', 'Pod');
  const bound = api.update(
    pods,
    pod.metadata.namespace,
    pod.metadata.name ?? '',
    { ...pod, spec: { ...spec(pod), nodeName: node?.metadata.name ?? '' } },
    { fieldManager: 'kube-scheduler' },
  );
  writeStatus(
    api,
    pods,
    bound,
    {
      ...status(bound),
      conditions: setCondition(status(bound).conditions, { type: 'PodScheduled', status: 'True' }, api.now()).map(
        (condition) => ({ ...condition, lastProbeTime: null }),
      ),
    },
    'kube-scheduler',
  );
  recordEvent(
    context,
    bound,
    'Normal',
    'Scheduled',
    `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} to ${node?.metadata.name ?? ''}`,
    'default-scheduler',
  );
}

function start(pod: KubeObject, context: ControllerContext): void {
  const { api } = context;
  const state = stateOf(context);
  const now = api.now();
  const fault = faultOf(pod);
  const ip = `10.244.${Math.floor(state.nextIp / 250) % 250}.${(state.nextIp % 250) + 1}`;
  state.nextIp += 1;
  const base: JsonObject = {
    ...status(pod),
    startTime: now,
    hostIP: '172.18.0.2',
    hostIPs: [{ ip: '172.18.0.2' }],
    podIP: ip,
    podIPs: [{ ip }],
    qosClass: status(pod).qosClass ?? 'BestEffort',
  };
  let next: JsonObject;
  if (fault === 'ImagePullBackOff') {
    next = {
      ...base,
      phase: 'Pending',
      conditions: podConditions(pod, now, false),
      containerStatuses: containerStatuses(
        pod,
        (container) => ({
          waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${String(container.image)}"` },
        }),
        false,
      ),
    };
  } else if (fault === 'CrashLoopBackOff') {
    next = crashLooping(pod, base, now, 1);
  } else {
    next = {
      ...base,
      phase: 'Running',
      conditions: podConditions(pod, now, false),
      containerStatuses: containerStatuses(pod, () => ({ running: { startedAt: now } }), false),
    };
  }
  writeStatus(api, typeOf(api, '', 'Pod'), pod, next, 'kubelet');
  for (const container of containers(pod)) {
    const image = text(container.image);
    const name = text(container.name);
    if (fault === 'ImagePullBackOff') {
      recordEvent(
        context,
        pod,
        'Warning',
        'Failed',
        `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
        'kubelet',
      );
      recordEvent(context, pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet');
      continue;
    }
    recordEvent(context, pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, 'kubelet');
    recordEvent(context, pod, 'Normal', 'Created', `Created container: ${name}`, 'kubelet');
    recordEvent(context, pod, 'Normal', 'Started', `Started container ${name}`, 'kubelet');
    if (fault === 'CrashLoopBackOff')
      recordEvent(
        context,
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${name} in pod ${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`,
        'kubelet',
      );
  }
}

function crashLooping(pod: KubeObject, base: JsonObject, now: string, restartCount: number): JsonObject {
  return {
    ...base,
    phase: 'Running',
    conditions: podConditions(pod, now, false),
    containerStatuses: containerStatuses(
      pod,
      (container) => ({
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 10s restarting failed container=${String(container.name)} pod=${pod.metadata.name ?? ''}`,
        },
      }),
      false,
      restartCount,
    ).map((containerStatus) => ({
      ...containerStatus,
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now } },
    })),
  };
}

function becomeReady(pod: KubeObject, context: ControllerContext): void {
  const { api } = context;
  const now = api.now();
  const startedAt = status(pod).startTime ?? now;
  writeStatus(
    api,
    typeOf(api, '', 'Pod'),
    pod,
    {
      ...status(pod),
      phase: 'Running',
      conditions: podConditions(pod, now, true),
      containerStatuses: containerStatuses(pod, () => ({ running: { startedAt } }), true),
    },
    'kubelet',
  );
}

function finish(pod: KubeObject, context: ControllerContext, succeeded: boolean): void {
  const { api } = context;
  const now = api.now();
  const startedAt = status(pod).startTime ?? now;
  const terminated = {
    exitCode: succeeded ? 0 : 1,
    reason: succeeded ? 'Completed' : 'Error',
    startedAt,
    finishedAt: now,
  };
  const conditions = podConditions(pod, now, false, 'PodCompleted');
  writeStatus(
    api,
    typeOf(api, '', 'Pod'),
    pod,
    {
      ...status(pod),
      phase: succeeded ? 'Succeeded' : 'Failed',
      conditions,
      containerStatuses: containerStatuses(pod, () => ({ terminated }), false),
    },
    'kubelet',
  );
}

export const kubelet: Controller = {
  name: 'kubelet',
  watches: ['/pods'],
  targets(event, context) {
    if (event.type === 'DELETED') {
      stateOf(context).since.delete(event.object.metadata.uid ?? '');
      return [];
    }
    return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
  },
  reconcile(target: ObjectKey, context) {
    const { api } = context;
    const pod = api.store.get(target.key, target.namespace, target.name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const stage = stageOf(pod);
    if (stage === 'done' || (stage === 'ready' && !runsToCompletion(pod))) return;
    const fault = faultOf(pod);
    const state = stateOf(context);
    const uid = pod.metadata.uid ?? '';
    const nowMs = Date.now();
    const restarts = Number((status(pod).containerStatuses as JsonObject[] | undefined)?.[0]?.restartCount ?? 0);
    // Each crash-loop restart is a stage of its own, so its back-off is timed from the restart.
    const stageKey = `${stage}:${restarts}`;
    let since = state.since.get(uid);
    if (since?.stage !== stageKey) {
      since = { stage: stageKey, at: nowMs };
      state.since.set(uid, since);
    }
    let delay: number;
    let step: () => void;
    switch (stage) {
      case 'unscheduled':
        delay = context.timing.podScheduleMs;
        step = () => schedule(pod, context);
        break;
      case 'scheduled':
        delay = context.timing.podStartMs;
        step = () => start(pod, context);
        break;
      case 'started':
        if (fault === 'ImagePullBackOff' || fault === 'NeverReady') return;
        if (fault === 'CrashLoopBackOff') {
          delay = Math.min(context.timing.crashLoopMs * 2 ** Math.min(restarts - 1, 8), 300_000);
          step = () => {
            recordEvent(
              context,
              pod,
              'Warning',
              'BackOff',
              `Back-off restarting failed container ${text(containers(pod)[0]?.name)} in pod ${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${uid})`,
              'kubelet',
            );
            writeStatus(
              api,
              typeOf(api, '', 'Pod'),
              pod,
              crashLooping(pod, status(pod), api.now(), restarts + 1),
              'kubelet',
            );
          };
          break;
        }
        if (runsToCompletion(pod)) {
          delay = runMs(pod, context);
          step = () => finish(pod, context, annotation(pod, simAnnotations.jobFails) !== 'true');
          break;
        }
        delay = readyDelayMs(pod, context);
        step = () => becomeReady(pod, context);
        break;
      default:
        delay = runMs(pod, context);
        step = () => finish(pod, context, annotation(pod, simAnnotations.jobFails) !== 'true');
    }
    const remaining = since.at + delay - nowMs;
    if (remaining > 0) {
      context.after(remaining, () => context.enqueue('kubelet', target));
      return;
    }
    step();
  },
};
