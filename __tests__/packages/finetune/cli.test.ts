import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../packages/cli/src/main.js';
import { runSignal } from '../../../packages/finetune/src/internal/cancel.js';

/** Runs `slipway …` in-process and returns its exit code and stdout. */
async function slipway(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      stdout += chunk.toString();
      done();
    },
  });
  const code = await main(args, { stdout: sink });
  return { code, stdout };
}

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'slipway-train-cli-'));
  for (const p of ['data', 'scripts', 'src', 'package.json']) await cp(path.resolve('examples/support-bot', p), path.join(repo, p), { recursive: true });
  await writeFile(
    path.join(repo, 'slipway.yml'),
    `version: 1
train:
  data: [data/train.jsonl]
  output: model
  command: node scripts/train.mjs --data {train} --out {output} --dims {dims}
  params: { dims: 512 }
  evaluate:
    command: node scripts/score.mjs --model {output} --data data/eval.jsonl
    metric: accuracy
  sweep:
    parameters:
      dims: [128, 512]
`,
  );
});

test('slipway data check: the report as JSON, and exit 2 with file:line on bad data', async () => {
  const ok = await slipway(['--json', '-q', '-C', repo, 'data', 'check', 'data/train.jsonl', '--eval', 'data/eval.jsonl', '--base-model', 'gpt-4o-mini']);
  expect(ok.code).toBe(0);
  const report = JSON.parse(ok.stdout) as {
    ok: boolean;
    result: { examples: { train: number; eval: number }; tokens: { exact: boolean }; cost: { usd: number } };
  };
  expect(report.result.examples).toEqual({ train: 396, eval: 108 });
  expect(report.result.tokens.exact).toBe(true);
  expect(report.result.cost.usd).toBeGreaterThan(0);
  await writeFile(path.join(repo, 'bad.jsonl'), '{"prompt": "p", "completion": ""}\n');
  const bad = await slipway(['--json', '-q', '-C', repo, 'data', 'check', 'bad.jsonl']);
  expect(bad.code).toBe(2);
  const failure = JSON.parse(bad.stdout) as { ok: boolean; annotations: { file: string; line: number; message: string }[] };
  expect(failure.ok).toBe(false);
  expect(failure.annotations[0]).toMatchObject({ file: 'bad.jsonl', line: 1 });
  expect(failure.annotations[0]?.message).toContain('nothing to learn');
});

test('slipway train sweep --local: every leg trained and scored by the eval command, the best registered', async () => {
  const r = await slipway(['--json', '-q', '-C', repo, 'train', 'sweep', '--local']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as {
    result: { legs: { id: string }[]; best: string; registration: { entry: { version: string; eval: { metric: string; value: number } } } };
  };
  expect(out.result.legs.map((l) => l.id)).toEqual(['leg-1', 'leg-2']);
  expect(out.result.registration.entry.eval.metric).toBe('accuracy');
  // More features, fewer hash collisions: 512 dims beats 128 on the held-out set.
  expect(out.result.best).toBe('leg-2');
  expect(await readFile(path.join(repo, 'model.dvc'), 'utf8')).toContain('path: model');
  const trials = JSON.parse(await readFile(path.join(repo, '.slipway/fine-tune/trials.json'), 'utf8')) as { leg: string; eval: { value: number } }[];
  expect(trials[0]?.eval.value).toBeGreaterThan(trials[1]?.eval.value ?? 1);
}, 60_000);

test('slipway train with a bad --params is a clear input error, exit 2', async () => {
  const r = await slipway(['--json', '-q', '-C', repo, 'train', '--params', '{dims: 3']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual({ ok: false, exitCode: 2, annotations: [] });
});

test('SIGTERM and SIGINT (a cancelled workflow) abort the run with the reason; the handlers are removed after', () => {
  const before = process.listenerCount('SIGTERM');
  const run = runSignal({});
  expect(process.listenerCount('SIGTERM')).toBe(before + 1);
  process.emit('SIGTERM', 'SIGTERM');
  expect(run.signal.aborted).toBe(true);
  expect(run.signal.reason).toBe('the workflow was cancelled (SIGTERM)');
  run.dispose();
  expect(process.listenerCount('SIGTERM')).toBe(before);
});
