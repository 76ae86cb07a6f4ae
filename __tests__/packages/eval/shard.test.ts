import { parseShard, selectShard, type TestCase } from '@slipway/eval';

const tests: TestCase[] = Array.from({ length: 40 }, (_, i) => ({
  index: i,
  id: `t${i}`,
  description: '',
  promptId: 'p',
  vars: {},
  tags: [],
  assert: [],
  repeat: 1,
  line: i + 1,
}));

describe('shards', () => {
  test.each([2, 3, 7])('%i shards by stable hash: disjoint, complete, and stable when the suite grows', (count) => {
    const parts = Array.from({ length: count }, (_, i) => selectShard(tests, { index: i + 1, count }).map((t) => t.id));
    expect(parts.flat().sort()).toEqual(tests.map((t) => t.id).sort());
    expect(new Set(parts.flat()).size).toBe(tests.length);
    const grown = [...tests, { ...tests[0], index: 40, id: 'new-test' } as TestCase];
    const again = Array.from({ length: count }, (_, i) => selectShard(grown, { index: i + 1, count }).map((t) => t.id));
    expect(again.map((a) => a.filter((id) => id !== 'new-test'))).toEqual(parts);
  });

  test('past timings balance the shards: longest first to the least-loaded shard', () => {
    const timings = Object.fromEntries(tests.map((t, i) => [t.id, i < 4 ? 1000 : 10]));
    const parts = [1, 2, 3, 4].map((index) => selectShard(tests, { index, count: 4 }, timings));
    const loads = parts.map((p) => p.reduce((s, t) => s + (timings[t.id] ?? 0), 0));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(10);
    expect(parts.map((p) => p.filter((t) => (timings[t.id] ?? 0) === 1000).length)).toEqual([1, 1, 1, 1]);
    expect(parts.flat()).toHaveLength(40);
  });

  test.each(['0/2', '3/2', 'a/b', '1/0'])('"%s" is refused with the rule', (text) => {
    expect(() => parseShard(text)).toThrow(/is not i\/n with 1 <= i <= n/);
  });
});
