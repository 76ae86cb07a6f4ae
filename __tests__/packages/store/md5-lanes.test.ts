import { createHash, randomBytes } from 'node:crypto';
import { Md5Lanes } from '../../../packages/store/src/internal/md5-lanes.js';
import { md5x4Module, TABLE_BYTES } from '../../../packages/store/src/internal/md5x4-wasm.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const lanes = () => new Md5Lanes(new WebAssembly.Module(md5x4Module(Md5Lanes.pages(TABLE_BYTES))), TABLE_BYTES);

/** A small deterministic generator, so a failure names a case that can be run again. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('MD5 on the four-lane SIMD kernel', () => {
  test('the module is valid WebAssembly', () => {
    expect(WebAssembly.validate(md5x4Module(Md5Lanes.pages(TABLE_BYTES)))).toBe(true);
  });

  test('RFC 1321 test suite', () => {
    const l = lanes();
    const suite: [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [text, expected] of suite) {
      const lane = l.start();
      l.update(lane, Buffer.from(text));
      expect(l.digest(lane)).toBe(expected);
    }
  });

  test('every length around the block and padding boundaries, alone in the group', () => {
    const l = lanes();
    const data = randomBytes(3 * Md5Lanes.REGION + 300);
    const lengths = [...Array.from({ length: 200 }, (_, i) => i), Md5Lanes.REGION - 1, Md5Lanes.REGION, Md5Lanes.REGION + 1, data.length];
    for (const n of lengths) {
      const lane = l.start();
      l.update(lane, data.subarray(0, n));
      expect(`${n}: ${l.digest(lane)}`).toBe(`${n}: ${md5(data.subarray(0, n))}`);
    }
  });

  test('streams of different lengths, fed in random pieces and interleaved, in both groups, with lanes reused', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = rng(seed);
      const l = lanes();
      const streams = Array.from({ length: 11 }, (_, i) => ({ data: randomBytes(Math.floor(next() * 3e6) + (i % 3)), at: 0, lane: -1, done: false }));
      let started = 0;
      let finished = 0;
      while (finished < streams.length) {
        // Start a waiting stream whenever a lane is free: more streams than lanes, as in a long pull.
        while (started < streams.length) {
          const lane = l.start();
          if (lane < 0) break;
          (streams[started++] as { lane: number }).lane = lane;
        }
        for (const s of streams.slice(0, started)) {
          if (s.done || next() < 0.3) continue;
          const n = Math.floor(next() * (next() < 0.5 ? 100 : 300_000));
          l.update(s.lane, s.data.subarray(s.at, s.at + n));
          s.at = Math.min(s.data.length, s.at + n);
          if (s.at === s.data.length) {
            s.done = true;
            finished++;
            expect(`seed ${seed}, ${s.data.length} bytes: ${l.digest(s.lane)}`).toBe(`seed ${seed}, ${s.data.length} bytes: ${md5(s.data)}`);
          }
        }
      }
    }
  });

  test('a lane released midway leaves the others right, and is handed out again clean', () => {
    const l = lanes();
    const a = randomBytes(2_500_000);
    const b = randomBytes(1_700_000);
    const la = l.start();
    const lb = l.start();
    l.update(la, a.subarray(0, 1_000_000));
    l.update(lb, b.subarray(0, 1_000_000));
    l.release(lb);
    l.update(la, a.subarray(1_000_000));
    const again = l.start();
    l.update(again, b);
    expect(l.digest(la)).toBe(md5(a));
    expect(l.digest(again)).toBe(md5(b));
  });

  test('a lane 1 MiB ahead is paused; it resumes when its group can be hashed together, or when the others go quiet', async () => {
    const l = lanes();
    const a = randomBytes(3 * 2 ** 20);
    const b = randomBytes(3 * 2 ** 20);
    const la = l.start();
    const lb = l.start();
    // A fills up first and must wait; B is still arriving.
    expect(l.update(la, a.subarray(0, 2 ** 20 - 1))).toBe(true);
    expect(l.update(la, a.subarray(2 ** 20 - 1, 2 ** 20 + 10))).toBe(false);
    const resumed: string[] = [];
    let wakeA: () => void = () => undefined;
    const aBack = new Promise<void>((r) => {
      wakeA = r;
    });
    l.whenReady(la, () => {
      resumed.push('a');
      wakeA();
    });
    expect(resumed).toEqual([]); // never synchronously
    expect(l.update(lb, b.subarray(0, 2 ** 20 + 10))).toBe(false);
    const bBack = new Promise<void>((r) => l.whenReady(lb, () => r()));
    await Promise.all([aBack, bBack]);
    // B goes quiet: A, paused again, is not kept waiting for it.
    expect(l.update(la, a.subarray(2 ** 20 + 10, 2 * 2 ** 20 + 20))).toBe(false);
    await new Promise<void>((r) => l.whenReady(la, () => r()));
    l.update(la, a.subarray(2 * 2 ** 20 + 20));
    l.update(lb, b.subarray(2 ** 20 + 10));
    expect(l.digest(la)).toBe(md5(a));
    expect(l.digest(lb)).toBe(md5(b));
  });

  test('eight lanes at most; a ninth stream is told to hash another way', () => {
    const l = lanes();
    const taken = Array.from({ length: 8 }, () => l.start());
    expect(new Set(taken).size).toBe(8);
    expect(l.start()).toBe(-1);
  });
});
