import path from 'node:path';
import type { Runtime } from '@slipway/kit';
import { StoreContext, type StoreOptions } from './internal/context.js';
import { IN_MEMORY } from './internal/download-pool.js';
import { placeObject, RANGE_MIN } from './internal/fetch.js';
import { loadDirObject } from './internal/objects.js';
import { assertNoSymlinkEscape, fromPosix } from './internal/paths.js';
import { isDirHash } from './internal/pointer.js';
import { limiter, runAll } from './internal/run-all.js';
import { hashPath } from './internal/scan.js';
import { findTargets } from './internal/targets.js';
import { finishResult, newPathResult, type PathResult, pointersDigest, type SyncResult } from './result.js';

interface Job {
  id: string;
  size: number | undefined;
  target: string;
  isexec: boolean;
  shown: string;
  owner: PathResult;
}

/**
 * `slipway artifacts pull`: makes each tracked path match its pointer. Files already right are
 * left alone (known from the hash cache, not re-read); the rest come from the local cache or the
 * remote, MD5-checked, each written whole or not at all.
 */
export async function pullArtifacts(rt: Runtime, options: StoreOptions): Promise<SyncResult> {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths);
    const results: PathResult[] = [];
    const jobs: Job[] = [];
    for (const t of targets) {
      const r = newPathResult(t, 'up to date');
      results.push(r);
      const ws = await hashPath(ctx, t.abs);
      if (ws && ws.md5 === t.out.md5) {
        r.skipped.objects += ws.files.length;
        r.skipped.bytes += ws.size;
        continue;
      }
      // Bytes will come over the network: start the download threads now, while listings load.
      if (ctx.cache.sizeOf(t.out.md5) === undefined) ctx.downloads().warm();
      if (!isDirHash(t.out.md5)) {
        jobs.push({ id: t.out.md5, size: t.out.size, target: t.abs, isexec: t.out.isexec === true, shown: t.rel, owner: r });
        continue;
      }
      const dir = await loadDirObject(ctx, t, true, ws);
      if (!dir) throw new Error(`unreachable: no listing for ${t.rel}`);
      const have = new Map((ws?.kind === 'folder' ? ws.files : []).map((f) => [f.relpath, f]));
      const parents = new Set<string>();
      for (const e of dir.entries) {
        const target = fromPosix(t.abs, e.relpath);
        const current = have.get(e.relpath);
        if (current?.md5 === e.md5) {
          r.skipped.objects++;
          r.skipped.bytes += current.size;
          continue;
        }
        parents.add(path.dirname(target));
        jobs.push({ id: e.md5, size: undefined, target, isexec: false, shown: `${t.rel}/${e.relpath}`, owner: r });
      }
      // A link planted inside the folder must not carry writes out of the repository.
      for (const p of parents) await assertNoSymlinkEscape(ctx.root, p, t.pointerRel, path.relative(ctx.root, p));
    }
    // Few big objects leave download threads idle: split each into ranges fetched side by side.
    // Many big objects keep every thread busy anyway, and one stream per object is hashed as it arrives.
    const big = jobs.filter((j) => (j.size ?? 0) >= RANGE_MIN).length;
    const lanes = 2 * ctx.downloads().threads;
    const ranges = big > 0 && big < lanes ? Math.ceil(lanes / big) : 1;
    const progress = rt.progress('pulling', jobs.length);
    try {
      // Many small objects in flight, but only `jobs` big ones; a folder's files have no size until they arrive.
      const bigAtOnce = limiter(ctx.jobs);
      await runAll(jobs, ctx.smallJobs, async (j) => {
        const place = () => placeObject(ctx, j.id, j.size, j.target, { isexec: j.isexec, shown: j.shown, ranges });
        const placed = j.size !== undefined && j.size > IN_MEMORY ? await bigAtOnce(place) : await place();
        const tally = placed.downloaded ? j.owner.downloaded : j.owner.skipped;
        tally.objects++;
        tally.bytes += placed.size;
        j.owner.status = 'pulled';
        progress.tick(1, j.shown);
      });
    } finally {
      progress.done();
    }
    const result = finishResult('pull', ctx.hasRemote ? ctx.remoteDisplay : '', results, pointersDigest(targets));
    rt.log.info(`pulled ${result.downloaded.objects} object(s) (${result.downloaded.bytes} bytes); ${result.skipped.objects} already in place or cached`);
    return result;
  } finally {
    await ctx.close();
  }
}
