#!/usr/bin/env node
// Serves the example model over the OpenAI chat-completions protocol, using only Node built-ins.
//
//   node scripts/serve.mjs --model model --port 8080 [--host 127.0.0.1] [--latency-ms 0]
//                          [--error-rate 0] [--seed 1] [--model-name support-bot]
//
// Routes: POST /v1/chat/completions (plain or `stream: true` SSE), GET /v1/models,
// GET /v1/models/{id}, GET /health, GET /metrics (Prometheus text format).
// Fault knobs, for exercising canaries, monitors and retries: --latency-ms delays every reply,
// --error-rate answers that share of completions with HTTP 500. The request headers
// x-slipway-latency-ms and x-slipway-error-rate override them for one request.
// Prints `listening on http://HOST:PORT` once ready; --port 0 picks a free port.

import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lastUserMessage } from '../src/data.mjs';
import { answer, loadModel } from '../src/model.mjs';
import { chunks, completion, completionBase, errorBody, parseChatRequest, RequestError, truncateTokens, usageOf } from '../src/openai.mjs';
import { createRng } from '../src/prng.mjs';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LATENCY_MS = 120_000;
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * @typedef {object} Knobs
 * @property {number} latencyMs
 * @property {number} errorRate
 */

/**
 * Parses a knob value from the command line or a header; out of range is a usage error.
 * @param {string} name
 * @param {string} raw
 * @param {number} max
 * @returns {number}
 */
function knob(name, raw, max) {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > max)
    throw new RequestError(400, `Invalid ${name}: expected a number from 0 to ${max}.`, 'invalid_value', name);
  return value;
}

/**
 * The knobs for one request: server defaults, overridden by x-slipway-* headers.
 * @param {import('node:http').IncomingMessage} req
 * @param {Knobs} defaults
 * @returns {Knobs}
 */
function requestKnobs(req, defaults) {
  const latency = req.headers['x-slipway-latency-ms'];
  const rate = req.headers['x-slipway-error-rate'];
  return {
    latencyMs: typeof latency === 'string' ? knob('x-slipway-latency-ms', latency, MAX_LATENCY_MS) : defaults.latencyMs,
    errorRate: typeof rate === 'string' ? knob('x-slipway-error-rate', rate, 1) : defaults.errorRate,
  };
}

/**
 * Reads a request body, refusing more than MAX_BODY_BYTES.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const parts = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, `Request body larger than ${MAX_BODY_BYTES} bytes.`, 'request_too_large');
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Builds the request handler around a loaded model.
 * @param {import('../src/model.mjs').Model} model
 * @param {{ name: string, knobs: Knobs, seed: number }} options
 */
