import { escapeMarkdown, markdownTable } from '@slipway/kit';
import type { Decision, RolloutState } from './state.js';

/**
 * A rollout as Markdown for the job summary and the demo report: the result, the canary's
 * weight and each metric's p-value over time as a chart (Mermaid, which GitHub renders),
 * then every decision with its numbers.
 */
export function rolloutMarkdown(
  state: RolloutState,
  title = `Rollout of ${state.releaseId.replace(/^sha256:/, '').slice(0, 12)} to ${state.environment}`,
): string {
  const start = Date.parse(state.startedAt);
  const secs = (d: Decision) => Math.round((Date.parse(d.at) - start) / 100) / 10;
  const looks = state.decisions.filter((d) => d.action === 'look' && d.metrics);
  const icon = state.status === 'promoted' ? '✅' : state.status === 'rolled-back' ? '⏪' : '⏸️';
  const out = [`### ${icon} ${escapeMarkdown(title)}: ${state.status}`, ''];
  if (state.decisions.length > 1) out.push(chart(state, secs), '');
  const rows = state.decisions.map((d) => [
    `${secs(d)} s`,
    d.action,
    `${d.weight}%`,
    d.outcome ?? '',
    escapeMarkdown(
      d.metrics
        ? d.metrics.map((m) => `${m.name} ${m.outcome}${m.pValue !== undefined ? ` p=${m.pValue.toPrecision(2)}` : ''} n=${m.nCanary}`).join('; ')
        : d.reason,
    ),
  ]);
  // A long analysis has many looks; the table keeps the ones that changed something, and the last.
  const keep = rows.filter((_, i) => {
    const d = state.decisions[i] as Decision;
    return d.action !== 'look' || d.outcome !== 'running' || i === rows.length - 1 || (state.decisions[i + 1] as Decision | undefined)?.action !== 'look';
  });
  out.push(markdownTable(['time', 'action', 'weight', 'outcome', 'evidence'], keep, ['right', 'left', 'right', 'left', 'left']));
  out.push('', `${looks.length} looks in all; every decision is stored with the rollout state.`);
  return `${out.join('\n')}\n`;
}

function chart(state: RolloutState, secs: (d: Decision) => number): string {
  const points = state.decisions.map((d) => ({ x: secs(d), w: d.weight }));
  const xs = points.map((p) => p.x.toFixed(1));
  const names = [...new Set(state.decisions.flatMap((d) => d.metrics?.map((m) => m.name) ?? []))];
  // -log10(p) of each metric, capped: the higher the line, the stronger the evidence of a regression.
  const lines = names.map((name) => {
    let last = 0;
    const ys = state.decisions.map((d) => {
      const m = d.metrics?.find((x) => x.name === name);
      if (m?.pValue !== undefined) last = Math.min(10, -Math.log10(Math.max(m.pValue, 1e-10)));
      return (last * 10).toFixed(1);
    });
    return `    line [${ys.join(', ')}]`;
  });
  return [
    '```mermaid',
    'xychart-beta',
    `    title "canary weight (%) and evidence of regression per metric (10 × -log10 p): ${names.join(', ')}"`,
    `    x-axis "seconds" [${xs.join(', ')}]`,
    '    y-axis "value" 0 --> 100',
    `    bar [${points.map((p) => p.w).join(', ')}]`,
    ...lines,
    '```',
  ].join('\n');
}
