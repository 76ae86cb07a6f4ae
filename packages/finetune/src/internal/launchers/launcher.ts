import { GateError, type Logger } from '@slipway/kit';

/** A sweep leg's point or the configured hyperparameters: names to scalar values. */
export type Params = Record<string, string | number | boolean>;

/** What one training run is asked to do, whatever runs it. */
export interface TrainJob {
  /** A short name for the run (a job name, a model suffix): letters, digits and dashes. */
  name: string;
  params: Params;
  /** Training and validation data, absolute paths. */
  data: { train: string; validation?: string };
  /** Where the new weights land on this machine (the command launcher writes them here). */
  outputDir: string;
  cwd: string;
}

/** What a finished run gives back. */
export interface TrainResult {
  launcher: LauncherKind;
  /** The provider's job id (empty for a local command). */
  jobId: string;
  /** The trained model: a local folder, a fine-tuned model id, an S3 URI, a volume path. */
  model: string;
  /** Local weights to version, when the run left them on this machine. */
  outputDir?: string;
  /** Last value of every numeric metric the run reported. */
  metrics: Record<string, number>;
  durationMs: number;
}

export const LAUNCHERS = ['command', 'openai', 'sagemaker', 'kubernetes'] as const;
export type LauncherKind = (typeof LAUNCHERS)[number];

export interface LaunchContext {
  log: Logger;
  /** Aborted when the workflow is cancelled (SIGINT/SIGTERM) or the time limit passes; `reason` says which. */
  signal: AbortSignal;
  /** Hides a value from logs (API keys). */
  setSecret(value: string): void;
}

/** Runs training somewhere and waits for it. */
export interface Launcher {
  readonly kind: LauncherKind;
  run(job: TrainJob, ctx: LaunchContext): Promise<TrainResult>;
}

/**
 * A training job that did not succeed: failed, timed out or cancelled. The message carries the
 * job's own reason (the provider's error, the command's last output). It fails the step (exit 1).
 */
export class TrainingError extends GateError {
  override name = 'TrainingError';
  constructor(
    readonly launcher: LauncherKind,
    readonly outcome: 'failed' | 'timed-out' | 'cancelled',
    readonly reason: string,
    readonly jobId = '',
  ) {
    super(`${launcher} training job${jobId ? ` ${jobId}` : ''} ${outcome === 'timed-out' ? 'timed out' : outcome}: ${reason}`);
  }
}

/** Why a signal was aborted, as a TrainingError outcome. */
export function abortOutcome(signal: AbortSignal): { outcome: 'timed-out' | 'cancelled'; reason: string } {
  const r = signal.reason as unknown;
  if (r instanceof Error && r.name === 'TimeoutError') return { outcome: 'timed-out', reason: r.message };
  if (typeof r === 'object' && r !== null && (r as { outcome?: unknown }).outcome === 'timed-out')
    return { outcome: 'timed-out', reason: String((r as { reason?: unknown }).reason) };
  return { outcome: 'cancelled', reason: typeof r === 'string' ? r : r instanceof Error ? r.message : 'the workflow was cancelled' };
}

/** Waits `ms`, or less when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Numeric fields of a JSON line a training script printed: `{"step": 3, "loss": 0.41}` → metrics. */
export function metricsFromLine(line: string): Record<string, number> | undefined {
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  let obj: unknown;
  try {
    obj = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}
