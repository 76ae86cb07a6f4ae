import { lstat, mkdir, readdir, readFile, readlink, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@slipway/kit';
import { parse as parseYaml } from 'yaml';
import { readTarEntries } from './read-tar.js';
import { DeterministicTar, normalisePath, parentDirs, type TarEntry } from './tar.js';

/** Files copied into the image: `source` (a file or folder, on disk) lands at `dest` (a path in the image). */
export interface CopySpec {
  source: string;
  dest: string;
}

/** Layers get this mtime on every entry, so a weight's layer digest does not depend on the commit. */
export const LAYER_MTIME = 0;
/** Bumped whenever the tar format changes, so cached layer digests from an older writer are not trusted. */
const CACHE_FORMAT = 2;

/** One layer, ready to digest, upload or write. */
export interface PlannedLayer {
  kind: 'base' | 'app' | 'weight';
  /** What the summary calls it: the weight's path in the image, `app` or `rootfs`. */
  name: string;
  tar: DeterministicTar;
  /** Known without reading when the cache or a DVC pointer answered. */
  digest?: string;
  /** Where the digest came from: `cache` (nothing read), `hashed` (the files were read). */
  digestSource?: 'cache' | 'hashed';
  cacheKey?: string;
}

/** Lists every file under `spec` as tar entries at their place in the image, sorted; `.git` folders are left out. */
export async function collectFiles(spec: CopySpec, baseDir: string): Promise<{ path: string; file: string; size: number; mode: number }[]> {
  const source = path.resolve(baseDir, spec.source);
  const s = await stat(source).catch(() => undefined);
  if (!s) throw new MissingSourceError(spec.source, source);
  const dest = normalisePath(spec.dest);
  if (s.isFile()) {
    const inImage = spec.dest.endsWith('/') ? `${dest}/${path.basename(source)}` : dest;
    return [{ path: inImage, file: source, size: s.size, mode: s.mode }];
  }
  const out: { path: string; file: string; size: number; mode: number }[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === '.git') continue;
      const full = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(full, r);
      else if (e.isFile()) {
        const fs = await stat(full);
        out.push({ path: `${dest}/${r}`, file: full, size: fs.size, mode: fs.mode });
      }
    }
  };
  await walk(source, '');
  return out;
}

/** A source path that does not exist. */
export class MissingSourceError extends Error {
  override name = 'MissingSourceError';
  constructor(
    readonly spec: string,
    readonly resolved: string,
  ) {
    super(`"${spec}" does not exist (looked at ${resolved})`);
  }
}

/** The app layer: every file of every spec in one tar. */
export async function planAppLayer(specs: readonly CopySpec[], baseDir: string): Promise<PlannedLayer | undefined> {
  const files = (await Promise.all(specs.map((s) => collectFiles(s, baseDir)))).flat();
  if (files.length === 0) return undefined;
  const entries: TarEntry[] = [
    ...parentDirs(files.map((f) => f.path)),
    ...files.map((f) => ({ type: 'file' as const, path: f.path, size: f.size, mode: f.mode, source: { file: f.file } })),
  ];
  return { kind: 'app', name: 'app', tar: new DeterministicTar(entries, { mtime: LAYER_MTIME }) };
}

/**
 * The bottom layer from a folder laid out as the image's root: files, folders (empty ones too) and
 * symbolic links as they are (a link is kept, never followed); or from a tarball of such a tree.
 * A base made from files, where no base image can be pulled.
 */
export async function planRootfsLayer(source: string, baseDir: string): Promise<PlannedLayer> {
  const root = path.resolve(baseDir, source);
  const s = await stat(root).catch(() => undefined);
  if (!s) throw new MissingSourceError(source, root);
  if (s.isFile() && /\.(tar|tar\.gz|tgz)$/.test(root)) {
    // A tarball is read into memory and rewritten deterministically: the same tree as a folder gives the same digest.
    return { kind: 'base', name: 'rootfs', tar: new DeterministicTar(readTarEntries(await readFile(root)), { mtime: LAYER_MTIME }) };
  }
  if (!s.isDirectory())
    throw new UserError(`build.rootfs: "${source}" is neither a folder nor a .tar, .tar.gz or .tgz file`, {
      hint: "point it at a folder laid out as the image's root, or a tarball of one",
    });
  const entries: TarEntry[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const list = await readdir(dir, { withFileTypes: true });
    for (const e of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) entries.push({ type: 'symlink', path: r, target: await readlink(full) });
      else if (e.isDirectory()) {
        entries.push({ type: 'dir', path: r });
        await walk(full, r);
      } else if (e.isFile()) {
        const fs = await lstat(full);
        entries.push({ type: 'file', path: r, size: fs.size, mode: fs.mode, source: { file: full } });
      }
    }
  };
  await walk(root, '');
  return { kind: 'base', name: 'rootfs', tar: new DeterministicTar(entries, { mtime: LAYER_MTIME }) };
}

