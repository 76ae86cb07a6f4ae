import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayConfig } from './config.js';
import { type CompiledRoute, compileRoute } from './router.js';
import type { Backend } from './upstream.js';

/**
 * Everything a request reads of the configuration, built completely before it goes live and then
 * swapped in with one assignment: a request holds the snapshot it started with to its end, so no
 * request ever sees half of a change.
 */
export interface GatewayState {
  version: number;
  config: GatewayConfig;
  routes: CompiledRoute[];
  backends: Map<string, Backend>;
  /** sha256 digests of the client keys, compared in constant time; undefined: no client keys. */
  clientKeys: Buffer[] | undefined;
  overrideHeader: string;
  maxBodyBytes: number;
}

export function buildState(config: GatewayConfig, backends: Map<string, Backend>, version: number, env: NodeJS.ProcessEnv): GatewayState {
  let clientKeys: Buffer[] | undefined;
  if (config.clientKeysEnv) {
    const keys = (env[config.clientKeysEnv] ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (keys.length === 0) throw new Error(`clientKeysEnv: the environment variable ${config.clientKeysEnv} holds no keys`);
    clientKeys = keys.map(digest);
  }
  return {
    version,
    config,
    routes: config.routes.map(compileRoute),
    backends,
    clientKeys,
    overrideHeader: config.overrideHeader,
    maxBodyBytes: config.limits.maxBodyBytes,
  };
}

export function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares a presented secret to known digests without leaking, by timing, how much of it matched. */
export function secretMatches(presented: string | undefined, known: readonly Buffer[]): boolean {
  if (presented === undefined) return false;
  const d = digest(presented);
  let ok = false;
  for (const k of known) if (timingSafeEqual(d, k)) ok = true;
  return ok;
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return m?.[1]?.trim();
}
