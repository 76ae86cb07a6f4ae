import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeMarkdown, mapLimit, markdownTable } from '@slipway/kit';
import type { DemoStage } from './stage.js';

const USERS = 100;

/**
 * The support bot's traffic through the gateway: v1 as `stable`, v2 as `canary` at 90/10 with
 * sticky users; then the canary goes to 50% through the admin API, and every user who moved went
 * onto the canary, none back.
 */
export const gatewayStage: DemoStage = {
  name: 'gateway',
  phase: 'Continuous deployment',
  async run(ctx) {
    const { GatewayAdminClient, gatewayConfigSchema, startGateway } = await import('@slipway/gateway');
    const v1 = ctx.state.get('url:v1') as string;
    const v2 = ctx.state.get('url:v2') as string;
    const token = randomBytes(24).toString('hex');
    ctx.rt.setSecret(token);
    const config = gatewayConfigSchema.parse({
      version: 1,
      accessLog: 'off',
      backends: {
        stable: { url: `${v1}/v1`, models: { 'support-bot': 'support-bot-v1' } },
        canary: { url: `${v2}/v1`, models: { 'support-bot': 'support-bot-v2' } },
      },
      routes: [{ name: 'support-bot', weights: { stable: 9000, canary: 1000 }, sticky: ['header:x-user-id'], fallback: { canary: 'stable' } }],
    });
    const gw = await startGateway({
      config,
      log: ctx.rt.log,
      env: { SLIPWAY_GATEWAY_ADMIN_TOKEN: token },
      listen: { host: '127.0.0.1', port: 0 },
      adminListen: { host: '127.0.0.1', port: 0 },
    });
    ctx.onCleanup(() => gw.stop());
    ctx.state.set('url:gateway', gw.url);
    ctx.state.set('url:gateway-admin', gw.adminUrl);
    ctx.rt.log.info(`gateway at ${gw.url}, admin at ${gw.adminUrl}`);
    const admin = new GatewayAdminClient(gw.adminUrl, token, 'slipway-demo');

    const questions = (await readFile(path.join(ctx.exampleDir, 'data/eval.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { messages: { role: string; content: string }[] }).messages.findLast((m) => m.role === 'user')?.content ?? '');
    /** Sends every question, each from one of USERS users; returns the variant each user landed on. */
    const send = async (label: string): Promise<Map<string, string>> => {
      const progress = ctx.rt.progress(label, questions.length);
      const seen = new Map<string, string>();
      await mapLimit(
        questions.map((q, i) => ({ q, user: `user-${i % USERS}` })),
        8,
        async ({ q, user }) => {
          const res = await fetch(`${gw.url}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-user-id': user },
            body: JSON.stringify({ model: 'support-bot', messages: [{ role: 'user', content: q }] }),
          });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`the gateway answered ${res.status} for ${user}`);
          const variant = res.headers.get('x-slipway-variant') ?? '?';
          const before = seen.get(user);
          if (before !== undefined && before !== variant) throw new Error(`${user} was sent to ${before} and then to ${variant}: sticky routing broke`);
          seen.set(user, variant);
          progress.tick();
        },
      );
      progress.done();
      return seen;
    };

    const at10 = await send('asking through the gateway at 10% canary');
    const split10 = await admin.stats(300);
    const change = await admin.setWeights('support-bot', { stable: 5000, canary: 5000 });
    const at50 = await send('asking again at 50% canary');
    const split50 = await admin.stats(300);
    let moved = 0;
    let movedBack = 0;
    for (const [user, before] of at10) {
      const after = at50.get(user);
      if (after !== before) moved++;
      if (before === 'canary' && after !== 'canary') movedBack++;
    }
    if (movedBack > 0) throw new Error(`${movedBack} users moved off the canary when its weight went up`);
    const users = (m: Map<string, string>, v: string) => [...m.values()].filter((x) => x === v).length;
    const row = (step: string, m: Map<string, string>, s: typeof split10, v: string, prev?: typeof split10) => {
      const now = s.variants[v];
      const earlier = prev?.variants[v];
      const requests = (now?.requests ?? 0) - (earlier?.requests ?? 0);
      return [
        step,
        v,
        String(users(m, v)),
        String(requests),
        now?.latencyMs ? `${now.latencyMs.p50.toFixed(1)} / ${now.latencyMs.p95.toFixed(1)} ms` : '-',
        `${((now?.errorRate ?? 0) * 100).toFixed(1)}%`,
      ];
    };
    const table = markdownTable(
      ['step', 'variant', 'users', 'requests', 'latency p50 / p95 (cumulative)', 'error rate'],
      [
        row('canary 10%', at10, split10, 'stable'),
        row('canary 10%', at10, split10, 'canary'),
        row('canary 50%', at50, split50, 'stable', split10),
        row('canary 50%', at50, split50, 'canary', split10),
      ],
      ['left', 'left', 'right', 'right', 'right', 'right'],
    );
    const headline = `${questions.length * 2} requests through the gateway; canary 10% -> 50%: ${users(at10, 'canary')} -> ${users(at50, 'canary')} of ${USERS} users, ${moved} moved, 0 moved back`;
    return {
      headline,
      body: `${table}\n\nWeight change by ${escapeMarkdown(change.change.actor)} (config v${change.version}): ${escapeMarkdown(change.change.summary)}. Users are sticky by the \`x-user-id\` header; ${moved} users moved onto the canary and none moved back.`,
      prComment: `### Gateway: canary split\n\n${table}`,
    };
  },
};
