import path from 'node:path';
import type { Runtime } from '@slipway/kit';
import { FolderRemote } from './internal/fs-remote.js';
import type { Remote } from './internal/remote.js';
import { parseRemote, type S3Options } from './internal/settings.js';

/**
 * The remote at `url` for other capabilities' own objects (eval results, for example): `file://…`
 * or a folder gives a folder remote, `s3://bucket/prefix` the bucket (default credential chain).
 * Objects are write-once: store movable names as new keys, never by overwriting one.
 */
export async function openRemote(rt: Runtime, url: string, s3: S3Options = {}, source = 'store'): Promise<Remote> {
  const spec = parseRemote(url, rt.cwd, source, s3);
  if (spec.kind === 'folder') {
    const remote = new FolderRemote(spec.root);
    await remote.check();
    return remote;
  }
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = process.env[name];
    if (value) rt.setSecret(value);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Remote } = await import('./internal/s3-remote.js');
  const remote = new S3Remote({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3, jobs: 8, stateDir: path.join(rt.cwd, '.slipway', 'state'), log: rt.log });
  await remote.check();
  return remote;
}
