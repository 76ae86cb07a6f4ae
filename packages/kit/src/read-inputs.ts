import { InputError } from './errors.js';
import { parseBoolean, parseDuration, parseEnum, parseInteger, parseList, parseNumber, parseSize, parseUrl } from './inputs.js';
import type { Runtime } from './runtime.js';

type Common = { required?: boolean; description?: string };

/** How one input is parsed. `default` is written as the user would type it, and parsed like user text. */
export type InputSpec = Common &
  (
    | { kind: 'string'; default?: string; pattern?: RegExp; patternHint?: string }
    | { kind: 'boolean'; default?: string }
    | { kind: 'integer'; default?: string; min?: number; max?: number }
    | { kind: 'number'; default?: string; min?: number; max?: number }
    | { kind: 'enum'; default?: string; values: readonly string[] }
    | { kind: 'duration'; default?: string; min?: number; max?: number }
    | { kind: 'size'; default?: string; min?: number; max?: number }
    | { kind: 'list'; default?: string }
    | { kind: 'url'; default?: string; schemes?: readonly string[] }
    | { kind: 'secret'; default?: string }
  );

export type InputSpecs = Record<string, InputSpec>;

type ValueOf<S extends InputSpec> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'integer' | 'number' | 'duration' | 'size' }
    ? number
    : S extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : S extends { kind: 'list' }
        ? string[]
        : S extends { kind: 'url' }
          ? URL
          : string;

type Present<S extends InputSpec> = S extends { required: true } ? true : S extends { default: string } ? true : false;

/** The parsed inputs: required or defaulted ones are always there, others may be undefined. */
export type InputValues<S extends InputSpecs> = {
  [K in keyof S]: Present<S[K]> extends true ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

/**
 * Reads and parses every input in `specs` once, up front, so a typo in the last input
 * fails before any work starts. Secrets are masked before they are parsed.
 */
export function readInputs<const S extends InputSpecs>(runtime: Runtime, specs: S): InputValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = runtime.input(name) ?? spec.default;
    if (raw === undefined) {
      if (spec.required) throw new InputError(name, 'is required', { hint: spec.description ? `set it to ${spec.description}` : `set ${name}` });
      out[name] = undefined;
      continue;
    }
    if (spec.kind === 'secret') runtime.setSecret(raw);
    out[name] = parseOne(name, raw, spec);
  }
  return out as InputValues<S>;
}

function parseOne(name: string, raw: string, spec: InputSpec): unknown {
  switch (spec.kind) {
    case 'boolean':
      return parseBoolean(name, raw);
    case 'integer':
      return parseInteger(name, raw, bounds(spec));
    case 'number':
      return parseNumber(name, raw, bounds(spec));
    case 'duration':
      return parseDuration(name, raw, bounds(spec));
    case 'size':
      return parseSize(name, raw, bounds(spec));
    case 'enum':
      return parseEnum(name, raw, spec.values);
    case 'list':
      return parseList(name, raw);
    case 'url':
      return parseUrl(name, raw, spec.schemes);
    case 'secret':
      return raw;
    case 'string':
      if (spec.pattern && !spec.pattern.test(raw)) {
        throw new InputError(name, `"${raw}" does not match ${spec.pattern}`, spec.patternHint ? { hint: spec.patternHint } : {});
      }
      return raw;
  }
}

function bounds(spec: { min?: number; max?: number }): { min?: number; max?: number } {
  const b: { min?: number; max?: number } = {};
  if (spec.min !== undefined) b.min = spec.min;
  if (spec.max !== undefined) b.max = spec.max;
  return b;
}
