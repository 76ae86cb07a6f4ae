import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DemoStage } from './stage.js';
import { type Question, startDemoGateway, userTraffic } from './traffic.js';

/**
 * Monitoring after the promotion: v2 is live behind the gateway at 100%, users ask their
 * questions, and `slipway monitor` finds it healthy. Then an incident is injected (v2's server
 * starts failing a third of the requests and slows down): monitor raises a breach, posts the
 * alert to a webhook, and rolls production back to v1, recording why.
 */
export const monitorStage: DemoStage = {
  name: 'monitor',
  phase: 'Monitoring',
  async run(ctx) {
    const { FolderRolloutStore, GatewayRouter, GatewayStatsSource, runCanary } = await import('@slipway/delivery');
    const { runMonitor } = await import('@slipway/monitor');

    const v1 = ctx.state.get('url:v1') as string;
    const v2 = ctx.state.get('url:v2') as string;
    // The incident switch: a proxy in front of v2 that starts failing and stalling when told to.
    const fault = { on: false };
    const proxy = await faultyProxy(`${v2}/v1`, fault);
    ctx.onCleanup(() => new Promise<void>((r) => proxy.server.close(() => r())));
    const { gw, admin, token } = await startDemoGateway(ctx, {
      requestLog: { sampleRate: 1, keep: 5000 },
      outlierDetection: { consecutiveFailures: 1000 },
      backends: {
        stable: { url: `${v1}/v1`, models: { 'support-bot': 'support-bot-v1' }, retries: 0 },
        canary: { url: proxy.url, models: { 'support-bot': 'support-bot-v2' }, retries: 0 },
      },
      routes: [{ name: 'support-bot', weights: { stable: 10_000, canary: 0 } }],
    });
    const stateDir = path.join(ctx.workDir, 'monitor-state');
    await runCanary({
      environment: 'production',
      releaseId: `sha256:${'2'.repeat(64)}`,
      strategy: { steps: [{ setWeight: 100 }], metrics: [{ name: 'error-rate', test: 'proportion' }] },
      router: new GatewayRouter(admin, { route: 'support-bot' }),
      source: new GatewayStatsSource(admin),
      store: new FolderRolloutStore(stateDir),
      log: ctx.rt.log,
    });

    const cases = (await readFile(path.join(ctx.exampleDir, 'data/eval.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Question);
    const load = userTraffic(gw.url, cases, { pauseMs: 10 });
    const alerts: unknown[] = [];
    const hook = await webhookReceiver(alerts);
    ctx.onCleanup(() => new Promise<void>((r) => hook.server.close(() => r())));
    const dir = path.join(ctx.workDir, 'monitor');
    await writeFile(
      path.join(ctx.workDir, 'slipway-monitor.yml'),
      `version: 1\ndeploy:\n  gateway: { adminUrl: ${gw.adminUrl}, route: support-bot }\n  state: monitor-state\nmonitor:\n  slos: { latencyP95: 250ms, errorRate: 0.05, minRequests: 20 }\n  anomaly: { method: 'off' }\n  drift: { requestLog: gateway, reference: reference.jsonl, window: 2s, minSamples: 30 }\n  onBreach: rollback\n`,
    );
    const monitor = (outDir: string) =>
      runMonitor(ctx.rt, {
        environment: 'production',
        configFile: path.join(ctx.workDir, 'slipway-monitor.yml'),
        window: '2s',
        gatewayToken: token,
        webhookUrl: hook.url,
        failOn: 'never',
        outDir: path.join(dir, outDir),
      });
    try {
      await sleep(2500);
      const reference = await admin.requests(3600, 5000);
      await writeFile(path.join(ctx.workDir, 'reference.jsonl'), `${reference.entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
      await sleep(2000);
      const calm = await monitor('calm');
      if (calm.verdict !== 'ok') throw new Error(`monitor should find the promoted v2 healthy, but said ${calm.verdict}: ${calm.report.reasons.join('; ')}`);
      fault.on = true;
      await sleep(2200);
      const incident = await monitor('incident');
      if (incident.verdict !== 'breach' || incident.rolledBack === undefined)
        throw new Error(`the injected incident should breach and roll back, but monitor said ${incident.verdict}`);
      const weights = (await admin.routes()).routes[0]?.weights;
      const state = await new FolderRolloutStore(stateDir).load('production');
      return {
        headline: `v2 healthy after promotion (ok); injected failures → breach, alert sent, rolled back to v1 in one run`,
        body: [
          `Calm window: **${calm.verdict}** (${calm.report.slos.length} SLOs, ${calm.report.drift?.tests.length ?? 0} drift tests against ${calm.report.drift?.referenceSize ?? 0} reference exchanges).`,
          '',
          `Incident (v2's server fails a third of requests and stalls 300 ms): **${incident.verdict}**.`,
          '',
          ...incident.report.reasons.map((r) => `- ${r}`),
          '',
          `Webhook alerts received: ${alerts.length}. Gateway weights afterwards: \`${JSON.stringify(weights)}\`. Rollout state: ${state?.status}, reason recorded: "${state?.decisions.at(-1)?.reason ?? ''}".`,
        ].join('\n'),
        prComment: `### Monitor\n\n- after promotion: **${calm.verdict}**\n- injected incident: **${incident.verdict}** → rolled back`,
      };
    } finally {
      ctx.rt.log.info(`monitor: ${await load.stop()} user requests`);
    }
  },
};

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Forwards to `target`; when `fault.on`, a third of the requests get 503 and the rest wait 300 ms. */
async function faultyProxy(target: string, fault: { on: boolean }): Promise<{ server: Server; url: string }> {
  const base = new URL(target);
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      n++;
      if (fault.on && n % 3 === 0) {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
        return;
      }
      const go = () => {
        const up = request(
          {
            host: base.hostname,
            port: base.port,
            path: `${base.pathname.replace(/\/$/, '')}${(req.url ?? '/').replace(/^\/v1/, '')}`,
            method: req.method,
            headers: req.headers,
          },
          (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          },
        );
        up.on('error', () => res.writeHead(502).end());
        up.end(Buffer.concat(chunks));
      };
      if (fault.on) setTimeout(go, 300);
      else go();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

async function webhookReceiver(into: unknown[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      into.push(JSON.parse(body || '{}'));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts` };
}
