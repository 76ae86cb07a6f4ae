import { statSync } from 'node:fs';
import { mapLimit, UserError } from '@slipway/kit';
import type { StoreContext } from './context.js';
import { type DirObject, parseDirObject } from './dir-object.js';
import { fromPosix } from './paths.js';
import { isDirHash } from './pointer.js';
import { objectKey } from './remote.js';
import { type HashedPath, hashPath } from './scan.js';
import type { Tracked } from './targets.js';

/** One object a pointer needs, and where its bytes can be read locally. */
export interface LocalObject {
  id: string;
  key: string;
  size: number;
  /** A file holding exactly these bytes (cache or workspace), for uploads. */
  source?: string;
  /** The `.dir` listing itself. */
  bytes?: Buffer;
}

/**
 * The `.dir` object of a tracked folder: from the local cache, else from the workspace when it still
 * matches the pointer, else from the remote (verified and cached). Undefined when none has it and
 * `remote` is false.
 */
export async function loadDirObject(ctx: StoreContext, t: Tracked, allowRemote: boolean, workspace?: HashedPath): Promise<DirObject | undefined> {
  const id = t.out.md5;
  const cached = await ctx.cache.read(id);
  if (cached) return parseDirObject(id, cached, `local cache (${t.pointerRel})`);
  const ws = workspace ?? (await hashPath(ctx, t.abs));
  if (ws?.dir && ws.md5 === id) {
    await ctx.cache.insertBytes(id, ws.dir.bytes);
    return ws.dir;
  }
  if (!allowRemote) return undefined;
  const remote = await ctx.remote();
  const chunks: Buffer[] = [];
  try {
    for await (const c of await remote.open(objectKey(id))) chunks.push(c as Buffer);
  } catch (error) {
    if (isMissing(error)) {
      throw new UserError(`${t.pointerRel}:${t.out.line}: the folder listing ${id} of ${t.rel} is not on ${remote.display}`, {
        hint: 'push it from a machine that has the folder, or check the remote URL',
      });
    }
    throw error;
  }
  const dir = parseDirObject(id, Buffer.concat(chunks), `${remote.display}/${objectKey(id)}`);
  await ctx.cache.insertBytes(id, dir.bytes);
  (await ctx.index()).add([objectKey(id)]);
  return dir;
}

/** Every object a push of `t` needs, each with a local source; fails naming the path when one is missing. */
export async function objectsToPush(ctx: StoreContext, t: Tracked): Promise<LocalObject[]> {
  const { md5, size } = t.out;
  if (!isDirHash(md5)) {
    return [{ id: md5, key: objectKey(md5), size, source: (await localSource(ctx, t, md5, size, t.abs)).file }];
  }
  const workspace = ctx.cache.sizeOf(md5) !== undefined ? undefined : await hashPath(ctx, t.abs);
  const dir = await loadDirObject(ctx, t, false, workspace);
  if (!dir) throw missingLocally(t, md5);
  const files = await mapLimit(dir.entries, 64, async (e): Promise<LocalObject> => {
    const source = await localSource(ctx, t, e.md5, undefined, fromPosix(t.abs, e.relpath));
    return { id: e.md5, key: objectKey(e.md5), size: source.size, source: source.file };
  });
  return [...files, { id: md5, key: objectKey(md5), size: dir.bytes.length, bytes: dir.bytes }];
}

async function localSource(
  ctx: StoreContext,
  t: Tracked,
  id: string,
  size: number | undefined,
  workspaceFile: string,
): Promise<{ file: string; size: number }> {
  const cached = ctx.cache.sizeOf(id, size);
  if (cached !== undefined) return { file: ctx.cache.pathOf(id), size: cached };
  const st = statSync(workspaceFile, { throwIfNoEntry: false });
  if (st?.isFile() && (await ctx.hashes.hash(workspaceFile, ctx.hasher, st)).md5 === id) return { file: workspaceFile, size: st.size };
  throw missingLocally(t, id);
}

function missingLocally(t: Tracked, id: string): UserError {
  return new UserError(`${t.pointerRel}:${t.out.line}: object ${id} of ${t.rel} is neither in the local cache nor in the workspace`, {
    hint: `run \`slipway artifacts pull ${t.rel}\` or \`slipway artifacts add ${t.rel}\` again`,
  });
}

/** True for "no such object" from either kind of remote. */
export function isMissing(error: unknown): boolean {
  const e = error as { code?: string; name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.code === 'ENOENT' || e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
