/**
 * Near-duplicate detection: MinHash signatures over word shingles, and locality-sensitive
 * hashing in bands so only likely pairs are compared. Jaccard similarity of two shingle sets is
 * estimated by the share of signature slots that agree.
 */

/** Lower case, punctuation and digits folded, whitespace collapsed: formatting is not content. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** FNV-1a, 32 bits: fast, and good enough to spread shingles before the permutations. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 32-bit hashes of the word `k`-grams of normalised text (the whole text when shorter). */
export function shingles(normalized: string, k = 3): Uint32Array {
  const words = normalized.split(' ').filter(Boolean);
  if (words.length === 0) return new Uint32Array(0);
  if (words.length <= k) return Uint32Array.of(fnv1a(words.join(' ')));
  const out = new Uint32Array(words.length - k + 1);
  for (let i = 0; i + k <= words.length; i++) out[i] = fnv1a(words.slice(i, i + k).join(' '));
  return out;
}

export interface MinHashOptions {
  /** Signature length; bands × rows must equal it. */
  permutations: number;
  bands: number;
  seed: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { permutations: 128, bands: 16, seed: 1 };

/** Universal hashing `(a·x + b) mod 2^32` with odd `a`: a cheap family of permutations. */
function coefficients(n: number, seed: number): { a: Uint32Array; b: Uint32Array } {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: deterministic, so signatures are comparable across runs.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

export class MinHasher {
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;
  readonly rows: number;

  constructor(readonly options: MinHashOptions = DEFAULT_MINHASH) {
    if (options.permutations % options.bands !== 0) throw new RangeError('permutations must be a multiple of bands');
    ({ a: this.a, b: this.b } = coefficients(options.permutations, options.seed));
    this.rows = options.permutations / options.bands;
  }

  signature(set: Uint32Array): Uint32Array {
    const n = this.options.permutations;
    const sig = new Uint32Array(n).fill(0xffffffff);
    for (let j = 0; j < set.length; j++) {
      const x = set[j] as number;
      for (let i = 0; i < n; i++) {
        const h = (Math.imul(this.a[i] as number, x) + (this.b[i] as number)) >>> 0;
        if (h < (sig[i] as number)) sig[i] = h;
      }
    }
    return sig;
  }

  /** The share of slots two signatures agree on: an unbiased estimate of Jaccard similarity. */
  static similarity(x: Uint32Array, y: Uint32Array): number {
    let same = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
    return x.length === 0 ? 0 : same / x.length;
  }

  /** One key per band: items sharing any key are candidate pairs. */
  bandKeys(sig: Uint32Array): string[] {
    const keys: string[] = [];
    for (let band = 0; band < this.options.bands; band++) {
      let h = 0x811c9dc5 ^ band;
      for (let r = 0; r < this.rows; r++) {
        h ^= sig[band * this.rows + r] as number;
        h = Math.imul(h, 0x01000193);
      }
      keys.push(`${band}:${(h >>> 0).toString(36)}`);
    }
    return keys;
  }
}

/** Sorted distinct shingle hashes: the exact set, for verifying a candidate pair. */
export function shingleSet(hashes: Uint32Array): Uint32Array {
  return Uint32Array.from(new Set(hashes)).sort();
}

/** Exact Jaccard similarity of two sorted distinct sets, by merging. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * An index that answers "which earlier item looks like this one?". LSH bands find the candidates;
 * each candidate is then verified with the exact Jaccard similarity of the shingle sets, so the
 * estimate's noise (±0.03 at 128 permutations) never decides a pair near the threshold.
 */
export class NearDuplicateIndex<T> {
  private readonly buckets = new Map<string, number[]>();
  private readonly items: { set: Uint32Array; value: T }[] = [];

  constructor(
    private readonly hasher: MinHasher,
    private readonly threshold: number,
  ) {}

  /** The most similar indexed item at or above the threshold, if any. `set` is from {@link shingleSet}. */
  nearest(sig: Uint32Array, set: Uint32Array): { value: T; similarity: number } | undefined {
    let best: { value: T; similarity: number } | undefined;
    const tried = new Set<number>();
    for (const key of this.hasher.bandKeys(sig)) {
      for (const idx of this.buckets.get(key) ?? []) {
        if (tried.has(idx)) continue;
        tried.add(idx);
        const item = this.items[idx] as { set: Uint32Array; value: T };
        const s = jaccard(set, item.set);
        if (s >= this.threshold && (!best || s > best.similarity)) best = { value: item.value, similarity: s };
      }
    }
    return best;
  }

  add(sig: Uint32Array, set: Uint32Array, value: T): void {
    const idx = this.items.push({ set, value }) - 1;
    for (const key of this.hasher.bandKeys(sig)) {
      const list = this.buckets.get(key);
      if (list) list.push(idx);
      else this.buckets.set(key, [idx]);
    }
  }
}
