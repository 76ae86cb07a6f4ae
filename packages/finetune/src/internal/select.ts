import { escapeMarkdown, inlineCode, markdownTable } from '@slipway/kit';
import type { Trial } from './trial.js';

export interface Selection {
  best: Trial;
  /** Every trial, best first; failed and unscored ones last. */
  ranked: Trial[];
  markdown: string;
}

/**
 * Picks the trial with the best eval value (ties: the shorter training run, then the leg id),
 * and renders every trial in one table. Returns undefined when no trial has a value.
 */
export function selectBest(trials: readonly Trial[], metric: string, goal: 'maximize' | 'minimize'): Selection | undefined {
  const scored = trials.filter((t) => t.status === 'succeeded' && typeof t.eval.value === 'number');
  const sign = goal === 'maximize' ? -1 : 1;
  scored.sort((a, b) => sign * ((a.eval.value as number) - (b.eval.value as number)) || a.durationMs - b.durationMs || a.leg.localeCompare(b.leg));
  const rest = trials.filter((t) => !scored.includes(t)).sort((a, b) => a.leg.localeCompare(b.leg));
  const ranked = [...scored, ...rest];
  const best = scored[0];
  if (!best) return undefined;
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const rows = ranked.map((t) => [
    t === best ? '🏆' : t.status === 'failed' ? '❌' : '',
    inlineCode(t.leg),
    ...paramNames.map((p) => escapeMarkdown(String(t.params[p] ?? ''))),
    t.eval.value === undefined ? '–' : t.eval.value.toFixed(4),
    t.eval.passRate === undefined ? '–' : `${(t.eval.passRate * 100).toFixed(1)}%`,
    `${(t.durationMs / 1000).toFixed(1)} s`,
    t.status === 'failed' ? escapeMarkdown(t.error ?? 'failed') : escapeMarkdown(t.model),
  ]);
  const table = markdownTable(['', 'leg', ...paramNames.map(escapeMarkdown), escapeMarkdown(metric), 'pass rate', 'training', 'model / error'], rows);
  const markdown = `### 🏁 Sweep: ${trials.length} trial(s), best by ${inlineCode(metric)} (${goal})\n\n${table}\n\nSelected ${inlineCode(best.leg)}: ${escapeMarkdown(metric)} = ${(best.eval.value as number).toFixed(4)}.\n`;
  return { best, ranked, markdown };
}

/** The value a trial is ranked by: the eval's metric, else the training's. */
export function rankValue(metric: string, evalMetrics: Record<string, number>, trainMetrics: Record<string, number>): number | undefined {
  return evalMetrics[metric] ?? trainMetrics[metric];
}
