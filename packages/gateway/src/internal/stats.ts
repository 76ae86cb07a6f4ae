/** One finished request, as canary analysis reads it. */
export interface Sample {
  /** Epoch milliseconds when it finished. */
  at: number;
  id: string;
  variant: string;
  backend: string;
  route: string;
  operation: string;
  status: number;
  ok: boolean;
  /** Error class when not ok: upstream_5xx, upstream_4xx, timeout, connect, stream_error, stream_cut, client_abort, … */
  error?: string;
  latencyMs: number;
  ttftMs?: number;
  inputTokens: number;
  outputTokens: number;
  stream: boolean;
  /** How the request got its variant: override and rule traffic is not the weighted split. */
  assignment?: 'override' | 'rule' | 'sticky' | 'random';
}

/** A primary request and its mirrored twin, linked by `pairId`. */
export interface ShadowPair {
  pairId: string;
  at: number;
  route: string;
  primary?: ShadowSide;
  shadow?: ShadowSide;
}
export interface ShadowSide {
  variant: string;
  status: number;
  ok: boolean;
  error?: string;
  latencyMs: number;
  outputTokens: number;
  text?: string;
}

/** A fixed-size ring: old samples fall off, memory stays flat under any load. */
class Ring<T> {
  private items: (T | undefined)[];
  private next = 0;
  size = 0;
  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }
  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }
  /** Newest first, while `keep` says yes. */
  *newest(): Generator<T> {
    for (let i = 1; i <= this.size; i++) {
      const item = this.items[(this.next - i + this.capacity) % this.capacity];
      if (item !== undefined) yield item;
    }
  }
}

export interface Quantiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface VariantStats {
  requests: number;
  errors: number;
  errorRate: number;
  errorsByClass: Record<string, number>;
  byBackend: Record<string, number>;
  latencyMs: Quantiles | null;
  ttftMs: Quantiles | null;
  /** Streams: output tokens per second after the first token. */
  outputTokensPerSecond: Quantiles | null;
  tokens: { input: number; output: number };
  /** The newest samples, newest first. */
  recent: Sample[];
}

export interface StatsReport {
  windowSeconds: number;
  since: string;
  until: string;
  variants: Record<string, VariantStats>;
  shadow: { pairs: number; primaryErrors: number; shadowErrors: number; textAgreement: number | null };
}

function quantiles(values: number[]): Quantiles | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const q = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.ceil(p * values.length) - 1))] as number;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    p50: r(q(0.5)),
    p90: r(q(0.9)),
    p95: r(q(0.95)),
    p99: r(q(0.99)),
    max: r(values[values.length - 1] as number),
    mean: r(values.reduce((s, x) => s + x, 0) / values.length),
  };
}

/** In-memory samples per variant and shadow pairs, queried by time window. */
export class StatsStore {
  private readonly variants = new Map<string, Ring<Sample>>();
  private readonly pairs: Ring<ShadowPair>;
  private readonly pairIndex = new Map<string, ShadowPair>();

  constructor(private readonly maxSamples: number) {
    this.pairs = new Ring<ShadowPair>(Math.min(maxSamples, 5000));
  }

  record(sample: Sample): void {
    let ring = this.variants.get(sample.variant);
    if (!ring) {
      ring = new Ring<Sample>(this.maxSamples);
      this.variants.set(sample.variant, ring);
    }
    ring.push(sample);
  }

  /** Records one side of a shadow pair; the pair is complete when both sides arrived. */
  recordPair(pairId: string, route: string, side: 'primary' | 'shadow', outcome: ShadowSide): void {
    let pair = this.pairIndex.get(pairId);
    if (!pair) {
      pair = { pairId, at: Date.now(), route };
      this.pairIndex.set(pairId, pair);
      this.pairs.push(pair);
      // The index only needs pairs still waiting for their other side.
      if (this.pairIndex.size > 10_000) this.pairIndex.delete(this.pairIndex.keys().next().value as string);
    }
    pair[side] = outcome;
    if (pair.primary && pair.shadow) this.pairIndex.delete(pairId);
  }

  shadowPairs(windowMs: number, limit = 100): ShadowPair[] {
    const since = Date.now() - windowMs;
    const out: ShadowPair[] = [];
    for (const p of this.pairs.newest()) {
      if (p.at < since || out.length >= limit) break;
      out.push(p);
    }
    return out;
  }

  /**
   * Per-variant statistics over the last `windowMs`. `exclude` drops samples by how they were
   * assigned: canary analysis leaves out `override` traffic (smoke tests, online evals), which is
   * a different mix of requests from the weighted split it judges.
   */
  report(windowMs: number, recent = 20, exclude: readonly string[] = []): StatsReport {
    const until = Date.now();
    const since = until - windowMs;
    const variants: Record<string, VariantStats> = {};
    for (const [variant, ring] of this.variants) {
      const latencies: number[] = [];
      const ttfts: number[] = [];
      const rates: number[] = [];
      const errorsByClass: Record<string, number> = {};
      const byBackend: Record<string, number> = {};
      const recentSamples: Sample[] = [];
      let errors = 0;
      let input = 0;
      let output = 0;
      for (const s of ring.newest()) {
        if (s.at < since) break;
        if (s.assignment !== undefined && exclude.includes(s.assignment)) continue;
        latencies.push(s.latencyMs);
        if (s.ttftMs !== undefined) {
          ttfts.push(s.ttftMs);
          if (s.ok && s.outputTokens > 1 && s.latencyMs > s.ttftMs) rates.push((s.outputTokens - 1) / ((s.latencyMs - s.ttftMs) / 1000));
        }
        if (!s.ok) {
          errors++;
          const c = s.error ?? 'unknown';
          errorsByClass[c] = (errorsByClass[c] ?? 0) + 1;
        }
        byBackend[s.backend] = (byBackend[s.backend] ?? 0) + 1;
        input += s.inputTokens;
        output += s.outputTokens;
        if (recentSamples.length < recent) recentSamples.push(s);
      }
      const requests = latencies.length;
      variants[variant] = {
        requests,
        errors,
        errorRate: requests ? errors / requests : 0,
        errorsByClass,
        byBackend,
        latencyMs: quantiles(latencies),
        ttftMs: quantiles(ttfts),
        outputTokensPerSecond: quantiles(rates),
        tokens: { input, output },
        recent: recentSamples,
      };
    }
    const pairs = this.shadowPairs(windowMs, Number.MAX_SAFE_INTEGER).filter((p) => p.primary && p.shadow);
    const withText = pairs.filter((p) => p.primary?.text !== undefined && p.shadow?.text !== undefined);
    return {
      windowSeconds: windowMs / 1000,
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
      variants,
      shadow: {
        pairs: pairs.length,
        primaryErrors: pairs.filter((p) => !p.primary?.ok).length,
        shadowErrors: pairs.filter((p) => !p.shadow?.ok).length,
        textAgreement: withText.length ? withText.filter((p) => p.primary?.text === p.shadow?.text).length / withText.length : null,
      },
    };
  }
}
