import type { IncomingMessage } from 'node:http';
import { bodyFor, errorClass, headersFor, type Parsed, upstreamPath } from './forwarding.js';
import { JsonObserver, type Observation, SseObserver } from './observe.js';
import type { ProxyContext } from './proxy.js';
import type { GatewayState } from './state.js';
import { AttemptError, attempt, type Backend } from './upstream.js';

let inFlight = 0;

/** Mirrored requests in flight now. */
export function shadowsInFlight(): number {
  return inFlight;
}

/** Mirrors a request to the shadow backend; its answer is recorded and thrown away, never shown to the client. */
export function shadow(
  ctx: ProxyContext,
  state: GatewayState,
  target: Backend,
  req: IncomingMessage,
  url: string,
  body: Buffer | undefined,
  parsed: Parsed,
  id: string,
  pairId: string,
  route: string,
  captureText: boolean,
): void {
  inFlight++;
  const started = performance.now();
  const outBody = bodyFor(target, body, parsed);
  const done = (status: number, error: string | undefined, obs: Observation | undefined) => {
    inFlight--;
    const ok = error === undefined;
    ctx.metrics.inc('slipway_gateway_shadow_requests_total', `${target.name}|${ok}`, () => ({ slipway_backend: target.name, outcome: ok ? 'ok' : 'error' }));
    ctx.stats.recordPair(pairId, route, 'shadow', {
      variant: target.name,
      status,
      ok,
      ...(error !== undefined ? { error } : {}),
      latencyMs: performance.now() - started,
      outputTokens: obs?.outputTokens ?? (parsed.stream ? (obs?.contentChunks ?? 0) : 0),
      ...(obs?.text !== undefined ? { text: obs.text } : {}),
    });
  };
  attempt(target, req.method ?? 'POST', upstreamPath(target, url), headersFor(state, target, req, outBody, `${id}-shadow`, pairId), outBody).then(
    (answer) => {
      const up = answer.res;
      const status = up.statusCode ?? 502;
      const observer = parsed.stream && status === 200 ? new SseObserver(captureText) : new JsonObserver(captureText);
      if (answer.first) observer.chunk(answer.first);
      const end = () => {
        if (observer instanceof JsonObserver) observer.end();
        let error = errorClass(status);
        if (error === undefined && observer instanceof SseObserver)
          error = observer.obs.errorEvent ? 'stream_error' : observer.obs.done ? undefined : 'stream_cut';
        done(status, error, observer.obs);
      };
      if (answer.ended || up.readableEnded) return end();
      up.on('data', (c: Buffer) => observer.chunk(c));
      up.once('end', end);
      up.once('close', () => {
        if (!up.complete) done(status, 'stream_cut', observer.obs);
      });
      up.resume();
    },
    (error: unknown) => done(502, error instanceof AttemptError ? error.kind : 'reset', undefined),
  );
}
