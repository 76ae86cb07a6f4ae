import { deployCanary, readDeployInputs } from '@slipway/delivery';
import { type ExitCode, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';

/** canary-promote: parse the inputs, roll out, report. The work is in @slipway/delivery. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'canary-promote', async () => {
    await deployCanary(rt, readDeployInputs(rt));
  });
}
