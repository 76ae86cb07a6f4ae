import { validateConfig } from '@slipway/config';
import type { Runtime } from '@slipway/kit';

/**
 * What `command:` can select. Each entry parses its own inputs and calls one package function.
 * Capabilities add themselves here as their actions land.
 */
export const UMBRELLA_COMMANDS = {
  'validate-config': async (rt: Runtime) => {
    const result = await validateConfig(rt, { ...(rt.input('config') ? { file: rt.input('config') as string } : {}) });
    rt.setOutput('config-file', result.file ?? '');
    rt.setOutput('sections', result.sections.join(','));
  },
} as const satisfies Record<string, (rt: Runtime) => Promise<void>>;

export type UmbrellaCommand = keyof typeof UMBRELLA_COMMANDS;
