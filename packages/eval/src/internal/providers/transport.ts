import http from 'node:http';
import https from 'node:https';

// node:http with keep-alive rather than fetch: a suite makes thousands of small calls, and fetch's
// web streams cost several times the CPU and garbage per call (measured in bench/eval).
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

// Parsed once per endpoint: a suite calls the same few URLs thousands of times.
const urls = new Map<string, URL>();
function parsed(url: string): URL {
  let u = urls.get(url);
  if (!u) {
    u = new URL(url);
    if (urls.size < 64) urls.set(url, u);
  }
  return u;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it arrives. */
  body: AsyncIterable<Buffer>;
  text(): Promise<string>;
}

/** One HTTP request; resolves when the headers arrive. Rejects with the signal's reason when it aborts. */
export function send(url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const u = parsed(url);
    const lib = u.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = lib.request(u, { method: init.method, headers, agent: u.protocol === 'https:' ? agents.https : agents.http, signal: init.signal }, (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: res,
        text: () =>
          // Events rather than for-await: the async iterator costs a few % of a cheap call's CPU.
          new Promise<string>((done, fail) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.once('end', () => done(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8')));
            res.once('error', fail);
            res.once('close', () => {
              if (!res.complete)
                fail(init.signal?.aborted ? init.signal.reason : Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' }));
            });
          }),
      });
    });
    req.once('error', (error) => reject(init.signal?.aborted ? (init.signal.reason ?? error) : error));
    req.end(init.body);
  });
}
