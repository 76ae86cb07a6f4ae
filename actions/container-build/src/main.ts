import { type ExitCode, runCapability } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';
import { readContainerBuildInputs, runContainerBuild } from '@slipway/oci';

/** The container-build action: build the image (assemble, buildah or buildx), push it, report each layer. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'container-build', async () => {
    await runContainerBuild(rt, readContainerBuildInputs(rt));
  });
}
