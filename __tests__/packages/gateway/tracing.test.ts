import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, type Harness, startTestGateway } from './gateway-harness.js';

type Json = Record<string, unknown>;

const SPAN_FIELDS = new Set([
  'traceId',
  'spanId',
  'parentSpanId',
  'traceState',
  'name',
  'kind',
  'startTimeUnixNano',
  'endTimeUnixNano',
  'attributes',
  'droppedAttributesCount',
  'events',
  'droppedEventsCount',
  'links',
  'droppedLinksCount',
  'status',
  'flags',
]);
const VALUE_KINDS = new Set(['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue']);

/** Checks an export request against the OTLP/HTTP JSON encoding of opentelemetry-proto (trace/v1); returns the problems. */
function otlpProblems(body: unknown): string[] {
  const problems: string[] = [];
  const keyValues = (kvs: unknown, where: string) => {
    if (!Array.isArray(kvs)) return problems.push(`${where}: attributes must be a list`);
    for (const kv of kvs as Json[]) {
      if (typeof kv.key !== 'string' || kv.key === '') problems.push(`${where}: attribute without key`);
      const v = kv.value as Json | undefined;
      const kinds = v ? Object.keys(v) : [];
      if (kinds.length !== 1 || !VALUE_KINDS.has(kinds[0] as string)) problems.push(`${where}.${String(kv.key)}: value must hold exactly one AnyValue field`);
      if (v && 'intValue' in v && !/^-?\d+$/.test(String(v.intValue))) problems.push(`${where}.${String(kv.key)}: intValue must be a decimal string`);
    }
    return 0;
  };
  const rs = (body as Json).resourceSpans;
  if (!Array.isArray(rs) || rs.length === 0) return ['resourceSpans must be a non-empty list'];
  for (const r of rs as Json[]) {
    keyValues((r.resource as Json | undefined)?.attributes, 'resource');
    for (const ss of (r.scopeSpans as Json[] | undefined) ?? []) {
      if (typeof (ss.scope as Json | undefined)?.name !== 'string') problems.push('scope.name must be a string');
      for (const span of (ss.spans as Json[] | undefined) ?? []) {
        for (const k of Object.keys(span)) if (!SPAN_FIELDS.has(k)) problems.push(`span: unknown field ${k}`);
        if (!/^[0-9a-f]{32}$/.test(String(span.traceId))) problems.push('span.traceId must be 32 hex digits');
        if (!/^[0-9a-f]{16}$/.test(String(span.spanId))) problems.push('span.spanId must be 16 hex digits');
        if (span.parentSpanId !== undefined && !/^([0-9a-f]{16})?$/.test(String(span.parentSpanId))) problems.push('span.parentSpanId must be 16 hex digits');
        if (typeof span.name !== 'string' || span.name === '') problems.push('span.name must be a non-empty string');
        if (!Number.isInteger(span.kind) || (span.kind as number) < 0 || (span.kind as number) > 5) problems.push('span.kind must be a SpanKind (0..5)');
        for (const t of ['startTimeUnixNano', 'endTimeUnixNano'])
          if (!/^\d{19}$/.test(String(span[t]))) problems.push(`span.${t} must be a uint64 decimal string`);
        if (BigInt(String(span.endTimeUnixNano)) < BigInt(String(span.startTimeUnixNano))) problems.push('span ends before it starts');
        keyValues(span.attributes, 'span');
        const code = (span.status as Json | undefined)?.code;
        if (code !== undefined && ![0, 1, 2].includes(code as number)) problems.push('span.status.code must be 0, 1 or 2');
      }
    }
  }
  return problems;
}

describe('OTLP traces', () => {
  let llm: LlmServer;
  let collector: Server;
  let h: Harness;
  const exports: { path: string; contentType: string | undefined; body: Json }[] = [];
  beforeAll(async () => {
    llm = await startLlmServer({ replies: () => 'traced answer' });
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
        exports.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
        const problems = otlpProblems(body);
        res.writeHead(problems.length ? 400 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(problems.length ? { problems } : { partialSuccess: {} }));
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    h = await startTestGateway({
      tracing: { otlpEndpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` },
      backends: { stable: { url: llm.url } },
      routes: [{ name: 'bot', weights: { stable: 10_000 } }],
    });
  });
  afterAll(async () => {
    await h.gw.stop();
    await llm.stop();
    await new Promise<void>((r) => collector.close(() => r()));
  });

  test('one valid span per request with the GenAI attributes; traceparent is continued and passed upstream', async () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    llm.requests.length = 0;
    expect((await chat(h.gw.url, { headers: { traceparent: parent } })).status).toBe(200);
    const upstream = llm.requests[0]?.headers.traceparent as string;
    expect(upstream).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(upstream).not.toBe(parent);
    expect((await chat(h.gw.url, { headers: { 'x-slipway-variant': 'nope' } })).status).toBe(200);
    const spansOf = () => exports.flatMap((e) => ((e.body.resourceSpans as Json[])[0]?.scopeSpans as Json[]).flatMap((s) => s.spans as Json[]));
    for (let i = 0; i < 60 && spansOf().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 50));
    expect(exports.length).toBeGreaterThan(0);
    for (const e of exports) {
      expect(e.path).toBe('/v1/traces');
      expect(e.contentType).toBe('application/json');
      expect(otlpProblems(e.body)).toEqual([]);
    }
    const spans = spansOf();
    expect(spans).toHaveLength(2);
    const first = spans[0] as Json;
    expect(first).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', parentSpanId: 'b7ad6b7169203331', name: 'chat gpt-4o-mini', kind: 3 });
    expect(upstream.split('-')[2]).toBe(first.spanId);
    const attrs = Object.fromEntries((first.attributes as { key: string; value: Json }[]).map((a) => [a.key, Object.values(a.value)[0]]));
    expect(attrs).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': '1',
      'gen_ai.usage.output_tokens': '2',
      'http.response.status_code': '200',
      'slipway.variant': 'stable',
      'server.address': '127.0.0.1',
    });
    expect((spans[1] as Json).parentSpanId).toBeUndefined();
    expect(((exports[0]?.body.resourceSpans as Json[])[0]?.resource as Json).attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'slipway-gateway' } },
    ]);
  });
});
