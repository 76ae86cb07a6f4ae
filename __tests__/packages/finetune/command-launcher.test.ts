import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandLauncher, type LaunchContext, renderCommand, shellQuote, TrainingError, type TrainJob } from '@slipway/finetune';

function context(signal = new AbortController().signal): LaunchContext & { lines: string[] } {
  const lines: string[] = [];
  const log = {
    debug: () => {},
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(`warn: ${m}`),
    error: (m: string) => lines.push(`error: ${m}`),
  };
  return { log, signal, setSecret: () => {}, lines };
}

let dir: string;
let job: TrainJob;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-command-'));
  await writeFile(path.join(dir, 'train.jsonl'), '{"prompt":"p","completion":"c"}\n');
  // A training script that prints progress as JSON lines, writes weights, and can be told to fail or hang.
  await writeFile(
    path.join(dir, 'train.mjs'),
    `import { writeFileSync } from 'node:fs';
const [out, lr, mode] = process.argv.slice(2);
for (let step = 1; step <= 3; step++) console.log(JSON.stringify({ step, loss: 1 / step, lr: Number(lr) }));
console.error('a note on stderr');
if (mode === 'fail') { console.error('CUDA out of memory'); process.exit(3); }
if (mode === 'hang') { writeFileSync(out + '/pid', String(process.pid)); setInterval(() => {}, 1000); }
else writeFileSync(out + '/weights.bin', 'w');
`,
  );
  job = { name: 'run-1', params: { lr: 0.5 }, data: { train: path.join(dir, 'train.jsonl') }, outputDir: path.join(dir, 'out'), cwd: dir };
});

test('placeholders are filled and shell-quoted; an unknown one is an input error naming the known ones', () => {
  expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  expect(renderCommand('train --lr {lr} --out {output} --name {name}', { ...job, outputDir: '/a b' })).toBe("train --lr 0.5 --out '/a b' --name run-1");
  expect(() => renderCommand('train {epochs}', job)).toThrow(/placeholder \{epochs\} has no value/);
});

test('runs the command for real: output streamed, metrics from its JSON lines, parameters in the environment', async () => {
  const ctx = context();
  const launcher = new CommandLauncher({ command: 'node train.mjs {output} {lr} ok && echo "lr env $SLIPWAY_PARAM_LR"' });
  const result = await launcher.run(job, ctx);
  expect(result.metrics).toEqual({ step: 3, loss: 1 / 3, lr: 0.5 });
  expect(result.outputDir).toBe(job.outputDir);
  expect(await readFile(path.join(job.outputDir, 'weights.bin'), 'utf8')).toBe('w');
  expect(ctx.lines).toContain('a note on stderr');
  expect(ctx.lines).toContain('lr env 0.5');
});

test('a failing command fails with its exit code and its own last words', async () => {
  const launcher = new CommandLauncher({ command: 'node train.mjs {output} {lr} fail' });
  const error = await launcher.run(job, context()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TrainingError);
  expect((error as TrainingError).outcome).toBe('failed');
  expect((error as Error).message).toMatch(/^command training job failed: the command exited with 3: .*CUDA out of memory/);
  expect((error as TrainingError).exitCode).toBe(1);
});

test('a cancel stops the whole process tree (SIGTERM to its group) and says why', async () => {
  const controller = new AbortController();
  const launcher = new CommandLauncher({ command: 'node train.mjs {output} {lr} hang', killGraceMs: 2000 });
  const running = launcher.run({ ...job, outputDir: path.join(dir, 'hang') }, context(controller.signal));
  let pid = 0;
  for (let i = 0; i < 100 && !pid; i++) {
    await new Promise((r) => setTimeout(r, 50));
    pid = Number(await readFile(path.join(dir, 'hang/pid'), 'utf8').catch(() => '0'));
  }
  expect(pid).toBeGreaterThan(0);
  controller.abort('the workflow was cancelled (SIGTERM)');
  const error = await running.catch((e: unknown) => e);
  expect((error as TrainingError).outcome).toBe('cancelled');
  expect((error as Error).message).toBe('command training job cancelled: the workflow was cancelled (SIGTERM)');
  // The node process under `sh -c` stops too, not orphaned (gone, or a zombie waiting for its reaper).
  let alive = true;
  for (let i = 0; i < 40 && alive; i++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    alive = stat !== '' && !/ Z /.test(stat);
    if (alive) await new Promise((r) => setTimeout(r, 50));
  }
  expect(alive).toBe(false);
});

test('a time limit ends the run as timed out', async () => {
  const controller = new AbortController();
  const launcher = new CommandLauncher({ command: 'sleep 30', killGraceMs: 1000 });
  setTimeout(() => controller.abort({ outcome: 'timed-out', reason: 'the time limit of 300ms passed' }), 300);
  const error = await launcher.run(job, context(controller.signal)).catch((e: unknown) => e);
  expect((error as TrainingError).outcome).toBe('timed-out');
  expect((error as Error).message).toBe('command training job timed out: the time limit of 300ms passed');
});
