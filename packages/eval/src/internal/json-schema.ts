/**
 * A small JSON Schema (draft 2020-12 subset) validator for the `json-schema` assertion: type, enum,
 * const, properties, required, additionalProperties, items, prefixItems, min/max (length, items,
 * value), pattern, allOf/anyOf/oneOf/not. Returns the first problem as `path: message`, or undefined.
 */
export function validateJsonSchema(schema: unknown, value: unknown, path = '$'): string | undefined {
  if (schema === true || schema === undefined) return undefined;
  if (schema === false) return `${path}: no value is allowed here`;
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as Record<string, unknown>;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => isType(value, t))) return `${path}: expected ${types.join(' or ')}, found ${typeName(value)}`;
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) return `${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`;
  if ('const' in s && !deepEqual(s.const, value)) return `${path}: expected ${JSON.stringify(s.const)}`;
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) return `${path}: shorter than ${s.minLength}`;
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) return `${path}: longer than ${s.maxLength}`;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return `${path}: does not match ${s.pattern}`;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return `${path}: below ${s.minimum}`;
    if (typeof s.maximum === 'number' && value > s.maximum) return `${path}: above ${s.maximum}`;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return `${path}: not above ${s.exclusiveMinimum}`;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return `${path}: not below ${s.exclusiveMaximum}`;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return `${path}: fewer than ${s.minItems} items`;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return `${path}: more than ${s.maxItems} items`;
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    for (const [i, item] of value.entries()) {
      const sub = i < prefix.length ? prefix[i] : s.items;
      const p = validateJsonSchema(sub, item, `${path}[${i}]`);
      if (p) return p;
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of Array.isArray(s.required) ? (s.required as string[]) : []) if (!(key in obj)) return `${path}: missing required property "${key}"`;
    const props = (s.properties ?? {}) as Record<string, unknown>;
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) {
        const p = validateJsonSchema(props[key], v, `${path}.${key}`);
        if (p) return p;
      } else if (s.additionalProperties !== undefined) {
        const p = validateJsonSchema(s.additionalProperties, v, `${path}.${key}`);
        if (p) return s.additionalProperties === false ? `${path}: unexpected property "${key}"` : p;
      }
    }
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) if (validateJsonSchema(sub, value, path)) return validateJsonSchema(sub, value, path);
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => !validateJsonSchema(sub, value, path))) return `${path}: matches none of anyOf`;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => !validateJsonSchema(sub, value, path)).length !== 1) return `${path}: must match exactly one of oneOf`;
  if (s.not !== undefined && !validateJsonSchema(s.not, value, path)) return `${path}: matches a schema it must not`;
  return undefined;
}

function isType(v: unknown, t: string): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return typeof v === t;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
