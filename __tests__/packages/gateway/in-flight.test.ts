import { GatewayAdminClient } from '@slipway/gateway';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chat, type Harness, startTestGateway } from './gateway-harness.js';

const TOKEN = 'admin-token-for-in-flight';

// A blue-green drain waits until the old backend has no request in flight; requests that started
// before the weight change must still count after it.
describe('in-flight requests across a weight change', () => {
  let slow: LlmServer;
  let fast: LlmServer;
  let h: Harness;
  let client: GatewayAdminClient;
  beforeAll(async () => {
    slow = await startLlmServer({ replies: () => 'old', latencyMs: 800 });
    fast = await startLlmServer({ replies: () => 'new' });
    h = await startTestGateway(
      { backends: { stable: { url: slow.url }, canary: { url: fast.url } }, routes: [{ name: 'bot', weights: { stable: 10_000, canary: 0 } }] },
      { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
    );
    client = new GatewayAdminClient(h.gw.adminUrl, TOKEN, 'test-suite');
  });
  afterAll(async () => {
    await h.gw.stop();
    await slow.stop();
    await fast.stop();
  });

  test('are still counted on their backend after the change, and leave it when they finish', async () => {
    const pending = Promise.all([0, 1, 2].map((i) => chat(h.gw.url, { headers: { 'x-user-id': `u${i}` } })));
    await new Promise((r) => setTimeout(r, 200));
    expect((await client.routes()).backends.stable?.inFlight).toBe(3);
    await client.setWeights('bot', { stable: 0, canary: 10_000 });
    expect((await client.routes()).backends.stable?.inFlight).toBe(3);
    const answers = await pending;
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await client.routes()).backends.stable?.inFlight).toBe(0);
  });
});
