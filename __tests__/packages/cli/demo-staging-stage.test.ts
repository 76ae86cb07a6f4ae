import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTerminalRuntime } from '@slipway/kit';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { serveStage, trainStage } from '../../../packages/cli/src/demo/stages-model.js';
import { stagingStage } from '../../../packages/cli/src/demo/stages-staging.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/support-bot', import.meta.url));

test('the demo runs llm-deploy on staging: green judged at 0% by the online eval, switched at once, blue retired', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'slipway-staging-demo-'));
  try {
    const result = await runDemo(createTerminalRuntime({ quiet: true }), { exampleDir: EXAMPLE, outDir: out, stages: [trainStage, serveStage, stagingStage] });
    const stage = result.stages.find((s) => s.name === 'staging');
    expect(stage?.ok).toBe(true);
    const pairs = Number(stage?.headline.match(/judged at 0% on (\d+) online-eval pairs/)?.[1]);
    expect(pairs).toBeGreaterThanOrEqual(16);
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('Release history of staging: ');
    expect(report).toMatch(/Gateway weights afterwards: `\{"stable":0,"canary":10000\}`/);
    // Blue was retired after the window: the decision is in the rollout table.
    expect(report).toMatch(/\| retire \| 100% \|[^\n]*retired the old version after the rollback window: backend stable: weight 0/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 120_000);
