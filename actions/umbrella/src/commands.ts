import type { Runtime } from '@slipway/kit';
import type { ArtifactCommand } from '@slipway/store';

// Each capability is imported when its command runs: the bundle splits into chunks, and a step
// loads only the code it uses instead of every capability's (5 MB) at start.

/**
 * What `command:` can select. Each entry parses its own inputs and calls one package function.
 * Capabilities add themselves here as their actions land.
 */
export const UMBRELLA_COMMANDS = {
  'validate-config': async (rt: Runtime) => {
    const { validateConfig } = await import('@slipway/config');
    const result = await validateConfig(rt, { ...(rt.input('config') ? { file: rt.input('config') as string } : {}) });
    rt.setOutput('config-file', result.file ?? '');
    rt.setOutput('sections', result.sections.join(','));
  },
  'artifacts-push': (rt: Runtime) => artifactSync(rt, 'push'),
  'artifacts-pull': (rt: Runtime) => artifactSync(rt, 'pull'),
  'artifacts-status': (rt: Runtime) => artifactSync(rt, 'status'),
  eval: (rt: Runtime) => evalStep(rt, 'run'),
  'eval-merge': (rt: Runtime) => evalStep(rt, 'merge'),
  'container-build': async (rt: Runtime) => {
    const { readContainerBuildInputs, runContainerBuild } = await import('@slipway/oci');
    await runContainerBuild(rt, readContainerBuildInputs(rt));
  },
  'canary-promote': async (rt: Runtime) => {
    const { deployCanary, readDeployInputs } = await import('@slipway/delivery');
    await deployCanary(rt, readDeployInputs(rt));
  },
  rollback: async (rt: Runtime) => {
    const { readRollbackInputs, rollbackDeployment } = await import('@slipway/delivery');
    await rollbackDeployment(rt, readRollbackInputs(rt));
  },
  monitor: async (rt: Runtime) => {
    const { readMonitorInputs, runMonitor } = await import('@slipway/monitor');
    await runMonitor(rt, readMonitorInputs(rt));
  },
  'fine-tune': async (rt: Runtime) => {
    const { fineTune, readFineTuneInputs } = await import('@slipway/finetune');
    // Here `command` selects the capability: the training command and time limit come as train-command and train-timeout.
    const renamed: Record<string, string> = { command: 'train-command', timeout: 'train-timeout' };
    const inner: Runtime = Object.create(rt, { input: { value: (name: string) => rt.input(renamed[name] ?? name) } });
    const { mode, options } = readFineTuneInputs(inner);
    await fineTune(rt, mode, options);
  },
} as const satisfies Record<string, (rt: Runtime) => Promise<void>>;

export type UmbrellaCommand = keyof typeof UMBRELLA_COMMANDS;

/** artifact-sync from the root action. The runner cache (`cache: true`) needs actions/artifact-sync. */
async function artifactSync(rt: Runtime, command: ArtifactCommand): Promise<void> {
  const { readArtifactInputs, runArtifactCommand } = await import('@slipway/store');
  const { cache, options } = readArtifactInputs(rt);
  if (cache) rt.log.warn('cache: true is handled by actions/artifact-sync; the root action runs without the runner cache');
  await runArtifactCommand(rt, command, options);
}

async function evalStep(rt: Runtime, mode: 'run' | 'merge'): Promise<void> {
  const [{ runEvalStep }, { githubStepDeps }] = await Promise.all([import('@slipway/eval'), import('@slipway/github')]);
  await runEvalStep(rt, { ...githubStepDeps(rt), mode });
}
