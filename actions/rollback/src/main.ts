import { readRollbackInputs, rollbackDeployment } from '@slipway/delivery';
import { type ExitCode, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';

/** rollback: parse the inputs, send traffic back to stable, report. The work is in @slipway/delivery. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'rollback', async () => {
    await rollbackDeployment(rt, readRollbackInputs(rt));
  });
}