/** One layer per weight file, so a changed file replaces only its own layer. DVC pointers (`*.dvc`) beside the weights stay out. */
export async function planWeightLayers(specs: readonly CopySpec[], baseDir: string): Promise<PlannedLayer[]> {
  const files = (await Promise.all(specs.map((s) => collectFiles(s, baseDir)))).flat().filter((f) => !f.path.endsWith('.dvc'));
  return files.map((f) => ({
    kind: 'weight',
    name: f.path,
    tar: new DeterministicTar([...parentDirs([f.path]), { type: 'file', path: f.path, size: f.size, mode: f.mode, source: { file: f.file } }], {
      mtime: LAYER_MTIME,
    }),
  }));
}

interface CacheFile {
  version: number;
  /** `md5:<md5>:<size>:<path in image>:<mode>` (from a DVC pointer) or `stat:<file>:<size>:<mtime>:<inode>:<path in image>:<mode>` → the layer. */
  layers: Record<string, { digest: string; size: number }>;
}

/**
 * Remembers each weight layer's digest so an unchanged weight is neither read nor hashed again.
 * With a DVC pointer beside the file (`<file>.dvc`, from artifact-sync) the key is the pointer's MD5
 * and size, so the cache holds across checkouts and machines; without one, it is the file's size,
 * mtime and inode, as DVC's own state database does.
 */
export class LayerCache {
  private data: CacheFile = { version: CACHE_FORMAT, layers: {} };
  private dirty = false;

  constructor(readonly file: string | undefined) {}

  async load(): Promise<void> {
    if (!this.file) return;
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    if (!text) return;
    try {
      const parsed = JSON.parse(text) as CacheFile;
      if (parsed.version === CACHE_FORMAT && parsed.layers) this.data = parsed;
    } catch {
      // A corrupt cache is only a slower build.
    }
  }

  /** Fills `layer.digest` from the cache when the weight is unchanged, without reading it. */
  async resolve(layer: PlannedLayer): Promise<void> {
    const entry = layer.tar.entries.find((e) => e.type === 'file');
    if (!entry || entry.type !== 'file' || !('file' in entry.source)) return;
    const file = entry.source.file;
    const s = await stat(file);
    const where = `${entry.path}:${(entry.mode ?? 0) & 0o111 ? 755 : 644}`;
    const md5 = await md5FromPointer(file, s.size);
    layer.cacheKey = md5 ? `md5:${md5}:${s.size}:${where}` : `stat:${file}:${s.size}:${s.mtimeMs}:${s.ino}:${where}`;
    const hit = this.data.layers[layer.cacheKey];
    if (hit && hit.size === layer.tar.size) {
      layer.digest = hit.digest;
      layer.digestSource = 'cache';
    }
  }

  /** Records a freshly hashed weight layer. */
  remember(layer: PlannedLayer): void {
    if (!layer.cacheKey || !layer.digest) return;
    this.data.layers[layer.cacheKey] = { digest: layer.digest, size: layer.tar.size };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(this.data)}\n`);
    await rename(tmp, this.file);
  }
}

/** The MD5 a DVC pointer (`<file>.dvc`) records for exactly this file and size, if any. */
async function md5FromPointer(file: string, size: number): Promise<string | undefined> {
  const text = await readFile(`${file}.dvc`, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const doc = parseYaml(text) as { outs?: { md5?: string; size?: number; path?: string }[] };
    const out = doc.outs?.find((o) => o.path === path.basename(file));
    if (out?.md5 && /^[0-9a-f]{32}$/.test(out.md5) && out.size === size) return out.md5;
  } catch {
    return undefined;
  }
  return undefined;
}
