import { escapeMarkdown, markdownTable } from '@slipway/kit';
import type { DriftReport, DriftTest } from './drift/check.js';
import { formatValue, type SloFinding } from './slo/evaluate.js';

export type Verdict = 'ok' | 'warn' | 'breach';

/** Everything one monitor run found. */
export interface MonitorReport {
  environment: string;
  verdict: Verdict;
  at: string;
  source: string;
  windowSeconds: number;
  slos: SloFinding[];
  drift: (DriftReport & { reference: string; current: string }) | undefined;
  /** One line per reason the verdict is not ok. */
  reasons: string[];
  /** Checks that could not judge: sample too small, no data. */
  notes: string[];
}

const ICON: Record<string, string> = { ok: '✅', warn: '⚠️', breach: '🚨', insufficient: '➖', drift: '⚠️' };

/** The worst of the levels. */
export function worst(levels: readonly string[]): Verdict {
  return levels.includes('breach') ? 'breach' : levels.includes('warn') ? 'warn' : 'ok';
}

/** What a drift test does to the verdict: major drift breaches, any other significant drift warns. */
export function driftLevel(t: DriftTest): Verdict {
  if (t.status !== 'drift') return 'ok';
  return t.severity === 'major' ? 'breach' : 'warn';
}

function num(x: number | undefined, digits = 3): string {
  return x === undefined ? '–' : Number.isInteger(x) ? String(x) : x.toPrecision(digits);
}

function chartNumber(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** A Mermaid line chart of a metric's trailing windows and the current one (GitHub renders it in summaries and issues). */
function sloChart(f: SloFinding): string {
  const points = [...f.baseline, ...(f.value === undefined ? [] : [f.value])];
  if (points.length < 2) return '';
  const labels = points.map((_, i) => (i === points.length - 1 ? '"now"' : `"-${points.length - 1 - i}"`));
  const lines = [`    line [${points.map(chartNumber).join(', ')}]`];
  if (f.objective !== undefined) lines.push(`    line [${points.map(() => chartNumber(f.objective as number)).join(', ')}]`);
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${f.metric}${f.unit ? ` (${f.unit})` : ''}: trailing windows and now${f.objective !== undefined ? ', objective' : ''}"`,
    `    x-axis [${labels.join(', ')}]`,
    ...lines,
    '```',
  ].join('\n');
}

