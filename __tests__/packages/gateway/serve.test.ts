import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, parseServeArgs, serveGateway } from '@slipway/gateway';
import { InputError } from '@slipway/kit';
import { startLlmServer } from '../../helpers/llm-server.js';

describe('the gateway as its own process (the image entry point)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-serve-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each([
    [[], {}, { config: DEFAULT_CONFIG_FILE, check: false, watch: true }],
    [[], { SLIPWAY_GATEWAY_CONFIG: '/cfg/gw.yml' }, { config: '/cfg/gw.yml', check: false, watch: true }],
    [['--config', 'a.yml', '--no-watch'], { SLIPWAY_GATEWAY_CONFIG: '/cfg/gw.yml' }, { config: 'a.yml', check: false, watch: false }],
    [['-c', 'b.yml', '--check'], {}, { config: 'b.yml', check: true, watch: true }],
    [['--config=c.yml'], {}, { config: 'c.yml', check: false, watch: true }],
  ])('arguments %j with env %j', (argv, env, expected) => {
    expect(parseServeArgs(argv, env)).toEqual(expected);
  });

  test.each([[['--port', '1']], [['--config']], [['--config', '--check']]])('bad arguments %j are an InputError', (argv) => {
    expect(() => parseServeArgs(argv, {})).toThrow(InputError);
  });

  async function run(argv: string[], env: NodeJS.ProcessEnv, stop: Promise<string> = Promise.resolve('SIGTERM')) {
    const lines: Record<string, unknown>[] = [];
    const code = await serveGateway({ argv, env, write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>), stopSignal: stop });
    return { code, lines };
  }

  test('a bad file: one ECS error line naming file:line, exit 2, nothing listens', async () => {
    const file = path.join(dir, 'bad.yml');
    await writeFile(file, 'version: 1\nbackends:\n  s: { url: "http://127.0.0.1:1/v1" }\nroutes:\n  - name: r\n    weights: { s: 9000 }\n');
    const { code, lines } = await run(['--config', file], {});
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ 'log.level': 'error', 'ecs.version': '8.11.0' });
    expect(String(lines[0]?.message)).toMatch(/bad\.yml:6:\d+.*add up to 9000/);
    expect((await run(['--bogus'], {})).code).toBe(2);
  });

  test('serves, logs ECS lines with keys masked, drains on the stop signal and exits 0', async () => {
    const llm = await startLlmServer({ replies: () => 'served' });
    try {
      const file = path.join(dir, 'gw.yml');
      await writeFile(
        file,
        `version: 1\nlisten: 127.0.0.1:0\nadmin: { listen: "127.0.0.1:0" }\nbackends:\n  s: { url: "${llm.url}", apiKeyEnv: K }\nroutes:\n  - name: r\n    weights: { s: 10000 }\n`,
      );
      expect((await run(['--check', '--config', file], { K: 'sk-check-key-123456' })).code).toBe(0);
      let release: (s: string) => void = () => undefined;
      const stop = new Promise<string>((resolve) => {
        release = resolve;
      });
      const lines: Record<string, unknown>[] = [];
      const done = serveGateway({
        argv: ['--no-watch'],
        env: { SLIPWAY_GATEWAY_CONFIG: file, K: 'sk-serve-key-123456' },
        write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
        stopSignal: stop,
      });
      for (let i = 0; i < 100 && !lines.some((l) => String(l.message).startsWith('gateway listening')); i++) await new Promise((r) => setTimeout(r, 20));
      // Stops the gateway even when an expectation below fails, so nothing outlives the test.
      setTimeout(() => release('timeout'), 10_000).unref();
      const url = /listening on (\S+)/.exec(String(lines.find((l) => String(l.message).startsWith('gateway listening'))?.message))?.[1];
      const res = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      release('SIGTERM');
      expect(res.status).toBe(200);
      expect(await done).toBe(0);
      expect(lines.some((l) => (l.http as { response?: { status_code?: number } } | undefined)?.response?.status_code === 200)).toBe(true);
      expect(lines.at(-1)).toMatchObject({ message: 'gateway stopped', 'log.level': 'info' });
      expect(JSON.stringify(lines)).not.toContain('sk-serve-key');
      expect(llm.requests.at(-1)?.headers.authorization).toBe('Bearer sk-serve-key-123456');
    } finally {
      await llm.stop();
    }
  });
});
