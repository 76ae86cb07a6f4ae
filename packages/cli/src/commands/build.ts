import type { CommandModule } from '../command.js';

interface BuildFlags {
  engine?: string;
  image?: string;
  tag?: string[];
  base?: string;
  app?: string[];
  weights?: string[];
  file?: string;
  context?: string;
  layout?: string;
  platform?: string;
  label?: string[];
  username?: string;
  insecureRegistry?: string[];
  uploadMode?: string;
  concurrency?: string;
  releaseId?: string;
  artifactsDigest?: string;
  evalReportDigest?: string;
  attest?: boolean;
  sign?: boolean;
  cacheFile?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `slipway build`: the container-build action from a terminal. The oci package loads only when it runs. */
export const buildCommand: CommandModule = {
  register(program, execute) {
    program
      .command('build')
      .description('build the OCI image (assemble: no daemon, weights in their own layers; or buildah / buildx from a Dockerfile) and push it')
      .option('-e, --engine <engine>', 'auto | assemble | buildah | buildx (default: slipway.yml, then auto)')
      .option('-i, --image <ref>', 'push to this reference, e.g. ghcr.io/acme/bot:v1')
      .option('-t, --tag <tag>', 'another tag (repeatable)', collect)
      .option('--base <ref>', 'assemble: base image reference or `scratch`')
      .option('--app <path>', 'assemble: app file or folder, put under /app (repeatable)', collect)
      .option('--weights <path>', 'assemble: weight file or folder, one layer per file under /models (repeatable)', collect)
      .option('-f, --file <Dockerfile>', 'buildah/buildx: the Dockerfile')
      .option('--context <dir>', 'buildah/buildx: the build context')
      .option('-o, --layout <dir>', 'also write an OCI image layout folder')
      .option('--platform <os/arch>', 'target platform, e.g. linux/amd64')
      .option('-l, --label <key=value>', 'an image label (repeatable)', collect)
      .option('-u, --username <user>', 'registry user (the password comes from SLIPWAY_REGISTRY_PASSWORD)')
      .option('--insecure-registry <host>', 'reach this registry over plain HTTP (repeatable)', collect)
      .option('--upload-mode <mode>', 'auto | monolithic | chunked')
      .option('--concurrency <n>', 'layers uploaded in parallel')
      .option('--release-id <digest>', 'release record id, written as a label')
      .option('--artifacts-digest <digest>', 'digest of the artifact pointers, written as a label')
      .option('--eval-report-digest <digest>', 'digest of the eval report, written as a label')
      .option('--no-attest', 'do not attach the SBOM and provenance')
      .option('--no-sign', 'do not sign with cosign (signing needs cosign and COSIGN_KEY or an OIDC token)')
      .option('--cache-file <file>', 'weight-layer digest cache (default .slipway/cache/oci-layers.json)')
      .action((flags: BuildFlags) => {
        const inputs: Record<string, string | undefined> = {
          engine: flags.engine,
          image: flags.image,
          tags: flags.tag?.join('\n'),
          base: flags.base,
          app: flags.app?.join('\n'),
          weights: flags.weights?.join('\n'),
          dockerfile: flags.file,
          context: flags.context,
          layout: flags.layout,
          platform: flags.platform,
          labels: flags.label?.join('\n'),
          username: flags.username,
          // A password on the command line would sit in the shell history and `ps`.
          password: process.env.SLIPWAY_REGISTRY_PASSWORD || undefined,
          'insecure-registries': flags.insecureRegistry?.join('\n'),
          'upload-mode': flags.uploadMode,
          concurrency: flags.concurrency,
          'release-id': flags.releaseId,
          'artifacts-digest': flags.artifactsDigest,
          'eval-report-digest': flags.evalReportDigest,
          attest: flags.attest === false ? 'false' : undefined,
          sign: flags.sign === false ? 'false' : undefined,
          'cache-file': flags.cacheFile,
        };
        return execute('build', inputs, async (rt, globals) => {
          const { readContainerBuildInputs, runContainerBuild } = await import('@slipway/oci');
          const result = await runContainerBuild(rt, { ...readContainerBuildInputs(rt), ...(globals.config ? { config: globals.config } : {}) });
          return {
            image: result.image,
            digest: result.digest,
            tags: result.tags,
            engine: result.engine,
            bytes: result.bytes,
            layers: result.layers.map(({ files: _f, ...l }) => l),
          };
        });
      });
  },
};
