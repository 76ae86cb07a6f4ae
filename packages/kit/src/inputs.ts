import { InputError } from './errors.js';

/** Parses `true/false/yes/no/on/off/1/0` (any case), as YAML 1.2 core schema and the runner accept. */
export function parseBoolean(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new InputError(name, `"${raw}" is not a boolean`, { hint: 'use true or false' });
}

export interface IntegerBounds {
  min?: number;
  max?: number;
}

/** Parses a whole number in decimal, within optional bounds. */
export function parseInteger(name: string, raw: string, bounds: IntegerBounds = {}): number {
  const v = raw.trim().replace(/_/g, '');
  if (!/^[-+]?\d+$/.test(v)) {
    throw new InputError(name, `"${raw}" is not a whole number`, { hint: describeBounds(bounds) });
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new InputError(name, `"${raw}" is too large`, { hint: describeBounds(bounds) });
  checkBounds(name, raw, n, bounds);
  return n;
}

/** Parses a decimal number (e.g. `0.05`, `1e-3`), within optional bounds. */
export function parseNumber(name: string, raw: string, bounds: IntegerBounds = {}): number {
  const v = raw.trim();
  const n = v === '' ? Number.NaN : Number(v);
  if (!Number.isFinite(n)) throw new InputError(name, `"${raw}" is not a number`, { hint: describeBounds(bounds) });
  checkBounds(name, raw, n, bounds);
  return n;
}

function checkBounds(name: string, raw: string, n: number, bounds: IntegerBounds): void {
  if ((bounds.min !== undefined && n < bounds.min) || (bounds.max !== undefined && n > bounds.max)) {
    throw new InputError(name, `${raw.trim()} is out of range`, { hint: describeBounds(bounds) });
  }
}

function describeBounds({ min, max }: IntegerBounds): string {
  if (min !== undefined && max !== undefined) return `use a value from ${min} to ${max}`;
  if (min !== undefined) return `use a value of at least ${min}`;
  if (max !== undefined) return `use a value of at most ${max}`;
  return 'use a number such as 4';
}

/** Parses one of a fixed set of words (case-insensitive); the error lists them. */
export function parseEnum<const T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  const v = raw.trim().toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === v);
  if (hit === undefined) {
    throw new InputError(name, `"${raw}" is not one of ${allowed.join(', ')}`, { hint: `use one of: ${allowed.join(' | ')}` });
  }
  return hit;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration such as `90s`, `5m`, `1h30m`, `250ms` into milliseconds.
 * A bare number is refused: the unit is too easy to guess wrong.
 */
export function parseDuration(name: string, raw: string, bounds: IntegerBounds = {}): number {
  const v = raw.trim().toLowerCase();
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined !== v) {
    throw new InputError(name, `"${raw}" is not a duration`, { hint: 'use a number with a unit: 250ms, 90s, 5m, 1h30m, 2d' });
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (DURATION_UNITS[p[2] as string] as number), 0);
  checkBounds(name, raw, ms, bounds);
  return Math.round(ms);
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Parses a size such as `512MiB`, `1.5GB` or `4096` (bytes) into bytes. */
export function parseSize(name: string, raw: string, bounds: IntegerBounds = {}): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = SIZE_UNITS[(m?.[2] || 'b').toLowerCase()];
  if (!m || unit === undefined) {
    throw new InputError(name, `"${raw}" is not a size`, { hint: 'use bytes or a unit: 4096, 64KiB, 512MiB, 2GB' });
  }
  const bytes = Math.round(Number(m[1]) * unit);
  checkBounds(name, raw, bytes, bounds);
  return bytes;
}

/** Splits on newlines and commas, trims, and drops empty items and `#` comments. */
export function parseList(_name: string, raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .flatMap((line) => line.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Parses an absolute URL whose scheme is one of `schemes`. */
export function parseUrl(name: string, raw: string, schemes: readonly string[] = ['http', 'https']): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError(name, `"${raw}" is not a URL`, { hint: `use an absolute URL such as ${schemes[0]}://host/path` });
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw new InputError(name, `scheme "${scheme}" is not supported`, { hint: `use one of: ${schemes.map((s) => `${s}://`).join(', ')}` });
  }
  return url;
}
