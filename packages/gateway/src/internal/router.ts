import type { IncomingHttpHeaders } from 'node:http';
import type { RouteConfig } from './config.js';

/** Basis points: weights add up to this. */
export const BUCKETS = 10_000;

/**
 * The sticky bucket of `key` in `experiment`, 0..9999: FNV-1a over both strings, then a
 * murmur3-style finaliser so nearby keys (user-1, user-2) spread over the whole range.
 */
export function bucketOf(experiment: string, key: string): number {
  let h = 0x811c9dc5;
  const text = `${experiment}\u0000${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % BUCKETS;
}

/** One slice of the bucket range [from, to) owned by a backend. */
interface Slice {
  backend: string;
  from: number;
  to: number;
}

/**
 * A route ready for the hot path. The first-listed backend (by convention the stable one) owns
 * the middle of the bucket range; the second-listed grows from bucket 0 upwards and the third from
 * 9999 downwards (any further ones follow the second). Raising one of those while lowering stable
 * only grows its slice into stable's, so users move onto it and never back, and nobody else moves.
 */
export interface CompiledRoute {
  config: RouteConfig;
  name: string;
  slices: Slice[];
  rules: { header: string; test: (value: string) => boolean; variant: string }[];
  stickyKeys: ({ kind: 'header'; header: string } | { kind: 'api-key' } | { kind: 'client-address' })[];
  models: Set<string> | undefined;
}

export function compileRoute(route: RouteConfig): CompiledRoute {
  const entries = Object.entries(route.weights);
  const [stable, low, high, ...rest] = entries;
  const slices: Slice[] = [];
  let bottom = 0;
  for (const [backend, weight] of [low, ...rest].filter((e): e is [string, number] => e !== undefined)) {
    slices.push({ backend, from: bottom, to: bottom + weight });
    bottom += weight;
  }
  const top = BUCKETS - (high?.[1] ?? 0);
  if (high) slices.push({ backend: high[0], from: top, to: BUCKETS });
  if (stable) slices.push({ backend: stable[0], from: bottom, to: top });
  return {
    config: route,
    name: route.name,
    slices: slices.filter((s) => s.to > s.from),
    rules: route.rules.map((r) => {
      const re = r.matches === undefined ? undefined : new RegExp(r.matches);
      const equals = r.equals;
      return { header: r.header, variant: r.variant, test: re ? (v: string) => re.test(v) : (v: string) => v === equals };
    }),
    stickyKeys: route.sticky.map((k) =>
      k === 'api-key'
        ? { kind: 'api-key' as const }
        : k === 'client-address'
          ? { kind: 'client-address' as const }
          : { kind: 'header' as const, header: k.slice(7) },
    ),
    models: route.models ? new Set(route.models) : undefined,
  };
}

/** The backend that owns `bucket`. */
export function backendForBucket(route: CompiledRoute, bucket: number): string {
  for (const s of route.slices) if (bucket >= s.from && bucket < s.to) return s.backend;
  return route.slices[route.slices.length - 1]?.backend ?? '';
}

/** How a request was assigned, for headers, logs and stats. */
export type AssignReason = 'override' | 'rule' | 'sticky' | 'random';

/** The sticky key of a request, or undefined when none of the configured sources is present. */
export function stickyKeyOf(route: CompiledRoute, headers: IncomingHttpHeaders, clientAddress: string | undefined): string | undefined {
  for (const k of route.stickyKeys) {
    if (k.kind === 'header') {
      const v = headers[k.header];
      if (typeof v === 'string' && v !== '') return `h:${v}`;
    } else if (k.kind === 'api-key') {
      const v = headers.authorization;
      if (typeof v === 'string' && v !== '') return `k:${v}`;
    } else if (clientAddress) {
      return `a:${clientAddress}`;
    }
  }
  return undefined;
}

/**
 * Picks the variant for one request: the override header (a known backend), then the first
 * matching rule, then the sticky bucket (or a random one without a key).
 */
export function assign(
  route: CompiledRoute,
  headers: IncomingHttpHeaders,
  clientAddress: string | undefined,
  overrideHeader: string,
  known: ReadonlyMap<string, unknown>,
): { variant: string; reason: AssignReason } {
  const override = headers[overrideHeader];
  if (typeof override === 'string' && known.has(override)) return { variant: override, reason: 'override' };
  for (const rule of route.rules) {
    const v = headers[rule.header];
    if (typeof v === 'string' && rule.test(v)) return { variant: rule.variant, reason: 'rule' };
  }
  const key = stickyKeyOf(route, headers, clientAddress);
  if (key === undefined) return { variant: backendForBucket(route, Math.floor(Math.random() * BUCKETS)), reason: 'random' };
  return { variant: backendForBucket(route, bucketOf(route.name, key)), reason: 'sticky' };
}

/** The first route that serves `model` (a route without `models` serves all). */
export function routeFor(routes: readonly CompiledRoute[], model: string | undefined): CompiledRoute | undefined {
  for (const r of routes) if (!r.models || (model !== undefined && r.models.has(model))) return r;
  return undefined;
}
