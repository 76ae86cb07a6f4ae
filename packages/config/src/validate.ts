import type { Runtime } from '@slipway/kit';
import { loadConfig } from './load.js';

export interface ValidateResult {
  file: string | undefined;
  sections: string[];
}

/**
 * Checks `slipway.yml` and reports the outcome: the capability behind `command: validate-config`.
 * Problems are thrown as a ConfigError, which front ends turn into file:line:col annotations.
 */
export async function validateConfig(rt: Runtime, options: { file?: string }): Promise<ValidateResult> {
  const loaded = await loadConfig({ dir: rt.cwd, ...(options.file ? { file: options.file } : {}) });
  const sections = Object.keys(loaded.config).filter((k) => k !== 'version' && k !== '$schema');
  rt.log.info(loaded.file ? `${loaded.file}: valid (sections: ${sections.join(', ') || 'none'})` : 'no slipway.yml found: defaults apply');
  return { file: loaded.file, sections };
}
