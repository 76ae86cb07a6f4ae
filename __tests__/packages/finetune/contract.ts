/**
 * Shared by the contract fakes: JSON Schema validation with ajv of schemas taken from a published
 * description (OpenAPI 3.0/3.1, a CRD's openAPIV3Schema), after resolving `$ref` and turning the
 * OpenAPI-only spellings (`nullable`, boolean `exclusiveMinimum`, `x-*`) into JSON Schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;
type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: new (o: object) => { compile(schema: unknown): Validator } }).default;

export const CONTRACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'contracts');

export function loadContract(name: string): Json {
  return JSON.parse(readFileSync(path.join(CONTRACTS, name), 'utf8')) as Json;
}

/** Resolves `$ref` against `root` and rewrites OpenAPI keywords into JSON Schema that ajv understands. */
export function toJsonSchema(root: Json, node: unknown, depth = 0): unknown {
  if (depth > 60 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(root, n, depth + 1));
  let obj = node as Json;
  if (typeof obj.$ref === 'string') {
    let target: unknown = root;
    for (const part of obj.$ref.slice(2).split('/')) target = (target as Json)[part];
    obj = target as Json;
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('x-') || ['nullable', 'example', 'examples', 'description', 'deprecated', 'format', 'discriminator'].includes(k)) continue;
    if (k === 'exclusiveMinimum' && typeof v === 'boolean') continue;
    if (k === 'exclusiveMaximum' && typeof v === 'boolean') continue;
    out[k] =
      k === 'properties' || k === 'patternProperties'
        ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(root, s, depth + 1)]))
        : toJsonSchema(root, v, depth + 1);
  }
  // OpenAPI 3.0's boolean exclusive bounds become JSON Schema's numeric ones.
  if (obj.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  }
  if (obj.exclusiveMaximum === true && typeof out.maximum === 'number') {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  }
  if (obj.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

/** A validator cache: `check(key, schema, value)` returns undefined or the first errors as text. */
export function validators(): (key: string, schema: unknown, value: unknown) => string | undefined {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const cache = new Map<string, Validator>();
  return (key, schema, value) => {
    let v = cache.get(key);
    if (!v) {
      v = ajv.compile(schema);
      cache.set(key, v);
    }
    return v(value) ? undefined : JSON.stringify(v.errors?.slice(0, 3));
  };
}
