import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BenchResult, median, REPO_ROOT, round, target, timeCommands } from '../lib.js';

/**
 * How long a user waits before Slipway does any work: the CLI (`slipway --version`,
 * `slipway config validate`) and the root action's bundle as the runner starts it,
 * each against bare `node` doing nothing, which no JavaScript tool can beat.
 */
export async function run(): Promise<BenchResult> {
  const ws = await mkdtemp(path.join(tmpdir(), 'slipway-bench-startup-'));
  await writeFile(path.join(ws, 'slipway.yml'), 'version: 1\nartifacts:\n  remote: file://../remote\n  paths: [model]\neval:\n  suites: [evals/a.yaml]\n');
  for (const f of ['output', 'summary']) await writeFile(path.join(ws, f), '');
  const node = process.execPath;
  const cli = path.join(REPO_ROOT, 'packages/cli/bin/slipway.js');
  const actionEnv = {
    PATH: process.env.PATH ?? '',
    INPUT_COMMAND: 'validate-config',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: path.join(ws, 'output'),
    GITHUB_STEP_SUMMARY: path.join(ws, 'summary'),
  };
  const samples = timeCommands(
    {
      'node (floor)': { command: node, args: ['-e', '0'] },
      'slipway --version': { command: node, args: [cli, '--version'] },
      'slipway config validate': { command: node, args: [cli, 'config', 'validate'], cwd: ws },
      'root action validate-config': { command: node, args: [path.join(REPO_ROOT, 'actions/umbrella/dist/index.js')], cwd: ws, env: actionEnv },
    },
    21,
    3,
  );
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [`${k} ms`, round(median(v))]));
  const floor = median(samples['node (floor)'] ?? []);
  const ratio = (k: string) => round(median(samples[k] ?? []) / floor);
  return {
    name: 'startup',
    description: 'Cold start of the CLI and of the root action bundle, against bare node. 21 interleaved runs after 3 warm-ups; medians.',
    peers: { 'node -e 0': process.version },
    medians,
    ratios: {
      'slipway --version / node': ratio('slipway --version'),
      'slipway config validate / node': ratio('slipway config validate'),
      'root action validate-config / node': ratio('root action validate-config'),
    },
    targets: {
      'CLI --version overhead over node': target(ratio('slipway --version'), 2, 'max', 'x'),
      'action start overhead over node': target(ratio('root action validate-config'), 4, 'max', 'x'),
    },
    limit: 'CPU: module loading and compilation on one core; node itself is the floor.',
  };
}
