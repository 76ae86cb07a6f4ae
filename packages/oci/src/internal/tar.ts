import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { hashSegments, type Segment } from './hash-worker.js';

/** One entry of a layer: a directory, a file whose bytes come from disk or memory, or a symbolic link. */
export type TarEntry =
  | { type: 'dir'; path: string; mode?: number }
  | { type: 'file'; path: string; mode?: number; size: number; source: { file: string } | { data: Buffer } }
  | { type: 'symlink'; path: string; target: string };

/** What every entry gets, whatever the machine: owner root, a fixed time, normalised modes. */
export interface TarOptions {
  /** Seconds since the epoch written as every entry's mtime. */
  mtime: number;
}

const BLOCK = 512;
const READ_CHUNK = 4 * 1024 * 1024;

/**
 * A deterministic tar stream: entries sorted by path, uid/gid 0, no user names, one mtime,
 * modes 0755 (dirs, executables) or 0644, PAX records only when ustar cannot hold a path or size.
 * The same entries give the same bytes on any machine, so the same layer digest.
 */
export class DeterministicTar {
  readonly entries: readonly TarEntry[];
  readonly size: number;

  constructor(
    entries: readonly TarEntry[],
    readonly options: TarOptions,
  ) {
    const seen = new Set<string>();
    const normalised: TarEntry[] = [];
    for (const e of entries) {
      const p = normalisePath(e.path);
      if (seen.has(p)) continue;
      seen.add(p);
      normalised.push({ ...e, path: p });
    }
    normalised.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.entries = normalised;
    let size = 0;
    for (const e of normalised) {
      size += headerBlocks(e, options).length;
      if (e.type === 'file') size += padded(e.size);
    }
    this.size = size + 2 * BLOCK;
  }

  /** The tar bytes, in order, read from disk as they are needed. */
  async *chunks(): AsyncGenerator<Buffer> {
    for (const e of this.entries) {
      yield headerBlocks(e, this.options);
      if (e.type !== 'file') continue;
      if ('data' in e.source) {
        if (e.source.data.length !== e.size) throw new Error(`${e.path}: expected ${e.size} bytes, got ${e.source.data.length}`);
        yield e.source.data;
      } else {
        yield* readExactly(e.source.file, e.size);
      }
      const pad = padded(e.size) - e.size;
      if (pad > 0) yield Buffer.alloc(pad);
    }
    yield Buffer.alloc(2 * BLOCK);
  }

  /** The stream as pieces: header bytes in memory, file contents as byte ranges of their files. */
  segments(): Segment[] {
    const out: Segment[] = [];
    for (const e of this.entries) {
      out.push({ data: headerBlocks(e, this.options) });
      if (e.type !== 'file') continue;
      out.push('data' in e.source ? { data: e.source.data } : { file: e.source.file, size: e.size });
      const pad = padded(e.size) - e.size;
      if (pad > 0) out.push({ data: Buffer.alloc(pad) });
    }
    out.push({ data: Buffer.alloc(2 * BLOCK) });
    return out;
  }

  /**
   * The sha256 digest (`sha256:…`) of the whole stream, reading every file once. Large layers are
   * hashed on a worker thread, so several of them use several cores.
   */
  async digest(): Promise<string> {
    if (this.size >= WORKER_THRESHOLD) return hashSegments(this.segments());
    const hash = createHash('sha256');
    let n = 0;
    for await (const c of this.chunks()) {
      hash.update(c);
      n += c.length;
    }
    if (n !== this.size) throw new Error(`tar size drifted: computed ${this.size}, wrote ${n}`);
    return `sha256:${hash.digest('hex')}`;
  }
}

/** Below this a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 4 * 1024 * 1024;

/** `./a//b/` → `a/b`; a path that climbs out (`..`) or is empty is refused. */
export function normalisePath(p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new Error(`invalid path in layer: "${p}"`);
  return parts.join('/');
}

/** Every parent directory of `paths`, as dir entries (`a`, `a/b` for `a/b/c`). */
export function parentDirs(paths: readonly string[]): TarEntry[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = normalisePath(p).split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs].map((d) => ({ type: 'dir' as const, path: d }));
}

