import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '@slipway/kit';
import { LineCounter, parseDocument } from 'yaml';
import { formatIssue } from './internal/format-issue.js';
import { locate } from './internal/locate.js';
import { keysAt } from './internal/schema-walk.js';
import { configSchema, type SlipwayConfig } from './schema.js';

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: SlipwayConfig;
  /** Absolute path of the file, or undefined when none was found and defaults apply. */
  file: string | undefined;
  /** Relative paths in the config are relative to this folder. */
  dir: string;
}

export const CONFIG_FILE_NAMES = ['slipway.yml', 'slipway.yaml'] as const;

/**
 * Parses and validates `slipway.yml` text. Throws a {@link ConfigError} listing every problem,
 * each with file, line and column, the value found and what is allowed.
 */
export function parseConfig(text: string, file: string): SlipwayConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const yamlProblems: ConfigProblem[] = doc.errors.map((e) => ({
    location: { file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 },
    message: `invalid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  if (yamlProblems.length > 0) throw new ConfigError(yamlProblems);

  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError([{ location: { file, line: 1, column: 1 }, message: 'the file must be a mapping of sections (version: 1, artifacts: …, eval: …)' }]);
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;

  const problems = result.error.issues.flatMap((issue): ConfigProblem[] => {
    // zod reports all unknown keys of one object in one issue; each deserves its own line.
    const split = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ ...issue, keys: [k] })) : [issue];
    return split.map((one) => {
      const unknownKey = one.code === 'unrecognized_keys' ? (one.keys[0] ?? '') : undefined;
      const at = unknownKey === undefined ? locate(doc, counter, one.path) : locate(doc, counter, [...one.path, unknownKey], true);
      return {
        location: { file, line: at.line, column: at.column },
        message: formatIssue(one, data, (p) => keysAt(configSchema, p)),
      };
    });
  });
  problems.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
  throw new ConfigError(problems);
}

/**
 * Loads the configuration from `file`, or finds `slipway.yml` / `slipway.yaml` in `dir`.
 * With no file at all, returns the defaults (`{ version: 1 }`): every capability works without one.
 */
export async function loadConfig(options: { file?: string; dir?: string } = {}): Promise<LoadedConfig> {
  const dir = path.resolve(options.dir ?? process.cwd());
  const candidates = options.file ? [path.resolve(dir, options.file)] : CONFIG_FILE_NAMES.map((n) => path.join(dir, n));
  for (const candidate of candidates) {
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.file) continue;
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new ConfigError([{ location: { file: displayPath(candidate) }, message: `cannot read the configuration: ${reason}` }]);
    }
    return { config: parseConfig(text, displayPath(candidate)), file: candidate, dir: path.dirname(candidate) };
  }
  return { config: { version: 1 }, file: undefined, dir };
}

/** Paths in messages are relative to where the user stands, as editors and annotations expect. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
