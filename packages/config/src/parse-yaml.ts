import { ConfigError, type ConfigProblem } from '@slipway/kit';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatIssue } from './internal/format-issue.js';
import { locate } from './internal/locate.js';
import { keysAt } from './internal/schema-walk.js';

/**
 * Parses YAML (or JSON) text and validates it against any zod schema, the way `slipway.yml` is:
 * the result is the schema's output, or a {@link ConfigError} listing every problem with
 * file, line and column, the value found and what is allowed. For capabilities with a file of
 * their own (`gateway.yml`).
 */
export function parseYamlWithSchema<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  notAMapping = 'the file must be a mapping of keys to values',
): z.output<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        location: { file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 },
        message: `invalid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError([{ location: { file, line: 1, column: 1 }, message: notAMapping }]);
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue): ConfigProblem[] => {
    const split = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ ...issue, keys: [k] })) : [issue];
    // zod reports all unknown keys of one object in one issue; each deserves its own line.
    return split.map((one) => {
      const unknownKey = one.code === 'unrecognized_keys' ? (one.keys[0] ?? '') : undefined;
      const at = unknownKey === undefined ? locate(doc, counter, one.path) : locate(doc, counter, [...one.path, unknownKey], true);
      return { location: { file, line: at.line, column: at.column }, message: formatIssue(one, data, (p) => keysAt(schema, p)) };
    });
  });
  problems.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
  throw new ConfigError(problems);
}
