import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '@slipway/config';
import { durationToMs, FolderRolloutStore, rollbackDeployment } from '@slipway/delivery';
import { GatewayAdminClient } from '@slipway/gateway';
import { createCheckRun, type GitHubContext, readGitHubContext } from '@slipway/github';
import { escapeMarkdown, GateError, InputError, type Runtime, UserError } from '@slipway/kit';
import { type IncidentOutcome, upsertIncident } from './internal/alerts/issue.js';
import { postWebhook } from './internal/alerts/webhook.js';
import { checkDrift } from './internal/drift/check.js';
import { exchangeSets } from './internal/drift/log-source.js';
import { openAiEmbedder } from './internal/embeddings.js';
import { driftLevel, ecsLines, type MonitorReport, reportMarkdown, type Verdict, worst } from './internal/report.js';
import { evaluateSlos, type SloFinding } from './internal/slo/evaluate.js';
import { GatewaySloSource, PrometheusSloSource, type SloMetric, type SloSource } from './internal/slo/sources.js';

/** What `slipway monitor` and actions/monitor take; unset values come from slipway.yml's `monitor` (and `deploy.gateway`). */
export interface MonitorOptions {
  environment?: string;
  configFile?: string;
  source?: 'gateway' | 'prometheus';
  prometheusUrl?: string;
  gatewayAdminUrl?: string;
  gatewayToken?: string;
  route?: string;
  stateDir?: string;
  /** SLO window, e.g. `5m`. */
  window?: string;
  /** `gateway` or a JSONL file of the gateway's request log. */
  requestLog?: string;
  /** A JSONL reference dataset, or `first-day`. */
  reference?: string;
  driftWindow?: string;
  onBreach?: 'none' | 'rollback';
  /** Which verdict fails the step (exit 1): breach (default), warn, or never. */
  failOn?: 'breach' | 'warn' | 'never';
  githubToken?: string;
  webhookUrl?: string;
  /** Where report.json and the ECS log lines are written (default .slipway/monitor). */
  outDir?: string;
  /** A GitHub context to write to (tests); default from the runner's environment when a token is given. */
  github?: GitHubContext;
  now?: () => number;
}

export interface MonitorResult {
  verdict: Verdict;
  report: MonitorReport;
  incident: IncidentOutcome | undefined;
  rolledBack: string | undefined;
  reportFile: string;
}

const DEFAULT_WINDOW = '5m';

/**
 * One monitoring pass over an environment: SLOs and anomalies from Prometheus or the gateway,
 * drift of prompts and answers from the request log, a verdict with its evidence, alerts (incident
 * issue, check run, webhook) and, on a breach with `on-breach: rollback`, a rollback. Outputs
 * `verdict`, `breaches`, `warnings`, `report`, `issue-url`, `rolled-back`; the job summary shows it all.
 */
