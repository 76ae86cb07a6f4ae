import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The example app's scripts, run the way a user or CI job runs them: bare `node`, no build step.
const EXAMPLE = fileURLToPath(new URL('../../examples/support-bot/', import.meta.url));
const MODEL_FILES = ['answers.json', 'config.json', 'vocab.json', 'weights.bin'];
// The servers' token counter, restated: runs of letters/digits, or single other non-space chars.
const countTokens = (text: string): number => (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Score {
  examples: number;
  accuracy: number;
  exact_match: number;
  intent_accuracy: number;
  token_f1: number;
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

interface Completion {
  id: string;
  object: string;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: Usage;
}

interface Chunk {
  id: string;
  object: string;
  choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: Usage | null;
}

interface ErrorBody {
  error: { message: string; type: string; code: string | null };
}

interface Server {
  url: string;
  child: ChildProcess;
}

function run(script: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join('scripts', script), ...args], { cwd: EXAMPLE, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function runOk(script: string, args: readonly string[]): Promise<string> {
  const r = await run(script, args);
  if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${r.code}:\n${r.stderr}`);
  return r.stdout;
}

async function score(modelDir: string): Promise<Score> {
  return JSON.parse(await runOk('score.mjs', ['--model', modelDir, '--data', 'data/eval.jsonl'])) as Score;
}

/** Starts serve.mjs and resolves once it prints its `listening on` line. */
function startServer(args: readonly string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', ...args], { cwd: EXAMPLE, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve.mjs did not get ready in 10 s:\n${out}${err}`));
    }, 10_000);
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code} before getting ready:\n${err}`));
    });
  });
}

/** Stops a server and waits for its exit; resolves with the exit code (null if killed). */
function stopServer(server: Server | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const child = server?.child;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? null);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 8_000);
    child.once('exit', (code) => {
      clearTimeout(force);
      resolve(code);
    });
    child.kill(signal);
  });
}

function chat(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const ask = (content: string) => ({ model: 'support-bot-test', messages: [{ role: 'user', content }] });

let tmp = '';
const dirs = { clean: '', again: '', shuffle: '', shuffleSeed2: '' };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'slipway-support-bot-'));
  for (const key of Object.keys(dirs) as (keyof typeof dirs)[]) dirs[key] = path.join(tmp, key);
  await Promise.all([
    runOk('train.mjs', ['--data', 'data/train.jsonl', '--out', dirs.clean, '--seed', '1']),
    runOk('train.mjs', ['--data', 'data/train.jsonl', '--out', dirs.again, '--seed', '1']),
    runOk('train.mjs', ['--data', 'data/train.jsonl', '--out', dirs.shuffle, '--corrupt', 'shuffle', '--seed', '1']),
    runOk('train.mjs', ['--data', 'data/train.jsonl', '--out', dirs.shuffleSeed2, '--corrupt', 'shuffle', '--seed', '2']),
  ]);
});

afterAll(async () => {
  if (tmp !== '') await rm(tmp, { recursive: true, force: true });
});

describe('support-bot data', () => {
  test('the committed data is exactly what make-data.mjs generates', async () => {
    const out = path.join(tmp, 'data');
    await runOk('make-data.mjs', ['--out', out]);
    for (const name of ['train.jsonl', 'eval.jsonl']) {
      const generated = await readFile(path.join(out, name));
      const committed = await readFile(path.join(EXAMPLE, 'data', name));
      expect(generated.equals(committed)).toBe(true);
    }
  });

  test('train and eval are well-formed and eval questions are held out', async () => {
    const parse = async (name: string) =>
      (await readFile(path.join(EXAMPLE, 'data', name), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: string; intent: string; messages: { role: string; content: string }[]; expected: string });
    const train = await parse('train.jsonl');
    const evalSet = await parse('eval.jsonl');
    expect(train.length).toBeGreaterThanOrEqual(350);
    expect(evalSet.length).toBeGreaterThanOrEqual(90);
    for (const line of [...train, ...evalSet]) {
      expect(line.messages.at(-1)?.role).toBe('user');
      expect(line.expected.length).toBeGreaterThan(20);
    }
    expect(new Set(train.map((l) => l.intent)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(evalSet.map((l) => l.intent))).toEqual(new Set(train.map((l) => l.intent)));
    const trainQuestions = new Set(train.map((l) => l.messages.at(-1)?.content.toLowerCase()));
    expect(evalSet.filter((l) => trainQuestions.has(l.messages.at(-1)?.content.toLowerCase()))).toEqual([]);
    expect(new Set([...train, ...evalSet].map((l) => l.id)).size).toBe(train.length + evalSet.length);
  });
});

describe('support-bot training', () => {
  test('same data and seed give byte-identical model files', async () => {
    for (const name of MODEL_FILES) {
      const a = await readFile(path.join(dirs.clean, name));
      const b = await readFile(path.join(dirs.again, name));
      expect({ name, same: a.equals(b) }).toEqual({ name, same: true });
    }
    // The seed drives the corruption: shuffling permutes replies, which live in answers.json.
    const shuffled1 = await readFile(path.join(dirs.shuffle, 'answers.json'));
    const shuffled2 = await readFile(path.join(dirs.shuffleSeed2, 'answers.json'));
    expect(shuffled1.equals(shuffled2)).toBe(false);
    const fingerprint = async (dir: string) => (JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as { fingerprint: string }).fingerprint;
    expect(await fingerprint(dirs.shuffle)).not.toBe(await fingerprint(dirs.clean));
  });

  test('weights are real binary files of a few MB, described by config.json', async () => {
    expect((await readdir(dirs.clean)).sort()).toEqual(MODEL_FILES);
    const config = JSON.parse(await readFile(path.join(dirs.clean, 'config.json'), 'utf8')) as {
      version: number;
      dims: number;
      rows: number;
      data_md5: string;
      weights: { md5: string };
    };
    const weights = await readFile(path.join(dirs.clean, 'weights.bin'));
    expect(weights.length).toBe((config.dims + config.rows * config.dims) * 4);
    expect(weights.length).toBeGreaterThan(2_000_000);
    expect(weights.length).toBeLessThan(8_000_000);
    expect(createHash('md5').update(weights).digest('hex')).toBe(config.weights.md5);
    const data = await readFile(path.join(EXAMPLE, 'data/train.jsonl'));
    expect(config.data_md5).toBe(createHash('md5').update(data).digest('hex'));
    expect(config.version).toBe(1);
    let total = 0;
    for (const name of MODEL_FILES) total += (await stat(path.join(dirs.clean, name))).size;
    expect(total).toBeLessThan(8_000_000);
  });

  test('the clean model scores well and the shuffle-trained model clearly worse', async () => {
    const [clean, shuffled] = await Promise.all([score(dirs.clean), score(dirs.shuffle)]);
    expect(clean.examples).toBeGreaterThanOrEqual(90);
    expect(clean.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(clean.token_f1).toBeGreaterThanOrEqual(0.8);
    expect(shuffled.accuracy).toBeLessThanOrEqual(clean.accuracy - 0.3);
    expect(shuffled.token_f1).toBeLessThan(clean.token_f1 - 0.3);
  });

  test('bad arguments fail with a message, not a stack trace', async () => {
    const r = await run('train.mjs', ['--data', 'data/train.jsonl', '--out', path.join(tmp, 'bad'), '--corrupt', 'sideways']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--corrupt must be one of none, shuffle, noise/);
  });
});

describe('support-bot server', () => {
  let server: Server | undefined;
  let faulty: Server | undefined;

  beforeAll(async () => {
    // allSettled, so that if one fails to start the other is still known and stopped in afterAll.
    const [a, b] = await Promise.allSettled([
      startServer(['--model', dirs.clean, '--model-name', 'support-bot-test']),
      startServer(['--model', dirs.clean, '--error-rate', '1', '--latency-ms', '150']),
    ]);
    if (a.status === 'fulfilled') server = a.value;
    if (b.status === 'fulfilled') faulty = b.value;
    for (const r of [a, b]) if (r.status === 'rejected') throw r.reason;
  });

  afterAll(async () => {
    await Promise.all([stopServer(server, 'SIGKILL'), stopServer(faulty, 'SIGKILL')]);
  });

  const url = (): string => {
    if (server === undefined) throw new Error('server did not start');
    return server.url;
  };

  test('answers a chat completion, copying the order number, with consistent usage', async () => {
    const res = await chat(url(), ask('Where is my order #12345?'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Completion;
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('support-bot-test');
    const choice = body.choices[0];
    expect(choice?.message.role).toBe('assistant');
    expect(choice?.finish_reason).toBe('stop');
    expect(choice?.message.content).toContain('#12345');
    // "Where is my order #12345?" = Where, is, my, order, #, 12345, ?
    expect(body.usage.prompt_tokens).toBe(7);
    expect(body.usage.completion_tokens).toBe(countTokens(choice?.message.content ?? ''));
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  test('streams the same content as SSE chunks ending with [DONE] and a usage chunk', async () => {
    const question = 'How long does shipping take?';
    const plain = (await (await chat(url(), ask(question))).json()) as Completion;
    const res = await chat(url(), { ...ask(question), stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await res.text())
      .split('\n\n')
      .filter((e) => e.trim() !== '')
      .map((e) => {
        expect(e.startsWith('data: ')).toBe(true);
        return e.slice('data: '.length);
      });
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk);
    expect(chunks.length).toBeGreaterThan(3);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe(plain.choices[0]?.message.content);
    const finishes = chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).filter((f) => f !== null);
    expect(finishes).toEqual(['stop']);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(plain.usage);
    expect(plain.usage.completion_tokens).toBe(countTokens(content));
  });

  test('lists the model and reports health', async () => {
    const models = (await (await fetch(`${url()}/v1/models`)).json()) as { object: string; data: { id: string; object: string }[] };
    expect(models.object).toBe('list');
    expect(models.data.map((m) => m.id)).toEqual(['support-bot-test']);
    const health = await fetch(`${url()}/health`);
    expect(health.status).toBe(200);
    const config = JSON.parse(await readFile(path.join(dirs.clean, 'config.json'), 'utf8')) as { fingerprint: string };
    expect(((await health.json()) as { fingerprint: string }).fingerprint).toBe(config.fingerprint);
  });

  test('x-slipway-error-rate: 1 gives a 500 with an OpenAI-style error', async () => {
    const res = await chat(url(), ask('Where are your stores?'), { 'x-slipway-error-rate': '1' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.type).toBe('server_error');
    expect(typeof body.error.message).toBe('string');
    expect(body.error.code).toBe('injected_error');
  });

  test('x-slipway-latency-ms adds at least that latency', async () => {
    const started = performance.now();
    const res = await chat(url(), ask('What are your store hours?'), { 'x-slipway-latency-ms': '300' });
    await res.json();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
  });

  test('--error-rate 1 and --latency-ms apply to every completion', async () => {
    if (faulty === undefined) throw new Error('server did not start');
    const started = performance.now();
    const res = await chat(faulty.url, ask('Is shipping free?'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorBody).error.type).toBe('server_error');
  });

  test('malformed JSON and missing messages get 400, and the server keeps serving', async () => {
    const bad = await chat(url(), '{"messages": [');
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as ErrorBody;
    expect(badBody.error.type).toBe('invalid_request_error');
    expect(badBody.error.code).toBe('invalid_json');
    const missing = await chat(url(), { model: 'support-bot-test' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error.message).toMatch(/messages/);
    const notFound = await fetch(`${url()}/v2/nothing`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as ErrorBody).error.type).toBe('invalid_request_error');
    expect((await fetch(`${url()}/health`)).status).toBe(200);
  });

  test('SIGTERM finishes the request in flight, then exits 0', async () => {
    if (faulty === undefined) throw new Error('server did not start');
    const inFlight = chat(faulty.url, ask('Is shipping free?'), { 'x-slipway-error-rate': '0', 'x-slipway-latency-ms': '300' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const code = await stopServer(faulty, 'SIGTERM');
    expect(code).toBe(0);
    expect((await inFlight).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
