import type { GatewayAdminClient, RouteView } from '@slipway/gateway';
import type { RollingTarget } from '../rolling.js';

export interface GatewayRollingOptions {
  route: string;
  /** Old backend → the new backend that takes its share, in the order they are replaced. */
  backends: readonly { from: string; to: string }[];
  /** Highest error rate a new backend may show since its batch moved (default 0.05). */
  maxErrorRate?: number;
  /** Requests a new backend must have served since its batch moved before it counts as healthy (default 0). */
  minRequests?: number;
  now?: () => number;
}

/**
 * A rolling release on one gateway route served by several backends: each unit is a pair
 * (old backend, new backend), and replacing it moves the pair's whole share of the route from old
 * to new. Health comes from the gateway itself: the new backends must be healthy by its active
 * health checks, not ejected by its outlier detection, and under the error-rate limit in its stats
 * since the batch moved.
 */
export class GatewayRollingTarget implements RollingTarget {
  readonly name: string;
  private movedAt: number;
  private readonly now: () => number;

  constructor(
    private readonly client: GatewayAdminClient,
    private readonly o: GatewayRollingOptions,
  ) {
    this.name = `gateway route ${o.route}`;
    this.now = o.now ?? Date.now;
    this.movedAt = this.now();
  }

  async size(): Promise<number> {
    return this.o.backends.length;
  }

  async updated(): Promise<number> {
    const route = await this.route();
    let n = 0;
    for (const pair of this.o.backends) {
      if ((route.weights[pair.from] ?? 0) === 0 && (route.weights[pair.to] ?? 0) > 0) n++;
      else break;
    }
    return n;
  }

  async updateTo(count: number): Promise<void> {
    await this.move((i) => i < count);
    this.movedAt = this.now();
  }

  async undo(): Promise<void> {
    await this.move(() => false);
  }

  async health(): Promise<{ healthy: boolean; reason: string }> {
    const view = await this.client.routes();
    const route = this.find(view.routes);
    const live = this.o.backends.filter((p) => (route.weights[p.to] ?? 0) > 0).map((p) => p.to);
    if (live.length === 0) return { healthy: true, reason: 'no new backend takes traffic yet' };
    const down = live.filter((b) => {
      const state = view.backends[b];
      return !state || !state.healthy || state.ejected;
    });
    if (down.length) {
      const why = down.map((b) => `${b} ${view.backends[b] ? (view.backends[b]?.ejected ? 'ejected' : 'failing health checks') : 'not configured'}`);
      return { healthy: false, reason: why.join(', ') };
    }
    const windowSeconds = Math.max(0.001, (this.now() - this.movedAt) / 1000);
    const stats = await this.client.stats(windowSeconds, 0, ['override']);
    const maxErrorRate = this.o.maxErrorRate ?? 0.05;
    const minRequests = this.o.minRequests ?? 0;
    const parts: string[] = [];
    for (const b of live) {
      const v = stats.variants[b];
      const requests = v?.requests ?? 0;
      const errors = v?.errors ?? 0;
      if (requests < minRequests) return { healthy: false, reason: `${b} served ${requests} of the ${minRequests} requests needed` };
      const rate = requests ? errors / requests : 0;
      if (rate > maxErrorRate)
        return { healthy: false, reason: `${b} error rate ${(rate * 100).toFixed(1)}% (${errors}/${requests}) above ${(maxErrorRate * 100).toFixed(1)}%` };
      parts.push(`${b} ${errors}/${requests} errors`);
    }
    return { healthy: true, reason: `healthy: ${parts.join(', ')}` };
  }

  /** Gives each pair its whole share on the new backend when `onNew(i)`, else on the old one. */
  private async move(onNew: (i: number) => boolean): Promise<void> {
    const route = await this.route();
    const weights: Record<string, number> = { ...route.weights };
    this.o.backends.forEach((pair, i) => {
      const share = (weights[pair.from] ?? 0) + (weights[pair.to] ?? 0);
      weights[pair.from] = onNew(i) ? 0 : share;
      weights[pair.to] = onNew(i) ? share : 0;
    });
    await this.client.setWeights(this.o.route, weights);
  }

  private async route(): Promise<RouteView> {
    return this.find((await this.client.routes()).routes);
  }

  private find(routes: readonly RouteView[]): RouteView {
    const route = routes.find((r) => r.name === this.o.route);
    if (!route) throw new Error(`the gateway has no route "${this.o.route}" (it has: ${routes.map((r) => r.name).join(', ')})`);
    return route;
  }
}
