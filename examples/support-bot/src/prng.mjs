// A tiny seeded pseudo-random generator. Data generation, label corruption and the server's
// error injection all need randomness that replays exactly for a given seed, which
// Math.random cannot give.

/**
 * Creates a generator of floats in [0, 1) from a 32-bit seed (a xorshift32 core whose
 * state is first scrambled, so that nearby seeds such as 1 and 2 do not start alike).
 * @param {number} seed any integer; 0 is allowed
 * @returns {() => number}
 */
export function createRng(seed) {
  let state = scramble((seed | 0) ^ 0x9e3779b9) || 0x6d2b79f5;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/**
 * Integer mixing step (multiply/xor-shift) so that low-entropy seeds spread over all 32 bits.
 * @param {number} x
 * @returns {number}
 */
function scramble(x) {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * A uniformly chosen integer in [0, n).
 * @param {() => number} rng
 * @param {number} n
 * @returns {number}
 */
export function randomInt(rng, n) {
  return Math.floor(rng() * n);
}

/**
 * A uniformly chosen element of a non-empty array.
 * @template T
 * @param {() => number} rng
 * @param {readonly T[]} items
 * @returns {T}
 */
export function pick(rng, items) {
  return /** @type {T} */ (items[randomInt(rng, items.length)]);
}

/**
 * Fisher-Yates shuffle into a new array; the input is left untouched.
 * @template T
 * @param {() => number} rng
 * @param {readonly T[]} items
 * @returns {T[]}
 */
export function shuffled(rng, items) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = /** @type {T} */ (out[i]);
    out[i] = /** @type {T} */ (out[j]);
    out[j] = tmp;
  }
  return out;
}
