import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { HttpError, retry } from '@slipway/kit';
import { abortOutcome, type LaunchContext, type Launcher, pause, TrainingError, type TrainJob, type TrainResult } from './launcher.js';

export interface OpenAILauncherOptions {
  /** Base model to fine-tune, e.g. gpt-4o-mini-2024-07-18. */
  model: string;
  apiKey: string;
  /** API base URL including /v1 (default https://api.openai.com/v1). */
  baseUrl?: string;
  /** How often the job and its events are read (default 15 s). */
  pollIntervalMs?: number;
  organization?: string;
}

interface FineTuningJob {
  id: string;
  status: 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  fine_tuned_model: string | null;
  error: { code?: string; message?: string; param?: string | null } | null;
  trained_tokens?: number | null;
}

interface JobEvent {
  id: string;
  created_at: number;
  level: string;
  message: string;
  type?: string;
  data?: Record<string, unknown>;
}

/** The hyperparameters OpenAI's supervised method takes; other sweep parameters are ignored with a warning. */
const HYPERPARAMETERS = ['n_epochs', 'batch_size', 'learning_rate_multiplier'] as const;

/**
 * OpenAI fine-tuning: uploads the training (and validation) file, creates a supervised job,
 * follows its events into the log and its metrics, and returns the fine-tuned model id. A cancel
 * of the workflow cancels the job; a failed job fails with OpenAI's own error message.
 */
export class OpenAILauncher implements Launcher {
  readonly kind = 'openai' as const;
  private readonly base: string;

  constructor(private readonly o: OpenAILauncherOptions) {
    this.base = (o.baseUrl ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  }

  async run(job: TrainJob, ctx: LaunchContext): Promise<TrainResult> {
    ctx.setSecret(this.o.apiKey);
    const state: { jobId?: string } = {};
    try {
      return await this.runJob(job, ctx, state);
    } catch (error) {
      if (error instanceof TrainingError || !ctx.signal.aborted) throw error;
      // Cut short while uploading or creating: cancel whatever job exists, and say why.
      const { outcome, reason } = abortOutcome(ctx.signal);
      if (state.jobId) await this.cancel(state.jobId, ctx);
      throw new TrainingError('openai', outcome, reason, state.jobId ?? '');
    }
  }

  private async cancel(id: string, ctx: LaunchContext): Promise<void> {
    // The job keeps billing unless it is told to stop; a cancel that cannot be sent is still reported.
    await this.call<FineTuningJob>('POST', `/fine_tuning/jobs/${id}/cancel`, { ...ctx, signal: new AbortController().signal }).catch((e: unknown) =>
      ctx.log.warn(`could not cancel ${id}: ${(e as Error).message}`),
    );
  }

  private async runJob(job: TrainJob, ctx: LaunchContext, state: { jobId?: string }): Promise<TrainResult> {
    const started = performance.now();
    if (ctx.signal.aborted) throw new TrainingError('openai', abortOutcome(ctx.signal).outcome, abortOutcome(ctx.signal).reason);
    const training = await this.upload(job.data.train, ctx);
    const validation = job.data.validation ? await this.upload(job.data.validation, ctx) : undefined;
    const hyperparameters: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(job.params)) {
      if ((HYPERPARAMETERS as readonly string[]).includes(k)) hyperparameters[k] = typeof v === 'boolean' ? String(v) : v;
      else ctx.log.warn(`parameter ${k} is not an OpenAI fine-tuning hyperparameter (${HYPERPARAMETERS.join(', ')}); ignored`);
    }
    const created = await this.call<FineTuningJob>('POST', '/fine_tuning/jobs', ctx, {
      model: this.o.model,
      training_file: training,
      ...(validation ? { validation_file: validation } : {}),
      suffix: job.name.slice(0, 64),
      method: { type: 'supervised', supervised: { hyperparameters } },
    });
    state.jobId = created.id;
    ctx.log.info(`OpenAI fine-tuning job ${created.id} created (${this.o.model})`);
    const metrics: Record<string, number> = {};
    let after: string | undefined;
    let current = created;
    let cancelSent = false;
    for (;;) {
      if (ctx.signal.aborted && !cancelSent) {
        cancelSent = true;
        const { outcome, reason } = abortOutcome(ctx.signal);
        await this.cancel(current.id, ctx);
        throw new TrainingError('openai', outcome, reason, current.id);
      }
      try {
        after = await this.followEvents(current.id, after, metrics, ctx);
        current = await this.call<FineTuningJob>('GET', `/fine_tuning/jobs/${current.id}`, ctx);
      } catch (error) {
        // A read cut short by the cancel: go round once more and cancel the job.
        if (ctx.signal.aborted) continue;
        throw error;
      }
      if (current.status === 'succeeded') break;
      if (current.status === 'failed') {
        const e = current.error;
        throw new TrainingError('openai', 'failed', `${e?.message ?? 'no reason given'}${e?.code ? ` (${e.code})` : ''}`, current.id);
      }
      if (current.status === 'cancelled') throw new TrainingError('openai', 'cancelled', 'the job was cancelled on OpenAI', current.id);
      await pause(this.o.pollIntervalMs ?? 15_000, ctx.signal);
    }
    await this.followEvents(current.id, after, metrics, ctx);
    if (typeof current.trained_tokens === 'number') metrics.trained_tokens = current.trained_tokens;
    const model = current.fine_tuned_model ?? '';
    if (!model) throw new TrainingError('openai', 'failed', 'the job succeeded without a fine_tuned_model', current.id);
    ctx.log.info(`fine-tuned model: ${model}`);
    return { launcher: 'openai', jobId: current.id, model, metrics, durationMs: performance.now() - started };
  }

