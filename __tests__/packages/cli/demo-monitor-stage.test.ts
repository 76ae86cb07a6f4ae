import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTerminalRuntime } from '@slipway/kit';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { serveStage, trainStage } from '../../../packages/cli/src/demo/stages-model.js';
import { monitorStage } from '../../../packages/cli/src/demo/stages-monitor.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/support-bot', import.meta.url));

test('the demo monitors the promoted release, then an injected incident alerts and rolls back', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'slipway-monitor-demo-'));
  try {
    const result = await runDemo(createTerminalRuntime({ quiet: true }), { exampleDir: EXAMPLE, outDir: out, stages: [trainStage, serveStage, monitorStage] });
    const stage = result.stages.find((s) => s.name === 'monitor');
    expect(stage?.headline).toMatch(/healthy after promotion \(ok\); injected failures → breach, alert sent, rolled back to v1/);
    expect(stage?.ok).toBe(true);
    // A few seconds, as the demo promises.
    expect(stage?.seconds).toBeLessThan(20);
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toMatch(
      /Webhook alerts received: 1\. Gateway weights afterwards: `\{"stable":10000,"canary":0\}`\. Rollout state: rolled-back, reason recorded: "slipway monitor: breach: .*errorRate: \d/,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 120_000);
