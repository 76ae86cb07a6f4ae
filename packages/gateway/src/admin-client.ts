import { HttpError } from '@slipway/kit';
import type { ChangeRecord } from './internal/admin.js';
import type { GatewayConfig } from './internal/config.js';
import type { RequestLogEntry } from './internal/request-log.js';
import type { StatsReport } from './internal/stats.js';

/** A route as the admin API shows it. */
export interface RouteView {
  name: string;
  weights: Record<string, number>;
  models: string[] | null;
  fallback: Record<string, string>;
  sticky: string[];
}

export interface RoutesView {
  version: number;
  routes: RouteView[];
  backends: Record<string, { url: string; healthy: boolean; ejected: boolean; ejectedUntil: string | null; inFlight: number }>;
}

/**
 * A client for a running gateway's admin API: what canary-promote uses to read routes, move
 * weights and read the stats it judges a canary on. Every call sends the admin token; errors
 * become {@link HttpError} with the gateway's reason.
 */
export class GatewayAdminClient {
  private readonly base: string;

  /** `adminUrl` is the admin listener's base URL, e.g. http://127.0.0.1:8081; `actor` is recorded with every change. */
  constructor(
    adminUrl: string,
    private readonly token: string,
    private readonly actor = 'slipway',
  ) {
    this.base = adminUrl.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'x-slipway-actor': this.actor, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      let reason = text;
      try {
        reason = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // Not JSON: keep the text.
      }
      throw new HttpError(`gateway admin ${method} ${path}: ${res.status} ${reason}`, res.status, res.headers.get('retry-after') ?? undefined);
    }
    return JSON.parse(text) as T;
  }

  /** The routes, their weights and each backend's health. */
  routes(): Promise<RoutesView> {
    return this.call('GET', '/admin/routes');
  }

  /** Sets every weight of one route (basis points adding up to 10000); backends left out get 0. */
  setWeights(
    route: string,
    weights: Record<string, number>,
  ): Promise<{ version: number; route: string; weights: Record<string, number>; change: ChangeRecord }> {
    return this.call('PUT', `/admin/routes/${encodeURIComponent(route)}/weights`, JSON.stringify({ weights }));
  }

  /**
   * Per-variant counts, error rates and latency quantiles over the last `windowSeconds`.
   * `exclude` leaves out samples by assignment, e.g. `['override']` for the weighted split alone.
   */
  stats(windowSeconds = 60, recent = 20, exclude: readonly string[] = []): Promise<StatsReport & { version: number }> {
    const skip = exclude.length ? `&exclude=${encodeURIComponent(exclude.join(','))}` : '';
    // Milliseconds, so a window that starts half a second ago does not reach back a whole second.
    return this.call('GET', `/admin/stats?window=${Math.max(1, Math.round(windowSeconds * 1000))}ms&recent=${recent}${skip}`);
  }

  /** The configuration serving now, with its version. */
  config(): Promise<{ version: number; config: GatewayConfig }> {
    return this.call('GET', '/admin/config');
  }

  /** The sampled request log's entries of the last `windowSeconds` (`enabled` is false when `requestLog` is not configured). */
  requests(windowSeconds = 3600, limit = 1000): Promise<{ enabled: boolean; entries: RequestLogEntry[] }> {
    return this.call('GET', `/admin/requests?window=${Math.max(1, Math.round(windowSeconds * 1000))}ms&limit=${limit}`);
  }

  /** Replaces the whole configuration (YAML or JSON text); refused with the reason when invalid. */
  replaceConfig(text: string): Promise<{ version: number; change: ChangeRecord }> {
    return this.call('PUT', '/admin/config', text);
  }

  /** Every configuration change since start, with who made it. */
  async changes(): Promise<ChangeRecord[]> {
    return (await this.call<{ changes: ChangeRecord[] }>('GET', '/admin/changes')).changes;
  }
}
