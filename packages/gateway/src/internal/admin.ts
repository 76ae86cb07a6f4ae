import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '@slipway/kit';
import { durationMs, type GatewayConfig } from './config.js';
import { bearer, secretMatches } from './state.js';

/** One applied or refused change, with who asked for it. */
export interface ChangeRecord {
  at: string;
  actor: string;
  remote: string;
  action: 'set-weights' | 'replace-config' | 'file-reload' | 'start';
  applied: boolean;
  /** The config version after the change (unchanged when refused). */
  version: number;
  summary: string;
}

/** What the admin API drives. */
export interface AdminTarget {
  config(): GatewayConfig;
  version(): number;
  /** Validates `next` completely, then swaps it in; throws a ConfigError (nothing applied) when it is bad. */
  apply(next: unknown, source: string, actor: { actor: string; remote: string }, action: ChangeRecord['action']): Promise<ChangeRecord>;
  applyText(text: string, source: string, actor: { actor: string; remote: string }, action: ChangeRecord['action']): Promise<ChangeRecord>;
  routes(): unknown;
  stats(windowMs: number, recent: number, exclude: readonly string[]): unknown;
  shadow(windowMs: number, limit: number): unknown;
  /** The sampled request log's newest entries (see request-log.ts). */
  requests(windowMs: number, limit: number): unknown;
  changes(): ChangeRecord[];
  metrics(): string;
  draining(): boolean;
  adminToken: Buffer[] | undefined;
  maxBodyBytes: number;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function problem(res: ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}): void {
  json(res, status, { error: message, ...extra });
}

function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Who asked: a short, printable name from `X-Slipway-Actor`, else "admin-token". */
function actorOf(req: IncomingMessage): { actor: string; remote: string } {
  const raw = req.headers['x-slipway-actor'];
  const actor = typeof raw === 'string' && /^[\w.@:/ -]{1,80}$/.test(raw) ? raw : 'admin-token';
  return { actor, remote: req.socket.remoteAddress ?? 'unknown' };
}

function windowOf(url: URL, fallback: string): number {
  const w = url.searchParams.get('window') ?? fallback;
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(w))
    throw new ConfigError([{ location: { file: 'window' }, message: `window=${JSON.stringify(w)}: expected a duration such as 60s or 5m` }]);
  return durationMs(w);
}

/**
 * The admin listener: `/healthz` and `/metrics` always; `/admin/*` only when a token is set, and
 * then only for requests bearing it (compared in constant time).
 */
export async function handleAdmin(target: AdminTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://admin');
  const method = req.method ?? 'GET';
  if (url.pathname === '/healthz' || url.pathname === '/readyz') {
    return json(res, target.draining() ? 503 : 200, { status: target.draining() ? 'draining' : 'ok', version: target.version() });
  }
  if (url.pathname === '/metrics' && method === 'GET') {
    const text = target.metrics();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  if (!url.pathname.startsWith('/admin/')) return problem(res, 404, `no such admin path: ${url.pathname}`);
  if (!target.adminToken) {
    req.resume();
    return problem(res, 404, 'the admin API is off: set the variable named by admin.tokenEnv (default SLIPWAY_GATEWAY_ADMIN_TOKEN) to a token');
  }
  if (!secretMatches(bearer(req.headers.authorization), target.adminToken)) {
    req.resume();
    return problem(res, 401, 'missing or wrong admin token: send Authorization: Bearer <token>');
  }
  try {
    const who = actorOf(req);
    if (url.pathname === '/admin/routes' && method === 'GET') return json(res, 200, target.routes());
    if (url.pathname === '/admin/config' && method === 'GET') return json(res, 200, { version: target.version(), config: target.config() });
    if (url.pathname === '/admin/stats' && method === 'GET') {
      const recent = Math.min(1000, Math.max(0, Number(url.searchParams.get('recent') ?? 20) || 0));
      const exclude = (url.searchParams.get('exclude') ?? '').split(',').filter((x) => x !== '');
      return json(res, 200, target.stats(windowOf(url, '60s'), recent, exclude));
    }
    if (url.pathname === '/admin/shadow' && method === 'GET') {
      const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      return json(res, 200, target.shadow(windowOf(url, '5m'), limit));
    }
    if (url.pathname === '/admin/requests' && method === 'GET') {
      const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
      return json(res, 200, target.requests(windowOf(url, '1h'), limit));
    }
    if (url.pathname === '/admin/changes' && method === 'GET') return json(res, 200, { changes: target.changes() });
    const weights = /^\/admin\/routes\/([^/]+)\/weights$/.exec(url.pathname);
    if (weights && (method === 'PUT' || method === 'POST')) {
      const text = await readBody(req, target.maxBodyBytes);
      if (text === undefined) return problem(res, 413, 'body too large');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return problem(res, 400, 'the body must be JSON: {"weights": {"stable": 9000, "canary": 1000}}');
      }
      const wanted = (body as { weights?: unknown } | null)?.weights;
      if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted))
        return problem(res, 400, 'the body must be JSON: {"weights": {"stable": 9000, "canary": 1000}}');
      const name = decodeURIComponent(weights[1] ?? '');
      const config = structuredClone(target.config());
      const route = config.routes.find((r) => r.name === name);
      if (!route) return problem(res, 404, `no route named ${JSON.stringify(name)}; routes: ${config.routes.map((r) => r.name).join(', ')}`);
      // Keep the order the route already has: the bucket layout (and so every sticky user) depends on it.
      const merged: Record<string, unknown> = {};
      for (const k of Object.keys(route.weights)) merged[k] = k in wanted ? (wanted as Record<string, unknown>)[k] : 0;
      for (const [k, v] of Object.entries(wanted)) if (!(k in merged)) merged[k] = v;
      (route as { weights: unknown }).weights = merged;
      const change = await target.apply(config, 'PUT /admin/routes/weights', who, 'set-weights');
      return json(res, 200, { version: change.version, route: name, weights: merged, change });
    }
    if (url.pathname === '/admin/config' && (method === 'PUT' || method === 'POST')) {
      const text = await readBody(req, target.maxBodyBytes);
      if (text === undefined) return problem(res, 413, 'body too large');
      const change = await target.applyText(text, 'PUT /admin/config', who, 'replace-config');
      return json(res, 200, { version: change.version, change });
    }
    return problem(res, 404, `no such admin endpoint: ${method} ${url.pathname}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      return problem(res, 400, `refused, the running configuration is unchanged: ${error.message}`, {
        problems: error.problems.map((p) => ({ ...p.location, message: p.message })),
      });
    }
    return problem(res, 500, `admin request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
