import { createHash } from 'node:crypto';
import { InputError } from '@slipway/kit';
import type { TestCase } from './types.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string, input = 'shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new InputError(input, `"${text}" is not i/n with 1 <= i <= n`, { hint: 'e.g. 2/4 runs the second of four shards' });
  return { index, count };
}

function bucket(id: string, count: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % count;
}

/**
 * The tests of one shard. Without timings, a stable hash of the test id picks the shard, so a test
 * stays on its shard as the suite grows. With past timings (ms per test id), tests are dealt
 * longest first to the least-loaded shard; unknown tests count as the median time.
 */
export function selectShard(tests: readonly TestCase[], shard: Shard, timings?: Record<string, number>): TestCase[] {
  if (shard.count === 1) return [...tests];
  if (!timings || Object.keys(timings).length === 0) return tests.filter((t) => bucket(t.id, shard.count) === shard.index - 1);
  const known = Object.values(timings).sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)] ?? 1;
  const order = [...tests].sort((a, b) => (timings[b.id] ?? median) - (timings[a.id] ?? median) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const mine = new Set<string>();
  for (const t of order) {
    let best = 0;
    for (let i = 1; i < shard.count; i++) if ((load[i] ?? 0) < (load[best] ?? 0)) best = i;
    load[best] = (load[best] ?? 0) + (timings[t.id] ?? median);
    if (best === shard.index - 1) mine.add(t.id);
  }
  return tests.filter((t) => mine.has(t.id));
}
