import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InputError } from '@slipway/kit';
import { abortOutcome, type LaunchContext, type Launcher, metricsFromLine, type Params, TrainingError, type TrainJob, type TrainResult } from './launcher.js';

export interface CommandLauncherOptions {
  /** The training command, run by `sh -c`; `{output}`, `{train}`, `{validation}`, `{name}` and `{<param>}` are replaced (shell-quoted). */
  command: string;
  /** How long a cancelled command gets between SIGTERM and SIGKILL (default 10 s). */
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Quotes a value for `sh`: single quotes, with embedded single quotes closed and escaped. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Fills the command's placeholders; an unknown one is an error that lists the known ones. */
export function renderCommand(template: string, job: TrainJob): string {
  const values: Record<string, string> = {
    output: job.outputDir,
    train: job.data.train,
    validation: job.data.validation ?? '',
    name: job.name,
    ...Object.fromEntries(Object.entries(job.params).map(([k, v]) => [k, String(v)])),
  };
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (whole, key: string) => {
    const v = values[key];
    if (v === undefined)
      throw new InputError('command', `placeholder ${whole} has no value`, {
        hint: `use one of ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')}`,
      });
    return shellQuote(v);
  });
}

function paramEnv(params: Params): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [`SLIPWAY_PARAM_${k.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, String(v)]));
}

/**
 * The team's own training command on the runner: output streamed line by line, metrics read from
 * the JSON lines it prints, and stopped (SIGTERM to its process group, SIGKILL after a grace
 * period) when the workflow is cancelled or the time limit passes.
 */
export class CommandLauncher implements Launcher {
  readonly kind = 'command' as const;
  constructor(private readonly o: CommandLauncherOptions) {}

  async run(job: TrainJob, ctx: LaunchContext): Promise<TrainResult> {
    const command = renderCommand(this.o.command, job);
    await mkdir(job.outputDir, { recursive: true });
    ctx.log.info(`$ ${command}`);
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: job.cwd,
      // Its own process group, so a cancel reaches the whole tree the command starts.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...(this.o.env ?? process.env),
        SLIPWAY_OUTPUT_DIR: job.outputDir,
        SLIPWAY_TRAIN_FILE: job.data.train,
        SLIPWAY_VALIDATION_FILE: job.data.validation ?? '',
        SLIPWAY_RUN_NAME: job.name,
        SLIPWAY_PARAMS: JSON.stringify(job.params),
        ...paramEnv(job.params),
      },
    });
    const metrics: Record<string, number> = {};
    const tail: string[] = [];
    const keep = (line: string) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      ctx.log.info(line);
      keep(line);
      const m = metricsFromLine(line);
      if (m) Object.assign(metrics, m);
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      ctx.log.info(line);
      keep(line);
    });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      ctx.log.warn(`stopping the training command (${abortOutcome(ctx.signal).reason})`);
      signalGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), this.o.killGraceMs ?? 10_000);
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    ctx.signal.removeEventListener('abort', onAbort);
    if (killTimer) clearTimeout(killTimer);
    const durationMs = performance.now() - started;
    if (ctx.signal.aborted) {
      const { outcome, reason } = abortOutcome(ctx.signal);
      throw new TrainingError('command', outcome, reason);
    }
    if (exit.error) throw new TrainingError('command', 'failed', `could not start /bin/sh: ${exit.error.message}`);
    if (exit.code !== 0) {
      const last =
        tail
          .filter((l) => l.trim() !== '')
          .slice(-3)
          .join(' | ') || 'no output';
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with ${exit.code}`;
      throw new TrainingError('command', 'failed', `the command ${how}: ${last}`);
    }
    return { launcher: 'command', jobId: '', model: job.outputDir, outputDir: job.outputDir, metrics, durationMs };
  }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
