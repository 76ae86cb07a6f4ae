import { gunzipSync } from 'node:zlib';
import { normalisePath, type TarEntry } from './tar.js';

const BLOCK = 512;

function field(b: Buffer, offset: number, length: number): string {
  const raw = b.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(b: Buffer, offset: number, length: number): number {
  // GNU base-256 for sizes past 8 GiB: the high bit of the first byte is set.
  if (((b[offset] as number) & 0x80) !== 0) {
    let n = 0;
    for (let i = offset + 1; i < offset + length; i++) n = n * 256 + (b[i] as number);
    return n;
  }
  const text = field(b, offset, length).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

/** `"<len> key=value\n"` records; `len` counts bytes, so this walks the bytes, not the characters. */
function paxRecords(body: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const space = body.indexOf(0x20, i);
    if (space === -1) break;
    const len = Number(body.subarray(i, space).toString('ascii'));
    if (!Number.isInteger(len) || len <= 0) break;
    const kv = body.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = kv.indexOf('=');
    if (eq > 0) out.set(kv.slice(0, eq), kv.slice(eq + 1));
    i += len;
  }
  return out;
}

/**
 * Reads a tar (or gzip-compressed tar) held in memory into entries for {@link DeterministicTar}:
 * files, folders and symbolic links, with ustar, PAX and GNU long names. Hard links become copies;
 * devices, FIFOs and sockets are left out (a container runtime makes /dev). Owners, times and
 * modes beyond the executable bit are dropped, as every layer here normalises them.
 */
export function readTarEntries(archive: Buffer): TarEntry[] {
  const data = archive.length > 2 && archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const entries = new Map<string, TarEntry>();
  let offset = 0;
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  while (offset + BLOCK <= data.length) {
    const header = data.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const type = String.fromCharCode(header[156] as number) || '0';
    const prefix = field(header, 345, 155);
    const name = longName ?? pax.get('path') ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const size = pax.has('size') ? Number(pax.get('size')) : octal(header, 124, 12);
    const body = data.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      pax = paxRecords(body);
      continue;
    }
    if (type === 'L' || type === 'K') {
      const text = body.toString('utf8').replace(/\0+$/, '');
      if (type === 'L') longName = text;
      else longLink = text;
      continue;
    }
    const link = longLink ?? pax.get('linkpath') ?? field(header, 157, 100);
    pax = new Map();
    longName = undefined;
    longLink = undefined;
    if (type === 'g') continue;
    const parts = name.split('/').filter((s) => s !== '' && s !== '.');
    if (parts.length === 0) continue; // the archive's own "./"
    const path = normalisePath(name);
    const mode = octal(header, 100, 8);
    if (type === '5') entries.set(path, { type: 'dir', path });
    else if (type === '2') entries.set(path, { type: 'symlink', path, target: link });
    else if (type === '1') {
      const target = entries.get(normalisePath(link));
      if (target?.type === 'file') entries.set(path, { ...target, path });
    } else if (type === '0' || type === '7' || type === '\0') {
      entries.set(path, { type: 'file', path, size, mode, source: { data: Buffer.from(body) } });
    }
  }
  return [...entries.values()];
}
