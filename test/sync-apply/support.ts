// Two ways to apply a manifest to kube-sim: the real `kubectl apply` and Driftless's client-side
// apply (threeWayApplyPatch sent through the in-process API), plus the normalisation under which
// their results must be equal.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isBuiltInGroup, LAST_APPLIED_ANNOTATION, type JsonObject } from '@driftless/diff';
import type { ClusterApi, ResourceType } from '@driftless/kube-sim';
import {
  readLastApplied,
  STRATEGIC_MERGE_PATCH,
  type ThreeWayPatch,
  threeWayApplyPatch,
  withLastApplied,
} from '../../core/src/sync/apply/three-way-patch';
import { kubectlBinary } from '../support/tools';

const run = promisify(execFile);

/** The kubectl Driftless ships (scripts/ensure-tools.mjs), else the one on PATH. */
const kubectl = existsSync(kubectlBinary) ? kubectlBinary : 'kubectl';

export interface Workspace {
  readonly directory: string;
  readonly kubeconfig: string;
}

export function inNamespace(object: JsonObject, namespace: string): JsonObject {
  const metadata = object.metadata as JsonObject;
  return structuredClone({ ...object, metadata: { ...metadata, namespace } });
}

export function resourceTypeOf(api: ClusterApi, object: JsonObject): ResourceType {
  const { apiVersion, kind } = object as { apiVersion: string; kind: string };
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  const type = api.types.byKind(group, kind);
  if (!type) throw new Error(`kube-sim serves no ${kind} in group "${group}"`);
  return type;
}

export function getLive(api: ClusterApi, object: JsonObject): JsonObject {
  const metadata = object.metadata as { name: string; namespace?: string };
  const live = api.get(resourceTypeOf(api, object), metadata.namespace, metadata.name);
  return structuredClone(live) as unknown as JsonObject;
}

export async function kubectlApply(workspace: Workspace, manifest: JsonObject, step: string): Promise<void> {
  const file = join(workspace.directory, `${step}.json`);
  await writeFile(file, JSON.stringify(manifest));
  const args = ['--kubeconfig', workspace.kubeconfig, '--cache-dir', join(workspace.directory, 'cache')];
  await run(kubectl, [...args, 'apply', '-f', file], { timeout: 30_000 });
}

/** The patch the sync engine would send for an existing object, or undefined when it is in sync. */
export function driftlessPatch(api: ClusterApi, manifest: JsonObject): ThreeWayPatch | undefined {
  const current = getLive(api, manifest);
  return threeWayApplyPatch({
    original: readLastApplied(current),
    modified: withLastApplied(manifest),
    current,
    strategic: isBuiltInGroup(resourceTypeOf(api, manifest).group),
  });
}

export function driftlessApply(api: ClusterApi, manifest: JsonObject): void {
  const result = driftlessPatch(api, manifest);
  if (!result) return;
  const { name, namespace } = manifest.metadata as { name: string; namespace: string };
  const patchType = result.patchType === STRATEGIC_MERGE_PATCH ? 'strategic' : 'merge';
  api.patch(resourceTypeOf(api, manifest), namespace, name, patchType, JSON.stringify(result.patch));
}

/**
 * The object without what differs between two namespaces or two write histories: identity and
 * bookkeeping fields, status, a Service's allocated cluster IPs, and the namespace named inside the
 * last-applied text (compared byte for byte otherwise).
 */
export function comparable(live: JsonObject): JsonObject {
  const object = structuredClone(live);
  const metadata = object.metadata as Record<string, unknown>;
  const namespace = String(metadata.namespace);
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'namespace'])
    delete metadata[field];
  delete object.status;
  if (object.kind === 'Service') {
    const spec = object.spec as Record<string, unknown>;
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  const annotations = metadata.annotations as Record<string, string> | undefined;
  const lastApplied = annotations?.[LAST_APPLIED_ANNOTATION];
  if (annotations && lastApplied !== undefined) {
    annotations[LAST_APPLIED_ANNOTATION] = lastApplied.replace(`"namespace":"${namespace}"`, '"namespace":"…"');
  }
  return object;
}
