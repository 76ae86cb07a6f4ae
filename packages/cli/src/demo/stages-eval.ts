import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeMarkdown, markdownTable } from '@slipway/kit';
import type { DemoStage } from './stage.js';

/**
 * Gates v2 on v1 the way llm-ci gates a pull request: the example's suite runs against v1 for the
 * baseline, against v2 in two shards (the workflow's matrix), and the shards are merged into one
 * verdict; the verdict, the PR comment and the HTML report land in the demo output.
 */
export const evalStage: DemoStage = {
  name: 'eval',
  phase: 'Automated testing',
  async run(ctx) {
    const { evaluate, mergeShards, parseShard } = await import('@slipway/eval');
    const suite = path.join(ctx.exampleDir, 'evals/support.yaml');
    const urls = { v1: ctx.state.get('url:v1'), v2: ctx.state.get('url:v2') };
    if (typeof urls.v1 !== 'string' || typeof urls.v2 !== 'string') throw new Error('the eval stage needs the serve stage (url:v1 and url:v2)');
    const common = { suites: [suite], concurrency: 8, cacheMode: 'off' as const, env: { ...process.env } };
    const base = await evaluate(ctx.rt, { ...common, outDir: path.join(ctx.workDir, 'eval-v1'), env: { ...common.env, SUPPORT_BOT_URL: urls.v1 } });
    const baseline = base.suites[0]?.files.results;
    if (!baseline) throw new Error('the v1 run wrote no results');
    const v2 = { ...common.env, SUPPORT_BOT_URL: urls.v2 };
    const shards = await Promise.all(
      ['1/2', '2/2'].map((shard, i) =>
        evaluate(ctx.rt, { ...common, shard: parseShard(shard), outDir: path.join(ctx.workDir, `eval-shard-${i + 1}`), env: v2 }),
      ),
    );
    const shardFiles = shards.map((r) => r.suites[0]?.files.results).filter((f): f is string => typeof f === 'string');
    if (shardFiles.length !== 2) throw new Error('an eval shard wrote no results');
    const { suites: _suites, ...mergeOptions } = common;
    const head = await mergeShards(ctx.rt, shardFiles, {
      ...mergeOptions,
      outDir: path.join(ctx.outDir, 'eval'),
      baseline,
      env: v2,
      reportUrl: 'eval/support.html',
    });
    const outcome = head.suites[0];
    const html = path.join(ctx.outDir, 'eval-report.html');
    if (outcome) await copyFile(outcome.files.html, html);
    const c = outcome?.comparison;
    const rows = (c?.metrics ?? []).map((m) => [
      escapeMarkdown(m.name),
      m.base.toFixed(3),
      m.head.toFixed(3),
      m.diff.toFixed(3),
      m.p < 0.001 ? '<0.001' : m.p.toFixed(3),
    ]);
    const counts = c ? `${c.counts['newly-failing']} newly failing, ${c.counts['newly-passing']} newly passing, ${c.counts.unchanged} unchanged` : '';
    ctx.state.set('eval:verdict', head.verdict);
    return {
      headline: `v2 vs v1 (2 shards merged): gate ${head.verdict === 'pass' ? 'passed' : 'failed'}; pass rate ${(base.passRate * 100).toFixed(1)}% → ${(head.passRate * 100).toFixed(1)}% (${counts})`,
      body: `${markdownTable(['metric', 'v1', 'v2', 'change', 'p'], rows)}\n\n${head.reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n')}\n\nHTML report: \`eval-report.html\`; results, JUnit and Markdown in \`eval/\`.`,
      prComment: head.markdown.replace('<!-- slipway:eval -->\n', ''),
    };
  },
};
