import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');

/** A target from an issue: `met` is computed, never written by hand. */
export interface Target {
  value: number;
  target: number;
  /** `max`: value must not exceed target; `min`: value must reach it. */
  direction: 'max' | 'min';
  unit: string;
  met: boolean;
}

export interface BenchResult {
  name: string;
  description: string;
  /** What ran beside Slipway, with versions. */
  peers: Record<string, string>;
  /** Medians (and other summaries) per subject, in the unit named by each key. */
  medians: Record<string, number>;
  ratios: Record<string, number>;
  targets: Record<string, Target>;
  /** The resource that bounds the result, with the evidence. */
  limit?: string;
  notes?: string[];
}

/** Builds a target whose `met` follows from the numbers. */
export function target(value: number, goal: number, direction: Target['direction'], unit: string): Target {
  return { value: round(value), target: goal, direction, unit, met: direction === 'max' ? value <= goal : value >= goal };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Wall-clock milliseconds of `command` over `runs` runs after `warmup` runs, the subjects
 * interleaved run by run so that drift on a busy machine hits each of them alike.
 */
export function timeCommands(
  subjects: Record<string, { command: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv }>,
  runs = 15,
  warmup = 3,
): Record<string, number[]> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const [name, s] of Object.entries(subjects)) {
      const started = process.hrtime.bigint();
      const r = spawnSync(s.command, s.args, { cwd: s.cwd ?? REPO_ROOT, env: s.env ?? process.env, stdio: 'ignore' });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (r.status !== 0) throw new Error(`${name}: ${s.command} ${s.args.join(' ')} exited ${r.status}`);
      if (i >= warmup) samples[name]?.push(ms);
    }
  }
  return samples;
}

/** The machine the numbers came from. */
export function machine(): Record<string, string | number> {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** Writes bench/results/<name>.json with the machine and the date. */
export async function writeResult(result: BenchResult): Promise<string> {
  const file = path.join(BENCH_DIR, 'results', `${result.name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...result, machine: machine(), date: new Date().toISOString() }, null, 2)}\n`);
  return file;
}
