import { mapLimit } from '@slipway/kit';
import type { Observation } from './analysis/metric.js';
import type { MetricSource } from './source.js';

/** One case of an eval suite: a conversation and the answer we hope for. */
export interface OnlineEvalCase {
  id: string;
  messages: { role: string; content: string }[];
  expected: string;
}

export interface OnlineEvalOptions {
  /** The gateway's OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1. */
  baseUrl: string;
  cases: readonly OnlineEvalCase[];
  /** Cases sent to both variants at each look. */
  perLook?: number;
  overrideHeader?: string;
  variants?: { stable: string; canary: string };
  model?: string;
  concurrency?: number;
  /** Scores an answer against the expected one, 0 to 1; default token-overlap F1. */
  score?: (answer: string, expected: string) => number;
  /** Metric name the paired scores are reported under. */
  metric?: string;
}

/**
 * An online eval: at each look, a few cases of the suite are asked of stable and of canary
 * through the gateway's override header (so a 0% canary can be judged too), scored, and
 * reported as pairs: the same question answered by both versions.
 */
export class OnlineEvalSource implements MetricSource {
  private pairs: [number, number][] = [];
  private windowStart = Number.NaN;
  private next = 0;

  constructor(private readonly o: OnlineEvalOptions) {}

  async collect({ since }: { since: number; until: number }): Promise<Record<string, Observation | Error>> {
    // A new analysis step starts a new window: pairs from earlier steps do not count.
    if (since !== this.windowStart) {
      this.windowStart = since;
      this.pairs = [];
    }
    const batch = Array.from(
      { length: Math.min(this.o.perLook ?? 10, this.o.cases.length) },
      () => this.o.cases[this.next++ % this.o.cases.length] as OnlineEvalCase,
    );
    const variants = this.o.variants ?? { stable: 'stable', canary: 'canary' };
    const score = this.o.score ?? tokenF1;
    // One at a time by default: eval requests queued beside user traffic would make the variant
    // they are a larger share of (the canary) look slower than it is.
    const scored = await mapLimit(batch, this.o.concurrency ?? 1, async (c) => {
      const s = await this.ask(c, variants.stable);
      const k = await this.ask(c, variants.canary);
      return [score(s, c.expected), score(k, c.expected)] as [number, number];
    });
    this.pairs.push(...scored);
    return { [this.o.metric ?? 'eval-score']: { test: 'paired', pairs: this.pairs } };
  }

  private async ask(c: OnlineEvalCase, variant: string): Promise<string> {
    const res = await fetch(`${this.o.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [this.o.overrideHeader ?? 'x-slipway-variant']: variant },
      body: JSON.stringify({ model: this.o.model ?? 'default', messages: c.messages, temperature: 0 }),
    });
    // A failed answer scores zero: an erroring canary is a worse canary.
    if (!res.ok) return '';
    const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    return body.choices?.[0]?.message?.content ?? '';
  }
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/** Token-overlap F1 between an answer and the expected answer, as SQuAD scores them. */
export function tokenF1(answer: string, expected: string): number {
  const a = words(answer);
  const e = words(expected);
  if (a.length === 0 || e.length === 0) return a.length === e.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of e) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const p = common / a.length;
  const r = common / e.length;
  return (2 * p * r) / (p + r);
}
