import { type ExitCode, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';
import { readMonitorInputs, runMonitor } from '@slipway/monitor';

/** monitor: parse the inputs, check SLOs and drift, alert, roll back on breach. The work is in @slipway/monitor. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'monitor', async () => {
    await runMonitor(rt, readMonitorInputs(rt));
  });
}
