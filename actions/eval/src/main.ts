import { runEvalStep } from '@slipway/eval';
import { githubStepDeps } from '@slipway/github';
import { type ExitCode, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';

/** The eval action: run (or merge) suites, publish the comment, check and summary, gate on the verdict. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'eval', async () => {
    await runEvalStep(rt, githubStepDeps(rt));
  });
}