function createHandler(model, options) {
  const rng = createRng(options.seed);
  const started = Math.floor(Date.now() / 1000);
  const fingerprint = model.config.fingerprint;
  /** @type {Map<string, { count: number, seconds: number }>} */
  const stats = new Map();
  const info = { id: options.name, object: 'model', created: started, owned_by: 'slipway-example' };

  /** Prometheus exposition: requests and their total duration, by route and status. */
  const metrics = () => {
    const rows = [...stats].sort(([a], [b]) => (a < b ? -1 : 1));
    return [
      '# HELP slipway_requests_total HTTP requests by route and status.',
      '# TYPE slipway_requests_total counter',
      ...rows.map(([labels, s]) => `slipway_requests_total{${labels}} ${s.count}`),
      '# HELP slipway_request_seconds_total Time spent answering requests, injected latency included.',
      '# TYPE slipway_request_seconds_total counter',
      ...rows.map(([labels, s]) => `slipway_request_seconds_total{${labels}} ${s.seconds.toFixed(6)}`),
      '',
    ].join('\n');
  };

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function chat(req, res) {
    const knobs = requestKnobs(req, options.knobs);
    const text = await readBody(req);
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RequestError(400, 'We could not parse the JSON body of your request. The request body must be valid JSON.', 'invalid_json');
    }
    const request = parseChatRequest(body);
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
    // The draw happens for every completion so that, for a given seed, the n-th request fails
    // or not regardless of the rates used before it.
    if (rng() < knobs.errorRate) throw new RequestError(500, `Injected failure (error rate ${knobs.errorRate}).`, 'injected_error');
    const reply = answer(model, lastUserMessage(request.messages) ?? '');
    const { text: content, truncated } =
      request.maxTokens === undefined ? { text: reply.text, truncated: false } : truncateTokens(reply.text, request.maxTokens);
    const finish = truncated ? 'length' : 'stop';
    const usage = usageOf(request.messages, content);
    const base = completionBase(options.name, fingerprint);
    res.setHeader('x-slipway-intent', reply.intent);
    if (!request.stream) return sendJson(res, 200, completion(base, content, finish, usage));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const chunk of chunks(base, content, finish, request.includeUsage ? usage : undefined)) {
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   */
  async function route(req, res, path) {
    const method = req.method ?? 'GET';
    /** @param {string} allowed */
    const only = (allowed) => {
      if (method !== allowed) throw new RequestError(405, `Method ${method} not allowed on ${path}; use ${allowed}.`, 'method_not_allowed');
    };
    if (path === '/v1/chat/completions') {
      only('POST');
      return chat(req, res);
    }
    if (path === '/v1/models') {
      only('GET');
      sendJson(res, 200, { object: 'list', data: [info] });
      return;
    }
    if (path.startsWith('/v1/models/')) {
      only('GET');
      const id = path.slice('/v1/models/'.length);
      if (id !== options.name) throw new RequestError(404, `The model '${id}' does not exist.`, 'model_not_found', 'model');
      sendJson(res, 200, info);
      return;
    }
    if (path === '/health') {
      only('GET');
      sendJson(res, 200, { status: 'ok', model: options.name, fingerprint, data_md5: model.config.data_md5 ?? null });
      return;
    }
    if (path === '/metrics') {
      only('GET');
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(metrics());
      return;
    }
    throw new RequestError(404, `Unknown request URL: ${method} ${path}.`, 'unknown_url');
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return async (req, res) => {
    const t0 = process.hrtime.bigint();
    let path = '/';
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
      await route(req, res, path);
    } catch (err) {
      const status = err instanceof RequestError ? err.status : 500;
      const body = err instanceof RequestError ? err.body : errorBody('The server had an error while processing your request.', 'server_error', null);
      if (!(err instanceof RequestError)) console.error(err);
      if (!res.headersSent) sendJson(res, status, body);
      else res.destroy();
    }
    const known = ['/v1/chat/completions', '/v1/models', '/health', '/metrics'].includes(path);
    const labels = `route="${known ? path : path.startsWith('/v1/models/') ? '/v1/models/{id}' : 'other'}",status="${res.statusCode}"`;
    const entry = stats.get(labels) ?? { count: 0, seconds: 0 };
    entry.count += 1;
    entry.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    stats.set(labels, entry);
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'model' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'latency-ms': { type: 'string', default: '0' },
      'error-rate': { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      'model-name': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer from 0 to 65535');
  const knobs = {
    latencyMs: knob('--latency-ms', String(values['latency-ms']), MAX_LATENCY_MS),
    errorRate: knob('--error-rate', String(values['error-rate']), 1),
  };
  const model = loadModel(resolve(String(values.model)));
  const name = values['model-name'] ?? model.config.name;
  const server = createServer();
  const host = String(values.host);
  // Stop taking connections, let in-flight requests finish, then exit. Keep-alive connections
  // would hold server.close() open, so every reply from now on says `connection: close`, and
  // connections that go idle are closed. A stuck client cannot hold the process beyond the grace.
  /** @type {Set<import('node:http').ServerResponse>} */
  const active = new Set();
  let closing = false;
  server.on('request', (_req, res) => {
    active.add(res);
    if (closing) res.setHeader('connection', 'close');
    res.on('close', () => {
      active.delete(res);
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  // Registered after the tracker above, so the tracker sees each request before it is answered.
  server.on('request', createHandler(model, { name, knobs, seed: Number(values.seed) || 0 }));
  server.listen(port, host, () => {
    const address = server.address();
    const realPort = typeof address === 'object' && address !== null ? address.port : port;
    console.log(`listening on http://${host.includes(':') ? `[${host}]` : host}:${realPort}`);
  });
  server.on('error', (err) => {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  });
  const shutdown = (/** @type {string} */ signal) => {
    console.error(`serve: ${signal} received, shutting down`);
    closing = true;
    for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

try {
  main();
} catch (err) {
  console.error(`serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
