import type { GatewayAdminClient, Sample } from '@slipway/gateway';
import { HttpError, retry } from '@slipway/kit';

/** The SLO metrics monitor reads, each as one number per window. */
export const SLO_METRICS = ['latencyP95', 'ttftP95', 'errorRate', 'tokensPerRequest', 'costPerHour', 'costPerDay'] as const;
export type SloMetric = (typeof SLO_METRICS)[number];

/** One metric: the current window's value and the trailing windows before it (oldest first). */
export interface MetricWindows {
  current: number | undefined;
  baseline: number[];
}

export interface WindowedReadings {
  /** Requests in the current window: below the minimum, rates are not judged. */
  requests: number;
  metrics: Record<SloMetric, MetricWindows>;
}

/** Where SLO readings come from. */
export interface SloSource {
  readonly name: string;
  read(windowMs: number, baselineWindows: number): Promise<WindowedReadings>;
}

/**
 * The gateway's metrics through Prometheus: each metric is an expression over `$window`, read as
 * an instant query (now) and as a range query with the window as its step (the baseline).
 */
export class PrometheusSloSource implements SloSource {
  readonly name = 'prometheus';
  constructor(
    private readonly url: string,
    private readonly selector = '',
    private readonly now: () => number = Date.now,
  ) {}

  private expressions(window: string): Record<SloMetric | 'requests', string> {
    const sel = this.selector ? `{${this.selector}}` : '';
    const rate = (m: string) => `sum(rate(${m}${sel}[${window}]))`;
    const p95 = (m: string) => `histogram_quantile(0.95, sum by (le) (rate(${m}_bucket${sel}[${window}]))) * 1000`;
    return {
      latencyP95: p95('gen_ai_client_operation_duration_seconds'),
      ttftP95: p95('gen_ai_client_operation_time_to_first_chunk_seconds'),
      errorRate: `(${rate('slipway_gateway_errors_total')} or vector(0)) / ${rate('slipway_gateway_requests_total')}`,
      tokensPerRequest: `${rate('slipway_gateway_tokens_total')} / ${rate('slipway_gateway_requests_total')}`,
      costPerHour: `${rate('slipway_gateway_cost_usd_total')} * 3600`,
      costPerDay: `${rate('slipway_gateway_cost_usd_total')} * 86400`,
      requests: `sum(increase(slipway_gateway_requests_total${sel}[${window}]))`,
    };
  }

  async read(windowMs: number, baselineWindows: number): Promise<WindowedReadings> {
    const seconds = Math.max(1, Math.round(windowMs / 1000));
    const exprs = this.expressions(`${seconds}s`);
    const end = this.now() / 1000;
    const entries = await Promise.all(
      SLO_METRICS.map(async (m): Promise<[SloMetric, MetricWindows]> => {
        const [current, baseline] = await Promise.all([
          this.instant(exprs[m], end),
          this.range(exprs[m], end - seconds * baselineWindows, end - seconds, seconds),
        ]);
        return [m, { current, baseline }];
      }),
    );
    const requests = (await this.instant(exprs.requests, end)) ?? 0;
    return { requests: Math.round(requests), metrics: Object.fromEntries(entries) as Record<SloMetric, MetricWindows> };
  }

  private async call(path: string): Promise<{ resultType: string; result: unknown }> {
    return retry(
      async () => {
        const res = await fetch(`${this.url.replace(/\/+$/, '')}${path}`);
        const body = (await res.json().catch(() => ({}))) as { status?: string; error?: string; data?: { resultType: string; result: unknown } };
        if (!res.ok || body.status !== 'success' || !body.data)
          throw new HttpError(`prometheus query failed (${res.status}): ${body.error ?? 'no answer'}: ${decodeURIComponent(path)}`, res.status);
        return body.data;
      },
      { retries: 2, baseDelayMs: 200 },
    );
  }

  private async instant(expr: string, at: number): Promise<number | undefined> {
    const data = await this.call(`/api/v1/query?query=${encodeURIComponent(expr)}&time=${at}`);
    const first = (data.result as { value: [number, string] }[])[0];
    return finite(first?.value[1]);
  }

  private async range(expr: string, start: number, end: number, step: number): Promise<number[]> {
    if (end <= start) return [];
    const data = await this.call(`/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=${step}`);
    const first = (data.result as { values: [number, string][] }[])[0];
    return (first?.values ?? []).flatMap(([, v]) => {
      const n = finite(v);
      return n === undefined ? [] : [n];
    });
  }
}

function finite(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function p95(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  xs.sort((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
}

/**
 * The gateway's own stats API: the newest samples (up to 1,000 a variant) cut into windows. Cost
 * comes from the backends' configured prices. Enough for a laptop or a demo; at scale, Prometheus.
 */
export class GatewaySloSource implements SloSource {
  readonly name = 'gateway';
  constructor(
    private readonly client: GatewayAdminClient,
    private readonly prices: () => Promise<Record<string, { inputPerMillion: number; outputPerMillion: number } | undefined>>,
    private readonly now: () => number = Date.now,
  ) {}

  async read(windowMs: number, baselineWindows: number): Promise<WindowedReadings> {
    const [report, prices] = await Promise.all([this.client.stats(((baselineWindows + 1) * windowMs) / 1000, 1000), this.prices()]);
    const samples = Object.values(report.variants).flatMap((v) => v.recent);
    const now = this.now();
    const windows: Sample[][] = Array.from({ length: baselineWindows + 1 }, () => []);
    for (const s of samples) {
      const age = Math.floor((now - s.at) / windowMs);
      if (age >= 0 && age <= baselineWindows) windows[baselineWindows - age]?.push(s);
    }
    const cost = (s: Sample) => {
      const p = prices[s.backend];
      return p ? (s.inputTokens * p.inputPerMillion + s.outputTokens * p.outputPerMillion) / 1e6 : 0;
    };
    const hasPrices = Object.values(prices).some((p) => p !== undefined);
    const compute = (w: Sample[]): Record<SloMetric, number | undefined> => {
      if (w.length === 0)
        return { latencyP95: undefined, ttftP95: undefined, errorRate: undefined, tokensPerRequest: undefined, costPerHour: undefined, costPerDay: undefined };
      const spent = w.reduce((s, x) => s + cost(x), 0);
      const perSecond = spent / (windowMs / 1000);
      return {
        latencyP95: p95(w.map((s) => s.latencyMs)),
        ttftP95: p95(w.flatMap((s) => (s.ttftMs === undefined ? [] : [s.ttftMs]))),
        errorRate: w.filter((s) => !s.ok).length / w.length,
        tokensPerRequest: w.reduce((s, x) => s + x.inputTokens + x.outputTokens, 0) / w.length,
        costPerHour: hasPrices ? perSecond * 3600 : undefined,
        costPerDay: hasPrices ? perSecond * 86400 : undefined,
      };
    };
    const values = windows.map(compute);
    const current = values.at(-1) as Record<SloMetric, number | undefined>;
    // The oldest window is only partly covered by the samples the API keeps: leave it out when it is thin.
    const baseline = values.slice(0, -1).filter((_, i) => (windows[i]?.length ?? 0) > 0);
    const metrics = Object.fromEntries(
      SLO_METRICS.map((m) => [m, { current: current[m], baseline: baseline.flatMap((v) => (v[m] === undefined ? [] : [v[m] as number])) }]),
    ) as Record<SloMetric, MetricWindows>;
    return { requests: windows.at(-1)?.length ?? 0, metrics };
  }
}
