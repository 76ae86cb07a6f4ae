import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTerminalRuntime } from '@slipway/kit';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { evalStage } from '../../../packages/cli/src/demo/stages-eval.js';
import { serveStage, trainStage } from '../../../packages/cli/src/demo/stages-model.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/support-bot', import.meta.url));

test('the demo gates v2 on v1 as llm-ci does: two shards merged into one verdict with its PR comment', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'slipway-eval-demo-'));
  try {
    const result = await runDemo(createTerminalRuntime({ quiet: true }), { exampleDir: EXAMPLE, outDir: out, stages: [trainStage, serveStage, evalStage] });
    const stage = result.stages.find((s) => s.name === 'eval');
    expect(stage?.ok).toBe(true);
    expect(stage?.headline).toMatch(/^v2 vs v1 \(2 shards merged\): gate (passed|failed); pass rate/);
    // Both shards ran, and the merged report covers every test of the suite, once.
    const merged = JSON.parse(await readFile(path.join(out, 'eval/support.results.json'), 'utf8')) as { tests: { id: string }[] };
    const suite = await readFile(path.join(EXAMPLE, 'evals/support.yaml'), 'utf8');
    const ids = [...suite.slice(suite.indexOf('\ntests:')).matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
    expect(new Set(merged.tests.map((t) => t.id))).toEqual(new Set(ids));
    expect(merged.tests).toHaveLength(ids.length);
    expect(await readFile(path.join(out, 'pr-comment.md'), 'utf8')).toContain('| metric |');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 120_000);
