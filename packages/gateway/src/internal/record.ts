import type { Observation } from './observe.js';
import type { ProxyContext } from './proxy.js';
import type { AssignReason } from './router.js';
import type { Sample } from './stats.js';
import type { Backend } from './upstream.js';

/** Records a finished request: metrics, the stats store and the access log. */
export function record(
  ctx: ProxyContext,
  sample: Sample,
  backend: Backend,
  obs: Observation | undefined,
  reason: AssignReason,
  retries: number,
  fallback: boolean,
  pairId: string | undefined,
  path: string,
): void {
  const m = ctx.metrics;
  const key = `${sample.variant}|${sample.backend}|${sample.operation}`;
  const labels = () => ({
    gen_ai_operation_name: sample.operation,
    slipway_variant: sample.variant,
    slipway_backend: sample.backend,
    slipway_route: sample.route,
  });
  const statusClass = `${Math.floor(sample.status / 100)}xx`;
  m.inc('slipway_gateway_requests_total', `${key}|${statusClass}`, () => ({ ...labels(), http_response_status_class: statusClass }));
  if (!sample.ok) m.inc('slipway_gateway_errors_total', `${key}|${sample.error}`, () => ({ ...labels(), error_type: sample.error ?? 'unknown' }));
  if (fallback) m.inc('slipway_gateway_fallbacks_total', key, labels);
  const seconds = sample.latencyMs / 1000;
  m.observe('gen_ai_client_operation_duration_seconds', key, labels, seconds);
  if (sample.ok) m.observe('gen_ai_server_request_duration_seconds', key, labels, seconds);
  if (sample.stream && sample.ttftMs !== undefined) {
    m.observe('gen_ai_client_operation_time_to_first_chunk_seconds', key, labels, sample.ttftMs / 1000);
    if (sample.ok) m.observe('gen_ai_server_time_to_first_token_seconds', key, labels, sample.ttftMs / 1000);
    if (sample.ok && sample.outputTokens > 1) {
      const perToken = (sample.latencyMs - sample.ttftMs) / 1000 / (sample.outputTokens - 1);
      m.observe('gen_ai_server_time_per_output_token_seconds', key, labels, perToken);
      const chunks = obs?.contentChunks ?? 0;
      if (chunks > 1) m.observe('gen_ai_client_operation_time_per_output_chunk_seconds', key, labels, (sample.latencyMs - sample.ttftMs) / 1000 / (chunks - 1));
    }
  }
  if (sample.inputTokens > 0 || sample.outputTokens > 0) {
    m.observe('gen_ai_client_token_usage', `${key}|input`, () => ({ ...labels(), gen_ai_token_type: 'input' }), sample.inputTokens);
    m.observe('gen_ai_client_token_usage', `${key}|output`, () => ({ ...labels(), gen_ai_token_type: 'output' }), sample.outputTokens);
    m.inc('slipway_gateway_tokens_total', `${key}|input`, () => ({ ...labels(), gen_ai_token_type: 'input' }), sample.inputTokens);
    m.inc('slipway_gateway_tokens_total', `${key}|output`, () => ({ ...labels(), gen_ai_token_type: 'output' }), sample.outputTokens);
    const price = backend.config.price;
    if (price) {
      const cost = (sample.inputTokens * price.inputPerMillion + sample.outputTokens * price.outputPerMillion) / 1e6;
      m.inc('slipway_gateway_cost_usd_total', key, labels, cost);
    }
  }
  ctx.stats.record(sample);
  if (ctx.accessLog) {
    ctx.accessLog(
      JSON.stringify({
        time: new Date(sample.at).toISOString(),
        id: sample.id,
        path,
        route: sample.route,
        variant: sample.variant,
        backend: sample.backend,
        reason,
        status: sample.status,
        ms: Math.round(sample.latencyMs * 100) / 100,
        ttftMs: sample.ttftMs === undefined ? undefined : Math.round(sample.ttftMs * 100) / 100,
        tokensIn: sample.inputTokens,
        tokensOut: sample.outputTokens,
        stream: sample.stream,
        error: sample.error,
        retries: retries || undefined,
        fallback: fallback || undefined,
        pairId,
      }),
    );
  }
}
