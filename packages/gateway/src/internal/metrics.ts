/**
 * Prometheus metrics named after the OpenTelemetry GenAI semantic conventions, in Prometheus form
 * (dots to underscores, unit suffix): `gen_ai.client.operation.duration` becomes
 * `gen_ai_client_operation_duration_seconds`. Every series carries the variant (what routing chose)
 * and the backend (what served it; they differ after a fallback).
 */

/** Seconds; up to 600 s, as long generations take. */
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];
/** Per-token and per-chunk times. */
const FINE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
/** The buckets the conventions recommend for token counts. */
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];

class Histogram {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(readonly buckets: readonly number[]) {
    this.counts = new Float64Array(buckets.length);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    const b = this.buckets;
    for (let i = 0; i < b.length; i++) {
      if (v <= (b[i] as number)) {
        this.counts[i] = (this.counts[i] as number) + 1;
        return;
      }
    }
  }
}

interface HistogramFamily {
  help: string;
  buckets: readonly number[];
  series: Map<string, { labels: string; h: Histogram }>;
}
interface CounterFamily {
  help: string;
  series: Map<string, { labels: string; value: number }>;
}

const HISTOGRAMS = {
  gen_ai_client_operation_duration_seconds: ['GenAI operation duration, as the client sees it through the gateway.', SECONDS_BUCKETS],
  gen_ai_server_request_duration_seconds: ['Backend request duration, to the last byte.', SECONDS_BUCKETS],
  gen_ai_server_time_to_first_token_seconds: ['Time to the first streamed token (successful streams).', SECONDS_BUCKETS],
  gen_ai_client_operation_time_to_first_chunk_seconds: ['Time to the first chunk of a streamed answer.', SECONDS_BUCKETS],
  gen_ai_server_time_per_output_token_seconds: ['Time per output token after the first (successful streams).', FINE_BUCKETS],
  gen_ai_client_operation_time_per_output_chunk_seconds: ['Mean time between chunks of a streamed answer.', FINE_BUCKETS],
  gen_ai_client_token_usage: ['Input and output tokens per operation (gen_ai_token_type).', TOKEN_BUCKETS],
  // The newer client-inference names (chat and text completions only).
  gen_ai_client_inference_duration_seconds: ['GenAI inference duration as the client sees it; error_type on failures.', SECONDS_BUCKETS],
  gen_ai_client_inference_time_to_first_chunk_seconds: ['Time to the first chunk of a streamed inference.', SECONDS_BUCKETS],
  gen_ai_client_inference_time_per_output_chunk_seconds: ['Mean time between output chunks of a streamed inference.', FINE_BUCKETS],
  gen_ai_client_inference_operation_input_tokens: ['Input tokens per inference operation.', TOKEN_BUCKETS],
  gen_ai_client_inference_operation_output_tokens: ['Output tokens per inference operation.', TOKEN_BUCKETS],
} as const;
type HistogramName = keyof typeof HISTOGRAMS;

const COUNTERS = {
  gen_ai_client_inference_usage_input_tokens_total: 'Input tokens used by inference operations (0 when no usage came back).',
  gen_ai_client_inference_usage_output_tokens_total: 'Output tokens used by inference operations (0 when no usage came back).',
  slipway_gateway_requests_total: 'Requests by variant, backend, operation and status class.',
  slipway_gateway_errors_total: 'Failed requests by error class (error_type).',
  slipway_gateway_tokens_total: 'Tokens by type (input, output).',
  slipway_gateway_cost_usd_total: 'Cost in US dollars, from the backends\u2019 configured prices.',
  slipway_gateway_retries_total: 'Upstream attempts retried before the first byte.',
  slipway_gateway_fallbacks_total: 'Requests served by a fallback backend.',
  slipway_gateway_shadow_requests_total: 'Mirrored (shadow) requests by outcome.',
  slipway_gateway_ejections_total: 'Outlier ejections of a backend.',
  slipway_gateway_config_reloads_total: 'Configuration changes applied or refused (result).',
} as const;
type CounterName = keyof typeof COUNTERS;

/** Label sets are built once per key and cached: observing is a map lookup and a loop. */
function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

export class Metrics {
  private readonly histograms = new Map<HistogramName, HistogramFamily>();
  private readonly counters = new Map<CounterName, CounterFamily>();
  /** Gauges are read when scraped. */
  private readonly gauges: { name: string; help: string; read: () => { labels: Record<string, string>; value: number }[] }[] = [];

  constructor() {
    for (const [name, [help, buckets]] of Object.entries(HISTOGRAMS)) this.histograms.set(name as HistogramName, { help, buckets, series: new Map() });
    for (const [name, help] of Object.entries(COUNTERS)) this.counters.set(name as CounterName, { help, series: new Map() });
  }

  observe(name: HistogramName, key: string, labels: () => Record<string, string>, value: number): void {
    const fam = this.histograms.get(name) as HistogramFamily;
    let s = fam.series.get(key);
    if (!s) {
      s = { labels: labelText(labels()), h: new Histogram(fam.buckets) };
      fam.series.set(key, s);
    }
    s.h.observe(value);
  }

  inc(name: CounterName, key: string, labels: () => Record<string, string>, by = 1): void {
    const fam = this.counters.get(name) as CounterFamily;
    let s = fam.series.get(key);
    if (!s) {
      s = { labels: labelText(labels()), value: 0 };
      fam.series.set(key, s);
    }
    s.value += by;
  }

  gauge(name: string, help: string, read: () => { labels: Record<string, string>; value: number }[]): void {
    this.gauges.push({ name, help, read });
  }

  /** The Prometheus text exposition format, version 0.0.4. */
  render(): string {
    const out: string[] = [];
    for (const [name, fam] of this.histograms) {
      out.push(`# HELP ${name} ${fam.help}`, `# TYPE ${name} histogram`);
      for (const { labels, h } of fam.series.values()) {
        let cumulative = 0;
        const sep = labels ? `${labels},` : '';
        fam.buckets.forEach((le, i) => {
          cumulative += h.counts[i] as number;
          out.push(`${name}_bucket{${sep}le="${le}"} ${cumulative}`);
        });
        out.push(`${name}_bucket{${sep}le="+Inf"} ${h.count}`, `${name}_sum{${labels}} ${h.sum}`, `${name}_count{${labels}} ${h.count}`);
      }
    }
    for (const [name, fam] of this.counters) {
      out.push(`# HELP ${name} ${fam.help}`, `# TYPE ${name} counter`);
      for (const { labels, value } of fam.series.values()) out.push(`${name}{${labels}} ${value}`);
    }
    for (const g of this.gauges) {
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const { labels, value } of g.read()) out.push(`${g.name}{${labelText(labels)}} ${value}`);
    }
    return `${out.join('\n')}\n`;
  }
}
