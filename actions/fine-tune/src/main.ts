import { fineTune, readFineTuneInputs } from '@slipway/finetune';
import { type ExitCode, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';

/** fine-tune: parse the inputs, run the mode (check, train, sweep, select-best, register), report. The work is in @slipway/finetune. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'fine-tune', async () => {
    const { mode, options } = readFineTuneInputs(rt);
    await fineTune(rt, mode, options);
  });
}
