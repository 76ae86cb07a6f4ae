import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnService } from '@slipway/kit';
import { startLlmServer } from '../../helpers/llm-server.js';

// The real binary, as a user runs it: tsc -b has compiled lib/.
const BIN = path.resolve('packages/cli/bin/slipway.js');

function slipway(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('slipway gateway', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-gw-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('--check validates gateway.yml; a bad one names file:line:col and exits 2 without listening', async () => {
    await writeFile(
      path.join(dir, 'gateway.yml'),
      'version: 1\nbackends:\n  stable: { url: "http://127.0.0.1:1/v1" }\nroutes:\n  - name: r\n    weights: { stable: 10000 }\n',
    );
    const ok = slipway(['gateway', '--check'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('gateway.yml: valid; backends stable; routes r (stable 100%)');
    await writeFile(
      path.join(dir, 'bad.yml'),
      'version: 1\nbackends:\n  stable: { url: "http://127.0.0.1:1/v1" }\nroutes:\n  - name: r\n    weights: { stable: 100 }\n',
    );
    const bad = slipway(['gateway', '-c', 'bad.yml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yml:6:14: error: gateway failed: routes[0].weights: weights add up to 100; they must add up to 10000');
    const missing = slipway(['gateway', '-c', 'nope.yml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the gateway configuration: no such file');
    expect(slipway(['gateway', '--port', '99999'], dir).stderr).toContain('input "port": found "99999"');
  });

  test('serves until SIGTERM, then drains and stops; the admin token never shows in its output', async () => {
    const llm = await startLlmServer({ replies: () => 'via cli' });
    const token = 'cli-admin-token-1234567';
    await writeFile(
      path.join(dir, 'serve.yml'),
      `version: 1\nlisten: 0\nadmin: { listen: 0 }\nbackends:\n  stable: { url: "${llm.url}" }\nroutes:\n  - name: r\n    weights: { stable: 10000 }\n`,
    );
    const gw = await spawnService(process.execPath, [BIN, 'gateway', '-c', 'serve.yml'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', SLIPWAY_GATEWAY_ADMIN_TOKEN: token },
      ready: /gateway listening on (http:\/\/\S+) /,
      name: 'slipway gateway',
    });
    try {
      const res = await fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('via cli');
      for (let i = 0; i < 40 && !gw.output().includes('"status_code":200'); i++) await new Promise((r) => setTimeout(r, 25));
      // The access log: one ECS JSON line per request.
      expect(gw.output()).toMatch(/\{"@timestamp":"[^"]+","log\.level":"info","message":"POST \/v1\/chat\/completions 200 [^"]*".*"status_code":200/);
    } finally {
      await gw.stop();
      await llm.stop();
    }
    expect(gw.output()).toContain('gateway: SIGTERM, draining requests in flight');
    expect(gw.output()).toContain('gateway stopped');
    expect(gw.output()).not.toContain(token);
  });
});
