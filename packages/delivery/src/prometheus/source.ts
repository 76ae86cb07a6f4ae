import { HttpError, retry } from '@slipway/kit';
import type { Observation } from '../analysis/metric.js';
import type { MetricSource } from '../source.js';

/**
 * How one metric is read from Prometheus. `$variant` and `$window` are replaced in every query
 * (`$window` by the seconds since the analysis window started, e.g. `95s`).
 * - proportion: two instant queries returning one number each, events and trials (counts).
 * - distribution: a histogram, `sum by (le) (increase(…_bucket{…}[$window]))`; its bucket counts
 *   become samples at each bucket's upper bound, which Mann–Whitney treats as ties.
 */
export type PrometheusMetric = { test: 'proportion'; events: string; trials: string } | { test: 'distribution'; histogram: string };

export interface PrometheusSourceOptions {
  /** Prometheus base URL, e.g. http://127.0.0.1:9090. */
  url: string;
  metrics: Record<string, PrometheusMetric>;
  variants?: { stable: string; canary: string };
  /** The window never gets shorter than this: rate() and increase() need two samples in it. */
  minWindowSeconds?: number;
  /** Cap on samples expanded from a histogram, per variant, to keep the test cheap. */
  maxSamples?: number;
  now?: () => number;
}

/** The metrics our gateway exports, in Prometheus form, for `error-rate` and `latency`. */
export function gatewayPrometheusMetrics(): Record<string, PrometheusMetric> {
  return {
    'error-rate': {
      test: 'proportion',
      events: 'sum(increase(slipway_gateway_errors_total{slipway_variant="$variant"}[$window])) or vector(0)',
      trials: 'sum(increase(slipway_gateway_requests_total{slipway_variant="$variant"}[$window])) or vector(0)',
    },
    latency: {
      test: 'distribution',
      histogram: 'sum by (le) (increase(gen_ai_client_operation_duration_seconds_bucket{slipway_variant="$variant"}[$window]))',
    },
  };
}

/** Reads canary and stable metrics from Prometheus's HTTP query API with the variant templated in. */
export class PrometheusSource implements MetricSource {
  constructor(private readonly o: PrometheusSourceOptions) {}

  async collect({ since }: { since: number; until: number }): Promise<Record<string, Observation | Error>> {
    const now = (this.o.now ?? Date.now)();
    const windowSeconds = Math.max(this.o.minWindowSeconds ?? 10, Math.ceil((now - since) / 1000));
    const variants = this.o.variants ?? { stable: 'stable', canary: 'canary' };
    const q = (template: string, variant: string) => template.replaceAll('$variant', variant).replaceAll('$window', `${windowSeconds}s`);
    const out: Record<string, Observation | Error> = {};
    await Promise.all(
      Object.entries(this.o.metrics).map(async ([name, m]) => {
        try {
          if (m.test === 'proportion') {
            const [se, st, ce, ct] = await Promise.all([
              this.scalar(q(m.events, variants.stable)),
              this.scalar(q(m.trials, variants.stable)),
              this.scalar(q(m.events, variants.canary)),
              this.scalar(q(m.trials, variants.canary)),
            ]);
            // increase() extrapolates to the window's edges, so counts come back fractional.
            out[name] = {
              test: 'proportion',
              stable: { events: Math.round(se), trials: Math.round(st) },
              canary: { events: Math.round(ce), trials: Math.round(ct) },
            };
          } else {
            const [s, c] = await Promise.all([this.histogram(q(m.histogram, variants.stable)), this.histogram(q(m.histogram, variants.canary))]);
            out[name] = { test: 'distribution', stable: s, canary: c };
          }
        } catch (error) {
          out[name] = error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    return out;
  }

  private async query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    return retry(
      async () => {
        const res = await fetch(`${this.o.url.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(expr)}`);
        const body = (await res.json().catch(() => ({}))) as { status?: string; error?: string; data?: { resultType: string; result: unknown } };
        if (!res.ok || body.status !== 'success') {
          throw new HttpError(
            `prometheus query failed (${res.status}): ${body.error ?? 'no answer'}: ${expr}`,
            res.status,
            res.headers.get('retry-after') ?? undefined,
          );
        }
        const data = body.data;
        // A scalar answer (`1`, or an expression the engine folds) is one [time, value] pair, not a vector.
        if (data?.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
        if (data?.resultType !== 'vector') throw new Error(`prometheus answered a ${data?.resultType ?? 'missing'} for ${expr}; use an instant vector query`);
        return data.result as { metric: Record<string, string>; value: [number, string] }[];
      },
      { retries: 2, baseDelayMs: 200 },
    );
  }

  private async scalar(expr: string): Promise<number> {
    const result = await this.query(expr);
    const v = Number(result[0]?.value[1] ?? 0);
    return Number.isFinite(v) ? v : 0;
  }

  /** Bucket counts (cumulative in Prometheus) to samples at each bucket's upper bound. */
  private async histogram(expr: string): Promise<number[]> {
    const buckets = (await this.query(expr))
      .map((r) => ({ le: r.metric.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(r.metric.le), count: Math.round(Number(r.value[1])) }))
      .filter((b) => Number.isFinite(b.count))
      .sort((a, b) => a.le - b.le);
    const cap = this.o.maxSamples ?? 5000;
    const total = buckets.at(-1)?.count ?? 0;
    const scale = total > cap ? cap / total : 1;
    const samples: number[] = [];
    let previous = 0;
    let lastFinite = 0;
    for (const b of buckets) {
      const n = Math.round((b.count - previous) * scale);
      previous = b.count;
      // Values above the largest finite bound are only known to be above it.
      const value = Number.isFinite(b.le) ? b.le : lastFinite * 2 || 1;
      if (Number.isFinite(b.le)) lastFinite = b.le;
      for (let i = 0; i < n; i++) samples.push(value);
    }
    return samples;
  }
}
