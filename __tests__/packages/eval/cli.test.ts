import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

// The real binary (lib/ compiled by tsc -b), spawned asynchronously so the in-process server can answer.
const BIN = path.resolve('packages/cli/bin/slipway.js');

function slipway(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
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

let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer({ replies: (c) => `sure: ${c.lastUserMessage}` });
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-eval-cli-'));
  const tests = Array.from({ length: 12 }, (_, i) => `  - id: q${i}\n    vars: { n: ${i} }\n    assert: [{ type: contains, value: "item ${i}" }]`).join('\n');
  await writeFile(path.join(dir, 'suite.yaml'), `prompts: ["item {{n}}"]\nproviders:\n  - id: openai:chat:m\n    baseUrl: \${LLM_URL}\ntests:\n${tests}\n`);
});
afterAll(async () => {
  await llm.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('slipway eval', () => {
  test('run writes every report and prints one JSON result', async () => {
    const r = await slipway(['--json', 'eval', 'run', '-s', 'suite.yaml', '--out', 'base', '--cache-dir', 'cache'], dir, { LLM_URL: llm.url });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, result: { verdict: 'pass', passRate: 1 } });
    for (const f of ['suite.results.json', 'suite.junit.xml', 'suite.md', 'suite.html']) expect(existsSync(path.join(dir, 'base', f))).toBe(true);
  });

  test('--cache-only replays the cache without calling the model; a regression against the baseline exits 1', async () => {
    llm.requests.length = 0;
    const replay = await slipway(['eval', 'run', '-s', 'suite.yaml', '--cache-only', '--cache-dir', 'cache', '--baseline', 'base', '--out', 'replay'], dir, {
      LLM_URL: llm.url,
    });
    expect(replay.code).toBe(0);
    expect(llm.requests).toHaveLength(0);
    llm.setOptions({
      replies: (c) =>
        c.lastUserMessage.endsWith('1') || c.lastUserMessage.endsWith('5') || c.lastUserMessage.endsWith('7') ? 'no idea' : `sure: ${c.lastUserMessage}`,
    });
    try {
      const r = await slipway(['eval', 'run', '-s', 'suite.yaml', '--no-cache', '--baseline', 'base', '--alpha', '0.2', '--out', 'head'], dir, {
        LLM_URL: llm.url,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/eval gate failed: suite\.yaml: pass rate fell from 1 to 0\.667 \(p = 0\.125 < α = 0\.2\)/);
    } finally {
      llm.setOptions({ replies: (c) => `sure: ${c.lastUserMessage}` });
    }
  });

  test('shards merged equal the whole run', async () => {
    for (const s of ['1/3', '2/3', '3/3']) {
      const r = await slipway(['eval', 'run', '-s', 'suite.yaml', '--no-cache', '--shard', s, '--out', `shard-${s[0]}`], dir, { LLM_URL: llm.url });
      expect(r.code).toBe(0);
    }
    const m = await slipway(
      [
        '--json',
        'eval',
        'merge',
        'shard-1/suite.results.json',
        'shard-2/suite.results.json',
        'shard-3/suite.results.json',
        '--baseline',
        'base',
        '--out',
        'merged',
      ],
      dir,
    );
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout)).toMatchObject({ ok: true, result: { verdict: 'pass', passRate: 1 } });
  });

  test('bad input: a bad shard names the flag; a bad suite names file and line; exit 2', async () => {
    const shard = await slipway(['eval', 'run', '-s', 'suite.yaml', '--shard', '4/3'], dir, { LLM_URL: llm.url });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/input "shard": "4\/3" is not i\/n with 1 <= i <= n/);
    await writeFile(path.join(dir, 'bad.yaml'), 'prompts: ["x"]\nproviders: ["openai:chat:m"]\ntests:\n  - id: a\n    threshold: 2\n');
    const bad = await slipway(['eval', 'run', '-s', 'bad.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:5:16: error: .*tests\[0\]\.threshold/);
  });
});
