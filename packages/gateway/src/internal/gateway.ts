import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ConfigError, type Logger } from '@slipway/kit';
import { type AdminTarget, type ChangeRecord, handleAdmin } from './admin.js';
import { durationMs, type GatewayConfig, gatewayConfigSchema, parseGatewayConfig, parseListen } from './config.js';
import { Metrics } from './metrics.js';
import { handleRequest, type ProxyContext } from './proxy.js';
import { RequestLog } from './request-log.js';
import { buildState, digest, type GatewayState } from './state.js';
import { StatsStore } from './stats.js';
import { OtlpTracer } from './tracing.js';
import { BackendPool } from './upstream.js';

export interface GatewayOptions {
  /** A validated configuration (see `parseGatewayConfig` / `loadGatewayConfig`). */
  config: GatewayConfig;
  /** The file it came from: named in messages, and watched when `watch` is true. */
  configFile?: string;
  watch?: boolean;
  log: Logger;
  /** Where API keys, client keys and the admin token are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where JSON access-log lines go; default follows `accessLog` in the config. */
  accessLog?: (line: string) => void;
  /** Override `listen` / `admin.listen` (tests and benchmarks use port 0). */
  listen?: { host: string; port: number };
  adminListen?: { host: string; port: number };
}

/** A running gateway. */
export interface Gateway {
  /** Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8080/v1. */
  readonly url: string;
  /** Base URL of the admin listener (/healthz, /metrics, /admin/*). */
  readonly adminUrl: string;
  /** The configuration serving now. */
  config(): GatewayConfig;
  version(): number;
  /** Validates and swaps in a new configuration; throws a ConfigError (old one keeps serving) when it is bad. */
  reload(next: unknown, actor?: string): Promise<ChangeRecord>;
  readonly stats: StatsStore;
  readonly metrics: Metrics;
  changes(): ChangeRecord[];
  /** Stops accepting, waits for requests in flight (up to `drainTimeout`), then closes everything. */
  stop(): Promise<void>;
}

function listenOn(server: Server, where: { host: string; port: number }): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function hostFor(a: AddressInfo): string {
  return a.family === 'IPv6' ? `[${a.address}]` : a.address;
}

