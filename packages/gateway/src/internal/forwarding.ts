import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { GatewayState } from './state.js';
import type { Backend } from './upstream.js';

/** Headers that describe one connection, never forwarded (RFC 9110 §7.6.1). */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export const OPERATIONS: Record<string, string> = {
  '/v1/chat/completions': 'chat',
  '/v1/completions': 'text_completion',
  '/v1/embeddings': 'embeddings',
  '/v1/models': 'models',
};

/** An OpenAI-style error envelope, so clients' error handling works unchanged. */
export function sendError(res: ServerResponse, status: number, type: string, message: string, extra: OutgoingHttpHeaders = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, type, param: null, code: type } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

export function errorClass(status: number): string | undefined {
  if (status < 400) return undefined;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'upstream_5xx';
  return 'upstream_4xx';
}

export function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export interface Parsed {
  json: Record<string, unknown> | undefined;
  model: string | undefined;
  stream: boolean;
}

export function parseBody(body: Buffer | undefined, operation: string): Parsed {
  if (!body || operation === 'other' || operation === 'models') return { json: undefined, model: undefined, stream: false };
  try {
    const json = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { json: undefined, model: undefined, stream: false };
    const o = json as Record<string, unknown>;
    return { json: o, model: typeof o.model === 'string' ? o.model : undefined, stream: o.stream === true };
  } catch {
    // Not JSON: the backend will say so in its own words.
    return { json: undefined, model: undefined, stream: false };
  }
}

export function upstreamPath(backend: Backend, clientPath: string): string {
  // Clients call /v1/…; the backend's base URL already ends in its own /v1 (or another prefix).
  return clientPath.startsWith('/v1/') || clientPath === '/v1' ? backend.basePath + clientPath.slice(3) : backend.basePath + clientPath;
}

export function bodyFor(backend: Backend, body: Buffer | undefined, parsed: Parsed): Buffer | undefined {
  const mapped = parsed.model !== undefined ? backend.config.models?.[parsed.model] : undefined;
  if (mapped === undefined || !parsed.json) return body;
  return Buffer.from(JSON.stringify({ ...parsed.json, model: mapped }));
}

export function headersFor(
  state: GatewayState,
  backend: Backend,
  req: IncomingMessage,
  body: Buffer | undefined,
  id: string,
  pairId: string | undefined,
  traceparent?: string,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = (raw[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(k) || k === 'host' || k === 'content-length' || k === state.overrideHeader) continue;
    if (k === 'authorization' && (backend.authorization !== undefined || state.clientKeys !== undefined)) continue;
    const v = raw[i + 1] as string;
    const prev = out[k];
    out[k] = prev === undefined ? v : `${String(prev)}, ${v}`;
  }
  out.host = backend.url.host;
  if (backend.authorization) out.authorization = backend.authorization;
  if (body) out['content-length'] = body.length;
  out['x-request-id'] ??= id;
  if (pairId) out['x-slipway-pair-id'] = pairId;
  if (traceparent) out.traceparent = traceparent;
  return out;
}

export function responseHeaders(up: IncomingMessage, extra: Record<string, string>, draining: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const raw = up.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = (raw[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(k)) continue;
    const v = raw[i + 1] as string;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [String(prev), v];
  }
  Object.assign(out, extra);
  if (draining) out.connection = 'close';
  return out;
}
