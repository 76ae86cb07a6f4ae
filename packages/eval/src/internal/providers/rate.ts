import { abortableSleep } from '@slipway/kit';

/**
 * Requests- and tokens-per-minute as token buckets that refill continuously. `take` waits until
 * the bucket holds `n`; the bucket starts full so a short suite is not slowed at all.
 */
export class RateBucket {
  private level: number;
  private last = performance.now();

  constructor(private readonly perMinute: number) {
    this.level = perMinute;
  }

  async take(n: number, signal?: AbortSignal): Promise<void> {
    const want = Math.min(n, this.perMinute);
    for (;;) {
      const now = performance.now();
      this.level = Math.min(this.perMinute, this.level + ((now - this.last) / 60_000) * this.perMinute);
      this.last = now;
      if (this.level >= want) {
        this.level -= want;
        return;
      }
      await abortableSleep(Math.ceil(((want - this.level) / this.perMinute) * 60_000), signal);
    }
  }
}
