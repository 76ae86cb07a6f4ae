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

  /** Confirms the old (stable) backend has no weight, then waits until the gateway has no request of it in flight. */
  async retire(drainMs: number, pollMs = 50): Promise<{ drained: boolean; detail: string }> {
    // Only when needed: every config change gives the gateway fresh backend objects whose in-flight count starts at 0.
    const route = (await this.client.routes()).routes.find((r) => r.name === this.options.route);
    if ((route?.weights[this.stable] ?? 0) !== 0 || (route?.weights[this.canary] ?? 0) !== 10_000) {
      await this.client.setWeights(this.options.route, { [this.stable]: 0, [this.canary]: 10_000 });
    }
    const until = Date.now() + drainMs;
    for (;;) {
      const inFlight = (await this.client.routes()).backends[this.stable]?.inFlight ?? 0;
      if (inFlight === 0) return { drained: true, detail: `backend ${this.stable}: weight 0 on route ${this.options.route}, no request in flight` };
      if (Date.now() >= until)
        return { drained: false, detail: `backend ${this.stable}: weight 0, ${inFlight} request(s) still in flight after ${drainMs} ms` };
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
