import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayAdminClient } from '@slipway/gateway';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, startTestGateway } from '../gateway/gateway-harness.js';

const TOKEN = 'request-log-admin-token';

describe('the gateway request log (what drift reads)', () => {
  let llm: LlmServer;
  beforeAll(async () => {
    llm = await startLlmServer();
  });
  afterAll(async () => {
    await llm.stop();
  });

  test('prompt and answer, sizes and tokens, redacted, to a JSONL file and GET /admin/requests; streams too', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'slipway-reqlog-')), 'logs/requests.jsonl');
    const { gw } = await startTestGateway(
      {
        requestLog: { sampleRate: 1, file, redact: ['ORDER-\\d+'] },
        backends: { stable: { url: llm.url } },
        routes: [{ name: 'r', weights: { stable: 10_000 } }],
      },
      { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
    );
    try {
      await chat(gw.url, { body: { messages: [{ role: 'user', content: 'I am ann@example.com, about ORDER-1234' }] } });
      const streamed = await fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'stream me a reply' }] }),
      });
      await streamed.text();
      await new Promise((r) => setTimeout(r, 50));
      const lines = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ route: 'r', variant: 'stable', status: 200, ok: true, prompt: 'I am [redacted], about [redacted]' });
      expect(lines[0]?.output).toBe('echo: I am [redacted], about [redacted]');
      expect(lines[0]?.promptChars).toBe('I am ann@example.com, about ORDER-1234'.length);
      expect(Number(lines[0]?.inputTokens)).toBeGreaterThan(0);
      expect(Number(lines[0]?.outputTokens)).toBeGreaterThan(0);
      expect(lines[1]?.output).toBe('echo: stream me a reply');
      expect(JSON.stringify(lines)).not.toMatch(/ann@example\.com|ORDER-1234/);
      const answer = await new GatewayAdminClient(gw.adminUrl, TOKEN).requests(60, 10);
      expect(answer.enabled).toBe(true);
      expect(answer.entries.map((e) => e.output)).toEqual(['echo: I am [redacted], about [redacted]', 'echo: stream me a reply']);
      const denied = await fetch(`${gw.adminUrl}/admin/requests`);
      expect(denied.status).toBe(401);
    } finally {
      await gw.stop();
    }
  });

  test('captureText: false keeps sizes and tokens only; no request log means enabled: false', async () => {
    const { gw } = await startTestGateway(
      { requestLog: { sampleRate: 1, captureText: false }, backends: { stable: { url: llm.url } }, routes: [{ name: 'r', weights: { stable: 10_000 } }] },
      { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
    );
    const plain = await startTestGateway(
      { backends: { stable: { url: llm.url } }, routes: [{ name: 'r', weights: { stable: 10_000 } }] },
      { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
    );
    try {
      await chat(gw.url, { body: { messages: [{ role: 'user', content: 'secret plans' }] } });
      const [entry] = (await new GatewayAdminClient(gw.adminUrl, TOKEN).requests(60, 10)).entries;
      expect(entry?.prompt).toBeUndefined();
      expect(entry?.output).toBeUndefined();
      expect(entry?.promptChars).toBe(12);
      expect((await new GatewayAdminClient(plain.gw.adminUrl, TOKEN).requests(60, 10)).enabled).toBe(false);
    } finally {
      await gw.stop();
      await plain.gw.stop();
    }
  });
});
