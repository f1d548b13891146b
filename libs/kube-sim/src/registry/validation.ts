// Validation of built-in kinds: object names and the schema rules that
// kube-apiserver rejects with 422 Invalid. Pure; returns the causes found.
import type { StatusCause } from '../api/status';
import { deepEqual, isPlainObject, type JsonObject, type KubeObject, text } from '../store/kube-object';
import { labelSelectorMatches, type LabelSelectorSpec } from '../store/selectors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

const LABEL_NAMED = new Set(['Namespace']);
const DNS1035_NAMED = new Set(['Service']);

export function validateName(kind: string, name: string): StatusCause[] {
  if (!name)
    return [
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ];
  if (LABEL_NAMED.has(kind) || DNS1035_NAMED.has(kind)) {
    const pattern = DNS1035_NAMED.has(kind) ? DNS1035_LABEL : DNS1123_LABEL;
    if (name.length > 63 || !pattern.test(name)) {
      return [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.name',
          message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
        },
      ];
    }
    return [];
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      },
    ];
  }
  return [];
}

function validateLabels(labels: unknown, field: string): StatusCause[] {
  if (labels === undefined) return [];
  if (!isPlainObject(labels))
    return [{ reason: 'FieldValueInvalid', field, message: 'Invalid value: must be a map of strings' }];
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (!QUALIFIED_NAME.test(key))
      causes.push({
        reason: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.'`,
      });
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: `${field}.${key}`,
        message: `Invalid value: ${JSON.stringify(value)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`,
      });
    }
  }
  return causes;
}

function validateStringMap(map: unknown, field: string): StatusCause[] {
  if (map === undefined) return [];
  if (!isPlainObject(map) || Object.values(map).some((value) => typeof value !== 'string')) {
    return [{ reason: 'FieldValueInvalid', field, message: 'Invalid value: must be a map of string to string' }];
  }
  return [];
}

function validatePodSpec(spec: unknown, field: string, restartPolicies?: string[]): StatusCause[] {
  if (!isPlainObject(spec)) return [{ reason: 'FieldValueRequired', field, message: 'Required value' }];
  const causes: StatusCause[] = [];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({ reason: 'FieldValueRequired', field: `${field}.containers`, message: 'Required value' });
  } else {
    containers.forEach((container: unknown, index) => {
      const path = `${field}.containers[${index}]`;
      if (!isPlainObject(container))
        return void causes.push({
          reason: 'FieldValueInvalid',
          field: path,
          message: 'Invalid value: must be an object',
        });
      if (typeof container.name !== 'string' || !DNS1123_LABEL.test(container.name))
        causes.push({
          reason: 'FieldValueRequired',
          field: `${path}.name`,
          message: 'Required value: a lowercase RFC 1123 label is required',
        });
      if (typeof container.image !== 'string' || container.image === '')
        causes.push({ reason: 'FieldValueRequired', field: `${path}.image`, message: 'Required value' });
      if (container.ports !== undefined && !Array.isArray(container.ports))
        causes.push({ reason: 'FieldValueInvalid', field: `${path}.ports`, message: 'Invalid value: must be a list' });
      for (const [portIndex, port] of (Array.isArray(container.ports) ? container.ports : []).entries()) {
        const value = isPlainObject(port) ? port.containerPort : undefined;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535)
          causes.push({
            reason: 'FieldValueInvalid',
            field: `${path}.ports[${portIndex}].containerPort`,
            message: `Invalid value: ${JSON.stringify(value)}: must be between 1 and 65535, inclusive`,
          });
      }
    });
  }
  if (restartPolicies && spec.restartPolicy !== undefined && !restartPolicies.includes(text(spec.restartPolicy))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${field}.restartPolicy`,
      message: `Unsupported value: "${text(spec.restartPolicy)}": supported values: ${restartPolicies.map((policy) => `"${policy}"`).join(', ')}`,
    });
  }
  return causes;
}

function validateReplicas(spec: JsonObject, field: string): StatusCause[] {
  const replicas = spec.replicas;
  if (replicas === undefined) return [];
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
    return [
      {
        reason: 'FieldValueInvalid',
        field: `${field}.replicas`,
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ];
  return [];
}

function validateWorkload(object: KubeObject, restartPolicies?: string[]): StatusCause[] {
  const spec = object.spec;
  if (!isPlainObject(spec)) return [{ reason: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
  const causes = validateReplicas(spec, 'spec');
  const template = isPlainObject(spec.template) ? spec.template : undefined;
  if (!template)
    return [...causes, { reason: 'FieldValueRequired', field: 'spec.template', message: 'Required value' }];
  const templateLabels = isPlainObject(template.metadata)
    ? (template.metadata.labels as Record<string, string> | undefined)
    : undefined;
  causes.push(...validateLabels(templateLabels, 'spec.template.metadata.labels'));
  if (object.kind !== 'Job') {
    const selector = isPlainObject(spec.selector) ? (spec.selector as LabelSelectorSpec) : undefined;
    if (
      !selector ||
      (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
    ) {
      causes.push({ reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' });
    } else if (!labelSelectorMatches(selector, templateLabels)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        message: `Invalid value: ${JSON.stringify(templateLabels ?? {})}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  causes.push(...validatePodSpec(template.spec, 'spec.template.spec', restartPolicies));
  return causes;
}

