/**
 * Builds the gateway's container image with Slipway's own container-build, reproducibly:
 *
 *   npm run image:gateway -- --image 127.0.0.1:5000/slipway-gateway:dev [--layout DIR] [--tag T]
 *   npm run image:gateway -- --prepare-only && npx slipway build --config images/gateway/slipway.yml --image …
 *
 * No base image can be pulled, so the base is made from this machine's files: the Node binary
 * running this script and the shared libraries it loads (ldd), with a passwd entry for the
 * non-root user and the CA bundle when there is one. The gateway is bundled into one ESM file
 * (esbuild) as the app layer. Then `images/gateway/slipway.yml` is built by the assemble engine.
 * The same machine and commit give the same digest.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTerminalRuntime, exitCodeFor, type Runtime, UserError } from '@slipway/kit';
import { type BuildResult, hostRootfs, runContainerBuild } from '@slipway/oci';
import { build, type Plugin } from 'esbuild';

export const IMAGE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(IMAGE_DIR, '../..');
/** Where build.ts writes what slipway.yml copies (git-ignored). */
export const STAGE = path.join(IMAGE_DIR, '.build');
/** The account the image runs as (the usual "nonroot" id of minimal images). */
export const IMAGE_USER = { name: 'gateway', uid: 65532, gid: 65532 };

/** Resolves `@slipway/<pkg>` to its TypeScript source, so the bundle never depends on a stale `lib/`. */
const workspaceSources: Plugin = {
  name: 'slipway-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@slipway\/[a-z-]+$/ }, (args) => ({ path: path.join(ROOT, 'packages', args.path.slice('@slipway/'.length), 'src/index.ts') }));
  },
};

/** Bundles the gateway's entry point into one ESM file; the same sources give the same bytes. */
export async function bundleGateway(outFile: string): Promise<void> {
  await mkdir(path.dirname(outFile), { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, 'packages/gateway/src/bin.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [workspaceSources],
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: { js: "import { createRequire as __slipwayRequire } from 'node:module';\nconst require = __slipwayRequire(import.meta.url);" },
    legalComments: 'eof',
    logLevel: 'warning',
  });
}

/** Writes `.build/rootfs` (Node, its libraries, /etc) and `.build/app/gateway.mjs`. */
export async function prepareGatewayImage(stage = STAGE, nodeBinary = process.execPath): Promise<{ libraries: string[] }> {
  const rootfs = await hostRootfs(path.join(stage, 'rootfs'), {
    binaries: [{ source: nodeBinary, dest: '/usr/local/bin/node' }],
    user: IMAGE_USER,
    optionalFiles: ['/etc/ssl/certs/ca-certificates.crt'],
  });
  await bundleGateway(path.join(stage, 'app/gateway.mjs'));
  return { libraries: rootfs.libraries };
}

export interface GatewayImageOptions {
  image?: string;
  layout?: string;
  tags?: string[];
  insecureRegistries?: string[];
  rt?: Runtime;
}

/** Prepares the files, then builds `images/gateway/slipway.yml` with the assemble engine; pushes to `image` and/or writes `layout`. */
export async function buildGatewayImage(options: GatewayImageOptions): Promise<BuildResult> {
  if (!options.image && !options.layout) throw new UserError('needs --image REF or --layout DIR', { hint: 'e.g. --image 127.0.0.1:5000/slipway-gateway:dev' });
  await prepareGatewayImage();
  const rt = options.rt ?? createTerminalRuntime({ cwd: ROOT });
  return runContainerBuild(rt, {
    config: path.join(IMAGE_DIR, 'slipway.yml'),
    ...(options.image ? { image: options.image } : {}),
    ...(options.layout ? { layout: options.layout } : {}),
    ...(options.tags?.length ? { tags: options.tags } : {}),
    ...(options.insecureRegistries?.length ? { insecureRegistries: options.insecureRegistries } : {}),
  });
}

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({
      options: {
        image: { type: 'string' },
        layout: { type: 'string' },
        tag: { type: 'string', multiple: true },
        'insecure-registry': { type: 'string', multiple: true },
        'prepare-only': { type: 'boolean' },
      },
    });
    if (values['prepare-only']) {
      // For `slipway build --config images/gateway/slipway.yml …`, which builds what is prepared here.
      const { libraries } = await prepareGatewayImage();
      process.stdout.write(`${JSON.stringify({ stage: STAGE, libraries })}\n`);
      return 0;
    }
    const result = await buildGatewayImage({
      ...(values.image ? { image: values.image } : {}),
      ...(values.layout ? { layout: path.resolve(values.layout) } : {}),
      ...(values.tag ? { tags: values.tag } : {}),
      ...(values['insecure-registry'] ? { insecureRegistries: values['insecure-registry'] } : {}),
    });
    process.stdout.write(`${JSON.stringify({ image: result.image, digest: result.digest, tags: result.tags })}\n`);
    return 0;
  } catch (error) {
    // Bad flags (node:util parseArgs) and UserErrors are the user's to fix: one line, exit 2. Anything else is a bug.
    const badFlag = typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS');
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const hint = error instanceof UserError && error.hint ? ` (${error.hint})` : '';
    process.stderr.write(`image:gateway: ${message}${hint}\n`);
    if (badFlag) return 2;
    if (!(error instanceof UserError)) console.error(error);
    return exitCodeFor(error);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
