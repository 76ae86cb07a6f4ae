// Anomalies against a trailing baseline: how far the current value sits from what the same metric
// did in the windows before it. Fixed lines cannot tell a slow Monday from an incident; these can.

import { median } from '@slipway/stats';

export interface AnomalyResult {
  method: 'robust-z' | 'ewma';
  /** Standardised distance of the current value from the baseline (positive: higher). */
  score: number;
  /** The baseline's centre (median, or the EWMA). */
  centre: number;
  /** The scale the score divides by. */
  scale: number;
  anomalous: boolean;
}

/**
 * Robust z-score: (x − median) / (1.4826 · MAD). A flat baseline has MAD 0, so the scale has a
 * floor (`minScale`, in the metric's units, or 5% of the median): a 1 ms wobble on a flat line is
 * not an incident.
 */
export function robustZ(baseline: readonly number[], current: number, threshold = 4, minScale?: number): AnomalyResult {
  const centre = median(baseline);
  const mad = median(baseline.map((x) => Math.abs(x - centre)));
  const scale = Math.max(1.4826 * mad, minScale ?? 0, Math.abs(centre) * 0.05, 1e-12);
  const score = (current - centre) / scale;
  return { method: 'robust-z', score, centre, scale, anomalous: score > threshold };
}

/**
 * EWMA control chart: the smoothed baseline (λ) and its standard deviation; the current value is
 * anomalous beyond `threshold` standard deviations of the EWMA statistic, λ/(2−λ) of the variance.
 */
export function ewma(baseline: readonly number[], current: number, threshold = 4, lambda = 0.3, minScale?: number): AnomalyResult {
  let centre = baseline[0] ?? current;
  for (const x of baseline.slice(1)) centre = lambda * x + (1 - lambda) * centre;
  const mean = baseline.reduce((s, x) => s + x, 0) / Math.max(1, baseline.length);
  const variance = baseline.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, baseline.length - 1);
  const sd = Math.max(Math.sqrt(variance), minScale ?? 0, Math.abs(mean) * 0.05, 1e-12);
  const next = lambda * current + (1 - lambda) * centre;
  const scale = sd * Math.sqrt(lambda / (2 - lambda));
  const score = (next - centre) / scale;
  return { method: 'ewma', score, centre, scale, anomalous: score > threshold };
}
