import { type Runtime, readInputs } from '@slipway/kit';
import { type ArtifactCommand, readArtifactInputs, type StoreOptions } from '@slipway/store';

/** The input only this action has: which command runs. The rest are shared with the root action. */
export const COMMAND_INPUT = {
  command: { kind: 'enum', values: ['push', 'pull', 'status'], required: true, description: 'push, pull or status' },
} as const;

/** Every input, parsed once, before any work. */
export function parseInputs(rt: Runtime): { command: ArtifactCommand; cache: boolean; options: StoreOptions } {
  const { command } = readInputs(rt, COMMAND_INPUT);
  return { command, ...readArtifactInputs(rt) };
}
