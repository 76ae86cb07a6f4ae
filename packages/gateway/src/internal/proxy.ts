import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyFor, errorClass, headersFor, OPERATIONS, parseBody, responseHeaders, retryableStatus, sendError, upstreamPath } from './forwarding.js';
import type { Metrics } from './metrics.js';
import { JsonObserver, type Observation, SseObserver } from './observe.js';
import { record } from './record.js';
import type { RequestLog } from './request-log.js';
import { assign, routeFor } from './router.js';
import { shadow, shadowsInFlight } from './shadow.js';
import { bearer, type GatewayState, secretMatches } from './state.js';
import type { StatsStore } from './stats.js';
import type { OtlpTracer } from './tracing.js';
import { type Answer, AttemptError, attempt, type Backend } from './upstream.js';

/** What the proxy needs from the gateway around it. */
export interface ProxyContext {
  state(): GatewayState;
  metrics: Metrics;
  stats: StatsStore;
  accessLog: ((line: string) => void) | undefined;
  /** The sampled request log (prompts and answers, redacted), when `requestLog` is configured. */
  requestLog: RequestLog | undefined;
  draining(): boolean;
  ejectAfter: number;
  ejectForMs: number;
  onEject(backend: Backend): void;
  /** Limits mirrored requests in flight, so shadows never starve the primary traffic. */
  maxShadowInFlight: number;
  tracer: OtlpTracer | undefined;
}

function available(b: Backend | undefined, now: number): b is Backend {
  return b?.healthy === true && b.ejectedUntil <= now;
}

