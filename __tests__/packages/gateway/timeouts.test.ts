import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { itWith } from '../../helpers/require-binary.js';
import { chat, type Harness, startTestGateway } from './gateway-harness.js';

const PYTHON = '/usr/bin/python3';

/** A stream read with node:http: what arrived, and whether the connection was cut before the end. */
function stream(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; cut: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      let cut = false;
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('error', () => {
        cut = true;
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, text, cut: cut || !res.complete }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
  });
}

describe('timeouts, retries and drain', () => {
  let llm: LlmServer;
  const started: Harness[] = [];
  beforeAll(async () => {
    llm = await startLlmServer({ replies: () => 'one two three four five six seven eight' });
  });
  afterEach(() => llm.setOptions({ ttftMs: 0, interChunkMs: 0, failMidStream: undefined, latencyMs: 0 }));
  afterAll(async () => {
    for (const h of started) await h.gw.stop();
    await llm.stop();
  });
  const gateway = async (...args: Parameters<typeof startTestGateway>) => {
    const h = await startTestGateway(...args);
    started.push(h);
    return h;
  };

  test('the total timeout cuts a stream that runs too long, and counts it', async () => {
    const h = await gateway({
      backends: { s: { url: llm.url, retries: 0, timeouts: { total: '300ms' } } },
      routes: [{ name: 'r', weights: { s: 10_000 } }],
    });
    llm.setOptions({ interChunkMs: 100 });
    const t = performance.now();
    const r = await stream(h.gw.url);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r.status).toBe(200);
    expect(r.cut).toBe(true);
    expect(r.text).toContain('data: {');
    expect(r.text).not.toContain('[DONE]');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.gw.stats.report(60_000).variants.s?.recent[0]).toMatchObject({ ok: false, error: 'timeout_total' });
  });

  test('nothing is retried once the first byte has gone to the client', async () => {
    const h = await gateway({ backends: { s: { url: llm.url, retries: 3 } }, routes: [{ name: 'r', weights: { s: 10_000 } }] });
    llm.requests.length = 0;
    llm.setOptions({ failMidStream: { afterChunks: 2, mode: 'cut' } });
    const r = await stream(h.gw.url);
    expect(r.cut).toBe(true);
    expect(llm.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    expect(h.gw.metrics.render()).not.toContain('slipway_gateway_retries_total{');
  });

  test('while draining, /healthz answers 503 so a load balancer stops sending', async () => {
    const h = await startTestGateway({ backends: { s: { url: llm.url } }, routes: [{ name: 'r', weights: { s: 10_000 } }] });
    llm.setOptions({ latencyMs: 400 });
    const inFlight = chat(h.gw.url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = h.gw.stop();
    const health = await fetch(`${h.gw.adminUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'draining' });
    expect((await inFlight).status).toBe(200);
    await stopping;
  });

  itWith(PYTHON, 'python3')('a backend that never completes the TCP handshake hits the connect timeout', async () => {
    // A listener with a full accept queue: the kernel drops further SYNs, so connect() hangs.
    const py: ChildProcess = spawn(PYTHON, [
      '-c',
      "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1], flush=True)\ntime.sleep(60)",
    ]);
    const fillers: net.Socket[] = [];
    try {
      const port = await new Promise<number>((resolve) => py.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
      for (let i = 0; i < 4; i++) {
        const s = net.connect(port, '127.0.0.1');
        s.on('error', () => undefined);
        fillers.push(s);
        const connected = await Promise.race([
          new Promise<boolean>((r) => s.once('connect', () => r(true))),
          new Promise<boolean>((r) => setTimeout(() => r(false), 300)),
        ]);
        if (!connected) break;
      }
      const h = await gateway({
        backends: { s: { url: `http://127.0.0.1:${port}/v1`, retries: 0, timeouts: { connect: '200ms', firstByte: '10s' } } },
        routes: [{ name: 'r', weights: { s: 10_000 } }],
      });
      const t = performance.now();
      const r = await chat(h.gw.url);
      expect(performance.now() - t).toBeLessThan(3000);
      expect(r.status).toBe(504);
      expect((r.body.error as { type: string }).type).toBe('connect_timeout');
    } finally {
      for (const s of fillers) s.destroy();
      py.kill();
    }
  });
});