/** A Mermaid bar chart of category shares, reference beside current. */
function shareChart(t: DriftTest): string {
  if (!t.reference || !t.current || t.test !== 'chi-square') return '';
  const keys = [...new Set([...Object.keys(t.reference), ...Object.keys(t.current)])].slice(0, 12);
  const safe = (k: string) => `"${k.replace(/[^\w .-]/g, '_')}"`;
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${t.name.replace(/"/g, '')}: reference (first bar) and current shares"`,
    `    x-axis [${keys.map(safe).join(', ')}]`,
    '    y-axis "share" 0 --> 1',
    `    bar [${keys.map((k) => chartNumber(t.reference?.[k] ?? 0)).join(', ')}]`,
    `    bar [${keys.map((k) => chartNumber(t.current?.[k] ?? 0)).join(', ')}]`,
    '```',
  ].join('\n');
}

function effectText(t: DriftTest): string {
  const e = t.effect ?? {};
  const parts: string[] = [];
  if (e.psi !== undefined) parts.push(`PSI ${e.psi.toFixed(3)}`);
  if (e.auc !== undefined) parts.push(`AUC ${e.auc.toFixed(3)} (null ${(e.aucThreshold ?? 0.5).toFixed(3)})`);
  if (e.referenceRate !== undefined) parts.push(`${(e.referenceRate * 100).toFixed(1)}% → ${((e.currentRate ?? 0) * 100).toFixed(1)}%`);
  if (t.test === 'ks' && t.reference && t.current) parts.push(`median ${num(t.reference.median)} → ${num(t.current.median)}`);
  return parts.join(', ');
}

/** The job summary (and issue body): verdict, SLO table, drift table, charts, and what could not be judged. */
export function reportMarkdown(r: MonitorReport, extra: string[] = []): string {
  const out: string[] = [`### ${ICON[r.verdict]} Monitor of ${escapeMarkdown(r.environment)}: **${r.verdict}**`, ''];
  out.push(`Window ${r.windowSeconds} s from ${r.source}, at ${r.at}.`, '');
  if (r.reasons.length) out.push(...r.reasons.map((x) => `- ${escapeMarkdown(x)}`), '');
  if (r.slos.length) {
    const rows = r.slos.map((f) => [
      ICON[f.level] ?? '',
      f.metric,
      escapeMarkdown(formatValue(f.metric, f.value)),
      f.objective === undefined ? '–' : escapeMarkdown(formatValue(f.metric, f.objective)),
      f.anomaly ? `${f.anomaly.method} ${f.anomaly.score.toFixed(1)}` : '–',
      escapeMarkdown(f.reason),
    ]);
    out.push('#### SLOs', '', markdownTable(['', 'metric', 'now', 'objective', 'anomaly score', 'why'], rows, ['center']), '');
  }
  if (r.drift) {
    const d = r.drift;
    out.push(
      '#### Drift',
      '',
      `${d.currentSize} current exchanges (${escapeMarkdown(d.current)}) against ${d.referenceSize} reference (${escapeMarkdown(d.reference)}); Holm-corrected, family-wise α = ${d.alpha}; ${Math.round(d.elapsedMs)} ms.`,
      '',
    );
    const rows = d.tests.map((t) => [
      ICON[t.status === 'drift' ? driftLevel(t) : t.status] ?? '',
      escapeMarkdown(t.name),
      t.test,
      num(t.statistic),
      num(t.pValue),
      num(t.adjustedP),
      escapeMarkdown(effectText(t)),
      t.severity,
      escapeMarkdown(t.note ?? ''),
    ]);
    out.push(markdownTable(['', 'feature', 'test', 'statistic', 'p', 'adjusted p', 'effect', 'severity', 'note'], rows, ['center']), '');
  }
  const charts = [
    ...r.slos.filter((f) => f.level === 'warn' || f.level === 'breach' || f.objective !== undefined).map(sloChart),
    ...(r.drift?.tests.filter((t) => t.status === 'drift').map(shareChart) ?? []),
  ].filter(Boolean);
  if (charts.length) out.push('<details><summary>Charts</summary>', '', ...charts.flatMap((c) => [c, '']), '</details>', '');
  if (r.notes.length) out.push('**Not judged:**', '', ...r.notes.map((n) => `- ${escapeMarkdown(n)}`), '');
  out.push(...extra);
  return `${out.join('\n')}\n`;
}

/**
 * One JSON line per finding with Elastic Common Schema field names (`@timestamp`, `event.*`,
 * `service.environment`, `log.level`, `message`), so Filebeat or Logstash ingest them as they are.
 */
export function ecsLines(r: MonitorReport): string[] {
  const base = {
    '@timestamp': r.at,
    'ecs.version': '8.11.0',
    'service.name': 'slipway-monitor',
    'service.environment': r.environment,
    'event.kind': r.verdict === 'ok' ? 'metric' : 'alert',
    'event.category': ['web'],
    'event.dataset': 'slipway.monitor',
  };
  const level = (v: string) => (v === 'breach' ? 'error' : v === 'warn' ? 'warn' : 'info');
  const lines = [
    {
      ...base,
      'log.level': level(r.verdict),
      'event.action': 'verdict',
      'event.outcome': r.verdict === 'ok' ? 'success' : 'failure',
      // Each reason already names its own level ("breach: errorRate …"), so the verdict is not repeated before them.
      message: `monitor ${r.environment}: ${r.reasons.length ? r.reasons.join('; ') : r.verdict}`,
      'slipway.verdict': r.verdict,
    },
    ...r.slos.map((f) => ({
      ...base,
      'log.level': level(f.level),
      'event.action': 'slo',
      message: `${f.metric}: ${f.reason}`,
      'slipway.metric': f.metric,
      'slipway.value': f.value ?? null,
      'slipway.objective': f.objective ?? null,
      'slipway.level': f.level,
      'slipway.anomaly_score': f.anomaly?.score ?? null,
    })),
    ...(r.drift?.tests ?? []).map((t) => ({
      ...base,
      'log.level': level(t.status === 'drift' ? driftLevel(t) : 'ok'),
      'event.action': 'drift',
      message: `${t.name}: ${t.status}${t.note ? ` (${t.note})` : ''}`,
      'slipway.feature': t.name,
      'slipway.test': t.test,
      'slipway.p_value': t.pValue ?? null,
      'slipway.adjusted_p': t.adjustedP ?? null,
      'slipway.severity': t.severity,
    })),
  ];
  return lines.map((l) => JSON.stringify(l));
}
