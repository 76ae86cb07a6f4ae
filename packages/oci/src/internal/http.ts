import http from 'node:http';
import https from 'node:https';

/** A body sent in one piece, or produced piece by piece (a layer read from disk). */
export type Body = Buffer | (() => AsyncIterable<Buffer>);

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Body;
  /** Give up on a silent connection after this long. */
  timeoutMs?: number;
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/**
 * One HTTP exchange with node's own client (no buffering of streamed bodies, keep-alive sockets).
 * Redirects are not followed here: the registry client follows them itself so it can drop credentials
 * when a blob is served from another host.
 */
export function send(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const lib = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { ...req.headers };
  if (Buffer.isBuffer(req.body)) headers['content-length'] = String(req.body.length);
  return new Promise((resolve, reject) => {
    const r = lib.request(
      url,
      { method: req.method, headers, agent: url.protocol === 'https:' ? agents.https : agents.http, timeout: req.timeoutMs ?? 120_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(Object.assign(new Error(`${req.method} ${url.origin}${url.pathname} timed out`), { code: 'ETIMEDOUT' })));
    r.on('error', reject);
    const body = req.body;
    if (body === undefined) {
      r.end();
    } else if (Buffer.isBuffer(body)) {
      r.end(body);
    } else {
      void pump(body(), r).catch((e: unknown) => r.destroy(e instanceof Error ? e : new Error(String(e))));
    }
  });
}

async function pump(source: AsyncIterable<Buffer>, r: http.ClientRequest): Promise<void> {
  for await (const chunk of source) {
    if (!r.write(chunk))
      await new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        r.once('drain', () => {
          r.off('error', onError);
          resolve();
        });
        r.once('error', onError);
      });
  }
  r.end();
}

/** A header's single value (node gives arrays for repeated ones). */
export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** A GET whose body is handed over as a stream (a base layer copied between registries). */
export function openStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: http.IncomingMessage }> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = lib.request(u, { method: 'GET', headers, agent: u.protocol === 'https:' ? agents.https : agents.http, timeout: 120_000 }, (res) =>
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
    );
    r.on('timeout', () => r.destroy(Object.assign(new Error(`GET ${u.origin}${u.pathname} timed out`), { code: 'ETIMEDOUT' })));
    r.on('error', reject);
    r.end();
  });
}
