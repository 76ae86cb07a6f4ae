import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSuite, runSuite } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';

// Azure OpenAI: the deployment in the path, `api-version` in the query, the key in `api-key`.
// A small local server answers in the chat completions format and records what it was sent.

const rt = createTerminalRuntime({ quiet: true });
let server: Server;
let port: number;
let dir: string;
const seen: { url: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      if (!(req.url ?? '').startsWith('/openai/deployments/support-gpt4o/chat/completions?api-version=')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'DeploymentNotFound', message: 'no such deployment' } }));
        return;
      }
      if (req.headers['api-key'] !== 'azure-secret-key') {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: '401', message: 'Access denied: invalid api-key' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-azure',
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Refund 7 is on its way.' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-azure-'));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
});

async function suite(provider: string): Promise<string> {
  const file = path.join(dir, `s-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(
    file,
    `prompts: ["refund {{n}}"]\nproviders:\n  - ${provider}\ntests:\n  - vars: { n: 7 }\n    assert: [{ type: icontains, value: "on its way" }]\n`,
  );
  return file;
}

test('an openai provider with query, apiKeyHeader and headers calls an Azure OpenAI deployment', async () => {
  const file = await suite(
    `{ id: azure, type: openai, model: gpt-4o, baseUrl: "http://127.0.0.1:${port}/openai/deployments/support-gpt4o", stream: false, apiKeyEnv: AZ_KEY, apiKeyHeader: api-key, query: { api-version: "2024-10-21" }, headers: { x-ms-client-request-id: "\${RUN_ID}" } }`,
  );
  const s = await loadSuite(file, { env: { AZ_KEY: 'azure-secret-key', RUN_ID: 'run-42' } });
  const r = await runSuite(rt, s);
  expect(r.tests[0]?.status).toBe('pass');
  expect(seen[0]?.url).toBe('/openai/deployments/support-gpt4o/chat/completions?api-version=2024-10-21');
  expect(seen[0]?.headers['api-key']).toBe('azure-secret-key');
  expect(seen[0]?.headers.authorization).toBeUndefined();
  expect(seen[0]?.headers['x-ms-client-request-id']).toBe('run-42');
  expect(r.tests[0]?.samples[0]?.completionTokens).toBe(6);
});

test("promptfoo's azure:chat:<deployment> with config.apiHost and apiVersion; a wrong key is the server's 401 message", async () => {
  const spec = (extra = '') => `{ id: "azure:chat:support-gpt4o", config: { apiHost: "127.0.0.1:${port}", apiVersion: "2024-06-01"${extra} } }`;
  const s = await loadSuite(await suite(spec()), { env: { AZURE_OPENAI_API_KEY: 'azure-secret-key' } });
  expect(s.providers[0]).toMatchObject({
    type: 'openai',
    model: 'support-gpt4o',
    baseUrl: `https://127.0.0.1:${port}/openai/deployments/support-gpt4o`,
    query: { 'api-version': '2024-06-01' },
    apiKeyHeader: 'api-key',
    stream: false,
  });
  // The local server speaks plain HTTP: point the same provider at it with apiBaseUrl.
  const local = await loadSuite(await suite(spec(`, apiBaseUrl: "http://127.0.0.1:${port}/openai/deployments/support-gpt4o"`)), {
    env: { AZURE_OPENAI_API_KEY: 'azure-secret-key' },
  });
  const r = await runSuite(rt, local);
  expect(r.tests[0]?.status).toBe('pass');
  expect(seen[0]?.url).toBe('/openai/deployments/support-gpt4o/chat/completions?api-version=2024-06-01');

  const denied = await runSuite(
    rt,
    await loadSuite(await suite(spec(`, apiBaseUrl: "http://127.0.0.1:${port}/openai/deployments/support-gpt4o"`)), { env: { AZURE_OPENAI_API_KEY: 'wrong' } }),
  );
  expect(denied.tests[0]?.samples[0]?.error).toBe('/openai/deployments/support-gpt4o/chat/completions answered 401: Access denied: invalid api-key');
});
