import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FolderRolloutStore, GatewayRollingTarget, GatewayRouter, rollback, runRolling } from '@slipway/delivery';
import { type Gateway, GatewayAdminClient } from '@slipway/gateway';
import type { Logger } from '@slipway/kit';
import { FolderReleaseStore } from '@slipway/release';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chatTraffic } from '../../helpers/traffic.js';
import { startTestGateway } from '../gateway/gateway-harness.js';

const TOKEN = 'rolling-test-admin-token';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const PAIRS = [
  { from: 'v1-a', to: 'v2-a' },
  { from: 'v1-b', to: 'v2-b' },
  { from: 'v1-c', to: 'v2-c' },
];

describe('rolling release over the real gateway: three backends replaced one at a time', () => {
  const servers = new Map<string, LlmServer>();
  let gw: Gateway;
  let client: GatewayAdminClient;

  beforeEach(async () => {
    for (const name of PAIRS.flatMap((p) => [p.from, p.to])) servers.set(name, await startLlmServer({ replies: () => `${name} answer` }));
    gw = (
      await startTestGateway(
        {
          backends: Object.fromEntries([...servers].map(([name, s]) => [name, { url: s.url, retries: 0 }])),
          // 3334 + 3333 + 3333 basis points: each old backend holds a third of the route.
          routes: [{ name: 'bot', weights: { 'v1-a': 3334, 'v1-b': 3333, 'v1-c': 3333, 'v2-a': 0, 'v2-b': 0, 'v2-c': 0 } }],
        },
        { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
      )
    ).gw;
    client = new GatewayAdminClient(gw.adminUrl, TOKEN, 'rolling-test');
  });

  afterEach(async () => {
    await gw.stop();
    for (const s of servers.values()) await s.stop();
    servers.clear();
  });

  async function release(releaseId: string) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-rolling-'));
    const history = new FolderReleaseStore(dir);
    const store = new FolderRolloutStore(dir);
    const target = new GatewayRollingTarget(client, { route: 'bot', backends: PAIRS, maxErrorRate: 0.05, minRequests: 8 });
    const load = chatTraffic(gw.url, { workers: 3 });
    try {
      const run = await runRolling({
        environment: 'production',
        releaseId,
        strategy: { batchSize: 1, interval: '200ms', timeout: '4s', soak: '400ms' },
        target,
        store,
        history,
        log: quiet,
      });
      return { ...run, target, store, history: await history.history('production'), historyStore: history };
    } finally {
      await load.stop();
    }
  }

  test('a healthy v2 takes each backend share in turn, checked by the gateway, and is promoted', async () => {
    const run = await release(`sha256:${'6'.repeat(64)}`);
    expect(run.result).toBe('promoted');
    const weights = (await client.routes()).routes[0]?.weights;
    expect(weights).toEqual({ 'v1-a': 0, 'v1-b': 0, 'v1-c': 0, 'v2-a': 3334, 'v2-b': 3333, 'v2-c': 3333 });
    expect(run.state.decisions.filter((d) => d.action === 'batch').map((d) => d.weight)).toEqual([33, 67, 100]);
    // Each batch was judged on requests the new backend really served.
    for (const look of run.state.decisions.filter((d) => d.action === 'look')) expect(look.reason).toMatch(/^healthy: /);
    for (const p of PAIRS) expect(servers.get(p.to)?.requests.length).toBeGreaterThanOrEqual(8);
    expect(await run.target.updated()).toBe(3);
    expect(run.history.map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
    // Every move went through the admin API and is on its change log.
    expect((await client.changes()).filter((c) => c.action === 'set-weights' && c.actor === 'rolling-test').length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  test('a v2 backend that fails its requests stops the release at its batch and every share goes back to v1', async () => {
    servers.get('v2-b')?.setOptions({ errorRate: 1 });
    const run = await release(`sha256:${'7'.repeat(64)}`);
    expect(run.result).toBe('rolled-back');
    expect(run.state.decisions.filter((d) => d.action === 'batch').map((d) => d.weight)).toEqual([33, 67]);
    expect(run.state.decisions.find((d) => d.outcome === 'fail')?.reason).toMatch(/v2-b (error rate 100\.0%|ejected)/);
    expect((await client.routes()).routes[0]?.weights).toEqual({ 'v1-a': 3334, 'v1-b': 3333, 'v1-c': 3333, 'v2-a': 0, 'v2-b': 0, 'v2-c': 0 });
    expect(servers.get('v2-c')?.requests.length).toBe(0);
    expect(run.history.map((h) => h.outcome)).toEqual(['in-progress', 'rolled-back']);
    // Rolling back again is a no-op that leaves every share on v1, fast.
    const again = await rollback({
      environment: 'production',
      router: new GatewayRouter(client, { route: 'bot' }),
      rolling: run.target,
      store: run.store,
      history: run.historyStore,
      reason: 'again',
    });
    expect(again.noop).toBe(true);
    expect(again.elapsedMs).toBeLessThan(1000);
  }, 60_000);
});
