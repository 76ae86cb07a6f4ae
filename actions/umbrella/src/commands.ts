import { validateConfig } from '@slipway/config';
import { deployCanary, readDeployInputs, readRollbackInputs, rollbackDeployment } from '@slipway/delivery';
import { runEvalStep } from '@slipway/eval';
import { githubStepDeps } from '@slipway/github';
import type { Runtime } from '@slipway/kit';
import { readContainerBuildInputs, runContainerBuild } from '@slipway/oci';
import { type ArtifactCommand, readArtifactInputs, runArtifactCommand } from '@slipway/store';

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
  'artifacts-push': (rt: Runtime) => artifactSync(rt, 'push'),
  'artifacts-pull': (rt: Runtime) => artifactSync(rt, 'pull'),
  'artifacts-status': (rt: Runtime) => artifactSync(rt, 'status'),
  eval: async (rt: Runtime) => {
    await runEvalStep(rt, { ...githubStepDeps(rt), mode: 'run' });
  },
  'eval-merge': async (rt: Runtime) => {
    await runEvalStep(rt, { ...githubStepDeps(rt), mode: 'merge' });
  },
  'container-build': async (rt: Runtime) => {
    await runContainerBuild(rt, readContainerBuildInputs(rt));
  },
  'canary-promote': async (rt: Runtime) => {
    await deployCanary(rt, readDeployInputs(rt));
  },
  rollback: async (rt: Runtime) => {
    await rollbackDeployment(rt, readRollbackInputs(rt));
  },
} as const satisfies Record<string, (rt: Runtime) => Promise<void>>;

export type UmbrellaCommand = keyof typeof UMBRELLA_COMMANDS;

/** artifact-sync from the root action. The runner cache (`cache: true`) needs actions/artifact-sync. */
async function artifactSync(rt: Runtime, command: ArtifactCommand): Promise<void> {
  const { cache, options } = readArtifactInputs(rt);
  if (cache) rt.log.warn('cache: true is handled by actions/artifact-sync; the root action runs without the runner cache');
  await runArtifactCommand(rt, command, options);
}
