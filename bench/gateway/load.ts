import { readFileSync } from 'node:fs';
import http from 'node:http';

/** One request the generators send. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  failed: number;
  /** ms from the scheduled send time to the last byte (no coordinated omission). */
  latencies: number[];
  /** Streams: ms from the scheduled send time to the first byte of the body. */
  ttfts: number[];
  /** Streams: the longest gap between two chunks of one answer, ms. */
  maxGapMs: number;
  /** How late the generator itself sent, p99 ms: if large, the client is the limit. */
  sendLagP99: number;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

function send(agent: http.Agent, target: Target, scheduled: number, out: OpenLoopResult, record: boolean, stream: boolean): Promise<void> {
  return new Promise((resolve) => {
    const u = new URL(target.url);
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body) },
      },
      (res) => {
        let first = true;
        let last = 0;
        let gap = 0;
        let body = '';
        res.on('data', (c: Buffer) => {
          const now = performance.now();
          if (first) {
            first = false;
            if (record && stream) out.ttfts.push(now - scheduled);
          } else gap = Math.max(gap, now - last);
          last = now;
          if (stream) body += c.toString();
        });
        res.on('end', () => {
          const ok = res.statusCode === 200 && (!stream || body.includes('[DONE]'));
          if (record) {
            if (ok) {
              out.ok++;
              out.latencies.push(performance.now() - scheduled);
              out.maxGapMs = Math.max(out.maxGapMs, gap);
            } else out.failed++;
          }
          resolve();
        });
        res.on('error', () => {
          if (record) out.failed++;
          resolve();
        });
      },
    );
    req.on('error', () => {
      if (record) out.failed++;
      resolve();
    });
    req.end(target.body);
  });
}

/**
 * Sends at a fixed rate regardless of how fast answers come back (open loop), for `durationMs`
 * after `warmupMs`, and measures each latency from the moment the request was due.
 */
export async function openLoop(
  target: Target,
  options: { rate: number; durationMs: number; warmupMs?: number; stream?: boolean; during?: () => Promise<void> },
): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, scheduling: 'lifo' });
  const out: OpenLoopResult = { sent: 0, ok: 0, failed: 0, latencies: [], ttfts: [], maxGapMs: 0, sendLagP99: 0 };
  const warmup = options.warmupMs ?? 1000;
  const interval = 1000 / options.rate;
  const total = Math.floor(((warmup + options.durationMs) / 1000) * options.rate);
  const warmCount = Math.floor((warmup / 1000) * options.rate);
  const pending: Promise<void>[] = [];
  const lags: number[] = [];
  const start = performance.now() + 5;
  let i = 0;
  const during = options.during ? new Promise<void>((r) => setTimeout(r, warmup)).then(options.during) : Promise.resolve();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) {
        const scheduled = start + i * interval;
        const record = i >= warmCount;
        if (record) {
          out.sent++;
          lags.push(now - scheduled);
        }
        pending.push(send(agent, target, scheduled, out, record, options.stream === true));
        i++;
      }
      if (i >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(1, start + i * interval - performance.now())));
    };
    tick();
  });
  await Promise.all(pending);
  await during;
  agent.destroy();
  out.sendLagP99 = quantile(lags, 0.99);
  return out;
}

/** Opens `n` streams at once and waits for all of them; reports failures and the longest pause inside any stream. */
export async function concurrentStreams(target: Target, n: number): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const out: OpenLoopResult = { sent: n, ok: 0, failed: 0, latencies: [], ttfts: [], maxGapMs: 0, sendLagP99: 0 };
  const t = performance.now();
  await Promise.all(Array.from({ length: n }, () => send(agent, target, t, out, true, true)));
  agent.destroy();
  return out;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
