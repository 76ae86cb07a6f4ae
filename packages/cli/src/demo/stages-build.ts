import path from 'node:path';
import { escapeMarkdown, markdownTable } from '@slipway/kit';
import type { DemoStage } from './stage.js';

/**
 * Packages the support bot as an OCI image: the app's code in one layer, each file of the trained
 * v2 model in its own, written as an OCI layout under the demo's output. A second build from the
 * same inputs must give the same digest and read no weight again.
 */
export const buildStage: DemoStage = {
  name: 'build image',
  phase: 'Containerization',
  async run(ctx) {
    const { buildImage, fmtBytes } = await import('@slipway/oci');
    const model = ctx.state.get('model:v2');
    if (typeof model !== 'string') throw new Error('the train stage did not leave a v2 model (state model:v2)');
    const layout = path.join(ctx.outDir, 'image');
    const options = {
      engine: 'assemble' as const,
      layout,
      tags: ['support-bot-v2'],
      base: 'scratch',
      app: [
        { source: path.join(ctx.exampleDir, 'src'), dest: '/app/src' },
        { source: path.join(ctx.exampleDir, 'scripts/serve.mjs'), dest: '/app/scripts/serve.mjs' },
        { source: path.join(ctx.exampleDir, 'package.json'), dest: '/app/package.json' },
      ],
      weights: [{ source: model, dest: '/models/support-bot-v2' }],
      entrypoint: ['node', '/app/scripts/serve.mjs'],
      cmd: ['--model', '/models/support-bot-v2', '--port', '8080', '--model-name', 'support-bot-v2'],
      ports: ['8080'],
      workdir: '/app',
      labels: { 'org.opencontainers.image.title': 'support-bot' },
      cacheFile: path.join(ctx.workDir, 'oci-layers.json'),
      created: '2026-01-01T00:00:00Z',
      processEnv: { GITHUB_REPOSITORY: 'acme/support-bot', GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: '0000000000000000000000000000000000000000' },
    };
    // With a local registry named in SLIPWAY_DEMO_REGISTRY (host:port), the image is pushed there too.
    const registry = process.env.SLIPWAY_DEMO_REGISTRY?.trim();
    const pushTo = registry ? { image: `${registry}/acme/support-bot`, attest: true } : {};
    const first = await buildImage(ctx.rt, { ...options, ...pushTo });
    const second = await buildImage(ctx.rt, { ...options, ...pushTo });
    if (second.digest !== first.digest) throw new Error(`two builds from the same inputs gave ${first.digest} and ${second.digest}`);
    const reread = second.layers.filter((l) => l.kind === 'weight' && l.read).length;
    ctx.state.set('image:v2', { layout, digest: first.digest, tag: 'support-bot-v2', ...(registry ? { image: first.image } : {}) });
    const pushed = registry
      ? `\n\nPushed to the local registry as \`${escapeMarkdown(first.image)}\`: ${fmtBytes(first.bytes.uploaded)} uploaded on the first build, ${fmtBytes(second.bytes.uploaded)} on the second (every layer was already there); SBOM and provenance under the \`sha256-…\` tag.`
      : '\n\nSet `SLIPWAY_DEMO_REGISTRY=host:port` to push it to a local registry too.';
    const weights = first.layers.filter((l) => l.kind === 'weight');
    const table = markdownTable(
      ['layer', 'path in image', 'digest', 'size'],
      first.layers.map((l) => [l.kind, escapeMarkdown(l.name), `\`${l.digest.slice(0, 19)}\``, fmtBytes(l.size)]),
      ['left', 'left', 'left', 'right'],
    );
    return {
      headline: `OCI image ${first.digest.slice(0, 19)}: app + ${weights.length} weight layers; rebuilt to the same digest with ${reread} weights re-read`,
      body: `Assembled without a daemon into the OCI layout \`${escapeMarkdown(path.relative(ctx.outDir, layout))}\` (tag \`support-bot-v2\`): read it with \`skopeo inspect oci:${escapeMarkdown(path.relative(process.cwd(), layout))}:support-bot-v2\`.\n\n${table}\n\nSecond build: digest ${second.digest === first.digest ? 'identical' : 'different'}, ${fmtBytes(second.bytes.read)} read from disk (the app layer only; weight digests came from the cache).${pushed}`,
    };
  },
};