/** Serves one client request: authenticate, read, route, forward with retries and fallback, pass the answer through, record. */
export function handleRequest(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  const state = ctx.state();
  const id = randomUUID();

  if (state.clientKeys && !secretMatches(bearer(req.headers.authorization), state.clientKeys)) {
    req.resume();
    sendError(res, 401, 'invalid_api_key', 'gateway: missing or unknown client key; send Authorization: Bearer <key>');
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > state.maxBodyBytes) {
    req.resume();
    sendError(res, 413, 'request_too_large', `gateway: request body of ${declared} bytes is over the limit of ${state.maxBodyBytes}`, { connection: 'close' });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (c: Buffer) => {
    if (tooLarge) return;
    size += c.length;
    if (size > state.maxBodyBytes) {
      tooLarge = true;
      sendError(res, 413, 'request_too_large', `gateway: request body is over the limit of ${state.maxBodyBytes} bytes`, { connection: 'close' });
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (tooLarge) return;
    const body = chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    forward(ctx, state, req, res, id, started, body);
  });
}

function forward(
  ctx: ProxyContext,
  state: GatewayState,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  started: number,
  body: Buffer | undefined,
): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const operation = OPERATIONS[path] ?? 'other';
  const parsed = parseBody(body, operation);
  const route = routeFor(state.routes, parsed.model) ?? state.routes[0];
  if (!route) {
    sendError(res, 404, 'not_found', `gateway: no route serves model ${JSON.stringify(parsed.model)}`);
    return;
  }
  // Read now: a socket the client has closed no longer knows its address when the access log is written.
  const clientAddress = req.socket.remoteAddress;
  const { variant, reason } = assign(route, req.headers, clientAddress, state.overrideHeader, state.backends);
  const trace = ctx.tracer?.begin(req.headers.traceparent);
  const now = Date.now();
  let backend = state.backends.get(variant) as Backend;
  let usedFallback = false;
  const fallbackOf = (b: Backend): Backend | undefined => {
    const name = route.config.fallback[b.name];
    return name === undefined ? undefined : state.backends.get(name);
  };
  // An ejected or unhealthy backend hands its traffic to its fallback, unless a human asked for it by name.
  if (!available(backend, now) && reason !== 'override') {
    const fb = fallbackOf(backend);
    if (available(fb, now)) {
      backend = fb;
      usedFallback = true;
    }
  }

  const shadowCfg = route.config.shadow;
  const pairId =
    shadowCfg &&
    operation !== 'other' &&
    operation !== 'models' &&
    shadowCfg.variant !== backend.name &&
    Math.random() < shadowCfg.sampleRate &&
    shadowsInFlight() < ctx.maxShadowInFlight
      ? randomUUID()
      : undefined;
  const logged = body !== undefined && ctx.requestLog?.sampled() === true;
  // The answer text is captured for a shadow comparison that asked for it, or for the request log.
  const captureText = (pairId !== undefined && shadowCfg?.captureText === true) || logged;

  let finished = false;
  let current: (Promise<Answer> & { cancel(): void }) | undefined;
  let upstream: Answer | undefined;
  let clientGone = false;
  let retries = 0;
  const totalTimer = setTimeout(() => {
    if (finished) return;
    current?.cancel();
    upstream?.abort();
    if (!res.headersSent) sendError(res, 504, 'timeout', `gateway: ${backend.name} did not finish within ${backend.totalMs} ms`);
    else res.destroy();
    finish(res.headersSent ? 200 : 504, 'timeout_total', undefined);
  }, backend.totalMs);
  res.on('close', () => {
    if (finished) return;
    clientGone = true;
    current?.cancel();
    upstream?.abort();
    finish(res.headersSent ? res.statusCode : 499, 'client_abort', undefined);
  });

  const fail = (b: Backend) => {
    b.consecutiveFailures++;
    if (b.consecutiveFailures >= ctx.ejectAfter && b.ejectedUntil <= Date.now()) {
      b.ejectedUntil = Date.now() + ctx.ejectForMs;
      b.consecutiveFailures = 0;
      ctx.onEject(b);
    }
  };

  const finish = (status: number, error: string | undefined, obs: Observation | undefined, countFailure = true) => {
    if (finished) return;
    finished = true;
    clearTimeout(totalTimer);
    backend.load.inFlight--;
    const latencyMs = performance.now() - started;
    const ttftMs = obs?.firstTokenAt !== undefined ? obs.firstTokenAt - started : undefined;
    const inputTokens = obs?.inputTokens ?? 0;
    const outputTokens = obs?.outputTokens ?? (parsed.stream ? (obs?.contentChunks ?? 0) : 0);
    const ok = error === undefined;
    if (ok) backend.consecutiveFailures = 0;
    else if (countFailure && error !== 'client_abort' && error !== 'upstream_4xx' && error !== 'rate_limited') fail(backend);
    record(
      ctx,
      {
        at: Date.now(),
        id,
        variant,
        backend: backend.name,
        route: route.name,
        operation,
        status,
        ok,
        ...(error !== undefined ? { error } : {}),
        latencyMs,
        ...(ttftMs !== undefined ? { ttftMs } : {}),
        inputTokens,
        outputTokens,
        stream: parsed.stream,
        assignment: reason,
      },
      backend,
      obs,
      {
        method: req.method ?? 'GET',
        path,
        clientAddress,
        model: parsed.model,
        traceId: trace?.traceId,
        reason,
        retries,
        fallback: usedFallback,
        pairId,
      },
    );
    if (trace && ctx.tracer) {
      ctx.tracer.end(trace, {
        operation,
        model: parsed.model,
        serverAddress: backend.url.hostname,
        serverPort: Number(backend.url.port || (backend.url.protocol === 'https:' ? 443 : 80)),
        status,
        error,
        inputTokens,
        outputTokens,
        ttftMs,
        variant,
        backend: backend.name,
        route: route.name,
        assignment: reason,
        stream: parsed.stream,
      });
    }
    if (logged && body) {
      ctx.requestLog?.record({
        at: Date.now(),
        id,
        route: route.name,
        variant,
        backend: backend.name,
        operation,
        ...(parsed.model !== undefined ? { model: parsed.model } : {}),
        status,
        ok,
        ...(error !== undefined ? { error } : {}),
        latencyMs,
        ...(ttftMs !== undefined ? { ttftMs } : {}),
        inputTokens,
        outputTokens,
        body: body.toString('utf8'),
        output: obs?.text,
      });
    }
    if (pairId) {
      ctx.stats.recordPair(pairId, route.name, 'primary', {
        variant: backend.name,
        status,
        ok,
        ...(error !== undefined ? { error } : {}),
        latencyMs,
        outputTokens,
        ...(obs?.text !== undefined && shadowCfg?.captureText === true ? { text: obs.text } : {}),
      });
    }
  };

  const pass = (answer: Answer) => {
    upstream = answer;
    const up = answer.res;
    const status = up.statusCode ?? 502;
    const observer = parsed.stream && status === 200 ? new SseObserver(captureText) : new JsonObserver(captureText);
    const extra: Record<string, string> = { 'x-slipway-variant': variant, 'x-slipway-backend': backend.name, 'x-slipway-request-id': id };
    if (pairId) extra['x-slipway-pair-id'] = pairId;
    const headers = responseHeaders(up, extra, ctx.draining());
    // Error bodies may quote the key we sent: never let it reach the client.
    const redactKey = status >= 400 && backend.apiKey !== undefined;
    if (redactKey) delete headers['content-length'];
    res.writeHead(status, headers);
    const write = (chunk: Buffer) => {
      // Pass the chunk on first, look at it after: the client never waits for the bookkeeping.
      const out = redactKey
        ? Buffer.from(
            chunk
              .toString('utf8')
              .split(backend.apiKey as string)
              .join('***'),
          )
        : chunk;
      if (!res.write(out)) {
        up.pause();
        res.once('drain', () => up.resume());
      }
      observer.chunk(chunk);
    };
    const end = () => {
      if (observer instanceof JsonObserver) observer.end();
      const obs = observer.obs;
      if (observer instanceof SseObserver && obs.firstTokenAt === undefined && obs.contentChunks === 0) obs.firstTokenAt = answer.firstByteAt;
      let error = errorClass(status);
      if (error === undefined && observer instanceof SseObserver) {
        if (obs.errorEvent) error = 'stream_error';
        else if (!obs.done) error = 'stream_cut';
      }
      finish(status, error, obs);
    };
    // A body that fits in its first chunk may have ended while the attempt held it paused:
    // then headers and body leave in one write.
    if (answer.ended || up.readableEnded) {
      if (answer.first) observer.chunk(answer.first);
      const out =
        answer.first && redactKey
          ? Buffer.from(
              answer.first
                .toString('utf8')
                .split(backend.apiKey as string)
                .join('***'),
            )
          : answer.first;
      res.end(out);
      end();
      return;
    }
    if (answer.first) write(answer.first);
    up.on('data', write);
    up.once('end', () => {
      res.end();
      end();
    });
    up.once('close', () => {
      if (up.complete || finished) return;
      // The backend cut the answer: cut the client's too, so it cannot mistake half an answer for a whole one.
      res.destroy();
      const obs = observer.obs;
      finish(status, observer instanceof SseObserver ? 'stream_cut' : 'upstream_reset', obs);
    });
    up.resume();
  };

  const tryOnce = () => {
    if (clientGone || finished) return;
    const outBody = bodyFor(backend, body, parsed);
    const call = attempt(
      backend,
      req.method ?? 'GET',
      upstreamPath(backend, url),
      headersFor(state, backend, req, outBody, id, pairId, trace && ctx.tracer?.header(trace)),
      outBody,
    );
    current = call;
    call.then(
      (answer) => {
        if (clientGone || finished) {
          answer.abort();
          return;
        }
        const status = answer.res.statusCode ?? 502;
        if (retryableStatus(status)) {
          if (retries < backend.retries) {
            answer.abort();
            fail(backend);
            retries++;
            ctx.metrics.inc('slipway_gateway_retries_total', backend.name, () => ({ backend: backend.name }));
            setTimeout(tryOnce, 5 + Math.random() * 20 * retries);
            return;
          }
          const fb = usedFallback ? undefined : fallbackOf(backend);
          if (status >= 500 && fb && available(fb, Date.now())) {
            answer.abort();
            fail(backend);
            switchTo(fb);
            return;
          }
        }
        pass(answer);
      },
      (error: unknown) => {
        if (clientGone || finished) return;
        const kind = error instanceof AttemptError ? error.kind : 'reset';
        fail(backend);
        if (retries < backend.retries) {
          retries++;
          ctx.metrics.inc('slipway_gateway_retries_total', backend.name, () => ({ backend: backend.name }));
          setTimeout(tryOnce, kind === 'reset' ? 0 : 5 + Math.random() * 20 * retries);
          return;
        }
        const fb = usedFallback ? undefined : fallbackOf(backend);
        if (fb && available(fb, Date.now())) {
          switchTo(fb);
          return;
        }
        const timeout = kind === 'connect_timeout' || kind === 'first_byte_timeout';
        sendError(res, timeout ? 504 : 502, kind, `gateway: backend ${backend.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        // Counted as a failure already above.
        finish(timeout ? 504 : 502, kind, undefined, false);
      },
    );
  };

  const switchTo = (fb: Backend) => {
    backend.load.inFlight--;
    backend = fb;
    backend.load.inFlight++;
    usedFallback = true;
    retries = 0;
    tryOnce();
  };

  backend.load.inFlight++;
  tryOnce();
  if (pairId && shadowCfg) {
    const target = state.backends.get(shadowCfg.variant);
    if (target) shadow(ctx, state, target, req, url, body, parsed, id, pairId, route.name, shadowCfg.captureText);
  }
}
