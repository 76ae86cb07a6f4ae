import type { Runtime } from '@slipway/kit';
import { StoreContext, type StoreOptions } from './internal/context.js';
import { type LocalObject, objectsToPush } from './internal/objects.js';
import type { Remote } from './internal/remote.js';
import type { RemoteIndex } from './internal/remote-index.js';
import { limiter, runAll } from './internal/run-all.js';
import { findTargets } from './internal/targets.js';
import { finishResult, newPathResult, type PathResult, pointersDigest, type SyncResult } from './result.js';

/** Objects up to this size count as small: sent many at a time. */
const SMALL_OBJECT = 1024 * 1024;

/** Above this many unknown objects, one listing of the remote is cheaper than a HEAD each. */
const LIST_THRESHOLD = 64;

/**
 * `slipway artifacts push`: uploads every object the pointers need that the remote lacks, files
 * first and each `.dir` listing last, so a folder is only announced once its files are there.
 * Objects this machine knows are present are not asked about again.
 */
export async function pushArtifacts(rt: Runtime, options: StoreOptions): Promise<SyncResult> {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths);
    const index = await ctx.index();
    // Connect only when something must be asked or sent: an up-to-date push needs no network.
    const connect = () => ctx.remote();
    const results: PathResult[] = [];
    const owners = new Map<string, { obj: LocalObject; owner: PathResult }>();
    for (const t of targets) {
      const r = newPathResult(t, 'up to date');
      results.push(r);
      for (const obj of await objectsToPush(ctx, t)) if (!owners.has(obj.key)) owners.set(obj.key, { obj, owner: r });
    }
    const present = await knownPresent(connect, index, [...owners.keys()]);
    const todo = [...owners.values()].filter(({ obj, owner }) => {
      if (!present.has(obj.key)) return true;
      owner.skipped.objects++;
      owner.skipped.bytes += obj.size;
      return false;
    });
    const progress = rt.progress(`pushing to ${ctx.remoteDisplay}`, todo.length);
    const upload = async ({ obj, owner }: { obj: LocalObject; owner: PathResult }) => {
      const remote = await connect();
      const outcome = obj.bytes
        ? await remote.uploadBytes(obj.key, obj.bytes, { md5: obj.id.slice(0, 32), size: obj.size })
        : await remote.upload(obj.key, obj.source ?? '', { md5: obj.id, size: obj.size });
      const tally = outcome === 'uploaded' ? owner.uploaded : owner.skipped;
      tally.objects++;
      tally.bytes += obj.size;
      if (outcome === 'uploaded') owner.status = 'pushed';
      index.add([obj.key]);
      progress.tick(1, obj.key);
    };
    // Many small objects in flight, but only `jobs` big ones (each streams, some in parts).
    const big = limiter(ctx.jobs);
    const send = (x: { obj: LocalObject; owner: PathResult }) => (x.obj.size > SMALL_OBJECT ? big(() => upload(x)) : upload(x));
    try {
      // Files before listings: a reader that sees a .dir can fetch every file it names.
      await runAll(
        todo.filter((x) => !x.obj.bytes),
        ctx.smallJobs,
        send,
      );
      await runAll(
        todo.filter((x) => x.obj.bytes),
        ctx.smallJobs,
        send,
      );
    } finally {
      await index.save();
    }
    progress.done();
    const result = finishResult('push', ctx.remoteDisplay, results, pointersDigest(targets));
    rt.log.info(`pushed ${result.uploaded.objects} object(s) (${result.uploaded.bytes} bytes); ${result.skipped.objects} already on ${ctx.remoteDisplay}`);
    return result;
  } finally {
    await ctx.close();
  }
}

/** Which of `keys` the remote holds: the local index first, then a listing or HEADs for the rest. */
export async function knownPresent(connect: () => Promise<Remote>, index: RemoteIndex, keys: readonly string[]): Promise<Set<string>> {
  const present = new Set(keys.filter((k) => index.known.has(k)));
  const unknown = keys.filter((k) => !present.has(k));
  if (unknown.length === 0) return present;
  const remote = await connect();
  let found: Set<string>;
  if (unknown.length > LIST_THRESHOLD) {
    const listed = new Set(await remote.list('files/md5/'));
    index.add(listed);
    found = new Set(unknown.filter((k) => listed.has(k)));
  } else {
    found = await remote.has(unknown);
    index.add(found);
  }
  for (const k of found) present.add(k);
  return present;
}
