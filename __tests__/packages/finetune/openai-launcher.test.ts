import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LaunchContext, OpenAILauncher, TrainingError, type TrainJob } from '@slipway/finetune';
import { type OpenAIFake, type Scenario, startOpenAIFake } from './openai-fake.js';

const KEY = 'sk-test-abcdefghijklmnopqrstuvwxyz';

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const secrets: string[] = [];
  const log = { debug: () => {}, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn: ${m}`), error: (m: string) => lines.push(m) };
  const ctx: LaunchContext = { log, signal, setSecret: (v) => secrets.push(v) };
  return { ctx, lines, secrets };
}

let dir: string;
let job: TrainJob;
const fakes: OpenAIFake[] = [];
async function fake(scenario: Scenario) {
  const f = await startOpenAIFake({ scenario, apiKey: KEY });
  fakes.push(f);
  return f;
}
afterAll(async () => {
  for (const f of fakes) await f.stop();
});
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-openai-'));
  await writeFile(path.join(dir, 'train.jsonl'), '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n');
  await writeFile(path.join(dir, 'validation.jsonl'), '{"messages":[{"role":"user","content":"v"},{"role":"assistant","content":"w"}]}\n');
  job = {
    name: 'support-bot-leg-1',
    params: { n_epochs: 3, learning_rate_multiplier: 0.5, dims: 4 },
    data: { train: path.join(dir, 'train.jsonl'), validation: path.join(dir, 'validation.jsonl') },
    outputDir: path.join(dir, 'out'),
    cwd: dir,
  };
});

test('uploads both files, creates a supervised job, follows its events and returns the fine-tuned model', async () => {
  const f = await fake('succeed');
  const { ctx, lines, secrets } = context();
  const result = await new OpenAILauncher({ model: 'gpt-4o-mini-2024-07-18', apiKey: KEY, baseUrl: f.url, pollIntervalMs: 5 }).run(job, ctx);
  expect(f.violations).toEqual([]);
  expect(secrets).toContain(KEY);
  expect(result.model).toMatch(/^ft:gpt-4o-mini-2024-07-18:slipway::/);
  expect(result.jobId).toMatch(/^ftjob-/);
  expect(result.metrics.train_loss).toBeCloseTo(1 / 3);
  expect(result.metrics.trained_tokens).toBe(12_345);
  expect([...f.files.values()].map((x) => [x.filename, x.purpose, x.text.length > 0])).toEqual([
    ['train.jsonl', 'fine-tune', true],
    ['validation.jsonl', 'fine-tune', true],
  ]);
  const created = f.calls.find((c) => c.path === '/v1/fine_tuning/jobs')?.body as Record<string, unknown>;
  expect(created).toMatchObject({
    model: 'gpt-4o-mini-2024-07-18',
    suffix: 'support-bot-leg-1',
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3, learning_rate_multiplier: 0.5 } } },
  });
  expect(lines).toContain('warn: parameter dims is not an OpenAI fine-tuning hyperparameter (n_epochs, batch_size, learning_rate_multiplier); ignored');
  expect(lines.some((l) => l.includes('The job has successfully completed'))).toBe(true);
  // Events are logged once each, oldest first.
  expect(lines.filter((l) => l.includes('Created fine-tuning job')).length).toBe(1);
});

test("a failed job fails the step with OpenAI's own error message", async () => {
  const f = await fake('fail');
  const error = await new OpenAILauncher({ model: 'gpt-4o-mini-2024-07-18', apiKey: KEY, baseUrl: f.url, pollIntervalMs: 5 })
    .run(job, context().ctx)
    .catch((e: unknown) => e);
  expect(f.violations).toEqual([]);
  expect(error).toBeInstanceOf(TrainingError);
  expect((error as Error).message).toMatch(
    /^openai training job ftjob-\d+ failed: The job failed due to an invalid training file\..* \(invalid_training_file\)$/,
  );
});

test('cancelling the workflow cancels the job on OpenAI', async () => {
  const f = await fake('hang');
  const controller = new AbortController();
  const running = new OpenAILauncher({ model: 'gpt-4o-mini-2024-07-18', apiKey: KEY, baseUrl: f.url, pollIntervalMs: 20 }).run(
    job,
    context(controller.signal).ctx,
  );
  // Cancel once the job is running on the provider's side.
  for (let i = 0; i < 200 && ![...f.jobs.values()].some((j) => j.status === 'running'); i++) await new Promise((r) => setTimeout(r, 20));
  controller.abort('the workflow was cancelled (SIGINT)');
  const error = await running.catch((e: unknown) => e);
  expect((error as TrainingError).outcome).toBe('cancelled');
  expect((error as Error).message).toContain('the workflow was cancelled (SIGINT)');
  expect(f.calls.some((c) => c.path.endsWith('/cancel'))).toBe(true);
  expect([...f.jobs.values()][0]?.status).toBe('cancelled');
  expect(f.violations).toEqual([]);
});

test('a time limit that passes is a timed-out job, cancelled too', async () => {
  const f = await fake('hang');
  const controller = new AbortController();
  const running = new OpenAILauncher({ model: 'gpt-4o-mini', apiKey: KEY, baseUrl: f.url, pollIntervalMs: 20 }).run(job, context(controller.signal).ctx);
  for (let i = 0; i < 200 && ![...f.jobs.values()].some((j) => j.status === 'running'); i++) await new Promise((r) => setTimeout(r, 20));
  controller.abort({ outcome: 'timed-out', reason: 'the time limit of 2h passed' });
  const error = await running.catch((e: unknown) => e);
  expect((error as Error).message).toMatch(/^openai training job ftjob-\d+ timed out: the time limit of 2h passed$/);
  expect((error as TrainingError).outcome).toBe('timed-out');
  expect(f.calls.some((c) => c.path.endsWith('/cancel'))).toBe(true);
});

test('the fake is strict: a request outside the published schema is refused and recorded', async () => {
  const f = await fake('succeed');
  const res = await fetch(`${f.url}/fine_tuning/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', trainingFile: 'file-1' }),
  });
  expect(res.status).toBe(400);
  expect(f.violations[0]).toMatch(/body does not match the schema.*training_file/);
  const error = await new OpenAILauncher({ model: 'gpt-4o-mini', apiKey: 'sk-wrong-key-abcdefghijklmnopqrst', baseUrl: f.url, pollIntervalMs: 5 })
    .run(job, context().ctx)
    .catch((e: unknown) => e);
  expect((error as Error).message).toContain('answered 401: Incorrect API key provided');
});
