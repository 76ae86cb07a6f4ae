import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from '@slipway/kit';

/** The trace context of one request: continues the caller's `traceparent` when it sent a valid one. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  startNs: bigint;
  sampled: boolean;
}

/** What a finished request contributes to its span. */
export interface SpanEnd {
  operation: string;
  model: string | undefined;
  serverAddress: string;
  serverPort: number;
  status: number;
  error: string | undefined;
  inputTokens: number;
  outputTokens: number;
  ttftMs: number | undefined;
  variant: string;
  backend: string;
  route: string;
  assignment: string;
  stream: boolean;
}

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: AnyValue }[];
  status: { code: number; message?: string };
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;
const STATUS_UNSET = 0;

function attr(key: string, value: string | number | boolean | undefined): { key: string; value: AnyValue }[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ key, value: { stringValue: value } }];
  if (typeof value === 'boolean') return [{ key, value: { boolValue: value } }];
  return Number.isInteger(value) ? [{ key, value: { intValue: String(value) } }] : [{ key, value: { doubleValue: value } }];
}

/** Wall-clock nanoseconds now, from a monotonic clock anchored once (spans need absolute times). */
const anchorNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
const nowNs = () => anchorNs + process.hrtime.bigint();

/**
 * Exports one span per request over OTLP/HTTP (JSON encoding) with the GenAI attributes, batched
 * every second or every 512 spans. Export failures are logged (at most once a minute) and never
 * touch the traffic.
 */
export class OtlpTracer {
  private buffer: OtlpSpan[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastWarning = 0;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private inFlight: Promise<void>[] = [];

  constructor(
    endpoint: string,
    private readonly serviceName: string,
    private readonly sampleRate: number,
    private readonly log: Logger,
  ) {
    this.url = new URL(`${endpoint.replace(/\/+$/, '')}/v1/traces`);
    this.agent = new (this.url.protocol === 'https:' ? https : http).Agent({ keepAlive: true });
  }

  /** Starts a request's trace context from its `traceparent` header (sampled as the caller said, else by rate). */
  begin(traceparent: string | string[] | undefined): TraceContext {
    const m = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
    const valid = m && m[1] !== '0'.repeat(32) && m[2] !== '0'.repeat(16);
    return {
      traceId: valid ? (m[1] as string) : randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      parentSpanId: valid ? m[2] : undefined,
      startNs: nowNs(),
      sampled: valid ? (Number.parseInt(m[3] as string, 16) & 1) === 1 : Math.random() < this.sampleRate,
    };
  }

  /** The `traceparent` to send upstream: our span is the backend's parent. */
  header(ctx: TraceContext): string {
    return `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}`;
  }

  end(ctx: TraceContext, s: SpanEnd): void {
    if (!ctx.sampled) return;
    this.buffer.push({
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      ...(ctx.parentSpanId ? { parentSpanId: ctx.parentSpanId } : {}),
      name: s.model ? `${s.operation} ${s.model}` : s.operation,
      kind: SPAN_KIND_CLIENT,
      startTimeUnixNano: String(ctx.startNs),
      endTimeUnixNano: String(nowNs()),
      attributes: [
        ...attr('gen_ai.operation.name', s.operation),
        ...attr('gen_ai.request.model', s.model),
        ...attr('gen_ai.usage.input_tokens', s.inputTokens),
        ...attr('gen_ai.usage.output_tokens', s.outputTokens),
        ...attr('gen_ai.response.time_to_first_chunk', s.ttftMs === undefined ? undefined : s.ttftMs / 1000),
        ...attr('server.address', s.serverAddress),
        ...attr('server.port', s.serverPort),
        ...attr('http.response.status_code', s.status),
        ...attr('error.type', s.error),
        ...attr('slipway.variant', s.variant),
        ...attr('slipway.backend', s.backend),
        ...attr('slipway.route', s.route),
        ...attr('slipway.assignment', s.assignment),
        ...attr('slipway.stream', s.stream),
      ],
      status: s.error ? { code: STATUS_ERROR, message: s.error } : { code: STATUS_UNSET },
    });
    if (this.buffer.length >= 512) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 1000);
      this.timer.unref();
    }
  }

  /** Sends what is buffered now. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return Promise.all(this.inFlight).then(() => undefined);
    const spans = this.buffer;
    this.buffer = [];
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: attr('service.name', this.serviceName) },
          scopeSpans: [{ scope: { name: '@slipway/gateway', version: '0.1.0' }, spans }],
        },
      ],
    });
    const sent = new Promise<void>((resolve) => {
      const req = (this.url.protocol === 'https:' ? https : http).request(
        this.url,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 10_000 },
        (res) => {
          res.resume();
          if ((res.statusCode ?? 500) >= 300) this.warn(`the collector answered ${res.statusCode}`);
          res.on('end', () => resolve());
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => {
        this.warn(e.message);
        resolve();
      });
      req.end(body);
    });
    this.inFlight.push(sent);
    void sent.then(() => {
      this.inFlight = this.inFlight.filter((p) => p !== sent);
    });
    return Promise.all(this.inFlight).then(() => undefined);
  }

  private warn(reason: string): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.log.warn(`gateway: could not export spans to ${this.url.href}: ${reason} (spans are dropped; traffic is unaffected)`);
  }

  async close(): Promise<void> {
    await this.flush();
    this.agent.destroy();
  }
}
