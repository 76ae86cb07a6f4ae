import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, type Harness, startTestGateway } from './gateway-harness.js';

/** `{a: {b: 1}}` as `{'a.b': 1}`: the field names Elasticsearch indexes. */
function flatten(doc: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, name));
    else out[name] = v;
  }
  return out;
}

/** ECS 8.11 fields the access log may use, with their ECS types; `labels.*`, `gen_ai.*` and `slipway.*` are checked apart. */
const ECS_FIELDS: Record<string, 'date' | 'keyword' | 'long' | 'text' | 'ip' | 'keyword[]'> = {
  '@timestamp': 'date',
  'log.level': 'keyword',
  message: 'text',
  'ecs.version': 'keyword',
  'event.kind': 'keyword',
  'event.category': 'keyword[]',
  'event.type': 'keyword[]',
  'event.dataset': 'keyword',
  'event.outcome': 'keyword',
  'event.duration': 'long',
  'http.request.id': 'keyword',
  'http.request.method': 'keyword',
  'http.response.status_code': 'long',
  'url.path': 'keyword',
  'client.address': 'keyword',
  'client.ip': 'ip',
  'service.name': 'keyword',
  'error.type': 'keyword',
  'trace.id': 'keyword',
};

function checkEcs(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const flat = flatten(line);
  for (const [name, value] of Object.entries(flat)) {
    if (name.startsWith('labels.')) {
      // ECS labels are keywords: no nested objects, no numbers.
      if (typeof value !== 'string') problems.push(`${name}: labels must be strings`);
      continue;
    }
    if (name.startsWith('gen_ai.') || name.startsWith('slipway.gateway.')) continue;
    const type = ECS_FIELDS[name];
    if (!type) {
      problems.push(`${name}: not an ECS field this log is allowed to use`);
      continue;
    }
    const ok =
      type === 'date'
        ? typeof value === 'string' && !Number.isNaN(Date.parse(value)) && value.endsWith('Z')
        : type === 'long'
          ? Number.isInteger(value)
          : type === 'ip'
            ? typeof value === 'string' && /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:.]+)$/i.test(value)
            : type === 'keyword[]'
              ? Array.isArray(value) && value.every((v) => typeof v === 'string')
              : typeof value === 'string';
    if (!ok) problems.push(`${name}: ${JSON.stringify(value)} is not a ${type}`);
  }
  // ecs-logging: these three lead every line, as dotted top-level keys.
  expect(Object.keys(line).slice(0, 4)).toEqual(['@timestamp', 'log.level', 'message', 'ecs.version']);
  return problems;
}

