import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createTerminalRuntime } from '@slipway/kit';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { gatewayStage } from '../../../packages/cli/src/demo/stages-gateway.js';
import { serveStage, trainStage } from '../../../packages/cli/src/demo/stages-model.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/support-bot', import.meta.url));

test('the demo sends the support bot traffic through the gateway and moves users only onto the canary', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'slipway-gw-demo-'));
  try {
    const lines: string[] = [];
    const stderr = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const rt = createTerminalRuntime({ stderr });
    const result = await runDemo(rt, { exampleDir: EXAMPLE, outDir: out, stages: [trainStage, serveStage, gatewayStage] });
    const stage = result.stages.find((s) => s.name === 'gateway');
    expect(stage?.ok).toBe(true);
    expect(stage?.headline).toMatch(/^216 requests through the gateway; canary 10% -> 50%: \d+ -> \d+ of 100 users, \d+ moved, 0 moved back$/);
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('| canary 50% | canary |');
    // The admin token never reaches the log.
    expect(lines.join('')).not.toMatch(/[0-9a-f]{48}/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