/**
 * Starts the gateway: the OpenAI-compatible listener and the admin listener. Resolves once both
 * listen. Bad keys in the environment are reported before anything listens.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const env = options.env ?? process.env;
  const log = options.log;
  const pool = new BackendPool(log, env);
  const metrics = new Metrics();
  const stats = new StatsStore(options.config.stats.maxSamples);
  const changes: ChangeRecord[] = [];
  let draining = false;
  let inFlight = 0;
  const source = options.configFile ?? 'gateway.yml';

  const build = (config: GatewayConfig, version: number): GatewayState => {
    try {
      const backends = pool.prepare(config.backends);
      return buildState(config, backends, version, env);
    } catch (error) {
      throw new ConfigError([{ location: { file: source }, message: (error as Error).message }]);
    }
  };
  let state = build(options.config, 1);
  pool.commit(state.backends);

  const adminTokenValue = env[options.config.admin.tokenEnv];
  const adminToken = adminTokenValue ? [digest(adminTokenValue)] : undefined;
  const accessLog =
    options.accessLog ??
    (options.config.accessLog === 'off'
      ? undefined
      : ((stream: NodeJS.WritableStream) => (line: string) => {
          stream.write(`${line}\n`);
        })(options.config.accessLog === 'stderr' ? process.stderr : process.stdout));
  const requestLog = options.config.requestLog ? new RequestLog(options.config.requestLog, log) : undefined;

  const record = (change: ChangeRecord) => {
    changes.push(change);
    if (changes.length > 1000) changes.shift();
    metrics.inc('slipway_gateway_config_reloads_total', String(change.applied), () => ({ result: change.applied ? 'applied' : 'refused' }));
    const line = `gateway: config ${change.applied ? `v${change.version} applied` : 'change refused'} (${change.action} by ${change.actor} from ${change.remote}): ${change.summary}`;
    if (change.applied) log.info(line);
    else log.warn(line);
  };

  const describe = (prev: GatewayConfig, next: GatewayConfig): string => {
    const parts: string[] = [];
    for (const r of next.routes) {
      const old = prev.routes.find((o) => o.name === r.name);
      const w = (x: Record<string, number>) =>
        Object.entries(x)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
      if (!old) parts.push(`route ${r.name} added (${w(r.weights)})`);
      else if (JSON.stringify(old.weights) !== JSON.stringify(r.weights)) parts.push(`route ${r.name} weights ${w(old.weights)} -> ${w(r.weights)}`);
    }
    for (const o of prev.routes) if (!next.routes.some((r) => r.name === o.name)) parts.push(`route ${o.name} removed`);
    const backends = (c: GatewayConfig) => Object.keys(c.backends).sort().join(',');
    if (backends(prev) !== backends(next)) parts.push(`backends ${backends(prev)} -> ${backends(next)}`);
    return parts.join('; ') || 'no routing change';
  };

  // Changes apply one at a time, so two admins cannot interleave half of each.
  let queue: Promise<unknown> = Promise.resolve();
  const applyConfig = (parse: () => GatewayConfig, who: { actor: string; remote: string }, action: ChangeRecord['action']): Promise<ChangeRecord> => {
    const run = queue.then(() => {
      const prev = state;
      try {
        const config = parse();
        const next = build(config, prev.version + 1);
        pool.commit(next.backends);
        state = next; // The swap: one assignment; requests in flight keep the snapshot they started with.
        const change: ChangeRecord = {
          at: new Date().toISOString(),
          ...who,
          action,
          applied: true,
          version: next.version,
          summary: describe(prev.config, config),
        };
        record(change);
        return change;
      } catch (error) {
        const summary = error instanceof Error ? error.message.split('\n')[0] : String(error);
        record({ at: new Date().toISOString(), ...who, action, applied: false, version: prev.version, summary: summary ?? 'invalid' });
        throw error;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const applyObject = (next: unknown, src: string, who: { actor: string; remote: string }, action: ChangeRecord['action']) =>
    applyConfig(
      () => {
        const r = gatewayConfigSchema.safeParse(next);
        if (r.success) return r.data;
        throw new ConfigError(r.error.issues.map((i) => ({ location: { file: src }, message: `${i.path.join('.') || 'config'}: ${i.message}` })));
      },
      who,
      action,
    );
  const applyText = (text: string, src: string, who: { actor: string; remote: string }, action: ChangeRecord['action']) =>
    applyConfig(() => parseGatewayConfig(text, src), who, action);

  const ctx: ProxyContext = {
    state: () => state,
    metrics,
    stats,
    accessLog,
    requestLog,
    draining: () => draining,
    ejectAfter: options.config.outlierDetection.consecutiveFailures,
    ejectForMs: durationMs(options.config.outlierDetection.ejectFor),
    onEject: (b) => {
      metrics.inc('slipway_gateway_ejections_total', b.name, () => ({ slipway_backend: b.name }));
      log.warn(
        `gateway: backend ${b.name} ejected for ${options.config.outlierDetection.ejectFor} after ${options.config.outlierDetection.consecutiveFailures} consecutive failures`,
      );
    },
    maxShadowInFlight: 256,
    tracer: options.config.tracing
      ? new OtlpTracer(options.config.tracing.otlpEndpoint, options.config.tracing.serviceName, options.config.tracing.sampleRate, log)
      : undefined,
  };

  metrics.gauge('slipway_gateway_backend_available', 'Whether a backend takes traffic (1) or is ejected or unhealthy (0).', () =>
    pool.all().map((b) => ({ labels: { slipway_backend: b.name }, value: b.healthy && b.ejectedUntil <= Date.now() ? 1 : 0 })),
  );
  metrics.gauge('slipway_gateway_requests_in_flight', 'Requests being served.', () => [{ labels: {}, value: inFlight }]);
  metrics.gauge('slipway_gateway_route_weight_basis_points', 'Configured weight per route and backend.', () =>
    state.config.routes.flatMap((r) => Object.entries(r.weights).map(([b, w]) => ({ labels: { slipway_route: r.name, slipway_backend: b }, value: w }))),
  );
  metrics.gauge('slipway_gateway_config_version', 'Version of the configuration serving now.', () => [{ labels: {}, value: state.version }]);

  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
    handleRequest(ctx, req, res);
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });

  const target: AdminTarget = {
    config: () => state.config,
    version: () => state.version,
    apply: applyObject,
    applyText,
    routes: () => ({
      version: state.version,
      routes: state.config.routes.map((r) => ({
        name: r.name,
        weights: r.weights,
        models: r.models ?? null,
        rules: r.rules,
        fallback: r.fallback,
        shadow: r.shadow ?? null,
        sticky: r.sticky,
      })),
      backends: Object.fromEntries(
        [...state.backends.values()].map((b) => [
          b.name,
          {
            url: b.url.href,
            healthy: b.healthy,
            ejected: b.ejectedUntil > Date.now(),
            ejectedUntil: b.ejectedUntil > Date.now() ? new Date(b.ejectedUntil).toISOString() : null,
            inFlight: b.load.inFlight,
          },
        ]),
      ),
    }),
    stats: (w, recent, exclude) => ({ version: state.version, ...stats.report(w, recent, exclude) }),
    shadow: (w, limit) => ({ pairs: stats.shadowPairs(w, limit) }),
    requests: (w, limit) => ({ enabled: requestLog !== undefined, entries: requestLog?.entries(w, limit) ?? [] }),
    changes: () => changes,
    metrics: () => metrics.render(),
    draining: () => draining,
    adminToken,
    maxBodyBytes: options.config.limits.maxBodyBytes,
  };
  const admin = createServer((req, res) => {
    handleAdmin(target, req, res).catch((e: unknown) => {
      log.error(`gateway: admin request failed: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const mainAddr = await listenOn(server, options.listen ?? parseListen(options.config.listen));
  let adminAddr: AddressInfo;
  try {
    adminAddr = await listenOn(admin, options.adminListen ?? parseListen(options.config.admin.listen));
  } catch (error) {
    server.close();
    pool.close();
    throw error;
  }
  record({
    at: new Date().toISOString(),
    actor: 'startup',
    remote: 'local',
    action: 'start',
    applied: true,
    version: 1,
    summary: `routes ${options.config.routes
      .map(
        (r) =>
          `${r.name} (${Object.entries(r.weights)
            .map(([b, w]) => `${b}=${w}`)
            .join(' ')})`,
      )
      .join('; ')}; backends ${Object.keys(options.config.backends).join(', ')}`,
  });
  if (!adminToken) log.info(`gateway: admin API off (set ${options.config.admin.tokenEnv} to turn it on); /metrics and /healthz stay available`);

  let watcher: FSWatcher | undefined;
  if (options.watch && options.configFile) {
    const file = path.resolve(options.configFile);
    let timer: NodeJS.Timeout | undefined;
    let lastText: string | undefined;
    const reloadFromFile = async () => {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined || text === lastText) return;
      lastText = text;
      await applyText(text, options.configFile as string, { actor: 'file-watch', remote: 'local' }, 'file-reload').catch(() => undefined);
    };
    lastText = await readFile(file, 'utf8').catch(() => undefined);
    // Editors replace files by rename, so watch the folder and filter by name.
    watcher = watch(path.dirname(file), (_event, name) => {
      if (name !== path.basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reloadFromFile(), 100);
    });
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      watcher?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + durationMs(state.config.drainTimeout);
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
      await new Promise<void>((resolve) => {
        admin.close(() => resolve());
        admin.closeAllConnections();
      });
      pool.close();
      await ctx.tracer?.close();
    })();
    return stopping;
  };

  return {
    url: `http://${hostFor(mainAddr)}:${mainAddr.port}/v1`,
    adminUrl: `http://${hostFor(adminAddr)}:${adminAddr.port}`,
    config: () => state.config,
    version: () => state.version,
    reload: (next, actor = 'library') => applyObject(next, 'reload', { actor, remote: 'local' }, 'replace-config'),
    stats,
    metrics,
    changes: () => changes,
    stop,
  };
}
