import { ApiError } from '../api/status';
import { decodeKubernetesProtobuf } from './kubernetes-messages';

// A tiny encoder for the test: field = tag + payload.
const varint = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return bytes;
};
const bytesField = (number: number, payload: number[]): number[] => [
  ...varint((number << 3) | 2),
  ...varint(payload.length),
  ...payload,
];
const stringField = (number: number, value: string): number[] => bytesField(number, [...Buffer.from(value)]);
const varintField = (number: number, value: number): number[] => [...varint(number << 3), ...varint(value)];
const mapEntry = (number: number, key: string, value: string): number[] =>
  bytesField(number, [...stringField(1, key), ...stringField(2, value)]);

function envelope(apiVersion: string, kind: string, raw: number[]): Buffer {
  const typeMeta = [...stringField(1, apiVersion), ...stringField(2, kind)];
  return Buffer.from([0x6b, 0x38, 0x73, 0x00, ...bytesField(1, typeMeta), ...bytesField(2, raw)]);
}

describe('protobuf request bodies', () => {
  it('decodes a ConfigMap as kubectl create configmap sends it', () => {
    const metadata = [...stringField(1, 'settings'), ...stringField(2, ''), ...mapEntry(11, 'app', 'web')];
    const body = envelope('v1', 'ConfigMap', [
      ...bytesField(1, metadata),
      ...mapEntry(2, 'a', 'b'),
      ...mapEntry(2, 'x', 'y'),
      ...varintField(4, 0),
    ]);
    expect(decodeKubernetesProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', labels: { app: 'web' } },
      data: { a: 'b', x: 'y' },
    });
  });

  it('decodes Secret data as base64 and Namespace finalizers as a list', () => {
    const secret = envelope('v1', 'Secret', [
      ...bytesField(1, stringField(1, 's')),
      ...mapEntry(2, 'pw', 'hunter2'),
      ...stringField(3, 'Opaque'),
    ]);
    expect(decodeKubernetesProtobuf(secret)).toMatchObject({
      data: { pw: Buffer.from('hunter2').toString('base64') },
      type: 'Opaque',
    });
    const namespace = envelope('v1', 'Namespace', [
      ...bytesField(1, stringField(1, 'team')),
      ...bytesField(2, [...stringField(1, 'a'), ...stringField(1, 'b')]),
    ]);
    expect(decodeKubernetesProtobuf(namespace)).toMatchObject({
      metadata: { name: 'team' },
      spec: { finalizers: ['a', 'b'] },
    });
  });

  it('answers 415 for kinds it cannot decode and 400 for broken bodies', () => {
    expect(() => decodeKubernetesProtobuf(envelope('apps/v1', 'Deployment', []))).toThrow(
      expect.objectContaining({ code: 415 }) as ApiError,
    );
    expect(() => decodeKubernetesProtobuf(Buffer.from('{"json":true}'))).toThrow(
      expect.objectContaining({ code: 400 }) as ApiError,
    );
    const truncated = envelope('v1', 'ConfigMap', [...bytesField(1, stringField(1, 'x'))]).subarray(0, 20);
    expect(() => decodeKubernetesProtobuf(truncated)).toThrow(expect.objectContaining({ code: 400 }) as ApiError);
  });
});
