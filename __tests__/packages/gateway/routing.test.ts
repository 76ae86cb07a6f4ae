import { assign, BUCKETS, backendForBucket, bucketOf, compileRoute, gatewayConfigSchema } from '@slipway/gateway';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, type Harness, startTestGateway } from './gateway-harness.js';

function route(weights: Record<string, number>, extra: Record<string, unknown> = {}) {
  const cfg = gatewayConfigSchema.parse({
    version: 1,
    backends: Object.fromEntries(Object.keys(weights).map((b) => [b, { url: 'http://127.0.0.1:1/v1' }])),
    routes: [{ name: 'exp', weights, ...extra }],
  });
  return compileRoute(cfg.routes[0] as (typeof cfg.routes)[number]);
}

/** A route without the schema round trip, for the property test's thousands of layouts. */
function plainRoute(weights: Record<string, number>) {
  return compileRoute({ name: 'exp', weights, sticky: ['client-address'], rules: [], fallback: {} });
}

/** A tiny PRNG so the property test is repeatable. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

describe('sticky assignment', () => {
  test('bucketOf is deterministic, in range, and depends on the experiment', () => {
    expect(bucketOf('exp', 'user-1')).toBe(bucketOf('exp', 'user-1'));
    const a = Array.from({ length: 200 }, (_, i) => bucketOf('exp-a', `user-${i}`));
    const b = Array.from({ length: 200 }, (_, i) => bucketOf('exp-b', `user-${i}`));
    expect(a.every((x) => Number.isInteger(x) && x >= 0 && x < BUCKETS)).toBe(true);
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(5);
  });

  test('buckets are uniform: chi-square over 20 bins stays under the 0.999 critical value', () => {
    const bins = new Array<number>(20).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const bin = Math.floor(bucketOf('uniform', `user-${i}`) / 500);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    const expected = n / 20;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8); // df = 19, p = 0.001
  });

  test('a 90/10 split sends about 10% of users to the canary', () => {
    const r = route({ stable: 9000, canary: 1000 });
    let canary = 0;
    for (let i = 0; i < 20_000; i++) if (backendForBucket(r, bucketOf('exp', `u${i}`)) === 'canary') canary++;
    expect(canary / 20_000).toBeGreaterThan(0.09);
    expect(canary / 20_000).toBeLessThan(0.11);
  });

  test('property: raising the canary weight only moves users onto the canary, never back', () => {
    const rnd = prng(42);
    const buckets = Array.from({ length: 1000 }, (_, i) => bucketOf('exp', `user-${i}-${Math.floor(rnd() * 1e9)}`));
    const violations: string[] = [];
    let moved = 0;
    for (let trial = 0; trial < 200; trial++) {
      const three = trial % 2 === 1;
      const other = three ? Math.floor(rnd() * 2000) : 0;
      const w1 = Math.floor(rnd() * (10_000 - other));
      const w2 = w1 + Math.floor(rnd() * (10_000 - other - w1 + 1));
      const weights = (w: number) =>
        three
          ? trial % 4 === 1
            ? { stable: 10_000 - other - w, canary: w, blue: other }
            : { stable: 10_000 - other - w, blue: other, canary: w }
          : { stable: 10_000 - w, canary: w };
      const before = plainRoute(weights(w1));
      const after = plainRoute(weights(w2));
      for (const bucket of buckets) {
        const b = backendForBucket(before, bucket);
        const a = backendForBucket(after, bucket);
        // Off the canary, or moved anywhere but onto it: both break the promise.
        if ((b === 'canary' && a !== 'canary') || (a !== b && a !== 'canary'))
          violations.push(`${JSON.stringify(weights(w1))} -> ${JSON.stringify(weights(w2))}: bucket ${bucket} ${b} -> ${a}`);
        if (a !== b) moved++;
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
    expect(moved).toBeGreaterThan(1000);
  });

  test('weight 0 drains a backend and 10000 takes everything', () => {
    const drained = route({ stable: 10_000, canary: 0 });
    const all = route({ stable: 0, canary: 10_000 });
    for (let i = 0; i < 1000; i++) {
      expect(backendForBucket(drained, i * 10)).toBe('stable');
      expect(backendForBucket(all, i * 10)).toBe('canary');
    }
  });

  test.each([
    ['override header wins over everything', { 'x-slipway-variant': 'canary', 'x-beta': '1', 'x-user-id': 'u' }, 'canary', 'override'],
    ['an unknown override is ignored', { 'x-slipway-variant': 'nope', 'x-beta': '1' }, 'blue', 'rule'],
    ['equals rule', { 'x-beta': '1' }, 'blue', 'rule'],
    ['regex rule', { 'x-team': 'ml-platform' }, 'canary', 'rule'],
    ['sticky header', { 'x-user-id': 'alice' }, undefined, 'sticky'],
    ['api key when the header is absent', { authorization: 'Bearer k1' }, undefined, 'sticky'],
  ])('%s', (_name, headers, variant, reason) => {
    const r = route(
      { stable: 5000, canary: 2500, blue: 2500 },
      {
        rules: [
          { header: 'X-Beta', equals: '1', variant: 'blue' },
          { header: 'x-team', matches: '^ml-', variant: 'canary' },
        ],
      },
    );
    const known = new Map([
      ['stable', 1],
      ['canary', 1],
      ['blue', 1],
    ]);
    const got = assign(r, headers, '10.0.0.1', 'x-slipway-variant', known);
    expect(got.reason).toBe(reason);
    if (variant) expect(got.variant).toBe(variant);
    else expect(got).toEqual(assign(r, headers, '10.0.0.9', 'x-slipway-variant', known));
  });

  test('without a key source the client address is used', () => {
    const r = route({ stable: 5000, canary: 5000 });
    const known = new Map([
      ['stable', 1],
      ['canary', 1],
    ]);
    const a = assign(r, {}, '10.1.2.3', 'x-slipway-variant', known);
    expect(a.reason).toBe('sticky');
    expect(assign(r, {}, '10.1.2.3', 'x-slipway-variant', known)).toEqual(a);
  });
});

describe('routing over real HTTP', () => {
  let stable: LlmServer;
  let canary: LlmServer;
  let h: Harness;
  beforeAll(async () => {
    stable = await startLlmServer({ replies: () => 'from stable' });
    canary = await startLlmServer({ replies: () => 'from canary' });
    h = await startTestGateway({
      backends: { stable: { url: stable.url }, canary: { url: canary.url } },
      routes: [{ name: 'bot', weights: { stable: 7000, canary: 3000 }, rules: [{ header: 'x-beta', equals: 'yes', variant: 'canary' }] }],
    });
  });
  afterAll(async () => {
    await h.gw.stop();
    await stable.stop();
    await canary.stop();
  });

  test('users stick to their variant and the split follows the weights', async () => {
    const seen = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const user = `user-${i % 100}`;
      const r = await chat(h.gw.url, { headers: { 'x-user-id': user } });
      expect(r.status).toBe(200);
      const variant = r.headers.get('x-slipway-variant') as string;
      const text = ((r.body.choices as { message: { content: string } }[])[0] as { message: { content: string } }).message.content;
      expect(text).toBe(`from ${variant}`);
      if (seen.has(user)) expect(seen.get(user)).toBe(variant);
      seen.set(user, variant);
    }
    const canaryUsers = [...seen.values()].filter((v) => v === 'canary').length;
    expect(canaryUsers).toBeGreaterThan(15);
    expect(canaryUsers).toBeLessThan(45);
  });

  test('override and A/B headers pick the variant; the override header is not forwarded', async () => {
    canary.requests.length = 0;
    const o = await chat(h.gw.url, { headers: { 'x-slipway-variant': 'canary', 'x-user-id': 'pinned' } });
    expect(o.headers.get('x-slipway-variant')).toBe('canary');
    expect(canary.requests.at(-1)?.headers['x-slipway-variant']).toBeUndefined();
    const s = await chat(h.gw.url, { headers: { 'x-slipway-variant': 'stable' } });
    expect(s.headers.get('x-slipway-backend')).toBe('stable');
    const ab = await chat(h.gw.url, { headers: { 'x-beta': 'yes' } });
    expect(ab.headers.get('x-slipway-variant')).toBe('canary');
    expect(h.access.at(-1)).toMatchObject({ labels: { assignment: 'rule', variant: 'canary' }, http: { response: { status_code: 200 } } });
  });

  test('model names are mapped per backend', async () => {
    const mapped = await startTestGateway({
      backends: { stable: { url: stable.url, models: { 'support-bot': 'support-bot-v1' } } },
      routes: [{ name: 'm', weights: { stable: 10_000 } }],
    });
    try {
      stable.requests.length = 0;
      expect((await chat(mapped.gw.url, { body: { model: 'support-bot', temperature: 0.2 } })).status).toBe(200);
      expect(stable.requests[0]?.body).toMatchObject({ model: 'support-bot-v1', temperature: 0.2 });
      expect((await chat(mapped.gw.url, { body: { model: 'other-model' } })).status).toBe(200);
      expect(stable.requests[1]?.body).toMatchObject({ model: 'other-model' });
    } finally {
      await mapped.gw.stop();
    }
  });

  test('other OpenAI endpoints and unknown paths pass through', async () => {
    const models = await fetch(`${h.gw.url}/models`, { headers: { 'x-slipway-variant': 'stable' } });
    expect(models.status).toBe(200);
    expect(((await models.json()) as { object: string }).object).toBe('list');
    const emb = await fetch(`${h.gw.url}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello world' }),
    });
    expect(emb.status).toBe(200);
    expect(h.access.at(-1)).toMatchObject({ url: { path: '/v1/embeddings' }, gen_ai: { usage: { input_tokens: 2 } } });
    const other = await fetch(`${h.gw.url}/files`);
    expect(other.status).toBe(404);
    expect(h.access.at(-1)).toMatchObject({ url: { path: '/v1/files' }, http: { response: { status_code: 404 } }, error: { type: 'upstream_4xx' } });
  });
});
