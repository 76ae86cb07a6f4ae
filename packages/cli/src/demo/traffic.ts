import { randomBytes } from 'node:crypto';
import type { GatewayConfigInput } from '@slipway/gateway';
import type { DemoContext } from './stage.js';

/** One held-out question as the eval data holds it. */
export interface Question {
  messages: { role: string; content: string }[];
}

/**
 * Users asking the held-out questions through the gateway until stopped: four workers, 200 sticky
 * user ids, bounded at 20,000 requests and a minute. `pauseMs` spaces each worker's requests.
 */
export function userTraffic(url: string, questions: readonly Question[], options: { pauseMs?: number } = {}) {
  let stop = false;
  let sent = 0;
  const worker = async (w: number) => {
    for (let i = w; !stop && sent < 20_000; i += 4) {
      sent++;
      const q = questions[i % questions.length] as Question;
      await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': `user-${i % 200}` },
        body: JSON.stringify({ model: 'support-bot', messages: q.messages }),
      })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const done = Promise.all([0, 1, 2, 3].map(worker));
  const deadline = setTimeout(() => {
    stop = true;
  }, 60_000);
  return {
    /** Stops the users and resolves to how many requests they sent. */
    async stop(): Promise<number> {
      stop = true;
      clearTimeout(deadline);
      await done;
      return sent;
    },
  };
}

/**
 * A gateway for one demo stage on free loopback ports, with a fresh admin token (masked) and an
 * admin client; stopped with the demo. Its own info logs stay out of the demo's output.
 */
export async function startDemoGateway(ctx: DemoContext, config: Omit<GatewayConfigInput, 'version'>) {
  const { GatewayAdminClient, gatewayConfigSchema, startGateway } = await import('@slipway/gateway');
  const token = randomBytes(24).toString('hex');
  ctx.rt.setSecret(token);
  const gw = await startGateway({
    config: gatewayConfigSchema.parse({ version: 1, accessLog: 'off', ...config }),
    log: { ...ctx.rt.log, info: () => {}, debug: () => {} },
    env: { SLIPWAY_GATEWAY_ADMIN_TOKEN: token },
    listen: { host: '127.0.0.1', port: 0 },
    adminListen: { host: '127.0.0.1', port: 0 },
  });
  ctx.onCleanup(() => gw.stop());
  return { gw, token, admin: new GatewayAdminClient(gw.adminUrl, token, 'slipway-demo') };
}
