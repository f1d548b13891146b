// The merge-relevant skeleton of a kind's schema: which lists merge by a key,
// which are sets of scalars and which are atomic. Strategic merge patch and
// server-side apply both walk it. Fields that are absent here are plain maps
// (merged recursively) or atomic lists (replaced whole).
export interface MergeSchema {
  fields?: Record<string, MergeSchema>;
  /** Schema of map values (`map[string]T`) or list items. */
  items?: MergeSchema;
  listType?: 'map' | 'set' | 'atomic';
  /** patchMergeKey: the one key strategic merge patch matches items by. */
  mergeKey?: string;
  /**
   * x-kubernetes-list-map-keys for server-side apply when they differ from
   * [mergeKey] (container ports are keyed by containerPort and protocol),
   * with the defaults of key fields that may be omitted.
   */
  mapKeys?: string[];
  keyDefaults?: Record<string, unknown>;
  /** Strategic merge: lists with `merge` merge; `retainKeys` maps drop keys the patch does not retain. */
  patchStrategy?: 'merge' | 'retainKeys' | 'merge,retainKeys';
}

const keyedList = (mergeKey: string, items: MergeSchema = {}, retainKeys = false): MergeSchema => ({
  listType: 'map',
  mergeKey,
  patchStrategy: retainKeys ? 'merge,retainKeys' : 'merge',
  items,
});

/** A list whose server-side apply key adds `protocol` (default TCP) to the strategic merge key. */
const portList = (mergeKey: string): MergeSchema => ({
  ...keyedList(mergeKey),
  mapKeys: [mergeKey, 'protocol'],
  keyDefaults: { protocol: 'TCP' },
});

/** The key object identifying a list-map item for server-side apply, or undefined when a key is missing. */
export function listMapKey(schema: MergeSchema, item: unknown): Record<string, unknown> | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const names = schema.mapKeys ?? (schema.mergeKey ? [schema.mergeKey] : []);
  if (names.length === 0) return undefined;
  const key: Record<string, unknown> = {};
  for (const name of [...names].sort()) {
    const value = (item as Record<string, unknown>)[name] ?? schema.keyDefaults?.[name];
    if (value === undefined) return undefined;
    key[name] = value;
  }
  return key;
}

const mergedSet: MergeSchema = { listType: 'set', patchStrategy: 'merge' };
const conditions = keyedList('type');

export const objectMetaSchema: MergeSchema = {
  fields: {
    finalizers: mergedSet,
    ownerReferences: keyedList('uid'),
  },
};

const containerSchema: MergeSchema = {
  fields: {
    ports: portList('containerPort'),
    env: keyedList('name'),
    volumeMounts: keyedList('mountPath'),
    volumeDevices: keyedList('devicePath'),
  },
};

export const podSpecSchema: MergeSchema = {
  fields: {
    containers: keyedList('name', containerSchema),
    initContainers: keyedList('name', containerSchema),
    ephemeralContainers: keyedList('name', containerSchema),
    volumes: keyedList('name', {}, true),
    imagePullSecrets: keyedList('name'),
    hostAliases: keyedList('ip'),
    topologySpreadConstraints: keyedList('topologyKey'),
    schedulingGates: keyedList('name'),
    resourceClaims: keyedList('name', {}, true),
  },
};

const podStatusSchema: MergeSchema = { fields: { conditions, podIPs: keyedList('ip') } };
const podTemplateSchema: MergeSchema = { fields: { metadata: objectMetaSchema, spec: podSpecSchema } };
const retainKeysStrategy: MergeSchema = { patchStrategy: 'retainKeys' };
const withConditions: MergeSchema = { fields: { conditions } };

function kindSchema(spec: MergeSchema['fields'] | undefined, status: MergeSchema = withConditions): MergeSchema {
  return {
    fields: {
      metadata: objectMetaSchema,
      ...(spec ? { spec: { fields: spec } } : {}),
      status,
    },
  };
}

const builtinSchemas: Record<string, MergeSchema> = {
  Pod: kindSchema(podSpecSchema.fields, podStatusSchema),
  Deployment: kindSchema({ template: podTemplateSchema, strategy: retainKeysStrategy }),
  ReplicaSet: kindSchema({ template: podTemplateSchema }),
  StatefulSet: kindSchema({ template: podTemplateSchema, updateStrategy: retainKeysStrategy }),
  DaemonSet: kindSchema({ template: podTemplateSchema, updateStrategy: retainKeysStrategy }),
  Job: kindSchema({ template: podTemplateSchema }),
  CronJob: kindSchema({
    jobTemplate: { fields: { metadata: objectMetaSchema, spec: { fields: { template: podTemplateSchema } } } },
  }),
  Service: kindSchema({ ports: portList('port') }),
  Node: kindSchema(undefined, { fields: { conditions, addresses: keyedList('type') } }),
  Namespace: kindSchema(undefined),
  PersistentVolumeClaim: kindSchema(undefined),
  Ingress: kindSchema(undefined),
  HorizontalPodAutoscaler: kindSchema(undefined),
  CustomResourceDefinition: kindSchema(undefined),
  PodDisruptionBudget: kindSchema(undefined),
};

const genericSchema: MergeSchema = { fields: { metadata: objectMetaSchema } };

/** Merge schema of a built-in kind; kinds without keyed lists get just ObjectMeta's. */
export function builtinMergeSchema(kind: string): MergeSchema {
  return builtinSchemas[kind] ?? genericSchema;
}

/** Derives a merge schema from a CRD's OpenAPI v3 schema (x-kubernetes-list-type / list-map-keys). */
export function mergeSchemaFromOpenApi(openApi: unknown): MergeSchema {
  const converted = convertOpenApi(openApi);
  return { ...converted, fields: { ...converted.fields, metadata: objectMetaSchema } };
}

function convertOpenApi(node: unknown): MergeSchema {
  if (node === null || typeof node !== 'object') return {};
  const openApi = node as Record<string, unknown>;
  const result: MergeSchema = {};
  const properties = openApi.properties as Record<string, unknown> | undefined;
  if (properties) {
    result.fields = {};
    for (const [name, child] of Object.entries(properties)) result.fields[name] = convertOpenApi(child);
  }
  if (openApi.items) result.items = convertOpenApi(openApi.items);
  if (openApi.additionalProperties && typeof openApi.additionalProperties === 'object') {
    result.items = convertOpenApi(openApi.additionalProperties);
  }
  const listType = openApi['x-kubernetes-list-type'];
  if (listType === 'map' || listType === 'set' || listType === 'atomic') result.listType = listType;
  const keys = openApi['x-kubernetes-list-map-keys'];
  if (Array.isArray(keys) && typeof keys[0] === 'string') {
    result.mergeKey = keys[0];
    if (keys.length > 1) result.mapKeys = keys.filter((key): key is string => typeof key === 'string');
  }
  return result;
}
