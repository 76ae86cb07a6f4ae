/**
 * A WebAssembly module that runs MD5 on four independent messages at once, one per 32-bit lane of
 * a SIMD register (RFC 1321's compression function, unrolled). MD5 is a chain of dependent steps, so
 * one message keeps a core's adders mostly idle; four messages in lock-step cost about as much as one.
 *
 * Export `md5x4(state, p0, p1, p2, p3, blocks)`: `state` points at four 16-byte vectors A, B, C, D
 * (lane i of each is message i's word); `p0..p3` at each message's next `blocks` 64-byte blocks.
 * Export `memory`: `pages` of 64 KiB; its first `TABLE_BYTES` hold the kernel's constants, the rest
 * is the caller's to lay out.
 *
 * The bytes are emitted here rather than shipped as a binary, so there is nothing to build or locate.
 */
export function md5x4Module(pages: number): Uint8Array {
  // One function type: six i32 parameters, no results.
  const types = [1, 0x60, 6, ...new Array(6).fill(I32), 0];
  // The sines table, each word four times, at address 0: one load per step instead of building a constant.
  const table = K.flatMap((k) => [...le32(k), ...le32(k), ...le32(k), ...le32(k)]);
  const data = [1, 0x00, ...op.i32(0), ...op.end, ...uleb(table.length), ...table];
  return new Uint8Array([
    ...MAGIC,
    ...section(1, types),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, ...uleb(pages)]),
    ...section(7, EXPORTS),
    ...section(10, code()),
    ...section(11, data),
  ]);
}

/** Bytes at the start of memory the kernel keeps for itself. */
export const TABLE_BYTES = 64 * 16;

/** Per-step shift amounts, and the sines table, of RFC 1321. */
const SHIFTS = [
  [7, 12, 17, 22],
  [5, 9, 14, 20],
  [4, 11, 16, 23],
  [6, 10, 15, 21],
];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** Which message word step `i` reads. */
function wordOf(i: number): number {
  if (i < 16) return i;
  if (i < 32) return (5 * i + 1) % 16;
  if (i < 48) return (3 * i + 5) % 16;
  return (7 * i) % 16;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const I32 = 0x7f;
const V128 = 0x7b;
const EXPORTS = [2, ...name('md5x4'), 0x00, 0, ...name('memory'), 0x02, 0];

// Opcodes (core, then the 0xFD-prefixed SIMD ones).
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Eqz: [0x45],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  load: (offset: number) => [0xfd, 0x00, 0, ...uleb(offset)],
  store: (offset: number) => [0xfd, 0x0b, 0, ...uleb(offset)],
  shuffle: (lanes: number[]) => [0xfd, 0x0d, ...lanes],
  not: [0xfd, 0x4d],
  or: [0xfd, 0x50],
  xor: [0xfd, 0x51],
  bitselect: [0xfd, 0x52],
  shl: [0xfd, ...uleb(0xab)],
  shrU: [0xfd, ...uleb(0xad)],
  add: [0xfd, ...uleb(0xae)],
};

// Parameters 0..5, then v128 locals: a b c d, their values at the block's start, the message words, scratch.
const P = { state: 0, p: [1, 2, 3, 4], blocks: 5 };
const L = { a: 6, b: 7, c: 8, d: 9, aa: 10, bb: 11, cc: 12, dd: 13, m: 14, t: 30, r: 34, tmp: 38 };
const V128_LOCALS = 33;

function code(): number[] {
  const body: number[] = [];
  const emit = (...parts: (number[] | number)[]) => {
    for (const p of parts) typeof p === 'number' ? body.push(p) : body.push(...p);
  };
  for (const [i, v] of [L.a, L.b, L.c, L.d].entries()) emit(op.get(P.state), op.load(16 * i), op.set(v));
  emit(op.block, op.loop, op.get(P.blocks), op.i32Eqz, op.brIf(1));
  // Words 4q..4q+3 of the four messages, transposed so vector m[w] holds word w of every message.
  const pairLo = [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23];
  const pairHi = [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31];
  const halfLo = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
  const halfHi = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];
  const { r, t } = L;
  for (let q = 0; q < 4; q++) {
    for (let lane = 0; lane < 4; lane++) emit(op.get(P.p[lane] as number), op.load(16 * q), op.set(r + lane));
    emit(op.get(r), op.get(r + 1), op.shuffle(pairLo), op.set(t));
    emit(op.get(r), op.get(r + 1), op.shuffle(pairHi), op.set(t + 1));
    emit(op.get(r + 2), op.get(r + 3), op.shuffle(pairLo), op.set(t + 2));
    emit(op.get(r + 2), op.get(r + 3), op.shuffle(pairHi), op.set(t + 3));
    emit(op.get(t), op.get(t + 2), op.shuffle(halfLo), op.set(L.m + 4 * q));
    emit(op.get(t), op.get(t + 2), op.shuffle(halfHi), op.set(L.m + 4 * q + 1));
    emit(op.get(t + 1), op.get(t + 3), op.shuffle(halfLo), op.set(L.m + 4 * q + 2));
    emit(op.get(t + 1), op.get(t + 3), op.shuffle(halfHi), op.set(L.m + 4 * q + 3));
  }
  emit(op.get(L.a), op.set(L.aa), op.get(L.b), op.set(L.bb), op.get(L.c), op.set(L.cc), op.get(L.d), op.set(L.dd));
  // Registers rotate instead of values moving: after each step the new value takes A's register.
  let [a, b, c, d] = [L.a, L.b, L.c, L.d];
  for (let i = 0; i < 64; i++) {
    const round = i >> 4;
    // F = (B & C) | (~B & D); G = (B & D) | (C & ~D); H = B ^ C ^ D; I = C ^ (B | ~D).
    const f = [
      [op.get(c), op.get(d), op.get(b), op.bitselect],
      [op.get(b), op.get(c), op.get(d), op.bitselect],
      [op.get(b), op.get(c), op.xor, op.get(d), op.xor],
      [op.get(c), op.get(b), op.get(d), op.not, op.or, op.xor],
    ][round] as number[][];
    const s = SHIFTS[round]?.[i % 4] as number;
    // A + K + M does not wait on this step's B, C, D: only the F term is on the critical path.
    emit(op.get(a), op.i32(0), op.load(16 * i), op.add, op.get(L.m + wordOf(i)), op.add, ...f, op.add, op.tee(L.tmp));
    emit(op.i32(s), op.shl, op.get(L.tmp), op.i32(32 - s), op.shrU, op.or, op.get(b), op.add, op.set(a));
    [a, b, c, d] = [d, a, b, c];
  }
  emit(op.get(L.a), op.get(L.aa), op.add, op.set(L.a), op.get(L.b), op.get(L.bb), op.add, op.set(L.b));
  emit(op.get(L.c), op.get(L.cc), op.add, op.set(L.c), op.get(L.d), op.get(L.dd), op.add, op.set(L.d));
  for (const p of P.p) emit(op.get(p), op.i32(64), op.i32Add, op.set(p));
  emit(op.get(P.blocks), op.i32(1), op.i32Sub, op.set(P.blocks), op.br(0), op.end, op.end);
  for (const [i, v] of [L.a, L.b, L.c, L.d].entries()) emit(op.get(P.state), op.get(v), op.store(16 * i));
  emit(op.end);
  const fn = [1, ...uleb(V128_LOCALS), V128, ...body];
  return [1, ...uleb(fn.length), ...fn];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  return [s.length, ...Buffer.from(s, 'utf8')];
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function le32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
