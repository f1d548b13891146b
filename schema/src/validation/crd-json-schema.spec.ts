import type { OpenApiSchema } from '../crd/openapi';
import { crdToJsonSchema } from './crd-json-schema';

describe('crdToJsonSchema', () => {
  it('closes objects with known properties, except where the CRD preserves unknown fields', () => {
    const schema = crdToJsonSchema({
      type: 'object',
      properties: {
        closed: { type: 'object', properties: { a: { type: 'string' } } },
        open: { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
        map: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
    expect(schema.properties?.closed?.additionalProperties).toBe(false);
    expect(schema.properties?.open?.additionalProperties).toBeUndefined();
    expect(schema.properties?.map?.additionalProperties).toEqual({ type: 'string' });
  });

  it('turns int-or-string into a union type and nullable into a null type', () => {
    const schema = crdToJsonSchema({
      type: 'object',
      properties: { count: { 'x-kubernetes-int-or-string': true }, note: { type: 'string', nullable: true } },
    });
    expect(schema.properties?.count).toEqual({ type: ['integer', 'string'] });
    expect(schema.properties?.note).toEqual({ type: ['string', 'null'] });
  });

  it('replaces the bare metadata object with the ObjectMeta fields manifests set', () => {
    const schema = crdToJsonSchema({ type: 'object', properties: { metadata: { type: 'object' } } });
    expect(schema.properties?.metadata?.properties?.annotations).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
  });

  it('moves a large shape that occurs more than once to $defs, and leaves single or small shapes inline', () => {
    const large: OpenApiSchema = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`field${index}`, { type: 'string' }])),
    };
    const schema = crdToJsonSchema({
      type: 'object',
      properties: { first: large, second: { type: 'array', items: large }, small: { type: 'string' } },
    });
    expect(Object.keys(schema.$defs ?? {})).toEqual(['shape0']);
    expect(schema.properties?.first).toEqual({ $ref: '#/$defs/shape0' });
    expect(schema.properties?.second).toEqual({ type: 'array', items: { $ref: '#/$defs/shape0' } });
    expect(schema.properties?.small).toEqual({ type: 'string' });
    expect(schema.$defs?.shape0?.additionalProperties).toBe(false);
  });
});