describe('ECS access log and GenAI inference metrics', () => {
  let llm: LlmServer;
  let h: Harness;
  beforeAll(async () => {
    llm = await startLlmServer({ replies: () => 'alpha beta gamma delta' });
    h = await startTestGateway(
      {
        backends: { stable: { url: llm.url, apiKeyEnv: 'UP_KEY' }, canary: { url: llm.url, apiKeyEnv: 'UP_KEY' } },
        routes: [{ name: 'bot', weights: { stable: 5000, canary: 5000 } }],
      },
      { UP_KEY: 'sk-upstream-never-logged-1234' },
    );
  });
  afterAll(async () => {
    await h.gw.stop();
    await llm.stop();
  });

  test('a chat completion logs ECS fields: method, path, status, duration in ns, client, variant label; no prompt, no key', async () => {
    const t = performance.now();
    const r = await chat(h.gw.url, {
      headers: { 'x-slipway-variant': 'canary', authorization: 'Bearer client-side-secret-987' },
      body: { messages: [{ role: 'user', content: 'my secret prompt text' }] },
    });
    const elapsedNs = (performance.now() - t) * 1e6;
    expect(r.status).toBe(200);
    const line = h.access.at(-1) as Record<string, unknown>;
    expect(checkEcs(line)).toEqual([]);
    const flat = flatten(line);
    expect(flat).toMatchObject({
      'log.level': 'info',
      'ecs.version': '8.11.0',
      'http.request.method': 'POST',
      'http.request.id': r.headers.get('x-slipway-request-id'),
      'url.path': '/v1/chat/completions',
      'http.response.status_code': 200,
      'event.outcome': 'success',
      'event.dataset': 'slipway.gateway.access',
      'labels.variant': 'canary',
      'labels.backend': 'canary',
      'labels.route': 'bot',
      'labels.assignment': 'override',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.output_tokens': 4,
    });
    expect(flat['client.address']).toMatch(/127\.0\.0\.1$/);
    // Nanoseconds: more than 0.01 ms, no more than the whole round trip the test saw.
    expect(flat['event.duration'] as number).toBeGreaterThan(10_000);
    expect(flat['event.duration'] as number).toBeLessThanOrEqual(elapsedNs);
    expect(String(flat.message)).toMatch(/^POST \/v1\/chat\/completions 200 canary [\d.]+ ms$/);
    const text = JSON.stringify(h.access);
    expect(text).not.toContain('my secret prompt text');
    expect(text).not.toContain('sk-upstream-never-logged');
    expect(text).not.toContain('client-side-secret');
  });

  test('failures log at error level with error.type and event.outcome failure; streams note time to first token', async () => {
    llm.setOptions({ errorRate: 1, errorStatus: 503 });
    try {
      expect((await chat(h.gw.url, { headers: { 'x-slipway-variant': 'stable' } })).status).toBe(503);
    } finally {
      llm.setOptions({ errorRate: 0 });
    }
    const failed = h.access.at(-1) as Record<string, unknown>;
    expect(checkEcs(failed)).toEqual([]);
    expect(flatten(failed)).toMatchObject({ 'log.level': 'error', 'event.outcome': 'failure', 'error.type': 'upstream_5xx', 'http.response.status_code': 503 });

    llm.setOptions({ ttftMs: 30 });
    try {
      const res = await fetch(`${h.gw.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slipway-variant': 'stable' },
        body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(await res.text()).toContain('[DONE]');
    } finally {
      llm.setOptions({ ttftMs: 0 });
    }
    const streamed = flatten(h.access.at(-1) as Record<string, unknown>);
    expect(streamed['slipway.gateway.stream']).toBe(true);
    expect(streamed['slipway.gateway.ttft_ms'] as number).toBeGreaterThanOrEqual(25);
  });

  test('/metrics carries the gen_ai.client.inference.* instruments in Prometheus form', async () => {
    const text = await (await fetch(`${h.gw.adminUrl}/metrics`)).text();
    const labels = 'gen_ai_operation_name="chat",slipway_variant="canary",slipway_backend="canary",slipway_route="bot",gen_ai_provider_name="openai"';
    expect(text).toContain('# TYPE gen_ai_client_inference_duration_seconds histogram');
    expect(text).toContain(`gen_ai_client_inference_duration_seconds_bucket{${labels},le="600"} 1`);
    expect(text).toMatch(/gen_ai_client_inference_duration_seconds_count\{[^}]*slipway_variant="stable"[^}]*error_type="upstream_5xx"\} 1/);
    expect(text).toContain('# TYPE gen_ai_client_inference_usage_output_tokens_total counter');
    expect(text).toContain(`gen_ai_client_inference_usage_output_tokens_total{${labels},gen_ai_token_modality="unknown"} 4`);
    expect(text).toContain(`gen_ai_client_inference_operation_output_tokens_count{${labels}} 1`);
    expect(text).toMatch(/gen_ai_client_inference_time_to_first_chunk_seconds_count\{[^}]*slipway_variant="stable"[^}]*\} 1/);
    expect(text).toContain('# TYPE gen_ai_client_inference_time_per_output_chunk_seconds histogram');
    // The failed call still counts its (zero) usage, as the conventions ask.
    expect(text).toMatch(/gen_ai_client_inference_usage_input_tokens_total\{[^}]*slipway_variant="stable"[^}]*\} \d+/);
  });
});
