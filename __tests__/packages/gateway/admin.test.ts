import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayAdminClient, gatewayConfigSchema, loadGatewayConfig, parseGatewayConfig, startGateway } from '@slipway/gateway';
import { ConfigError, HttpError } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, type Harness, memoryLog, startTestGateway } from './gateway-harness.js';

const TOKEN = 'admin-token-for-tests';

describe('admin API', () => {
  let stable: LlmServer;
  let canary: LlmServer;
  let h: Harness;
  let client: GatewayAdminClient;
  beforeAll(async () => {
    stable = await startLlmServer({ replies: () => 'stable' });
    canary = await startLlmServer({ replies: () => 'canary' });
    h = await startTestGateway(
      {
        backends: { stable: { url: stable.url }, canary: { url: canary.url } },
        routes: [{ name: 'bot', weights: { stable: 9000, canary: 1000 }, shadow: { variant: 'canary', sampleRate: 1, captureText: true } }],
      },
      { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
    );
    client = new GatewayAdminClient(h.gw.adminUrl, TOKEN, 'test-suite');
  });
  afterAll(async () => {
    await h.gw.stop();
    await stable.stop();
    await canary.stop();
  });

  test('needs the token; a wrong one is refused', async () => {
    expect((await fetch(`${h.gw.adminUrl}/admin/routes`)).status).toBe(401);
    expect((await fetch(`${h.gw.adminUrl}/admin/routes`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    await expect(new GatewayAdminClient(h.gw.adminUrl, 'nope').routes()).rejects.toThrow(HttpError);
    const routes = await client.routes();
    expect(routes.routes[0]).toMatchObject({ name: 'bot', weights: { stable: 9000, canary: 1000 } });
    expect(routes.backends.canary).toMatchObject({ healthy: true, ejected: false });
    expect((await fetch(`${h.gw.adminUrl}/healthz`)).status).toBe(200);
  });

  test('raising the canary weight moves users only onto the canary', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `user-${i}`);
    const before = new Map<string, string>();
    for (const u of users) before.set(u, (await chat(h.gw.url, { headers: { 'x-user-id': u } })).headers.get('x-slipway-variant') as string);
    const change = await client.setWeights('bot', { canary: 5000, stable: 5000 });
    expect(change.change).toMatchObject({ actor: 'test-suite', action: 'set-weights', applied: true });
    expect(change.weights).toEqual({ stable: 5000, canary: 5000 });
    let moved = 0;
    for (const u of users) {
      const after = (await chat(h.gw.url, { headers: { 'x-user-id': u } })).headers.get('x-slipway-variant');
      if (before.get(u) === 'canary') expect(after).toBe('canary');
      if (after !== before.get(u)) moved++;
    }
    expect(moved).toBeGreaterThan(10);
    const stats = await client.stats(60);
    expect(stats.variants.canary?.requests).toBeGreaterThan(0);
    expect(stats.variants.stable?.latencyMs?.p50).toBeGreaterThan(0);
    expect(stats.variants.stable?.errorRate).toBe(0);
    expect(
      h.log.lines.some((l) => /config v\d+ applied \(set-weights by test-suite/.test(l) && l.includes('stable=9000 canary=1000 -> stable=5000 canary=5000')),
    ).toBe(true);
  });

  test('a bad change is refused with the reason, and the old config keeps serving', async () => {
    const version = h.gw.version();
    await expect(client.setWeights('bot', { stable: 5000, canary: 4000 })).rejects.toThrow(/add up to 9000; they must add up to 10000/);
    await expect(client.setWeights('nope', { stable: 10_000 })).rejects.toThrow(/no route named "nope"/);
    const bad = await fetch(`${h.gw.adminUrl}/admin/config`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: 'version: 1\nbackends: {}\nroutes: []\n',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; problems: { line: number }[] };
    expect(body.error).toMatch(/^refused, the running configuration is unchanged/);
    expect(body.problems[0]?.line).toBeGreaterThan(0);
    expect(h.gw.version()).toBe(version);
    expect((await chat(h.gw.url)).status).toBe(200);
    expect((await client.changes()).filter((c) => !c.applied).length).toBeGreaterThanOrEqual(2);
  });

  test('shadow: each sampled request is mirrored with a pair id; the client sees only the primary', async () => {
    canary.requests.length = 0;
    const r = await chat(h.gw.url, { headers: { 'x-slipway-variant': 'stable' } });
    const pairId = r.headers.get('x-slipway-pair-id');
    expect(pairId).toMatch(/^[0-9a-f-]{36}$/);
    expect(((r.body.choices as { message: { content: string } }[])[0] as { message: { content: string } }).message.content).toBe('stable');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(canary.requests.at(-1)?.headers['x-slipway-pair-id']).toBe(pairId);
    const res = await fetch(`${h.gw.adminUrl}/admin/shadow?window=1m`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { pairs } = (await res.json()) as {
      pairs: { pairId: string; primary: { variant: string; text: string }; shadow: { variant: string; text: string; ok: boolean } }[];
    };
    const pair = pairs.find((p) => p.pairId === pairId);
    expect(pair?.primary).toMatchObject({ variant: 'stable', text: 'stable', ok: true });
    expect(pair?.shadow).toMatchObject({ variant: 'canary', text: 'canary', ok: true });
    expect((await client.stats(60)).shadow.pairs).toBeGreaterThan(0);
  });

  test('the whole config can be replaced; the stats window is validated', async () => {
    const yaml = `version: 1\nbackends:\n  stable: { url: "${stable.url}" }\n  canary: { url: "${canary.url}" }\nroutes:\n  - name: bot\n    weights: { stable: 10000, canary: 0 }\n`;
    const r = await client.replaceConfig(yaml);
    expect(r.change.summary).toContain('stable=10000 canary=0');
    for (let i = 0; i < 10; i++) expect((await chat(h.gw.url, { headers: { 'x-user-id': `u${i}` } })).headers.get('x-slipway-variant')).toBe('stable');
    const bad = await fetch(`${h.gw.adminUrl}/admin/stats?window=soon`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bad.status).toBe(400);
  });
});

describe('changing routes under load', () => {
  test('100 weight changes during steady traffic: no request fails or is dropped', async () => {
    const stable = await startLlmServer({ replies: () => 'stable' });
    const canary = await startLlmServer({ replies: () => 'canary' });
    const h = await startTestGateway(
      { backends: { stable: { url: stable.url }, canary: { url: canary.url } }, routes: [{ name: 'bot', weights: { stable: 10_000, canary: 0 } }] },
      { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
    );
    const client = new GatewayAdminClient(h.gw.adminUrl, TOKEN, 'load-test');
    try {
      let stop = false;
      const statuses: number[] = [];
      const workers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; !stop; i++) statuses.push((await chat(h.gw.url, { headers: { 'x-user-id': `w${w}-${i % 50}` } })).status);
      });
      for (let i = 1; i <= 100; i++) {
        const canaryWeight = (i * 100) % 10_001;
        await client.setWeights('bot', { stable: 10_000 - canaryWeight, canary: canaryWeight });
      }
      stop = true;
      await Promise.all(workers);
      expect(statuses.length).toBeGreaterThan(100);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(h.gw.version()).toBe(101);
      expect(stable.requests.length + canary.requests.length).toBe(statuses.length);
    } finally {
      await h.gw.stop();
      await stable.stop();
      await canary.stop();
    }
  });

  test('admin API is off without a token; file edits reload, bad ones are refused', async () => {
    const llm = await startLlmServer();
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-gw-'));
    const file = path.join(dir, 'gateway.yml');
    const yaml = (w: number) =>
      `version: 1\nlisten: 0\nadmin: { listen: 0 }\naccessLog: off\nbackends:\n  a: { url: "${llm.url}" }\n  b: { url: "${llm.url}" }\nroutes:\n  - name: r\n    weights: { a: ${10_000 - w}, b: ${w} }\n`;
    await writeFile(file, yaml(0));
    const log = memoryLog();
    const gw = await startGateway({ config: await loadGatewayConfig(file), configFile: file, watch: true, log, env: {} });
    try {
      expect((await fetch(`${gw.adminUrl}/admin/routes`)).status).toBe(404);
      await writeFile(file, yaml(10_000));
      for (let i = 0; i < 50 && gw.version() === 1; i++) await new Promise((r) => setTimeout(r, 50));
      expect(gw.version()).toBe(2);
      expect(gw.config().routes[0]?.weights).toEqual({ a: 0, b: 10_000 });
      await writeFile(file, yaml(10_000).replace('weights: { a: 0', 'weights: { a: 7'));
      for (let i = 0; i < 50 && !log.lines.some((l) => l.includes('change refused')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(log.lines.find((l) => l.includes('change refused'))).toMatch(/file-reload by file-watch.*gateway\.yml:10:\d+: routes\[0\]\.weights/);
      expect(gw.version()).toBe(2);
    } finally {
      await gw.stop();
      await llm.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('gateway.yml validation', () => {
  function problems(text: string): string[] {
    try {
      parseGatewayConfig(text, 'gateway.yml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.map((p) => `${p.location.file}:${p.location.line}:${p.location.column} ${p.message}`);
    }
    throw new Error('expected a ConfigError');
  }
  const base = 'version: 1\nbackends:\n  stable: { url: "http://127.0.0.1:1/v1" }\n';
  test.each([
    [
      'weights that do not add up',
      `${base}routes:\n  - name: r\n    weights: { stable: 9000 }\n`,
      'gateway.yml:6:14 routes[0].weights: weights add up to 9000; they must add up to 10000 (basis points)',
    ],
    [
      'an unknown backend',
      `${base}routes:\n  - name: r\n    weights: { stable: 5000, canary: 5000 }\n`,
      'gateway.yml:6:38 routes[0].weights.canary: unknown backend "canary"; backends: stable',
    ],
    [
      'a misspelt key',
      `${base}routes:\n  - name: r\n    wieghts: { stable: 10000 }\n`,
      'gateway.yml:6:5 unknown key "wieghts" in routes[0] (did you mean "weights"?)',
    ],
    [
      'a bad duration',
      `version: 1\nbackends:\n  stable:\n    url: "http://x/v1"\n    timeouts: { connect: 2 seconds }\nroutes: []\n`,
      'gateway.yml:5:26 backends.stable.timeouts.connect: found "2 seconds"',
    ],
    [
      'a bad sticky key',
      `${base}routes:\n  - name: r\n    weights: { stable: 10000 }\n    sticky: [cookie]\n`,
      'gateway.yml:7:14 routes[0].sticky[0]: found "cookie"; expected one of api-key, client-address or header:<name>',
    ],
  ])('%s', (_name, text, expected) => {
    expect(problems(text).join('\n')).toContain(expected);
  });

  test('a valid file gets its defaults', () => {
    const c = parseGatewayConfig(`${base}routes:\n  - name: r\n    weights: { stable: 10000 }\n`);
    expect(c.listen).toBe('127.0.0.1:8080');
    expect(c.admin).toEqual({ listen: '127.0.0.1:8081', tokenEnv: 'SLIPWAY_GATEWAY_ADMIN_TOKEN' });
    expect(c.routes[0]?.sticky).toEqual(['header:x-user-id', 'api-key', 'client-address']);
    expect(c.backends.stable?.timeouts).toEqual({ connect: '2s', firstByte: '60s', total: '600s' });
  });

  test('a missing API key variable is reported before anything listens', async () => {
    const config = gatewayConfigSchema.parse({
      version: 1,
      backends: { s: { url: 'http://127.0.0.1:1/v1', apiKeyEnv: 'NOT_SET_ANYWHERE' } },
      routes: [{ name: 'r', weights: { s: 10_000 } }],
    });
    await expect(startGateway({ config, log: memoryLog(), env: {} })).rejects.toThrow(/NOT_SET_ANYWHERE is not set/);
  });
});

describe('shadow sampling', () => {
  test('sampleRate mirrors about that share of requests; every mirrored one is paired, none touches the answer', async () => {
    const primary = await startLlmServer({ replies: () => 'primary' });
    const candidate = await startLlmServer({ replies: () => 'candidate' });
    const h = await startTestGateway({
      backends: { stable: { url: primary.url }, candidate: { url: candidate.url } },
      routes: [{ name: 'bot', weights: { stable: 10_000, candidate: 0 }, shadow: { variant: 'candidate', sampleRate: 0.25 } }],
    });
    try {
      let paired = 0;
      for (let i = 0; i < 400; i++) {
        const r = await chat(h.gw.url, { headers: { 'x-user-id': `u${i}` } });
        expect(((r.body.choices as { message: { content: string } }[])[0] as { message: { content: string } }).message.content).toBe('primary');
        if (r.headers.get('x-slipway-pair-id')) paired++;
      }
      // Binomial(400, 0.25): mean 100, sd 8.7; 60..140 is beyond 4.5 sd either way.
      expect(paired).toBeGreaterThan(60);
      expect(paired).toBeLessThan(140);
      for (let i = 0; i < 50 && candidate.requests.length < paired; i++) await new Promise((r) => setTimeout(r, 20));
      expect(candidate.requests.length).toBe(paired);
      expect(new Set(candidate.requests.map((q) => q.headers['x-slipway-pair-id'])).size).toBe(paired);
    } finally {
      await h.gw.stop();
      await primary.stop();
      await candidate.stop();
    }
  });
});
