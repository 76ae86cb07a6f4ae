import { type AccessInfo, ecsAccessLine } from './access-log.js';
import type { Observation } from './observe.js';
import type { ProxyContext } from './proxy.js';
import type { Sample } from './stats.js';
import type { Backend } from './upstream.js';

/** Operations that run the model (the GenAI "inference" conventions); embeddings and models are not. */
const INFERENCE = new Set(['chat', 'text_completion']);

/** Records a finished request: metrics, the stats store and the access log. */
export function record(ctx: ProxyContext, sample: Sample, backend: Backend, obs: Observation | undefined, info: AccessInfo): void {
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
  if (info.fallback) m.inc('slipway_gateway_fallbacks_total', key, labels);
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
  if (INFERENCE.has(sample.operation)) recordInference(ctx, sample, key, labels, obs);
  ctx.stats.record(sample);
  if (ctx.accessLog) ctx.accessLog(ecsAccessLine(sample, info));
}

/**
 * The newer `gen_ai.client.inference.*` instruments: duration (with `error_type` on failures), time
 * to first chunk and per output chunk for streams, usage counters (recorded for failed calls too,
 * as 0) and per-operation token histograms. The backends do not split usage by modality, so
 * `gen_ai_token_modality` is `unknown`, as the conventions ask.
 */
function recordInference(ctx: ProxyContext, sample: Sample, key: string, labels: () => Record<string, string>, obs: Observation | undefined): void {
  const m = ctx.metrics;
  const base = () => ({ ...labels(), gen_ai_provider_name: 'openai' });
  if (sample.ok) m.observe('gen_ai_client_inference_duration_seconds', key, base, sample.latencyMs / 1000);
  else
    m.observe(
      'gen_ai_client_inference_duration_seconds',
      `${key}|${sample.error}`,
      () => ({ ...base(), error_type: sample.error ?? 'unknown' }),
      sample.latencyMs / 1000,
    );
  if (sample.stream && sample.ttftMs !== undefined) {
    m.observe('gen_ai_client_inference_time_to_first_chunk_seconds', key, base, sample.ttftMs / 1000);
    const chunks = obs?.contentChunks ?? 0;
    if (chunks > 1) m.observe('gen_ai_client_inference_time_per_output_chunk_seconds', key, base, (sample.latencyMs - sample.ttftMs) / 1000 / (chunks - 1));
  }
  const withModality = () => ({ ...base(), gen_ai_token_modality: 'unknown' });
  m.inc('gen_ai_client_inference_usage_input_tokens_total', key, withModality, sample.inputTokens);
  m.inc('gen_ai_client_inference_usage_output_tokens_total', key, withModality, sample.outputTokens);
  if (sample.inputTokens > 0 || sample.outputTokens > 0) {
    m.observe('gen_ai_client_inference_operation_input_tokens', key, base, sample.inputTokens);
    m.observe('gen_ai_client_inference_operation_output_tokens', key, base, sample.outputTokens);
  }
}
