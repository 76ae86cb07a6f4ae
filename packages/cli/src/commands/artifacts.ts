import type { Command } from 'commander';
import type { CommandModule, GlobalOptions } from '../command.js';

interface RemoteFlags {
  remote?: string;
  jobs?: string;
  endpoint?: string;
  region?: string;
  pathStyle?: boolean;
  sse?: string;
  sseKmsKeyId?: string;
}

function remoteFlags(cmd: Command): Command {
  return cmd
    .option('-r, --remote <url>', 'remote: file://path or s3://bucket/prefix (default: slipway.yml, then .dvc/config)')
    .option('-j, --jobs <n>', 'parallel transfers (default: 4 x CPU cores for files over 1 MiB, 16 x for smaller ones)')
    .option('--endpoint <url>', 'S3-compatible endpoint (MinIO, R2, s3rver)')
    .option('--region <region>', 'S3 region')
    .option('--path-style', 'address the bucket by path rather than host name')
    .option('--sse <mode>', 'server-side encryption: AES256, aws:kms or aws:kms:dsse')
    .option('--sse-kms-key-id <id>', 'KMS key for --sse aws:kms');
}

/** Turns CLI flags into the store's options; numbers are parsed here so a typo is an input error. */
async function storeOptions(paths: string[], flags: RemoteFlags, globals: GlobalOptions) {
  const { parseInteger } = await import('@slipway/kit');
  const s3: Record<string, string | boolean> = {};
  if (flags.endpoint !== undefined) s3.endpoint = flags.endpoint;
  if (flags.region !== undefined) s3.region = flags.region;
  if (flags.pathStyle !== undefined) s3.pathStyle = flags.pathStyle;
  if (flags.sse !== undefined) s3.sse = flags.sse;
  if (flags.sseKmsKeyId !== undefined) s3.sseKmsKeyId = flags.sseKmsKeyId;
  return {
    paths,
    ...(flags.remote !== undefined ? { remote: flags.remote } : {}),
    ...(flags.jobs !== undefined ? { jobs: parseInteger('jobs', flags.jobs, { min: 1, max: 256 }) } : {}),
    ...(globals.config !== undefined ? { configFile: globals.config } : {}),
    s3,
  };
}

/** `slipway artifacts add | push | pull | status | gc`. The store (and the AWS SDK) load only when a subcommand runs. */
export const artifactsCommand: CommandModule = {
  register(program, execute) {
    const artifacts = program.command('artifacts').description('version model and data files outside git: DVC-compatible pointers, file:// or s3:// remotes');
    artifacts
      .command('add')
      .description('hash paths into the local cache and write a .dvc pointer beside each (and a .gitignore entry)')
      .argument('<paths...>', 'files or folders, relative to the repository')
      .action((paths: string[]) =>
        execute('artifacts add', {}, async (rt, globals) => {
          const { addArtifacts, reportResult } = await import('@slipway/store');
          const result = await addArtifacts(rt, { paths, ...(globals.config !== undefined ? { configFile: globals.config } : {}) });
          await reportResult(rt, result);
          return result;
        }),
      );
    remoteFlags(
      artifacts.command('push').description('upload what the remote lacks').argument('[paths...]', 'tracked paths or their .dvc files (default: all)'),
    ).action((paths: string[], flags: RemoteFlags) =>
      execute('artifacts push', {}, async (rt, globals) => {
        const { pushArtifacts, reportResult } = await import('@slipway/store');
        const result = await pushArtifacts(rt, await storeOptions(paths, flags, globals));
        await reportResult(rt, result);
        return result;
      }),
    );
    remoteFlags(
      artifacts
        .command('pull')
        .description('make tracked paths match their pointers, verifying every byte')
        .argument('[paths...]', 'tracked paths or their .dvc files (default: all)'),
    )
      .option('--no-local-cache', 'do not keep a copy of pulled objects in the local cache')
      .action((paths: string[], flags: RemoteFlags & { localCache: boolean }) =>
        execute('artifacts pull', {}, async (rt, globals) => {
          const { pullArtifacts, reportResult } = await import('@slipway/store');
          const result = await pullArtifacts(rt, { ...(await storeOptions(paths, flags, globals)), keepCache: flags.localCache });
          await reportResult(rt, result);
          return result;
        }),
      );
    remoteFlags(
      artifacts
        .command('status')
        .description('compare the workspace with the pointers, and the pointers with the remote')
        .argument('[paths...]', 'tracked paths (default: all)'),
    )
      .option('--offline', 'do not check the remote')
      .action((paths: string[], flags: RemoteFlags & { offline?: boolean }) =>
        execute('artifacts status', {}, async (rt, globals) => {
          const { artifactStatus, reportResult } = await import('@slipway/store');
          const result = await artifactStatus(rt, { ...(await storeOptions(paths, flags, globals)), ...(flags.offline ? { checkRemote: false } : {}) });
          await reportResult(rt, result);
          return result;
        }),
      );
    remoteFlags(artifacts.command('gc').description('remove objects no pointer references (a dry run unless --force)'))
      .option('--refs <refs>', 'comma-separated git refs whose pointers keep their objects, e.g. main,v1.2')
      .option('--cloud', 'also collect on the remote')
      .option('--force', 'delete for real')
      .action((flags: RemoteFlags & { refs?: string; cloud?: boolean; force?: boolean }) =>
        execute('artifacts gc', {}, async (rt, globals) => {
          const { collectGarbage } = await import('@slipway/store');
          const refs = (flags.refs ?? '')
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean);
          return collectGarbage(rt, { ...(await storeOptions([], flags, globals)), refs, cloud: flags.cloud === true, force: flags.force === true });
        }),
      );
  },
};
