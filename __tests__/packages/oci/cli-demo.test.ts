import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { main } from '@slipway/cli';
import { createTerminalRuntime } from '@slipway/kit';
import { runDemo } from '../../../packages/cli/src/demo/run-demo.js';
import { buildStage } from '../../../packages/cli/src/demo/stages-build.js';
import { trainStage } from '../../../packages/cli/src/demo/stages-model.js';
import { requireBinary } from '../../helpers/require-binary.js';
import { REPO_ROOT } from '../../helpers/run-action.js';
import { REGISTRY_BIN, startRegistry } from '../../helpers/services/index.js';

const tools = requireBinary('/usr/bin/skopeo', 'skopeo') && requireBinary('/usr/bin/umoci', 'umoci');
const withTools = tools ? test : test.skip;

async function sh(cmd: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(cmd, args, { encoding: 'utf8' })).stdout;
}

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(c, _e, cb) {
      w.text += String(c);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

describe('slipway build', () => {
  withTools('writes an OCI layout from slipway.yml and prints one JSON result', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'cli-build-'));
    await mkdir(path.join(ws, 'src'));
    await writeFile(path.join(ws, 'src/app.mjs'), 'export {};\n');
    await writeFile(path.join(ws, 'weights.bin'), Buffer.alloc(1000, 1));
    await writeFile(
      path.join(ws, 'slipway.yml'),
      'version: 1\nbuild:\n  app: [src]\n  weights: [weights.bin]\n  layout: out/image\n  cmd: [node, /app/src/app.mjs]\n',
    );
    const out = sink();
    const code = await main(['--json', '-C', ws, 'build', '--tag', 'v1', '--label', 'team=ml'], { stdout: out });
    expect(code).toBe(0);
    const json = JSON.parse(out.text.trim().split('\n').at(-1) ?? '{}') as {
      ok: boolean;
      result: { digest: string; engine: string; layers: { name: string }[] };
    };
    expect(json.ok).toBe(true);
    expect(json.result.engine).toBe('assemble');
    expect(json.result.layers.map((l) => l.name)).toEqual(['app', 'models/weights.bin']);
    const inspect = JSON.parse(await sh('/usr/bin/skopeo', ['inspect', `oci:${ws}/out/image:v1`])) as { Digest: string; Labels: Record<string, string> };
    expect(inspect.Digest).toBe(json.result.digest);
    expect(inspect.Labels.team).toBe('ml');
  });

  test('a bad engine in slipway.yml is reported at its line, exit 2', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'cli-build-'));
    await writeFile(path.join(ws, 'slipway.yml'), 'version: 1\nbuild:\n  engine: kaniko\n');
    const out = sink();
    const code = await main(['--json', '-C', ws, 'build'], { stdout: out });
    expect(code).toBe(2);
    const json = JSON.parse(out.text.trim()) as { ok: boolean; annotations: { message: string; line: number }[] };
    expect(json.annotations[0]).toMatchObject({ line: 3, message: expect.stringContaining('build.engine') });
  });
});

describe('demo stage', () => {
  withTools('builds the support bot into an OCI layout that umoci unpacks, twice to the same digest', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'demo-build-'));
    const rt = createTerminalRuntime({ quiet: true, stderr: sink() });
    const result = await runDemo(rt, { exampleDir: path.join(REPO_ROOT, 'examples/support-bot'), outDir, stages: [trainStage, buildStage] });
    const stage = result.stages.find((s) => s.name === 'build image');
    expect(stage?.ok).toBe(true);
    expect(stage?.headline).toMatch(/rebuilt to the same digest with 0 weights re-read/);
    await sh('/usr/bin/umoci', ['unpack', '--rootless', '--image', `${outDir}/image:support-bot-v2`, `${outDir}/bundle`]);
    const config = JSON.parse(await readFile(`${outDir}/bundle/config.json`, 'utf8')) as { process: { args: string[] } };
    expect(config.process.args.slice(0, 2)).toEqual(['node', '/app/scripts/serve.mjs']);
    expect(await readFile(`${outDir}/bundle/rootfs/app/scripts/serve.mjs`, 'utf8')).toBe(
      await readFile(path.join(REPO_ROOT, 'examples/support-bot/scripts/serve.mjs'), 'utf8'),
    );
    const report = await readFile(path.join(outDir, 'report.md'), 'utf8');
    expect(report).toContain('## Containerization: build image');
  });

  (tools && requireBinary(REGISTRY_BIN, 'docker-registry') ? test : test.skip)('pushes to the local registry named in SLIPWAY_DEMO_REGISTRY', async () => {
    const registry = await startRegistry();
    const host = registry.url.replace('http://', '');
    process.env.SLIPWAY_DEMO_REGISTRY = host;
    try {
      const outDir = await mkdtemp(path.join(tmpdir(), 'demo-build-push-'));
      const result = await runDemo(createTerminalRuntime({ quiet: true, stderr: sink() }), {
        exampleDir: path.join(REPO_ROOT, 'examples/support-bot'),
        outDir,
        stages: [trainStage, buildStage],
      });
      expect(result.stages.every((s) => s.ok)).toBe(true);
      const inspect = JSON.parse(await sh('/usr/bin/skopeo', ['inspect', '--tls-verify=false', `docker://${host}/acme/support-bot:support-bot-v2`])) as {
        Digest: string;
      };
      const layout = JSON.parse(await sh('/usr/bin/skopeo', ['inspect', `oci:${outDir}/image:support-bot-v2`])) as { Digest: string };
      expect(inspect.Digest).toBe(layout.Digest);
      expect(await readFile(path.join(outDir, 'report.md'), 'utf8')).toContain('Pushed to the local registry');
    } finally {
      delete process.env.SLIPWAY_DEMO_REGISTRY;
      await registry.stop();
    }
  });
});
