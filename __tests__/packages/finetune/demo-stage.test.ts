import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegistryEntry } from '@slipway/finetune';
import { createTerminalRuntime } from '@slipway/kit';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { canaryStage } from '../../../packages/cli/src/demo/stages-canary.js';
import { finetuneStage } from '../../../packages/cli/src/demo/stages-finetune.js';
import { serveStage, trainStage } from '../../../packages/cli/src/demo/stages-model.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/support-bot', import.meta.url));

test('the demo fine-tunes support-bot on new data with a 4-point sweep, registers the best, and the canary rolls that model out', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'slipway-finetune-demo-'));
  try {
    const result = await runDemo(createTerminalRuntime({ quiet: true }), {
      exampleDir: EXAMPLE,
      outDir: out,
      stages: [trainStage, serveStage, finetuneStage, canaryStage],
    });
    const tune = result.stages.find((s) => s.name === 'fine-tune');
    expect(tune?.ok).toBe(true);
    expect(tune?.headline).toMatch(/^4-point sweep on 396 examples \(198 new\); best dims=\d+ at pass rate \d+\.\d%, registered support-bot v1 \(staging\)$/);
    // A few seconds: four legs trained and evaluated for real.
    expect(tune?.seconds).toBeLessThan(30);
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('Sweep: 4 trial(s), best by `pass-rate`');
    expect((report.match(/\| `leg-\d` \|/g) ?? []).length).toBe(4);
    // The registry entry is in the store, and its release is the one the canary deployed.
    const remote = path.join(out, 'work', 'artifact-remote');
    const entry = JSON.parse(await readFile(path.join(remote, 'registry/support-bot/1.json'), 'utf8')) as RegistryEntry;
    expect(entry.stage).toBe('staging');
    expect(entry.eval.metric).toBe('pass-rate');
    expect(entry.dataDigest).toMatch(/^sha256:/);
    const history = (await readFile(path.join(out, 'work', 'state', 'environments', 'production.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(history.find((h: { outcome: string }) => h.outcome === 'promoted')?.releaseId).toBe(entry.release);
    const canary = result.stages.find((s) => s.name === 'canary');
    expect(canary?.ok).toBe(true);
    expect(canary?.headline).toMatch(/^v2 \(fine-tuned, registered\) promoted 10% → 50% → 100%/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 180_000);
