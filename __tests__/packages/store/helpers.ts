import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTerminalRuntime, type TerminalRuntime } from '@slipway/kit';

/** A fresh repository folder; removed by the returned cleanup. */
export async function tempRepo(prefix = 'slipway-store-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A quiet terminal runtime rooted at `cwd`, collecting logs for assertions. */
export function quietRuntime(cwd: string): TerminalRuntime & { lines: string[] } {
  const lines: string[] = [];
  const stderr = Object.assign(
    {
      write(chunk: string) {
        lines.push(String(chunk));
        return true;
      },
    },
    { isTTY: false },
  ) as unknown as NodeJS.WritableStream;
  return Object.assign(createTerminalRuntime({ cwd, stderr, env: {} }), { lines });
}

/** Writes files given as `{ 'a/b.txt': content }` below `root`. */
export async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** Every file below `root` with the MD5 of its bytes, as `{ relpath: md5 }` (small enough to diff). */
export async function readTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(dir, e.name), child);
      else if (e.isFile())
        out[child] = createHash('md5')
          .update(await readFile(path.join(dir, e.name)))
          .digest('hex');
    }
  };
  await walk(root, '');
  return out;
}
