import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Logger } from '@slipway/kit';
import { type BackendConfig, durationMs } from './config.js';

/** A backend as the hot path needs it; its health survives config reloads while its URL stays. */
export interface Backend {
  name: string;
  config: BackendConfig;
  url: URL;
  /** Path prefix of the base URL without trailing slash, e.g. `/v1`. */
  basePath: string;
  agent: http.Agent;
  transport: typeof http | typeof https;
  /** `Bearer …`, from the environment; never logged. */
  authorization: string | undefined;
  apiKey: string | undefined;
  connectMs: number;
  firstByteMs: number;
  totalMs: number;
  retries: number;
  consecutiveFailures: number;
  ejectedUntil: number;
  healthy: boolean;
  /** Requests on their way to this backend; shared across reloads while its URL stays the same, so requests started before a weight change still count (drain). */
  load: { inFlight: number };
  healthTimer: NodeJS.Timeout | undefined;
}

/** Why an attempt produced no answer. */
export type AttemptFailure = 'connect' | 'connect_timeout' | 'first_byte_timeout' | 'reset';

export class AttemptError extends Error {
  override name = 'AttemptError';
  constructor(
    readonly kind: AttemptFailure,
    message: string,
  ) {
    super(message);
  }
}

/** An upstream answer whose first body chunk (if any) has arrived; the stream is paused. */
export interface Answer {
  res: IncomingMessage;
  first: Buffer | undefined;
  /** The body already ended (empty, or all of it came in the first chunk). */
  ended: boolean;
  /** performance.now() when the first byte arrived. */
  firstByteAt: number;
  abort(): void;
}

/**
 * Sends one request and resolves once the answer's first body byte is in (or it ended empty), so
 * a caller can still retry elsewhere: nothing has been sent to the client yet. Connect and first-byte
 * timeouts reject with an {@link AttemptError}.
 */
export function attempt(
  backend: Backend,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  body: Buffer | undefined,
): Promise<Answer> & { cancel(): void } {
  let req: http.ClientRequest | undefined;
  const promise = new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const fail = (kind: AttemptFailure, message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      reject(new AttemptError(kind, message));
    };
    const timer = setTimeout(() => fail('first_byte_timeout', `${backend.name}: no answer within ${backend.firstByteMs} ms`), backend.firstByteMs);
    req = backend.transport.request({
      protocol: backend.url.protocol,
      hostname: backend.url.hostname,
      port: backend.url.port,
      method,
      path,
      headers,
      agent: backend.agent,
    });
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connectTimer = setTimeout(() => fail('connect_timeout', `${backend.name}: no connection within ${backend.connectMs} ms`), backend.connectMs);
      socket.once('connect', () => clearTimeout(connectTimer));
      socket.once('close', () => clearTimeout(connectTimer));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      fail(e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' ? 'connect' : 'reset', `${backend.name}: ${e.code ?? e.message}`);
    });
    req.on('response', (res) => {
      const abort = () => {
        res.destroy();
        req?.destroy();
      };
      const onData = (chunk: Buffer) => {
        res.off('data', onData);
        res.off('end', onEnd);
        res.pause();
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ res, first: chunk, ended: false, firstByteAt: performance.now(), abort });
      };
      const onEnd = () => {
        res.off('data', onData);
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ res, first: undefined, ended: true, firstByteAt: performance.now(), abort });
      };
      res.on('data', onData);
      res.on('end', onEnd);
      res.on('error', () => fail('reset', `${backend.name}: the answer broke off before its first byte`));
    });
    req.end(body);
  });
  return Object.assign(promise, { cancel: () => req?.destroy() });
}

function closeIdle(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}

/** Creates and updates backends across reloads, and runs their health checks. */
export class BackendPool {
  private readonly backends = new Map<string, Backend>();

  constructor(
    private readonly log: Logger,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get(name: string): Backend | undefined {
    return this.backends.get(name);
  }

  all(): Backend[] {
    return [...this.backends.values()];
  }

  /** Builds the backends of a new config, keeping agents and health of those whose URL did not change. Throws on a missing key. */
  prepare(configs: Record<string, BackendConfig>): Map<string, Backend> {
    const next = new Map<string, Backend>();
    for (const [name, config] of Object.entries(configs)) {
      const apiKey = config.apiKeyEnv ? this.env[config.apiKeyEnv] : undefined;
      if (config.apiKeyEnv && !apiKey) throw new Error(`backends.${name}.apiKeyEnv: the environment variable ${config.apiKeyEnv} is not set`);
      const old = this.backends.get(name);
      const url = new URL(config.url);
      const same = old && old.url.href === url.href;
      const transport = url.protocol === 'https:' ? https : http;
      next.set(name, {
        name,
        config,
        url,
        basePath: url.pathname.replace(/\/+$/, ''),
        agent: same ? old.agent : new transport.Agent({ keepAlive: true, scheduling: 'lifo', keepAliveMsecs: 10_000 }),
        transport,
        authorization: apiKey ? `Bearer ${apiKey}` : undefined,
        apiKey,
        connectMs: durationMs(config.timeouts.connect),
        firstByteMs: durationMs(config.timeouts.firstByte),
        totalMs: durationMs(config.timeouts.total),
        retries: config.retries,
        consecutiveFailures: same ? old.consecutiveFailures : 0,
        ejectedUntil: same ? old.ejectedUntil : 0,
        healthy: same ? old.healthy : true,
        load: same ? old.load : { inFlight: 0 },
        healthTimer: undefined,
      });
    }
    return next;
  }

  /** Makes `next` (from {@link prepare}) the live set; backends dropped or replaced close once idle. */
  commit(next: Map<string, Backend>): void {
    for (const [name, old] of this.backends) {
      if (old.healthTimer) clearInterval(old.healthTimer);
      const kept = next.get(name);
      // Streams on a replaced backend may run for minutes: close only its idle connections, now and later.
      if (!kept || kept.agent !== old.agent) {
        closeIdle(old.agent);
        setTimeout(() => closeIdle(old.agent), 60_000).unref();
      }
    }
    this.backends.clear();
    for (const [name, b] of next) {
      this.backends.set(name, b);
      this.startHealthCheck(b);
    }
  }

  private startHealthCheck(b: Backend): void {
    const hc = b.config.healthCheck;
    if (!hc) return;
    const timeout = durationMs(hc.timeout);
    const check = () => {
      const req = b.transport.request(
        {
          protocol: b.url.protocol,
          hostname: b.url.hostname,
          port: b.url.port,
          path: b.basePath + hc.path,
          method: 'GET',
          agent: b.agent,
          timeout,
          headers: b.authorization ? { authorization: b.authorization } : {},
        },
        (res) => {
          res.resume();
          this.setHealth(b, (res.statusCode ?? 500) < 400);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => this.setHealth(b, false));
      req.end();
    };
    b.healthTimer = setInterval(check, durationMs(hc.interval));
    b.healthTimer.unref();
    check();
  }

  private setHealth(b: Backend, healthy: boolean): void {
    if (b.healthy !== healthy) this.log.warn(`gateway: backend ${b.name} is now ${healthy ? 'healthy' : 'unhealthy'} (health check)`);
    b.healthy = healthy;
  }

  /** Stops health checks and closes every connection. */
  close(): void {
    for (const b of this.backends.values()) {
      if (b.healthTimer) clearInterval(b.healthTimer);
      b.agent.destroy();
    }
  }
}