export async function runMonitor(rt: Runtime, o: MonitorOptions): Promise<MonitorResult> {
  const now = o.now ?? Date.now;
  const loaded = await loadConfig({ dir: rt.cwd, ...(o.configFile ? { file: o.configFile } : {}) });
  const m = loaded.config.monitor ?? {};
  const deploy = loaded.config.deploy ?? {};
  const environment = o.environment ?? m.environment ?? deploy.environment ?? 'production';
  const windowText = o.window ?? m.window ?? DEFAULT_WINDOW;
  const windowMs = durationToMs(windowText);
  if (!(windowMs >= 1000)) throw new InputError('window', `"${windowText}" is shorter than a second`, { hint: 'use a duration such as 5m' });

  const adminUrl = o.gatewayAdminUrl ?? deploy.gateway?.adminUrl;
  const tokenEnv = deploy.gateway?.tokenEnv ?? 'SLIPWAY_GATEWAY_ADMIN_TOKEN';
  const token = o.gatewayToken ?? process.env[tokenEnv];
  if (token) rt.setSecret(token);
  const gateway = adminUrl && token ? new GatewayAdminClient(adminUrl, token, 'slipway-monitor') : undefined;
  const prometheusUrl = o.prometheusUrl ?? m.prometheusUrl;
  const sourceName = o.source ?? m.source ?? (o.prometheusUrl ? 'prometheus' : 'gateway');

  let source: SloSource;
  if (sourceName === 'prometheus') {
    if (!prometheusUrl)
      throw new InputError('prometheus-url', 'is required with source prometheus (or monitor.prometheusUrl)', { hint: 'e.g. http://prometheus:9090' });
    source = new PrometheusSloSource(prometheusUrl, m.selector ?? '', now);
  } else {
    if (!gateway)
      throw new InputError('gateway-admin-url', `and a gateway token (input gateway-token or $${tokenEnv}) are required to read the gateway's stats`, {
        hint: 'or set prometheus-url to read Prometheus instead',
      });
    source = new GatewaySloSource(
      gateway,
      async () => {
        const cfg = (await gatewayConfig(gateway)) ?? {};
        return Object.fromEntries(Object.entries(cfg).map(([k, b]) => [k, b.price]));
      },
      now,
    );
  }

  const slos = m.slos ?? {};
  const objectives: Partial<Record<SloMetric, number>> = {
    ...(slos.latencyP95 ? { latencyP95: durationToMs(slos.latencyP95) } : {}),
    ...(slos.ttftP95 ? { ttftP95: durationToMs(slos.ttftP95) } : {}),
    ...(slos.errorRate !== undefined ? { errorRate: slos.errorRate } : {}),
    ...(slos.tokensPerRequest !== undefined ? { tokensPerRequest: slos.tokensPerRequest } : {}),
    ...(slos.costPerHour !== undefined ? { costPerHour: slos.costPerHour } : {}),
    ...(slos.costPerDay !== undefined ? { costPerDay: slos.costPerDay } : {}),
  };
  const baselineWindows = m.anomaly?.baselineWindows ?? 12;
  const readings = await rt.group(`SLOs from ${source.name}`, () =>
    source.read(windowMs, baselineWindows).catch((error: unknown) => {
      // An unreachable metrics source is the setup's problem, not a bug: say where it was looked for.
      if (UserError.is(error)) throw error;
      const where = source.name === 'prometheus' ? `Prometheus at ${prometheusUrl}` : `the gateway admin API at ${adminUrl}`;
      throw new UserError(`cannot read metrics from ${where}: ${error instanceof Error ? error.message : String(error)}`, {
        hint: source.name === 'prometheus' ? 'check prometheus-url (monitor.prometheusUrl)' : 'check gateway-admin-url and the admin token',
      });
    }),
  );
  const findings = evaluateSlos(readings, {
    objectives,
    warnAt: slos.warnAt ?? 0.8,
    minRequests: slos.minRequests ?? 20,
    anomaly: { method: m.anomaly?.method ?? 'robust-z', threshold: m.anomaly?.threshold ?? 4, severity: m.anomaly?.severity ?? 'warn', minBaseline: 5 },
  });

  const requestLog = o.requestLog ?? m.drift?.requestLog;
  const referenceSpec = o.reference ?? m.drift?.reference;
  let drift: MonitorReport['drift'];
  const notes: string[] = findings.filter((f) => f.level === 'insufficient').map((f) => `${f.metric}: ${f.reason}`);
  if (requestLog && referenceSpec) {
    const stateDir = path.resolve(loaded.dir, o.stateDir ?? deploy.state ?? '.slipway/state');
    const live = referenceSpec === 'first-day' ? await new FolderRolloutStore(stateDir).load(environment).catch(() => undefined) : undefined;
    const sets = await exchangeSets({
      requestLog,
      reference: referenceSpec,
      windowMs: durationToMs(o.driftWindow ?? m.drift?.window ?? '1h'),
      // Paths from inputs are relative to the working directory; paths from slipway.yml to the file.
      cwd: o.requestLog || o.reference ? rt.cwd : loaded.dir,
      gateway,
      since: live ? Date.parse(live.startedAt) : undefined,
      now: now(),
    });
    const embeddings = m.drift?.embeddings;
    const report = await rt.group('drift', () =>
      checkDrift(sets.reference, sets.current, {
        ...(m.drift?.alpha !== undefined ? { alpha: m.drift.alpha } : {}),
        ...(m.drift?.minSamples !== undefined ? { minSamples: m.drift.minSamples } : {}),
        ...(m.drift?.permutations !== undefined ? { permutations: m.drift.permutations } : {}),
        ...(m.drift?.refusalPatterns ? { refusalPatterns: m.drift.refusalPatterns } : {}),
        ...(embeddings
          ? { embed: openAiEmbedder(embeddings.url, embeddings.model, embeddings.apiKeyEnv ? process.env[embeddings.apiKeyEnv] : undefined) }
          : {}),
      }),
    );
    drift = { ...report, ...sets.describe };
    notes.push(...report.tests.filter((t) => t.status === 'insufficient').map((t) => `${t.name}: ${t.note ?? 'sample too small'}`));
  } else if (requestLog || referenceSpec) {
    notes.push('drift: needs both a request log and a reference (drift.requestLog and drift.reference)');
  }

  const reasons = [
    ...findings.filter((f) => f.level === 'warn' || f.level === 'breach').map((f) => `${f.level}: ${f.metric}: ${f.reason}`),
    ...(drift?.tests ?? [])
      .filter((t) => t.status === 'drift')
      .map((t) => `${driftLevel(t)}: drift of ${t.name} (${t.test}, adjusted p ${(t.adjustedP ?? 1).toPrecision(2)}, ${t.severity})`),
  ];
  const verdict = worst([...findings.map((f: SloFinding) => f.level), ...(drift?.tests ?? []).map(driftLevel)]);
  const report: MonitorReport = {
    environment,
    verdict,
    at: new Date(now()).toISOString(),
    source: source.name,
    windowSeconds: windowMs / 1000,
    slos: findings,
    drift,
    reasons,
    notes,
  };

  const outDir = path.resolve(rt.cwd, o.outDir ?? '.slipway/monitor');
  await mkdir(outDir, { recursive: true });
  const reportFile = path.join(outDir, 'report.json');
  await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  const ecs = ecsLines(report);
  await writeFile(path.join(outDir, 'events.ndjson'), `${ecs.join('\n')}\n`);
  const verdictLine = ecs[0] ?? '';
  if (verdict === 'ok') rt.log.info(verdictLine);
  else rt.log.warn(verdictLine);

  let rolledBack: string | undefined;
  let rollbackError: unknown;
  const extra: string[] = [];
  if (verdict === 'breach' && (o.onBreach ?? m.onBreach) === 'rollback') {
    const why = `slipway monitor: ${reasons.filter((r) => r.startsWith('breach')).join('; ')}`.slice(0, 500);
    try {
      const result = await rollbackDeployment(rt, {
        environment,
        reason: why,
        ...(o.configFile ? { configFile: o.configFile } : {}),
        ...(adminUrl ? { gatewayAdminUrl: adminUrl } : {}),
        ...(token ? { gatewayToken: token } : {}),
        ...(o.route ? { route: o.route } : {}),
        ...(o.stateDir ? { stateDir: o.stateDir } : {}),
        ...(o.githubToken ? { githubToken: o.githubToken } : {}),
      });
      rolledBack = result.rolledBack;
      extra.push(
        `**Rolled back:** ${result.noop ? 'nothing was live; traffic confirmed on stable' : `${result.rolledBack} → ${result.restored ?? 'the stable backend'}`}. Reason recorded: ${why.replace(/[<>]/g, '')}`,
      );
    } catch (error) {
      // The alerts still go out: a failed rollback is exactly when people must hear about the breach.
      rollbackError = error;
      const message = error instanceof Error ? error.message : String(error);
      rt.log.error(`rollback of ${environment} failed: ${message}`);
      extra.push(`**Rollback failed:** ${escapeMarkdown(message)}`);
      reasons.push(`breach: the rollback failed: ${message}`);
    }
  }
  const markdown = reportMarkdown(report, extra);
  await rt.appendSummary(markdown);

  const github = o.github ?? (o.githubToken && process.env.GITHUB_ACTIONS === 'true' ? await readGitHubContext(process.env, o.githubToken) : undefined);
  if (o.githubToken) rt.setSecret(o.githubToken);
  let incident: IncidentOutcome | undefined;
  if (github) {
    if (m.alerts?.issue !== false) {
      incident = await upsertIncident(
        github,
        {
          environment,
          verdict,
          title: `Monitor: ${environment} ${verdict}${reasons[0] ? `: ${reasons[0].replace(/^\w+: /, '')}` : ''}`.slice(0, 200),
          body: markdown,
          labels: m.alerts?.labels ?? ['slipway-incident'],
        },
        rt.log,
      );
    }
    if (m.alerts?.check !== false) {
      await createCheckRun(
        github,
        {
          name: `slipway monitor (${environment})`,
          conclusion: verdict === 'breach' ? 'failure' : verdict === 'warn' ? 'neutral' : 'success',
          title: `${environment}: ${verdict}`,
          summary: markdown,
          annotations: [],
        },
        rt.log,
      );
    }
  }
  const webhookUrl = o.webhookUrl ?? (m.alerts?.webhookEnv ? process.env[m.alerts.webhookEnv] : undefined);
  if (webhookUrl && verdict !== 'ok') {
    rt.setSecret(webhookUrl);
    const link = incident?.done ? [`incident: ${incident.url}`] : [];
    await postWebhook(
      webhookUrl,
      `Slipway monitor: ${environment} is ${verdict.toUpperCase()}${rolledBack ? ' (rolled back)' : ''}`,
      [...reasons, ...link],
      rt.log,
    );
  }

  rt.setOutput('verdict', verdict);
  rt.setOutput('breaches', String(reasons.filter((r) => r.startsWith('breach')).length));
  rt.setOutput('warnings', String(reasons.filter((r) => r.startsWith('warn')).length));
  rt.setOutput('report', reportFile);
  rt.setOutput('issue-url', incident?.done ? (incident.url ?? '') : '');
  if (rolledBack === undefined) rt.setOutput('rolled-back', '');
  rt.log.info(`${environment}: ${verdict}${reasons.length ? ` (${reasons.length} finding${reasons.length === 1 ? '' : 's'})` : ''}`);

  if (rollbackError !== undefined) throw rollbackError;
  const failOn = o.failOn ?? 'breach';
  if ((failOn === 'breach' && verdict === 'breach') || (failOn === 'warn' && verdict !== 'ok')) {
    throw new GateError(`monitor of ${environment}: ${verdict}: ${reasons[0] ?? ''}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ''}`);
  }
  return { verdict, report, incident, rolledBack, reportFile };
}

async function gatewayConfig(
  client: GatewayAdminClient,
): Promise<Record<string, { price?: { inputPerMillion: number; outputPerMillion: number } }> | undefined> {
  const answer = await client.config().catch(() => undefined);
  return answer?.config.backends as Record<string, { price?: { inputPerMillion: number; outputPerMillion: number } }> | undefined;
}
