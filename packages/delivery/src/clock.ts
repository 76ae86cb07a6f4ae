/** Time, injected so the controller can be tested without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that advances only when slept on: tests of long rollouts run instantly. */
export class ManualClock implements Clock {
  constructor(private t = Date.parse('2026-11-27T12:00:00Z')) {}

  now(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}
