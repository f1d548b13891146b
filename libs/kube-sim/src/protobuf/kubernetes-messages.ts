// Decodes the protobuf bodies kubectl's imperative commands send (`kubectl
// create namespace|configmap|secret|serviceaccount`) into JSON objects. Field
// numbers follow k8s.io/api and apimachinery generated.proto. The envelope is
// "k8s\0" followed by a runtime.Unknown message.
import { ApiError } from '../api/status';
import type { JsonObject } from '../store/kube-object';
import { ProtobufError, readFields, type WireField } from './wire';

type FieldKind =
  'string' | 'int' | 'bool' | 'stringMap' | 'bytesMap' | 'strings' | { message: MessageSchema; repeated?: boolean };

type MessageSchema = Record<number, [name: string, kind: FieldKind]>;

const decoder = new TextDecoder();

const ownerReference: MessageSchema = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool'],
  7: ['blockOwnerDeletion', 'bool'],
};

const objectMeta: MessageSchema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  11: ['labels', 'stringMap'],
  12: ['annotations', 'stringMap'],
  13: ['ownerReferences', { message: ownerReference, repeated: true }],
  14: ['finalizers', 'strings'],
};

const localObjectReference: MessageSchema = { 1: ['name', 'string'] };

const messages: Record<string, MessageSchema> = {
  'v1/Namespace': {
    1: ['metadata', { message: objectMeta }],
    2: ['spec', { message: { 1: ['finalizers', 'strings'] } }],
  },
  'v1/ConfigMap': {
    1: ['metadata', { message: objectMeta }],
    2: ['data', 'stringMap'],
    3: ['binaryData', 'bytesMap'],
    4: ['immutable', 'bool'],
  },
  'v1/Secret': {
    1: ['metadata', { message: objectMeta }],
    2: ['data', 'bytesMap'],
    3: ['type', 'string'],
    4: ['stringData', 'stringMap'],
    5: ['immutable', 'bool'],
  },
  'v1/ServiceAccount': {
    1: ['metadata', { message: objectMeta }],
    2: [
      'secrets',
      { message: { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'] }, repeated: true },
    ],
    3: ['imagePullSecrets', { message: localObjectReference, repeated: true }],
    4: ['automountServiceAccountToken', 'bool'],
  },
};

function mapEntry(bytes: Uint8Array): [string, Uint8Array] {
  let key = '';
  let value: Uint8Array = new Uint8Array();
  for (const field of readFields(bytes)) {
    if (field.number === 1 && field.bytes) key = decoder.decode(field.bytes);
    if (field.number === 2 && field.bytes) value = field.bytes;
  }
  return [key, value];
}

function decodeMessage(bytes: Uint8Array, schema: MessageSchema): JsonObject {
  const result: JsonObject = {};
  for (const field of readFields(bytes)) {
    const entry = schema[field.number];
    if (!entry) continue;
    const [name, kind] = entry;
    assign(result, name, kind, field);
  }
  return result;
}

function assign(result: JsonObject, name: string, kind: FieldKind, field: WireField): void {
  const bytes = field.bytes ?? new Uint8Array();
  // Go's JSON omits empty strings, zeros and false (omitempty); mirror that.
  if (kind === 'string') {
    if (bytes.length > 0) result[name] = decoder.decode(bytes);
  } else if (kind === 'int') {
    if (field.value) result[name] = Number(field.value);
  } else if (kind === 'bool') {
    if (field.value === 1n) result[name] = true;
  } else if (kind === 'strings')
    result[name] = [...((result[name] as string[] | undefined) ?? []), decoder.decode(bytes)];
  else if (kind === 'stringMap' || kind === 'bytesMap') {
    const [key, value] = mapEntry(bytes);
    const map = (result[name] as Record<string, string> | undefined) ?? {};
    map[key] = kind === 'stringMap' ? decoder.decode(value) : Buffer.from(value).toString('base64');
    result[name] = map;
  } else {
    const decoded = decodeMessage(bytes, kind.message);
    result[name] = kind.repeated ? [...((result[name] as JsonObject[] | undefined) ?? []), decoded] : decoded;
  }
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** Decodes a `application/vnd.kubernetes.protobuf` request body, or throws 415 for kinds it does not know. */
export function decodeKubernetesProtobuf(body: Buffer): JsonObject {
  if (body.length < 4 || MAGIC.some((byte, index) => body[index] !== byte)) {
    throw new ApiError(400, 'BadRequest', 'protobuf body does not start with the "k8s\\0" envelope');
  }
  try {
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array = new Uint8Array();
    for (const field of readFields(body.subarray(4))) {
      if (field.number === 1 && field.bytes) {
        for (const typeField of readFields(field.bytes)) {
          if (typeField.number === 1 && typeField.bytes) apiVersion = decoder.decode(typeField.bytes);
          if (typeField.number === 2 && typeField.bytes) kind = decoder.decode(typeField.bytes);
        }
      }
      if (field.number === 2 && field.bytes) raw = field.bytes;
    }
    const schema = messages[`${apiVersion}/${kind}`];
    if (!schema) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `kube-sim decodes protobuf bodies only for ${Object.keys(messages).join(', ')} (got ${apiVersion}/${kind}); send JSON instead (kubectl create -f / kubectl apply -f)`,
      );
    }
    return { apiVersion, kind, ...decodeMessage(raw, schema) };
  } catch (error) {
    if (error instanceof ProtobufError)
      throw new ApiError(400, 'BadRequest', `malformed protobuf body: ${error.message}`);
    throw error;
  }
}
