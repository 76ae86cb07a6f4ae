import type { z } from 'zod';

/** What the user wrote, short enough for one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function dottedPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/**
 * One zod issue as a sentence: which key, what was found, and what is allowed.
 * `allowedKeys` lists the keys of the object an unknown key was found in.
 */
export function formatIssue(issue: z.core.$ZodIssue, root: unknown, allowedKeys: (path: readonly PropertyKey[]) => string[]): string {
  const where = dottedPath(issue.path) || 'the top level';
  const found = describeValue(valueAt(root, issue.path));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.path);
      const key = issue.keys[0] ?? '';
      const guess = closest(key, allowed);
      return `unknown key "${key}" in ${where}${guess ? ` (did you mean "${guess}"?)` : ''}; allowed keys: ${allowed.join(', ')}`;
    }
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (valueAt(root, issue.path) === undefined) return `${where} is required: set it to ${expected}`;
      return `${where}: expected ${expected}, found ${found}`;
    }
    case 'invalid_value':
      if (valueAt(root, issue.path) === undefined) {
        return `${where} is required: set it to ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
      }
      return `${where}: found ${found}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `${where}: found ${found}; ${issue.origin === 'array' || issue.origin === 'string' ? 'length ' : ''}must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `${where}: found ${found}; ${issue.origin === 'array' || issue.origin === 'string' ? 'length ' : ''}must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${where}: found ${found}; expected ${issue.format === 'regex' ? issue.message : `a valid ${issue.format}`}`;
    default:
      return `${where}: ${issue.message} (found ${found})`;
  }
}

/** The allowed word nearest to `word`, when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
