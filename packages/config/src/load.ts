import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@slipway/kit';
import { parseYamlWithSchema } from './parse-yaml.js';
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
  return parseYamlWithSchema(configSchema, text, file, 'the file must be a mapping of sections (version: 1, artifacts: …, eval: …)');
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
