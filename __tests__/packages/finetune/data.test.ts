import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkData,
  dataReportMarkdown,
  encodingFor,
  findPii,
  findSecrets,
  MinHasher,
  normalizeText,
  parseJsonl,
  shingles,
  splitSide,
  tokenCounter,
} from '@slipway/finetune';

const chat = (...turns: [string, string][]) => JSON.stringify({ messages: turns.map(([role, content]) => ({ role, content })) });

describe('parseJsonl: one problem per bad line, with its line number', () => {
  test.each([
    ['valid chat', chat(['system', 'be kind'], ['user', 'hi'], ['assistant', 'hello']), undefined],
    ['prompt/completion', JSON.stringify({ prompt: 'p', completion: 'c' }), undefined],
    ['exchange (messages + expected)', JSON.stringify({ messages: [{ role: 'user', content: 'q' }], expected: 'a' }), undefined],
    [
      'text parts',
      JSON.stringify({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'assistant', content: 'a' },
        ],
      }),
      undefined,
    ],
    ['not JSON', '{"messages": [', 'not valid JSON'],
    ['an array', '[1, 2]', 'each line must be a JSON object'],
    ['unknown shape', '{"text": "x"}', 'neither'],
    ['unknown role', chat(['robot', 'x'], ['assistant', 'y']), 'role is "robot"'],
    ['two users in a row', chat(['user', 'a'], ['user', 'b'], ['assistant', 'c']), 'second user message in a row'],
    ['late system prompt', chat(['user', 'a'], ['system', 'b'], ['assistant', 'c']), 'after the conversation started'],
    ['starts with the assistant', chat(['assistant', 'a'], ['user', 'b'], ['assistant', 'c']), 'must start with a user message'],
    ['ends with the user', chat(['user', 'a'], ['assistant', 'b'], ['user', 'c']), 'end with the assistant reply'],
    ['only a system message', chat(['system', 'x']), 'only system messages'],
    [
      'weight on a user message',
      JSON.stringify({
        messages: [
          { role: 'user', content: 'a', weight: 1 },
          { role: 'assistant', content: 'b' },
        ],
      }),
      'weight is only allowed',
    ],
    ['empty completion', JSON.stringify({ prompt: 'p', completion: ' ' }), 'nothing to learn'],
    ['completion not a string', JSON.stringify({ prompt: 'p', completion: 3 }), '"completion" must be a string'],
  ])('%s', (_name, line, problem) => {
    const { examples, problems } = parseJsonl('d.jsonl', `\n${line}\n`);
    if (problem === undefined) {
      expect(problems).toEqual([]);
      expect(examples).toHaveLength(1);
      expect(examples[0]?.line).toBe(2);
    } else {
      expect(examples).toHaveLength(0);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.location).toEqual({ file: 'd.jsonl', line: 2 });
      expect(problems[0]?.message).toContain(problem);
    }
  });

  test('a file keeps one format; the reply to learn is the last assistant message', () => {
    const text = [chat(['user', 'q1'], ['assistant', 'a1']), JSON.stringify({ prompt: 'p', completion: 'c' }), chat(['user', 'q2'], ['assistant', 'a2'])].join(
      '\n',
    );
    const { examples, problems } = parseJsonl('mixed.jsonl', text);
    expect(examples.map((e) => e.completion)).toEqual(['a1', 'a2']);
    expect(problems.map((p) => [p.location.line, p.message])).toEqual([[2, 'a completion line in a chat file: keep one format per file']]);
  });
});

