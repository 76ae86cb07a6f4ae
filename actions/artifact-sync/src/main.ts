import { type ExitCode, type Runtime, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';
import { runArtifactCommand, runnerCacheKey } from '@slipway/store';
import { parseInputs } from './inputs.js';
import { withRunnerCache } from './runner-cache.js';

/** Runs push, pull or status with the inputs; `cache: true` wraps it in the Actions cache. */
export async function run(rt: Runtime = createActionsRuntime()): Promise<ExitCode> {
  return runCapability(rt, 'artifact-sync', async () => {
    const { command, cache, options } = parseInputs(rt);
    if (!cache) {
      rt.setOutput('cache-hit', false);
      await runArtifactCommand(rt, command, options);
      return;
    }
    await withRunnerCache(rt, await runnerCacheKey(rt, options), () => runArtifactCommand(rt, command, options));
  });
}