  private async upload(file: string, ctx: LaunchContext): Promise<string> {
    const form = new FormData();
    form.set('purpose', 'fine-tune');
    form.set('file', await openAsBlob(file), path.basename(file));
    const uploaded = await this.call<{ id: string; status?: string }>('POST', '/files', ctx, form);
    ctx.log.info(`uploaded ${path.basename(file)} as ${uploaded.id}`);
    return uploaded.id;
  }

  /** Logs new events oldest first and folds `metrics` events into `into`; returns the newest event id. */
  private async followEvents(id: string, after: string | undefined, into: Record<string, number>, ctx: LaunchContext): Promise<string | undefined> {
    const q = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) });
    const page = await this.call<{ data: JobEvent[] }>('GET', `/fine_tuning/jobs/${id}/events?${q}`, ctx);
    // The API lists newest first.
    const events = [...page.data].sort((a, b) => a.created_at - b.created_at);
    for (const e of events) {
      if (e.type === 'metrics' && e.data) {
        for (const [k, v] of Object.entries(e.data)) if (typeof v === 'number' && Number.isFinite(v)) into[k] = v;
      } else ctx.log.info(`[${e.level}] ${e.message}`);
    }
    return page.data[0]?.id ?? after;
  }

  private async call<T>(method: string, route: string, ctx: LaunchContext, body?: unknown): Promise<T> {
    return retry(
      async () => {
        const res = await fetch(`${this.base}${route}`, {
          method,
          signal: ctx.signal.aborted ? null : ctx.signal,
          headers: {
            authorization: `Bearer ${this.o.apiKey}`,
            ...(this.o.organization ? { 'openai-organization': this.o.organization } : {}),
            ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        if (!res.ok) {
          const message = safeMessage(text) ?? res.statusText;
          throw new HttpError(
            `OpenAI ${method} ${route.split('?')[0]} answered ${res.status}: ${message}`,
            res.status,
            res.headers.get('retry-after') ?? undefined,
          );
        }
        return JSON.parse(text) as T;
      },
      { retries: 4, signal: ctx.signal },
    ).catch((error: unknown) => {
      if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        throw new TrainingError('openai', 'failed', error.message);
      }
      throw error;
    });
  }
}

function safeMessage(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message;
  } catch {
    return text.slice(0, 200) || undefined;
  }
}
