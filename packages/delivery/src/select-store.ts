import path from 'node:path';
import { type Runtime, UserError } from '@slipway/kit';
import { FolderReleaseStore, type ReleaseStore } from '@slipway/release';
import { FolderRolloutStore, type RolloutStore } from './state.js';

/** Where a rollout's state and the environment's history live, opened together. */
export interface DeliveryStores {
  rollouts: RolloutStore;
  history: ReleaseStore;
  display: string;
  close(): Promise<void>;
}

/** S3 settings beyond the URL: slipway.yml's `artifacts.s3` (the same bucket settings as artifacts). */
export interface StateS3Options {
  region?: string;
  endpoint?: string;
  pathStyle?: boolean;
}

/** True for a state location in a bucket rather than a folder. */
export function isRemote(location: string): boolean {
  return /^s3:\/\//i.test(location);
}

/**
 * Opens the state at `location`: a folder (relative to `base`), or `s3://bucket/prefix` for rollout
 * state with compare-and-swap in the bucket ({@link S3RolloutStore}) and the release history beside it
 * (`@slipway/store`'s RemoteReleaseStore), on the default AWS credential chain.
 */
export async function openDeliveryStores(rt: Runtime, location: string, base: string, s3: StateS3Options = {}): Promise<DeliveryStores> {
  if (!isRemote(location)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^file:\/\//i.test(location)) {
      throw new UserError(`deploy.state: "${location}" is neither a folder nor s3://bucket/prefix`, {
        hint: 'use a folder such as .slipway/state, or s3://bucket/prefix',
      });
    }
    const root = path.resolve(base, location.replace(/^file:\/\//i, ''));
    return { rollouts: new FolderRolloutStore(root), history: new FolderReleaseStore(root), display: root, close: async () => {} };
  }
  const { openReleaseStore, parseRemote } = await import('@slipway/store');
  const spec = parseRemote(location, base, 'deploy.state', s3);
  if (spec.kind !== 's3') throw new UserError(`deploy.state: ${location} is not an s3:// URL`);
  const history = await openReleaseStore(rt, location, spec.s3);
  const { S3RolloutStore } = await import('./s3-state.js');
  const rollouts = new S3RolloutStore({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3 });
  return {
    rollouts,
    history,
    display: rollouts.display,
    close: async () => {
      rollouts.close();
      await history.close();
    },
  };
}
