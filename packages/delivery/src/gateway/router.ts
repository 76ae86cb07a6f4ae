import type { GatewayAdminClient } from '@slipway/gateway';
import type { TrafficRouter } from '../router.js';

export interface GatewayRouterOptions {
  /** The gateway route whose weights move. */
  route: string;
  stable?: string;
  canary?: string;
}

/** Moves traffic through our gateway's admin API: weights in basis points on one route. */
export class GatewayRouter implements TrafficRouter {
  readonly name = 'gateway';
  private readonly stable: string;
  private readonly canary: string;

  constructor(
    private readonly client: GatewayAdminClient,
    private readonly options: GatewayRouterOptions,
  ) {
    this.stable = options.stable ?? 'stable';
    this.canary = options.canary ?? 'canary';
  }

  async canaryWeight(): Promise<number> {
    const view = await this.client.routes();
    const route = view.routes.find((r) => r.name === this.options.route);
    if (!route) throw new Error(`the gateway has no route "${this.options.route}" (it has: ${view.routes.map((r) => r.name).join(', ')})`);
    return (route.weights[this.canary] ?? 0) / 100;
  }

  async setCanaryWeight(percent: number): Promise<void> {
    const bp = Math.round(percent * 100);
    await this.client.setWeights(this.options.route, { [this.stable]: 10_000 - bp, [this.canary]: bp });
  }

  async promote(): Promise<void> {
    await this.client.setWeights(this.options.route, { [this.stable]: 0, [this.canary]: 10_000 });
  }

  async rollback(): Promise<void> {
    await this.client.setWeights(this.options.route, { [this.stable]: 10_000, [this.canary]: 0 });
  }
}
