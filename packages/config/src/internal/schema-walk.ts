import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

/** The keys an object schema allows at `path`, for "allowed keys: …" in messages. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let node: AnySchema | undefined = schema;
  for (const seg of path) {
    node = node && child(unwrap(node), seg);
  }
  const obj = node && unwrap(node);
  const def = obj?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape).filter((k) => !k.startsWith('$')) : [];
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (
    let def = s._zod.def as { type: string; innerType?: AnySchema };
    (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType;
    def = s._zod.def as typeof def
  ) {
    s = def.innerType;
  }
  return s;
}

function child(schema: AnySchema, seg: PropertyKey): AnySchema | undefined {
  const def = schema._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
  if (def.type === 'object') return def.shape?.[String(seg)];
  if (def.type === 'array') return def.element;
  return undefined;
}