describe('near duplicates with MinHash', () => {
  const h = new MinHasher();
  const sig = (t: string) => h.signature(shingles(normalizeText(t)));
  const base = 'Where is my order 12345? I ordered the blue jacket last week and it still has not arrived at my house.';

  test('estimated similarity follows the true Jaccard similarity of the shingle sets', () => {
    const a = shingles(normalizeText(base));
    const edited = `${base.replace('blue', 'red')}`;
    const b = shingles(normalizeText(edited));
    const setA = new Set(a);
    const setB = new Set(b);
    const jaccard = [...setA].filter((x) => setB.has(x)).length / new Set([...setA, ...setB]).size;
    const estimate = MinHasher.similarity(h.signature(a), h.signature(b));
    expect(Math.abs(estimate - jaccard)).toBeLessThan(0.15);
    expect(MinHasher.similarity(sig(base), sig(base))).toBe(1);
    expect(MinHasher.similarity(sig(base), sig('Can I pay with a gift card and a credit card together on one order?'))).toBeLessThan(0.2);
  });

  test('digits and punctuation do not make a new example', () => {
    expect(normalizeText('Order #12345, please!')).toBe(normalizeText('order #99 please'));
  });
});

describe('secrets and personal data', () => {
  test.each([
    ['my key is sk-proj-abcdefghijklmnopqrstuv', ['OpenAI key'], []],
    ['AKIAABCDEFGHIJKLMNOP', ['AWS access key'], []],
    ['write to jane.doe@example.com', [], ['email address']],
    ['call +1 415 555 0100', [], ['phone number']],
    ['card 4111 1111 1111 1111', [], ['card number']],
    ['card 4111 1111 1111 1112 fails Luhn', [], []],
    ['nothing here', [], []],
  ])('%s', (text, secrets, pii) => {
    expect(findSecrets(text)).toEqual(secrets);
    expect(findPii(text)).toEqual(pii);
  });
});

describe('token counts', () => {
  test('OpenAI models get their BPE encoding, counted exactly', async () => {
    expect(encodingFor('gpt-4o-mini-2024-07-18')).toBe('o200k_base');
    expect(encodingFor('gpt-3.5-turbo')).toBe('cl100k_base');
    expect(encodingFor('llama-3-8b')).toBeUndefined();
    const o200k = await tokenCounter('gpt-4o-mini');
    // Reference counts from OpenAI's tiktoken for these strings.
    expect(o200k.count('hello world')).toBe(2);
    expect(o200k.count('Where is my order #12345?')).toBe(8);
    const cl100k = await tokenCounter('gpt-4');
    expect(cl100k.count('hello world')).toBe(2);
    expect(o200k.exact).toBe(true);
  });

  test('per-piece memoised counts equal a full encode, on real data and awkward text', async () => {
    const { Tiktoken } = await import('js-tiktoken/lite');
    const ranks = (await import('js-tiktoken/ranks/o200k_base')).default;
    const reference = new Tiktoken(ranks);
    const counter = await tokenCounter('gpt-4o');
    const texts = (await readFile(path.resolve('examples/support-bot/data/train.jsonl'), 'utf8')).split('\n').filter(Boolean);
    texts.push('naïve café — 東京 🚀🚀 x\n\n  \t', "it's   don't  I'LL", '12345678901234 3.14159', 'a<|endoftext|>b', '');
    for (const t of [...texts, ...texts]) expect(counter.count(t)).toBe(reference.encode(t, 'all').length);
  });

  test('other models get an estimate that says so', async () => {
    const approx = await tokenCounter('support-bot');
    expect(approx.exact).toBe(false);
    expect(approx.encoding).toContain('approximate');
    expect(approx.count('12345678')).toBe(2);
  });
});

