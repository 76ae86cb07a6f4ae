/**
 * The bytes Python's `json.dumps(value, sort_keys=True)` produces, for the values a `.dir` object
 * holds (strings, numbers, booleans, null, lists, objects). DVC hashes those bytes, so every
 * separator and escape must match: `", "` and `": "`, `ensure_ascii` escapes in lowercase hex.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('non-finite numbers have no JSON form');
    if (!Number.isInteger(value)) throw new TypeError('only integers are serialised here: Python prints floats differently');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${pythonString(k)}: ${pythonJsonDumps((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value}`);
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const SHORT_ESCAPES: Record<number, string> = { 34: '\\"', 92: '\\\\', 10: '\\n', 13: '\\r', 9: '\\t', 8: '\\b', 12: '\\f' };

/** A string as `ensure_ascii=True` writes it: printable ASCII as is, everything else `\uXXXX` per UTF-16 unit. */
export function pythonString(s: string): string {
  // Most names are plain printable ASCII: nothing to escape, no per-character work.
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c >= 0x20 && c <= 0x7e) out += s[i];
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** Orders strings by Unicode code point, as Python compares `str` (JavaScript's default compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort above every other BMP unit in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
