import { spawn } from 'node:child_process';
import path from 'node:path';
import { evaluate } from '@slipway/eval';
import { type Runtime, spawnService, UserError } from '@slipway/kit';
import { renderCommand } from './launchers/command.js';
import type { TrainJob } from './launchers/launcher.js';

export interface EvaluateConfig {
  command?: string | undefined;
  serve?: string | undefined;
  urlEnv?: string | undefined;
  suites?: string[] | undefined;
}

export interface ModelEvaluation {
  metrics: Record<string, number>;
  passRate?: number;
  results: string[];
}

/**
 * Evaluates a trained model: the eval command's JSON metrics, and the eval suites run against
 * the model served by `serve` (its URL in `urlEnv`). Suite metrics are averaged over tests:
 * `pass-rate`, `score`, and every named metric (`rouge-l`, `chrf`, …).
 */
export async function evaluateModel(rt: Runtime, cfg: EvaluateConfig, job: TrainJob, outDir: string): Promise<ModelEvaluation> {
  const metrics: Record<string, number> = {};
  const results: string[] = [];
  let passRate: number | undefined;
  if (cfg.command) Object.assign(metrics, await commandMetrics(renderCommand(cfg.command, job), job.cwd));
  if (cfg.suites && cfg.suites.length > 0) {
    const server = cfg.serve
      ? await spawnService('/bin/sh', ['-c', `exec ${renderCommand(cfg.serve, job)}`], {
          cwd: job.cwd,
          ready: /(https?:\/\/[^\s"']+)/,
          name: 'the model server',
        })
      : undefined;
    try {
      // SLIPWAY_MODEL names the trained model (a fine-tuned model id for the remote launchers), for a suite's provider.
      const env = {
        ...process.env,
        SLIPWAY_MODEL: String(job.params.model ?? job.outputDir),
        ...(server ? { [cfg.urlEnv ?? 'MODEL_URL']: server.url.replace(/\/$/, '') } : {}),
      };
      const quiet: Runtime = Object.create(rt, {
        log: { value: { ...rt.log, info: () => {} } },
        progress: { value: () => ({ tick() {}, setTotal() {}, done() {} }) },
      });
      const run = await evaluate(quiet, { suites: cfg.suites, outDir, env, cacheMode: 'off' });
      passRate = run.passRate;
      metrics['pass-rate'] = run.passRate;
      const sums: Record<string, { sum: number; n: number }> = {};
      for (const s of run.suites) {
        results.push(path.relative(job.cwd, s.files.results));
        for (const t of s.results.tests) {
          if (t.status === 'skipped') continue;
          for (const [k, v] of Object.entries({ score: t.score, ...t.metrics })) {
            const acc = sums[k] ?? { sum: 0, n: 0 };
            sums[k] = acc;
            acc.sum += v;
            acc.n++;
          }
        }
      }
      for (const [k, { sum, n }] of Object.entries(sums)) metrics[k] = n ? sum / n : 0;
    } finally {
      await server?.stop();
    }
  }
  return { metrics, ...(passRate !== undefined ? { passRate } : {}), results };
}

/** Runs the eval command and reads its metrics: one JSON object, or JSON lines (later values win). */
function commandMetrics(command: string, cwd: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new UserError(`the eval command exited with ${code}: ${(err || out).trim().split('\n').slice(-2).join(' | ')}`));
      const metrics: Record<string, number> = {};
      const docs: unknown[] = [];
      try {
        docs.push(JSON.parse(out));
      } catch {
        for (const line of out.split('\n'))
          try {
            docs.push(JSON.parse(line));
          } catch {}
      }
      for (const d of docs)
        if (d && typeof d === 'object') for (const [k, v] of Object.entries(d)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
      if (Object.keys(metrics).length === 0)
        return reject(new UserError('the eval command printed no JSON metrics', { hint: 'print an object such as {"accuracy": 0.91}' }));
      resolve(metrics);
    });
  });
}
