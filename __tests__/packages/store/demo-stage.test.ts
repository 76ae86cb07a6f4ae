import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { artifactsStage } from '../../../packages/cli/src/demo/stages-artifacts.js';
import { trainStage } from '../../../packages/cli/src/demo/stages-model.js';
import { REPO_ROOT } from '../../helpers/run-action.js';
import { quietRuntime, tempRepo } from './helpers.js';

test('the demo pushes the trained v1 and v2 weights to a file:// remote and pulls them into a clean checkout', async () => {
  const out = await tempRepo('slipway-demo-artifacts-');
  try {
    const rt = quietRuntime(out.dir);
    const result = await runDemo(rt, { exampleDir: path.join(REPO_ROOT, 'examples/support-bot'), outDir: out.dir, stages: [trainStage, artifactsStage] });
    const stage = result.stages.find((s) => s.name === 'artifacts');
    expect(stage?.ok).toBe(true);
    expect(stage?.headline).toMatch(/v1 and v2 weights pushed \(\d+ objects, .*\) and pulled back byte-identical/);
    const report = await readFile(path.join(out.dir, 'report.md'), 'utf8');
    expect(report).toMatch(/\| v1 \| `models\/v1\.dvc` \| \d+ \| .* \| `[0-9a-f]{32}\.dir` \| identical \|/);
    expect(report).toMatch(/\| v2 \| `models\/v2\.dvc` \|/);
    const pointer = await readFile(path.join(out.dir, 'work/clean-checkout/models/v2.dvc'), 'utf8');
    expect(pointer).toMatch(/^outs:\n- md5: [0-9a-f]{32}\.dir\n {2}size: \d+\n {2}nfiles: \d+\n {2}hash: md5\n {2}path: v2\n$/);
  } finally {
    await out.cleanup();
  }
});