async function* readExactly(file: string, size: number): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  try {
    let offset = 0;
    while (offset < size) {
      const want = Math.min(READ_CHUNK, size - offset);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, offset);
      if (bytesRead === 0) throw new Error(`${file} shrank while it was read (expected ${size} bytes, got ${offset})`);
      offset += bytesRead;
      yield bytesRead === want ? buf : buf.subarray(0, bytesRead);
    }
    const extra = await fh.read(Buffer.alloc(1), 0, 1, size);
    if (extra.bytesRead > 0) throw new Error(`${file} grew while it was read (expected ${size} bytes)`);
  } finally {
    await fh.close();
  }
}

function padded(n: number): number {
  return Math.ceil(n / BLOCK) * BLOCK;
}

function modeOf(e: TarEntry): number {
  if (e.type === 'dir') return 0o755;
  if (e.type === 'symlink') return 0o777;
  return e.mode !== undefined && (e.mode & 0o111) !== 0 ? 0o755 : 0o644;
}

const OCTAL_SIZE_MAX = 0o77777777777;

function headerBlocks(e: TarEntry, o: TarOptions): Buffer {
  const name = e.type === 'dir' ? `${e.path}/` : e.path;
  const size = e.type === 'file' ? e.size : 0;
  const split = splitUstarName(name);
  const pax: [string, string][] = [];
  if (!split) pax.push(['path', name]);
  if (size > OCTAL_SIZE_MAX) pax.push(['size', String(size)]);
  const link = e.type === 'symlink' ? e.target : '';
  if (link.length > 100 || Buffer.byteLength(link) !== link.length) pax.push(['linkpath', link]);
  const blocks: Buffer[] = [];
  if (pax.length > 0) {
    const body = Buffer.from(pax.map(([k, v]) => paxRecord(k, v)).join(''), 'utf8');
    blocks.push(ustarHeader({ name: 'PaxHeaders/entry', prefix: '', size: body.length, mode: 0o644, mtime: o.mtime, type: 'x' }));
    blocks.push(Buffer.concat([body, Buffer.alloc(padded(body.length) - body.length)]));
  }
  const fallback = split ?? { name: name.slice(-100).replace(/^\/+/, ''), prefix: '' };
  blocks.push(
    ustarHeader({
      name: fallback.name,
      prefix: fallback.prefix,
      size: size > OCTAL_SIZE_MAX ? 0 : size,
      mode: modeOf(e),
      mtime: o.mtime,
      type: e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0',
      linkname: link.length <= 100 && Buffer.byteLength(link) === link.length ? link : '',
    }),
  );
  return Buffer.concat(blocks);
}

/** ustar splits long names at a slash into prefix (155) and name (100); undefined when no split fits or the name is not ASCII. */
function splitUstarName(name: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(name) !== name.length) return undefined;
  if (name.length <= 100) return { name, prefix: '' };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (prefix.length <= 155 && rest.length <= 100 && rest.length > 0) return { name: rest, prefix };
  }
  return undefined;
}

/** `"<len> key=value\n"`, where len counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

function ustarHeader(h: { name: string; prefix: string; size: number; mode: number; mtime: number; type: string; linkname?: string }): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100, 'utf8');
  writeOctal(b, h.mode, 100, 8);
  writeOctal(b, 0, 108, 8);
  writeOctal(b, 0, 116, 8);
  writeOctal(b, h.size, 124, 12);
  writeOctal(b, h.mtime, 136, 12);
  b.fill(' ', 148, 156);
  b.write(h.type, 156, 1, 'ascii');
  if (h.linkname) b.write(h.linkname, 157, 100, 'ascii');
  b.write('ustar\u000000', 257, 8, 'ascii');
  writeOctal(b, 0, 329, 8);
  writeOctal(b, 0, 337, 8);
  b.write(h.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += b[i] as number;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return b;
}

function writeOctal(b: Buffer, value: number, offset: number, length: number): void {
  b.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
