import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, type Harness, startTestGateway } from './gateway-harness.js';

/** A backend that answers each request with the next scripted status, then 200; it echoes the Authorization header in errors. */
async function flakyServer(statuses: number[]): Promise<{ url: string; hits: () => number; stop: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = statuses[hits++] ?? 200;
      const body =
        status === 200
          ? { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }
          : { error: { message: `failed; you sent ${req.headers.authorization ?? 'no key'}`, type: 'server_error' } };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    hits: () => hits,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** The gateway's own fields of an access-log line. */
function gw(line: Record<string, unknown>): Record<string, unknown> {
  return (line.slipway as { gateway: Record<string, unknown> }).gateway;
}

/** Polls until `condition` holds; fails after 5 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(condition()).toBe(true);
}

/** A port nothing listens on. */
async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/v1`;
}

describe('resilience', () => {
  let stable: LlmServer;
  const started: Harness[] = [];
  const gateway = async (...args: Parameters<typeof startTestGateway>) => {
    const h = await startTestGateway(...args);
    started.push(h);
    return h;
  };
  beforeAll(async () => {
    stable = await startLlmServer({ replies: () => 'stable answer' });
  });
  afterAll(async () => {
    for (const h of started) await h.gw.stop();
    await stable.stop();
  });

  test('a 503 before the first byte is retried on the same backend', async () => {
    const flaky = await flakyServer([503]);
    try {
      const h = await gateway({ backends: { stable: { url: flaky.url, retries: 1 } }, routes: [{ name: 'r', weights: { stable: 10_000 } }] });
      const r = await chat(h.gw.url);
      expect(r.status).toBe(200);
      expect(flaky.hits()).toBe(2);
      expect(h.access.at(-1)).toMatchObject({ http: { response: { status_code: 200 } }, slipway: { gateway: { retries: 1 } } });
      expect(h.gw.metrics.render()).toMatch(/slipway_gateway_retries_total\{backend="stable"\} 1/);
    } finally {
      await flaky.stop();
    }
  });

  test('when retries run out the error passes through, with the upstream key masked', async () => {
    const flaky = await flakyServer([500, 500]);
    try {
      const h = await gateway(
        { backends: { stable: { url: flaky.url, retries: 1, apiKeyEnv: 'UP_KEY' } }, routes: [{ name: 'r', weights: { stable: 10_000 } }] },
        { UP_KEY: 'sk-upstream-secret-123' },
      );
      const r = await chat(h.gw.url);
      expect(r.status).toBe(500);
      expect(JSON.stringify(r.body)).not.toContain('sk-upstream-secret-123');
      expect(JSON.stringify(r.body)).toContain('Bearer ***');
      expect(h.access.at(-1)).toMatchObject({ http: { response: { status_code: 500 } }, error: { type: 'upstream_5xx' } });
    } finally {
      await flaky.stop();
    }
  });

  test('a failing canary falls back to stable, and after N failures is ejected', async () => {
    const dead = await deadUrl();
    const h = await gateway({
      outlierDetection: { consecutiveFailures: 3, ejectFor: '10s' },
      backends: { stable: { url: stable.url }, canary: { url: dead, retries: 0 } },
      routes: [{ name: 'r', weights: { stable: 0, canary: 10_000 }, fallback: { canary: 'stable' } }],
    });
    for (let i = 0; i < 5; i++) {
      const r = await chat(h.gw.url);
      expect(r.status).toBe(200);
      expect(r.headers.get('x-slipway-variant')).toBe('canary');
      expect(r.headers.get('x-slipway-backend')).toBe('stable');
    }
    const routes = (await (await fetch(`${h.gw.adminUrl}/metrics`)).text()).split('\n');
    expect(routes).toContain('slipway_gateway_backend_available{slipway_backend="canary"} 0');
    expect(routes.find((l) => l.startsWith('slipway_gateway_ejections_total'))).toMatch(/ 1$/);
    expect(h.log.lines.some((l) => l.includes('backend canary ejected'))).toBe(true);
    // Ejected: later requests go straight to stable, without a failed attempt first.
    expect(h.access.slice(3).every((a) => gw(a).retries === undefined && gw(a).fallback === true)).toBe(true);
  });

  test('without a fallback a dead backend is a 502 and a slow one a 504, quickly', async () => {
    const slow = await startLlmServer({ latencyMs: 2000 });
    try {
      const h = await gateway({
        backends: { dead: { url: await deadUrl(), retries: 0 }, slow: { url: slow.url, retries: 0, timeouts: { firstByte: '150ms' } } },
        routes: [{ name: 'r', weights: { dead: 5000, slow: 5000 } }],
      });
      const dead = await chat(h.gw.url, { headers: { 'x-slipway-variant': 'dead' } });
      expect(dead.status).toBe(502);
      expect((dead.body.error as { type: string }).type).toBe('connect');
      const t = performance.now();
      const timedOut = await chat(h.gw.url, { headers: { 'x-slipway-variant': 'slow' } });
      expect(timedOut.status).toBe(504);
      expect(performance.now() - t).toBeLessThan(1500);
      expect(h.access.at(-1)).toMatchObject({ error: { type: 'first_byte_timeout' } });
    } finally {
      await slow.stop();
    }
  });

  test('bodies over the limit get 413 and never reach the backend', async () => {
    const h = await gateway({
      limits: { maxBodyBytes: 2000 },
      backends: { stable: { url: stable.url } },
      routes: [{ name: 'r', weights: { stable: 10_000 } }],
    });
    stable.requests.length = 0;
    const big = await chat(h.gw.url, { body: { messages: [{ role: 'user', content: 'x'.repeat(5000) }] } });
    expect(big.status).toBe(413);
    expect((big.body.error as { type: string }).type).toBe('request_too_large');
    const chunked = await fetch(`${h.gw.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ messages: [{ role: 'user', content: 'y'.repeat(5000) }] })]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(stable.requests.length).toBe(0);
    expect((await chat(h.gw.url)).status).toBe(200);
  });

  test('client keys: required when configured, compared exactly, replaced by the backend key upstream', async () => {
    const h = await gateway(
      { clientKeysEnv: 'CLIENT_KEYS', backends: { stable: { url: stable.url, apiKeyEnv: 'UP_KEY' } }, routes: [{ name: 'r', weights: { stable: 10_000 } }] },
      { CLIENT_KEYS: 'team-a-key, team-b-key', UP_KEY: 'sk-upstream-456789' },
    );
    expect((await chat(h.gw.url)).status).toBe(401);
    expect((await chat(h.gw.url, { headers: { authorization: 'Bearer team-a-ke' } })).status).toBe(401);
    stable.requests.length = 0;
    expect((await chat(h.gw.url, { headers: { authorization: 'Bearer team-b-key' } })).status).toBe(200);
    expect(stable.requests[0]?.headers.authorization).toBe('Bearer sk-upstream-456789');
    expect(JSON.stringify(h.access)).not.toContain('sk-upstream');
  });

  test('stop() drains: a request in flight finishes, new connections are refused', async () => {
    const slow = await startLlmServer({ latencyMs: 300 });
    try {
      const h = await startTestGateway({ backends: { s: { url: slow.url } }, routes: [{ name: 'r', weights: { s: 10_000 } }] });
      const inFlight = chat(h.gw.url);
      await new Promise((r) => setTimeout(r, 100));
      const stopped = h.gw.stop();
      const r = await inFlight;
      expect(r.status).toBe(200);
      await stopped;
      await expect(fetch(`${h.gw.url}/models`)).rejects.toThrow();
    } finally {
      await slow.stop();
    }
  });

  test('an ejected backend gets traffic again after its cool-down', async () => {
    const flaky = await flakyServer([500, 500]);
    try {
      const h = await gateway({
        outlierDetection: { consecutiveFailures: 2, ejectFor: '300ms' },
        backends: { stable: { url: stable.url }, canary: { url: flaky.url, retries: 0 } },
        routes: [{ name: 'r', weights: { stable: 0, canary: 10_000 }, fallback: { canary: 'stable' } }],
      });
      for (let i = 0; i < 3; i++) expect((await chat(h.gw.url)).headers.get('x-slipway-backend')).toBe('stable');
      expect(flaky.hits()).toBe(2);
      await new Promise((r) => setTimeout(r, 400));
      const back = await chat(h.gw.url);
      expect(back.headers.get('x-slipway-backend')).toBe('canary');
      expect(flaky.hits()).toBe(3);
    } finally {
      await flaky.stop();
    }
  });

  test('health checks route around an unhealthy backend and notice its recovery', async () => {
    const canary = await startLlmServer({ replies: () => 'canary answer' });
    try {
      const h = await gateway({
        backends: { stable: { url: stable.url }, canary: { url: canary.url, healthCheck: { path: '/models', interval: '100ms', timeout: '100ms' } } },
        routes: [{ name: 'r', weights: { stable: 0, canary: 10_000 }, fallback: { canary: 'stable' } }],
      });
      expect((await chat(h.gw.url)).headers.get('x-slipway-backend')).toBe('canary');
      canary.setOptions({ errorRate: 1, errorStatus: 503 });
      await waitFor(() => h.log.lines.some((l) => l.includes('backend canary is now unhealthy')));
      const before = canary.requests.filter((r) => r.method === 'POST').length;
      expect((await chat(h.gw.url)).headers.get('x-slipway-backend')).toBe('stable');
      expect(canary.requests.filter((r) => r.method === 'POST').length).toBe(before);
      canary.setOptions({ errorRate: 0 });
      await waitFor(() => h.log.lines.some((l) => l.includes('backend canary is now healthy')));
      expect((await chat(h.gw.url)).headers.get('x-slipway-backend')).toBe('canary');
    } finally {
      await canary.stop();
    }
  });

  test('sampled request logging masks e-mail addresses, keys and custom patterns', async () => {
    const h = await gateway({
      requestLog: { sampleRate: 1, redact: ['ORDER-\\d+'] },
      backends: { stable: { url: stable.url } },
      routes: [{ name: 'r', weights: { stable: 10_000 } }],
    });
    await chat(h.gw.url, { body: { messages: [{ role: 'user', content: 'I am ann@example.com, key sk-abcdefghijkl, order ORDER-1234' }] } });
    const line = h.log.lines.find((l) => l.includes('requestLog')) ?? '';
    expect(line).toContain('[redacted]');
    expect(line).not.toMatch(/ann@example\.com|sk-abcdefghijkl|ORDER-1234/);
    expect(JSON.stringify(h.access)).not.toContain('ann@example.com');
  });

  test('/metrics uses the GenAI names, buckets up to 600 s, variant and backend labels', async () => {
    const h = await gateway({
      backends: { stable: { url: stable.url, price: { inputPerMillion: 1, outputPerMillion: 2 } } },
      routes: [{ name: 'r', weights: { stable: 10_000 } }],
    });
    await chat(h.gw.url);
    const text = await (await fetch(`${h.gw.adminUrl}/metrics`)).text();
    const labels = 'gen_ai_operation_name="chat",slipway_variant="stable",slipway_backend="stable",slipway_route="r"';
    expect(text).toContain(`gen_ai_client_operation_duration_seconds_bucket{${labels},le="600"} 1`);
    expect(text).toContain(`gen_ai_client_token_usage_count{${labels},gen_ai_token_type="output"} 1`);
    expect(text).toContain(`slipway_gateway_requests_total{${labels},http_response_status_class="2xx"} 1`);
    expect(text).toMatch(/slipway_gateway_cost_usd_total\{[^}]+\} 0\.00000/);
    for (const name of [
      'gen_ai_server_time_to_first_token_seconds',
      'gen_ai_client_operation_time_to_first_chunk_seconds',
      'gen_ai_server_time_per_output_token_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} histogram`);
    }
  });
});
