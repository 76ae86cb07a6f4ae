/**
 * What moves traffic between the stable and the canary version. Implementations: our gateway's
 * admin API (the embedded default), and in-memory for tests and simulations.
 */
export interface TrafficRouter {
  readonly name: string;
  /** Percent of traffic on the canary now. */
  canaryWeight(): Promise<number>;
  setCanaryWeight(percent: number): Promise<void>;
  /** The canary takes all traffic and becomes the new stable. */
  promote(): Promise<void>;
  /** Stable takes all traffic back; the canary is drained. Must be fast and idempotent. */
  rollback(): Promise<void>;
  /**
   * After a promotion (blue-green), the old version takes no traffic any more and its requests in
   * flight finish, waiting up to `drainMs`. Says what it did. Optional: a router without it only
   * records the retirement.
   */
  retire?(drainMs: number): Promise<{ drained: boolean; detail: string }>;
}

/** A router that only remembers, for tests and simulations; records every call. */
export class MemoryRouter implements TrafficRouter {
  readonly name = 'memory';
  readonly calls: string[] = [];
  weight = 0;

  async canaryWeight(): Promise<number> {
    return this.weight;
  }

  async setCanaryWeight(percent: number): Promise<void> {
    this.weight = percent;
    this.calls.push(`weight ${percent}`);
  }

  async promote(): Promise<void> {
    this.weight = 100;
    this.calls.push('promote');
  }

  async rollback(): Promise<void> {
    this.weight = 0;
    this.calls.push('rollback');
  }

  async retire(): Promise<{ drained: boolean; detail: string }> {
    this.calls.push('retire');
    return { drained: true, detail: 'memory router: nothing in flight' };
  }
}
