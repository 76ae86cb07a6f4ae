import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeMarkdown, GateError, markdownTable, type TerminalRuntime } from '@slipway/kit';
import type { DemoContext, DemoStage, StageReport } from './stage.js';
import { artifactsStage } from './stages-artifacts.js';
import { buildStage } from './stages-build.js';
import { canaryStage } from './stages-canary.js';
import { evalStage } from './stages-eval.js';
import { finetuneStage } from './stages-finetune.js';
import { gatewayStage } from './stages-gateway.js';
import { answerStage, serveStage, trainStage } from './stages-model.js';
import { monitorStage } from './stages-monitor.js';
import { stagingStage } from './stages-staging.js';

/** The pipeline as it stands today; each capability appends its stage. */
export const DEMO_STAGES: readonly DemoStage[] = [
  trainStage,
  artifactsStage,
  buildStage,
  serveStage,
  answerStage,
  evalStage,
  gatewayStage,
  finetuneStage,
  stagingStage,
  canaryStage,
  monitorStage,
];

export interface DemoResult {
  outDir: string;
  stages: { name: string; phase: string; ok: boolean; seconds: number; headline: string }[];
}

/**
 * Runs every stage in order on embedded defaults, writes the report, the would-be PR comment
 * and job summary into `outDir`, and stops everything it started, pass or fail.
 */
export async function runDemo(rt: TerminalRuntime, options: { exampleDir: string; outDir: string; stages?: readonly DemoStage[] }): Promise<DemoResult> {
  const { exampleDir, outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  const workDir = path.join(outDir, 'work');
  await mkdir(workDir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const ctx: DemoContext = { rt, exampleDir, workDir, outDir, state: new Map(), onCleanup: (fn) => cleanups.push(fn) };
  const results: DemoResult['stages'] = [];
  const reports: { stage: DemoStage; report: StageReport }[] = [];
  let failure: { stage: string; error: unknown } | undefined;
  try {
    for (const stage of options.stages ?? DEMO_STAGES) {
      const started = performance.now();
      try {
        const report = await rt.group(`${stage.phase}: ${stage.name}`, () => stage.run(ctx));
        reports.push({ stage, report });
        results.push({ name: stage.name, phase: stage.phase, ok: true, seconds: (performance.now() - started) / 1000, headline: report.headline });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({
          name: stage.name,
          phase: stage.phase,
          ok: false,
          seconds: (performance.now() - started) / 1000,
          headline: message.split('\n')[0] ?? '',
        });
        failure = { stage: stage.name, error };
        break;
      }
    }
  } finally {
    // Newest first: later stages may depend on servers started earlier.
    for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => rt.log.warn(`cleanup failed: ${String(e)}`));
  }
  await writeOutputs(outDir, results, reports);
  await rt.appendSummary(summaryMarkdown(results));
  if (failure) {
    throw new GateError(`demo stage "${failure.stage}" failed: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`, {
      hint: `see ${path.join(outDir, 'report.md')}`,
    });
  }
  return { outDir, stages: results };
}

function summaryMarkdown(results: DemoResult['stages']): string {
  const rows = results.map((r) => [r.ok ? '✅' : '❌', r.phase, r.name, escapeMarkdown(r.headline), `${r.seconds.toFixed(1)} s`]);
  return `## Slipway demo\n\n${markdownTable(['', 'phase', 'stage', 'result', 'time'], rows, ['center', 'left', 'left', 'left', 'right'])}\n`;
}

async function writeOutputs(outDir: string, results: DemoResult['stages'], reports: { stage: DemoStage; report: StageReport }[]): Promise<void> {
  const summary = summaryMarkdown(results);
  const sections = reports.map(({ stage, report }) => `## ${stage.phase}: ${stage.name}\n\n${report.body}\n`);
  const report = `# Slipway demo report\n\nThe example application \`examples/support-bot\` through every pipeline stage that exists today, on embedded defaults.\n\n${summary}\n${sections.join('\n')}`;
  const comments = reports.flatMap(({ report: r }) => (r.prComment ? [r.prComment] : []));
  const prComment = `<!-- slipway:demo -->\n## Slipway\n\n${comments.join('\n\n') || '_nothing to report_'}\n`;
  await writeFile(path.join(outDir, 'report.md'), report);
  await writeFile(path.join(outDir, 'pr-comment.md'), prComment);
  await writeFile(path.join(outDir, 'job-summary.md'), summary);
  await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify({ stages: results }, null, 2)}\n`);
}
