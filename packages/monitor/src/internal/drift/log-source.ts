import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GatewayAdminClient } from '@slipway/gateway';
import { UserError } from '@slipway/kit';
import type { LoggedExchange } from './features.js';

const DAY_MS = 86_400_000;

/**
 * Reads a JSONL file of exchanges: the gateway's request log, or a fixed reference dataset whose
 * lines hold at least a `prompt` (and ideally the `output`). A bad line is named by file and line.
 */
export async function readExchanges(file: string, cwd: string): Promise<LoggedExchange[]> {
  const full = path.resolve(cwd, file);
  const text = await readFile(full, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, {
      hint: 'point drift.requestLog or drift.reference at a JSONL file (one JSON object a line)',
    });
  });
  const out: LoggedExchange[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UserError(`${file}:${i + 1}: not valid JSON`, { location: { file, line: i + 1 }, hint: 'each line must be one JSON object' });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new UserError(`${file}:${i + 1}: expected a JSON object with prompt/output fields`, { location: { file, line: i + 1 } });
    const e = value as Record<string, unknown>;
    if (e.requestLog === true && typeof e.time !== 'string') return;
    out.push({
      time: typeof e.time === 'string' ? e.time : new Date(0).toISOString(),
      ...(typeof e.prompt === 'string' ? { prompt: e.prompt } : {}),
      ...(typeof e.output === 'string' ? { output: e.output } : {}),
      ...(typeof e.promptChars === 'number' ? { promptChars: e.promptChars } : {}),
      ...(typeof e.outputChars === 'number' ? { outputChars: e.outputChars } : {}),
      ...(typeof e.inputTokens === 'number' ? { inputTokens: e.inputTokens } : {}),
      ...(typeof e.outputTokens === 'number' ? { outputTokens: e.outputTokens } : {}),
      ...(typeof e.ok === 'boolean' ? { ok: e.ok } : {}),
      ...(typeof e.variant === 'string' ? { variant: e.variant } : {}),
    });
  });
  return out;
}

export interface ExchangeSets {
  reference: LoggedExchange[];
  current: LoggedExchange[];
  /** Where each came from, for the report. */
  describe: { reference: string; current: string };
}

/**
 * The two samples drift compares. Current: the log's last `windowMs`. Reference: a fixed dataset,
 * or `first-day`: the first 24 h of the log after `since` (when the live release went live).
 * Failed requests are left out: their answers are error bodies, not model output.
 */
export async function exchangeSets(o: {
  requestLog: string;
  reference: string;
  windowMs: number;
  cwd: string;
  gateway?: GatewayAdminClient | undefined;
  since?: number | undefined;
  now?: number;
}): Promise<ExchangeSets> {
  const now = o.now ?? Date.now();
  let log: LoggedExchange[];
  if (o.requestLog === 'gateway') {
    if (!o.gateway)
      throw new UserError('drift.requestLog is gateway, but no gateway admin URL is set', { hint: 'set gateway-admin-url or deploy.gateway.adminUrl' });
    const answer = await o.gateway.requests(Math.max(o.windowMs, DAY_MS * 7) / 1000, 10_000);
    if (!answer.enabled)
      throw new UserError('the gateway has no request log', {
        hint: 'add requestLog: { sampleRate: 0.05 } to gateway.yml so monitor can see prompts and answers',
      });
    log = answer.entries;
  } else log = await readExchanges(o.requestLog, o.cwd);
  log = log.filter((e) => e.ok !== false);
  const current = log.filter((e) => Date.parse(e.time) >= now - o.windowMs);
  let reference: LoggedExchange[];
  let describe: string;
  if (o.reference === 'first-day') {
    const start = o.since ?? Math.min(...log.map((e) => Date.parse(e.time)));
    // The reference ends where the current window starts, so no exchange is on both sides.
    const end = Math.min(start + DAY_MS, now - o.windowMs);
    reference = log.filter((e) => {
      const t = Date.parse(e.time);
      return t >= start && t < end;
    });
    describe = `first day of the log from ${Number.isFinite(start) ? new Date(start).toISOString() : 'its start'}`;
  } else {
    reference = await readExchanges(o.reference, o.cwd);
    describe = o.reference;
  }
  return {
    reference,
    current,
    describe: { reference: describe, current: `${o.requestLog === 'gateway' ? 'gateway request log' : o.requestLog}, last ${Math.round(o.windowMs / 1000)} s` },
  };
}
