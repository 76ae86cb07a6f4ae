import { normalQuantile, normalSf } from '@slipway/stats';

/**
 * Alpha spending over the analysis's planned duration (Lan–DeMets, calendar time), so a canary
 * can be looked at as often as we like without inflating the false-rollback rate.
 * The boundary of each look is exact for a statistic that behaves like Brownian motion in
 * information time (z-tests on accumulating data do): the chance of crossing at look k, having
 * not crossed before, is what the spending function allots to it. Computed by recursive
 * numerical integration of the sub-density (Armitage, McPherson and Rowe), not by the union
 * bound, which would waste most of alpha on looks that are nearly the same as the last.
 */
export type SpendingFunction = 'pocock' | 'obrien-fleming' | 'linear';

/** Cumulative alpha spent by information fraction `t` in [0, 1]. */
export function spentAlpha(t: number, alpha: number, kind: SpendingFunction): number {
  const f = Math.min(1, Math.max(0, t));
  if (f === 0) return 0;
  switch (kind) {
    case 'pocock':
      // Spends early: a clearly bad canary is stopped at the first looks.
      return alpha * Math.log(1 + (Math.E - 1) * f);
    case 'linear':
      return alpha * f;
    case 'obrien-fleming': {
      // 2 - 2Φ(z_{α/2}/√t): almost nothing early, nearly all of alpha at the end.
      const z = normalQuantile(1 - alpha / 2);
      return Math.min(alpha, 2 * normalSf(z / Math.sqrt(f)));
    }
  }
}

// Grid for the sub-density of the score S = z·√t; S never needs to go below -8 (mass < 1e-15).
const LOW = -8;
const HIGH = 10;

/** One look's result, shared by every spender with the same alpha, spending function and look times. */
interface LookMemo {
  boundary: number;
  crossed: number;
  density: Float64Array;
}
// Analyses with the same plan look at the same times: their boundaries are computed once.
const memo = new Map<string, LookMemo>();
const MEMO_LIMIT = 4096;

/** Spends alpha across looks and gives each look its exact z boundary. */
export class AlphaSpender {
  private spent = 0;
  private key: string;
  private lastT = 0;
  /** Sub-density of S at the last look over the grid, restricted to paths that never crossed. */
  private density: Float64Array | undefined;
  private lastBoundary = Number.POSITIVE_INFINITY;
  private readonly step: number;
  private readonly grid: Float64Array;

  constructor(
    private readonly alpha: number,
    private readonly kind: SpendingFunction = 'pocock',
    resolution = 0.01,
  ) {
    this.step = resolution;
    this.key = `${alpha}|${kind}|${resolution}`;
    const n = Math.round((HIGH - LOW) / resolution) + 1;
    this.grid = Float64Array.from({ length: n }, (_, i) => LOW + i * resolution);
  }

  /**
   * The one-sided nominal p-value a look at information fraction `t` may reject at, i.e.
   * P(Z > boundary). Zero when no alpha is left or time did not move.
   */
  levelAt(t: number): number {
    const z = this.boundaryAt(t);
    return Number.isFinite(z) ? normalSf(z) : 0;
  }

  /** The z boundary for a look at information fraction `t` (Infinity: this look cannot reject). */
  boundaryAt(t: number): number {
    const tt = Math.min(1, Math.max(0, t));
    if (tt <= this.lastT) return Number.POSITIVE_INFINITY;
    this.key += `|${tt}`;
    let look = memo.get(this.key);
    if (!look) {
      const target = spentAlpha(tt, this.alpha, this.kind) - this.spent;
      const next = this.propagate(tt);
      look = { ...this.cut(next, target, tt), density: next };
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(this.key, look);
    }
    const { boundary, crossed } = look;
    this.density = look.density;
    this.spent += crossed;
    this.lastT = tt;
    this.lastBoundary = boundary;
    return boundary / Math.sqrt(tt);
  }

  get total(): number {
    return this.spent;
  }

  /** Density of S at `t` over the grid, from the last look's surviving density (or from 0). */
  private propagate(t: number): Float64Array {
    const out = new Float64Array(this.grid.length);
    const dt = t - this.lastT;
    const sd = Math.sqrt(dt);
    const norm = 1 / (sd * Math.sqrt(2 * Math.PI));
    if (!this.density) {
      for (let i = 0; i < out.length; i++) {
        const x = this.grid[i] as number;
        out[i] = norm * Math.exp(-(x * x) / (2 * dt));
      }
      return out;
    }
    // Convolve the surviving mass with the Gaussian increment; only kernel values that matter.
    const reach = Math.ceil((9 * sd) / this.step);
    const kernel = new Float64Array(2 * reach + 1);
    for (let k = -reach; k <= reach; k++) kernel[k + reach] = norm * Math.exp(-((k * this.step) ** 2) / (2 * dt)) * this.step;
    const src = this.density;
    for (let j = 0; j < src.length; j++) {
      const mass = src[j] as number;
      if (mass === 0 || (this.grid[j] as number) > this.lastBoundary) continue;
      const lo = Math.max(0, j - reach);
      const hi = Math.min(out.length - 1, j + reach);
      for (let i = lo; i <= hi; i++) out[i] = (out[i] as number) + mass * (kernel[i - j + reach] as number);
    }
    return out;
  }

  /** Finds the boundary whose upper-tail mass is `target`; keeps the density below it for the next look. */
  private cut(density: Float64Array, target: number, t: number): { boundary: number; crossed: number } {
    if (target <= 0) return { boundary: Number.POSITIVE_INFINITY, crossed: 0 };
    let tail = 0;
    for (let i = density.length - 1; i > 0; i--) {
      const cell = (((density[i] as number) + (density[i - 1] as number)) / 2) * this.step;
      if (tail + cell >= target) {
        // Interpolate inside the cell so the boundary does not snap to the grid.
        const frac = (target - tail) / cell;
        const boundary = (this.grid[i] as number) - frac * this.step;
        return { boundary, crossed: target };
      }
      tail += cell;
    }
    return { boundary: LOW * Math.sqrt(t), crossed: tail };
  }
}
