import type { CommandModule } from '../command.js';

interface MonitorFlags {
  env?: string;
  source?: string;
  prometheusUrl?: string;
  gatewayAdminUrl?: string;
  gatewayToken?: string;
  route?: string;
  state?: string;
  window?: string;
  requestLog?: string;
  reference?: string;
  driftWindow?: string;
  onBreach?: string;
  failOn: string;
  webhookUrl?: string;
  outDir?: string;
}

/** `slipway monitor`: SLOs, anomalies and drift of live traffic, from a terminal or a cron job. */
export const monitorCommand: CommandModule = {
  register(program, execute) {
    program
      .command('monitor')
      .description('check live traffic: SLOs, anomalies against the trailing baseline, drift of prompts and answers; alert, roll back on breach')
      .option('-e, --env <environment>', 'environment watched (default monitor.environment, deploy.environment, production)')
      .option('--source <gateway|prometheus>', 'where metrics come from (default monitor.source)')
      .option('--prometheus-url <url>', 'Prometheus scraping the gateway (default monitor.prometheusUrl)')
      .option('--gateway-admin-url <url>', 'admin listener of slipway gateway (default deploy.gateway.adminUrl)')
      .option('--gateway-token <token>', 'admin token (default $SLIPWAY_GATEWAY_ADMIN_TOKEN or deploy.gateway.tokenEnv)')
      .option('--route <name>', 'gateway route a rollback moves (default deploy.gateway.route)')
      .option('--state <dir>', 'rollout state and release history (default deploy.state or .slipway/state)')
      .option('--window <duration>', 'SLO window, e.g. 5m (default monitor.window)')
      .option('--request-log <gateway|file>', 'sampled exchanges for drift (default monitor.drift.requestLog)')
      .option('--reference <file|first-day>', 'drift reference (default monitor.drift.reference)')
      .option('--drift-window <duration>', 'current exchanges: the last this long of the log (default 1h)')
      .option('--on-breach <none|rollback>', 'roll back on a breach (default monitor.onBreach)')
      .option('--fail-on <breach|warn|never>', 'which verdict exits 1', 'breach')
      .option('--webhook-url <url>', 'Slack-compatible webhook for warn and breach')
      .option('--out-dir <dir>', 'where report.json and events.ndjson go (default .slipway/monitor)')
      .action((o: MonitorFlags) =>
        execute(
          'monitor',
          {
            environment: o.env,
            source: o.source,
            'prometheus-url': o.prometheusUrl,
            'gateway-admin-url': o.gatewayAdminUrl,
            'gateway-token': o.gatewayToken,
            route: o.route,
            state: o.state,
            window: o.window,
            'request-log': o.requestLog,
            reference: o.reference,
            'drift-window': o.driftWindow,
            'on-breach': o.onBreach,
            'fail-on': o.failOn,
            'webhook-url': o.webhookUrl,
            'out-dir': o.outDir,
          },
          async (rt, globals) => {
            const { readMonitorInputs, runMonitor } = await import('@slipway/monitor');
            const result = await runMonitor(rt, { ...readMonitorInputs(rt), ...(globals.config ? { configFile: globals.config } : {}) });
            return {
              verdict: result.verdict,
              reasons: result.report.reasons,
              notes: result.report.notes,
              report: result.reportFile,
              rolledBack: result.rolledBack ?? null,
            };
          },
        ),
      );
  },
};
