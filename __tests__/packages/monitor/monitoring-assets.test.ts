import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { itWith } from '../../helpers/require-binary.js';
import { startTestGateway } from '../gateway/gateway-harness.js';

const ROOT = path.resolve('.');
const PROMTOOL = '/usr/bin/promtool';
const RULES = path.join(ROOT, 'monitoring/prometheus/slipway-gateway.rules.yml');
const DASHBOARD = path.join(ROOT, 'monitoring/grafana/slipway-gateway.json');

/** Label names that share the metrics' prefix. */
const LABELS = new Set(['gen_ai_token_type', 'gen_ai_operation_name']);

/** Metric families a query names, histogram series folded into their family. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:slipway_gateway|gen_ai)_[a-z_]+)\b/g)]
    .map((m) => m[1] as string)
    .filter((n) => !LABELS.has(n))
    .map((n) => n.replace(/_(bucket|sum|count)$/, ''));
}

describe('the shipped Prometheus rules and Grafana dashboard', () => {
  itWith(PROMTOOL, 'promtool')('promtool checks the rules and their unit tests pass (the alerts fire on bad series)', () => {
    const check = spawnSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/SUCCESS: 11 rules found/);
    expect(check.status).toBe(0);
    const unit = spawnSync(PROMTOOL, ['test', 'rules', 'slipway-gateway.rules.test.yml'], { encoding: 'utf8', cwd: path.dirname(RULES) });
    expect(unit.stdout + unit.stderr).toMatch(/SUCCESS/);
    expect(unit.status).toBe(0);
  });

  itWith(PROMTOOL, 'promtool')('promtool rejects a broken rule (the check can fail)', () => {
    const bad = spawnSync(PROMTOOL, ['check', 'rules', '/dev/stdin'], {
      encoding: 'utf8',
      input: 'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: sum(rate(\n',
    });
    expect(bad.status).not.toBe(0);
  });

  test('every metric the dashboard and the rules query is one the gateway exports', async () => {
    const { gw } = await startTestGateway({ backends: { stable: { url: 'http://127.0.0.1:9/v1' } }, routes: [{ name: 'bot', weights: { stable: 10_000 } }] });
    try {
      const exported = new Set([...(await (await fetch(`${gw.adminUrl}/metrics`)).text()).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] as string));
      expect(exported.has('slipway_gateway_requests_total')).toBe(true);
      const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] };
      expect(dashboard.uid).toBe('slipway-gateway');
      expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
      const rules = parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { expr: string }[] }[] };
      const exprs = [...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)), ...rules.groups.flatMap((g) => g.rules.map((r) => r.expr))];
      const unknown = [...new Set(exprs.flatMap(metricNames))].filter((n) => !exported.has(n));
      expect(unknown).toEqual([]);
      // And the check itself can fail.
      expect(metricNames('rate(slipway_gateway_nonexistent_total[5m])').filter((n) => !exported.has(n))).toEqual(['slipway_gateway_nonexistent_total']);
    } finally {
      await gw.stop();
    }
  });
});
