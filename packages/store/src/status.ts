import type { Runtime } from '@slipway/kit';
import { StoreContext, type StoreOptions } from './internal/context.js';
import { loadDirObject } from './internal/objects.js';
import { isDirHash } from './internal/pointer.js';
import { objectKey } from './internal/remote.js';
import { hashPath } from './internal/scan.js';
import { findTargets } from './internal/targets.js';
import { knownPresent } from './push.js';
import { finishResult, newPathResult, type PathResult, pointersDigest, type SyncResult } from './result.js';

/**
 * `slipway artifacts status`: compares each tracked path with its pointer (`modified`, `missing`)
 * and, when a remote is configured, whether the remote holds every object (`not pushed`).
 * Up-to-date answers come from the hash cache and the remote index, without the network.
 */
export async function artifactStatus(rt: Runtime, options: StoreOptions & { checkRemote?: boolean }): Promise<SyncResult> {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths);
    const checkRemote = options.checkRemote ?? ctx.hasRemote;
    const results: PathResult[] = [];
    const needs = new Map<PathResult, string[]>();
    for (const t of targets) {
      const ws = await hashPath(ctx, t.abs);
      const r = newPathResult(t, !ws ? 'missing' : ws.md5 === t.out.md5 ? 'up to date' : 'modified');
      results.push(r);
      if (!checkRemote) continue;
      if (!isDirHash(t.out.md5)) needs.set(r, [objectKey(t.out.md5)]);
      else {
        const dir = await loadDirObject(ctx, t, true, ws);
        needs.set(r, [...(dir?.entries.map((e) => objectKey(e.md5)) ?? []), objectKey(t.out.md5)]);
      }
    }
    let remoteDisplay = '';
    if (checkRemote && needs.size > 0) {
      const index = await ctx.index();
      remoteDisplay = ctx.remoteDisplay;
      const present = await knownPresent(() => ctx.remote(), index, [...new Set([...needs.values()].flat())]);
      await index.save();
      for (const [r, keys] of needs) {
        const missing = keys.filter((k) => !present.has(k)).length;
        if (missing > 0 && r.status === 'up to date') r.status = `not pushed (${missing} object(s))`;
        else if (missing > 0) r.status += `, ${missing} object(s) not on the remote`;
      }
    }
    const result = finishResult('status', remoteDisplay, results, pointersDigest(targets));
    for (const p of results) rt.log.info(`${p.status.padEnd(12)} ${p.path}`);
    return result;
  } finally {
    await ctx.close();
  }
}
