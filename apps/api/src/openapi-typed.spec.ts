import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Typed API (issue 15): every schema in docs/openapi.json says what it holds. A bare
 * `type: object` (no properties, no additionalProperties, no composition) types as `unknown`-ish
 * `Record<string, never>` in the web and forces casts there; declare a DTO class with @ApiProperty
 * per field, or `additionalProperties` with a typed value for a genuine free map.
 */
type Schema = {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

const spec = JSON.parse(readFileSync(path.join(__dirname, '../../../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, Schema> };
};

export function isBareObject(s: Schema): boolean {
  return s.type === 'object' && s.properties === undefined && s.additionalProperties === undefined && !s.$ref && !s.allOf && !s.oneOf && !s.anyOf;
}

/** Paths (like `ApplicationDto.review` or `ProofReviewDto.result.allOf[0]`) of every bare object schema below `s`. */
export function bareObjects(s: Schema, at: string, out: string[] = []): string[] {
  if (!s || typeof s !== 'object') return out;
  if (isBareObject(s)) out.push(at);
  for (const [k, p] of Object.entries(s.properties ?? {})) bareObjects(p, `${at}.${k}`, out);
  if (s.items) bareObjects(s.items, `${at}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') bareObjects(s.additionalProperties, `${at}{}`, out);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) (s[key] ?? []).forEach((x, i) => bareObjects(x, `${at}.${key}[${i}]`, out));
  return out;
}

/** Schemas inline in the paths: parameters, request bodies, responses. */
function inlineSchemas(node: unknown, at: string, out: [string, Schema][] = []): [string, Schema][] {
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'schema' && v && typeof v === 'object') out.push([at, v as Schema]);
    else inlineSchemas(v, `${at}/${k}`, out);
  }
  return out;
}

describe('docs/openapi.json is typed throughout', () => {
  it('the check finds a bare object where there is one, and not where a shape is declared', () => {
    expect(bareObjects({ type: 'object', properties: { a: { type: 'object' }, b: { type: 'array', items: { type: 'object' } } } }, 'X')).toEqual(['X.a', 'X.b[]']);
    expect(bareObjects({ type: 'object', additionalProperties: { type: 'string' } }, 'Y')).toEqual([]);
    expect(bareObjects({ type: 'object', properties: {}, additionalProperties: false }, 'Z')).toEqual([]);
    expect(bareObjects({ type: 'object', allOf: [{ $ref: '#/components/schemas/A' }] }, 'W')).toEqual([]);
  });

  it('no component schema has a property of bare type object', () => {
    const bare = Object.entries(spec.components.schemas).flatMap(([name, s]) => bareObjects(s, name));
    expect(bare).toEqual([]);
  });

  it('no request or response schema in the paths is a bare object', () => {
    const bare = inlineSchemas(spec.paths, '').flatMap(([at, s]) => bareObjects(s, at));
    expect(bare).toEqual([]);
  });
});
