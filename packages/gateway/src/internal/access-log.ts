import type { AssignReason } from './router.js';
import type { Sample } from './stats.js';

/** The ECS version whose field names the access log uses. */
export const ECS_VERSION = '8.11.0';

/** What the access log knows of a request beyond its {@link Sample}. Never a body, never a key. */
export interface AccessInfo {
  method: string;
  path: string;
  clientAddress: string | undefined;
  model: string | undefined;
  traceId: string | undefined;
  reason: AssignReason;
  retries: number;
  fallback: boolean;
  pairId: string | undefined;
}

function levelOf(sample: Sample): 'info' | 'warn' | 'error' {
  if (sample.ok) return 'info';
  if (sample.error === 'client_abort' || sample.error === 'upstream_4xx' || sample.error === 'rate_limited') return 'warn';
  return 'error';
}

/**
 * One access-log line in Elastic Common Schema field names, laid out as ecs-logging loggers do
 * (`@timestamp`, `log.level`, `message` first, `ecs.version`, then nested field sets), so Filebeat
 * or Logstash ships it into Elasticsearch without a mapping step. Durations are nanoseconds
 * (`event.duration`), tokens use the OpenTelemetry GenAI names, and routing goes into `labels`.
 */
export function ecsAccessLine(sample: Sample, info: AccessInfo): string {
  const ms = (v: number) => Math.round(v * 100) / 100;
  const doc: Record<string, unknown> = {
    '@timestamp': new Date(sample.at).toISOString(),
    'log.level': levelOf(sample),
    message: `${info.method} ${info.path} ${sample.status} ${sample.variant}${sample.backend === sample.variant ? '' : `->${sample.backend}`} ${ms(sample.latencyMs)} ms${sample.error ? ` ${sample.error}` : ''}`,
    'ecs.version': ECS_VERSION,
    event: {
      kind: 'event',
      category: ['web'],
      type: ['access'],
      dataset: 'slipway.gateway.access',
      outcome: sample.ok ? 'success' : 'failure',
      duration: Math.round(sample.latencyMs * 1e6),
    },
    http: { request: { id: sample.id, method: info.method }, response: { status_code: sample.status } },
    url: { path: info.path },
    ...(info.clientAddress ? { client: { address: info.clientAddress, ip: info.clientAddress } } : {}),
    service: { name: 'slipway-gateway' },
    labels: {
      variant: sample.variant,
      backend: sample.backend,
      route: sample.route,
      assignment: info.reason,
      ...(info.pairId ? { pair_id: info.pairId } : {}),
    },
    ...(sample.error ? { error: { type: sample.error } } : {}),
    ...(info.traceId ? { trace: { id: info.traceId } } : {}),
    gen_ai: {
      operation: { name: sample.operation },
      ...(info.model !== undefined ? { request: { model: info.model } } : {}),
      usage: { input_tokens: sample.inputTokens, output_tokens: sample.outputTokens },
    },
    slipway: {
      gateway: {
        stream: sample.stream,
        ...(sample.ttftMs !== undefined ? { ttft_ms: ms(sample.ttftMs) } : {}),
        ...(info.retries > 0 ? { retries: info.retries } : {}),
        ...(info.fallback ? { fallback: true } : {}),
      },
    },
  };
  return JSON.stringify(doc);
}