function validateService(object: KubeObject): StatusCause[] {
  const spec = isPlainObject(object.spec) ? object.spec : {};
  const causes: StatusCause[] = [];
  const ports = spec.ports;
  if (ports !== undefined && !Array.isArray(ports))
    return [{ reason: 'FieldValueInvalid', field: 'spec.ports', message: 'Invalid value: must be a list' }];
  for (const [index, port] of (ports ?? []).entries()) {
    const value = isPlainObject(port) ? port.port : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535)
      causes.push({
        reason: 'FieldValueInvalid',
        field: `spec.ports[${index}].port`,
        message: `Invalid value: ${JSON.stringify(value)}: must be between 1 and 65535, inclusive`,
      });
  }
  const type = spec.type;
  if (type !== undefined && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(text(type))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.type',
      message: `Unsupported value: "${text(type)}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
    });
  }
  return causes;
}

/** All 422 causes for an object of a built-in kind (empty when valid). */
export function validateObject(object: KubeObject): StatusCause[] {
  const causes = [
    ...validateLabels(object.metadata.labels, 'metadata.labels'),
    ...validateStringMap(object.metadata.annotations, 'metadata.annotations'),
  ];
  switch (object.kind) {
    case 'ConfigMap':
      causes.push(...validateStringMap(object.data, 'data'), ...validateStringMap(object.binaryData, 'binaryData'));
      break;
    case 'Secret':
      causes.push(...validateStringMap(object.data, 'data'), ...validateStringMap(object.stringData, 'stringData'));
      break;
    case 'Pod':
      causes.push(...validatePodSpec(object.spec, 'spec', ['Always', 'OnFailure', 'Never']));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      causes.push(...validateWorkload(object, ['Always']));
      break;
    case 'Job':
      causes.push(...validateWorkload(object, ['OnFailure', 'Never']));
      break;
    case 'Service':
      causes.push(...validateService(object));
      break;
  }
  return causes;
}

/** Fields kube-apiserver refuses to change after creation. */
export function validateImmutable(previous: KubeObject, next: KubeObject): StatusCause[] {
  const immutable: Record<string, string[]> = {
    Deployment: ['selector'],
    ReplicaSet: ['selector'],
    StatefulSet: ['selector', 'serviceName'],
    DaemonSet: ['selector'],
    Job: ['selector', 'template'],
  };
  const fields = next.kind ? immutable[next.kind] : undefined;
  if (!fields) return [];
  const before = isPlainObject(previous.spec) ? previous.spec : {};
  const after = isPlainObject(next.spec) ? next.spec : {};
  return fields
    .filter((field) => !deepEqual(before[field], after[field]))
    .map((field) => ({
      reason: 'FieldValueInvalid',
      field: `spec.${field}`,
      message: 'Invalid value: field is immutable',
    }));
}