describe('checkData', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-data-'));
    // Forty questions that share few words: each picks its own twelve from a vocabulary of sixty.
    const vocab = Array.from({ length: 60 }, (_, k) => `w${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26))}x`);
    const lines = Array.from({ length: 40 }, (_, i) =>
      chat(['user', Array.from({ length: 12 }, (_, k) => vocab[(i * 17 + k * k * 7 + k) % 60]).join(' ')], ['assistant', `Answer ${i}`]),
    );
    await writeFile(path.join(dir, 'train.jsonl'), `${lines.join('\n')}\n${lines[3]}\n`);
    await writeFile(
      path.join(dir, 'eval.jsonl'),
      `${chat(['user', 'Completely unrelated held-out question about gift wrapping'], ['assistant', 'Yes'])}\n${lines[5]}\n`,
    );
    await writeFile(path.join(dir, 'secret.jsonl'), `${chat(['user', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789'], ['assistant', 'ok'])}\n`);
  });

  test('duplicates are warnings, leakage is an error naming both lines, tokens and cost are reported', async () => {
    const r = await checkData({ train: ['train.jsonl'], eval: ['eval.jsonl'], cwd: dir, model: 'gpt-4o-mini', epochs: 2 });
    expect(r.examples).toEqual({ train: 41, eval: 2 });
    expect(r.counts.exactDuplicates).toBe(1);
    expect(r.problems.find((p) => p.kind === 'duplicate' && p.message.startsWith('exact'))?.location).toEqual({ file: 'train.jsonl', line: 41 });
    expect(r.counts.leakage).toBe(1);
    const leak = r.problems.find((p) => p.kind === 'leakage');
    expect(leak?.location).toEqual({ file: 'eval.jsonl', line: 2 });
    expect(leak?.message).toContain('train.jsonl:6');
    expect(r.ok).toBe(false);
    expect(r.tokens.exact).toBe(true);
    expect(r.tokens.total).toBeGreaterThan(41 * 10);
    expect(r.cost?.usd).toBeCloseTo((r.tokens.total * 2 * 3) / 1e6, 10);
    expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const md = dataReportMarkdown(r);
    expect(md).toContain('train/eval leakage | 1');
    expect(md).toContain('`eval.jsonl:2`');
  });

  test('a credential is an error; too many duplicates is an error', async () => {
    const secret = await checkData({ train: ['secret.jsonl'], cwd: dir });
    expect(secret.ok).toBe(false);
    expect(secret.problems[0]?.message).toContain('GitHub token');
    const dupes = await checkData({ train: ['train.jsonl'], cwd: dir, maxDuplicateRate: 0.01 });
    expect(dupes.problems.some((p) => p.severity === 'error' && p.message.includes('over the limit'))).toBe(true);
  });

  test('the hash split is stable: reordering and adding data never moves an example', async () => {
    const r = await checkData({ train: ['train.jsonl'], cwd: dir, split: { validation: 0.25, outDir: 'split' } });
    expect(r.split?.trainExamples).toBeGreaterThan(0);
    expect(r.split?.validationExamples).toBeGreaterThan(0);
    const validation = await readFile(path.join(dir, 'split/validation.jsonl'), 'utf8');
    for (const line of validation.trim().split('\n')) {
      const ex = parseJsonl('x', line).examples[0];
      expect(ex && splitSide(ex, 0.25)).toBe('validation');
    }
    const first = await readFile(path.join(dir, 'train.jsonl'), 'utf8');
    await writeFile(path.join(dir, 'shuffled.jsonl'), `${first.trim().split('\n').reverse().join('\n')}\n${chat(['user', 'brand new'], ['assistant', 'x'])}\n`);
    const again = await checkData({ train: ['shuffled.jsonl'], cwd: dir, split: { validation: 0.25, outDir: 'split2' } });
    const before = new Set(validation.trim().split('\n'));
    const after = new Set((await readFile(path.join(dir, 'split2/validation.jsonl'), 'utf8')).trim().split('\n'));
    for (const l of before) expect(after.has(l)).toBe(true);
    expect(again.split?.validationExamples).toBeGreaterThanOrEqual(before.size);
  });

  test('the support-bot data passes: no leakage between its train and eval sets', async () => {
    const r = await checkData({ train: ['data/train.jsonl'], eval: ['data/eval.jsonl'], cwd: path.resolve('examples/support-bot') });
    expect(r.ok).toBe(true);
    expect(r.counts.leakage).toBe(0);
    expect(r.examples).toEqual({ train: 396, eval: 108 });
    // Its customers' emails are flagged as personal data, but not refused.
    expect(r.counts.pii).toBeGreaterThan(0);
  });
});
