import { type ExitCode, readInputs, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';
import { UMBRELLA_COMMANDS, type UmbrellaCommand } from './commands.js';

const COMMAND_NAMES = Object.keys(UMBRELLA_COMMANDS) as UmbrellaCommand[];

/** The root action: `command:` picks a capability; an unknown one fails with the list of valid ones. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'slipway', async () => {
    const { command } = readInputs(rt, { command: { kind: 'enum', values: COMMAND_NAMES, required: true, description: `one of ${COMMAND_NAMES.join(', ')}` } });
    await UMBRELLA_COMMANDS[command](rt);
  });
}
