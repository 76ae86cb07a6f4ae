import type { GatewayAdminClient, Sample, StatsReport } from '@slipway/gateway';
import type { Observation } from '../analysis/metric.js';
import type { MetricSource } from '../source.js';

/**
 * Reads the gateway's stats API: request and error counts per variant, and the latest samples
 * (up to 1,000 a variant) for latency, time to first token and output tokens.
 * Metric names it knows: error-rate, latency, ttft, output-tokens.
 */
export class GatewayStatsSource implements MetricSource {
  constructor(
    private readonly client: GatewayAdminClient,
    private readonly variants: { stable: string; canary: string } = { stable: 'stable', canary: 'canary' },
    private readonly now: () => number = Date.now,
  ) {}

  async collect({ since }: { since: number; until: number }): Promise<Record<string, Observation | Error>> {
    // Only the weighted split: override traffic (online evals, smoke tests) is a different mix.
    const report: StatsReport = await this.client.stats(Math.max(1, (this.now() - since) / 1000), 1000, ['override']);
    const stable = report.variants[this.variants.stable];
    const canary = report.variants[this.variants.canary];
    const ok = (xs: Sample[] | undefined) => (xs ?? []).filter((s) => s.ok && s.at >= since);
    const dist = (pick: (s: Sample) => number | undefined): Observation => ({
      test: 'distribution',
      stable: ok(stable?.recent).flatMap((s) => finiteOrNone(pick(s))),
      canary: ok(canary?.recent).flatMap((s) => finiteOrNone(pick(s))),
    });
    return {
      'error-rate': {
        test: 'proportion',
        stable: { events: stable?.errors ?? 0, trials: stable?.requests ?? 0 },
        canary: { events: canary?.errors ?? 0, trials: canary?.requests ?? 0 },
      },
      latency: dist((s) => s.latencyMs),
      ttft: dist((s) => s.ttftMs),
      'output-tokens': dist((s) => s.outputTokens),
    };
  }
}

function finiteOrNone(v: number | undefined): number[] {
  return v === undefined || !Number.isFinite(v) ? [] : [v];
}
