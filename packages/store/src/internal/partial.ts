import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a half-downloaded object remembers beside its bytes; the worker writes the same shape. */
export interface PartialMeta {
  v: 1;
  id: string;
  size: number;
  rangeSize: number;
  ranges: number;
}

/** One range still to fetch: bytes `start..end` (inclusive), `done` of them already written. */
export interface PendingRange {
  slot: number;
  start: number;
  end: number;
  done: number;
}

/**
 * A download in progress, kept in `.slipway/state/downloads/<id>.*` so a killed pull continues with
 * Range requests: `.data` holds the bytes at their offsets, `.progress` one little-endian u64 per range
 * (bytes written, updated after the data), `.json` the layout. Nothing here is ever placed unverified.
 */
export class PartialDownload {
  readonly data: string;
  readonly progress: string;
  readonly meta: string;
  /** A second copy written alongside a fresh whole download, for the local cache. */
  readonly mirror: string;

  constructor(
    stateDir: string,
    readonly id: string,
  ) {
    const base = path.join(stateDir, 'downloads', id);
    this.data = `${base}.data`;
    this.progress = `${base}.progress`;
    this.meta = `${base}.json`;
    this.mirror = `${base}.mirror`;
  }

  /** The ranges left of an earlier run for an object of `size` bytes (when known), or undefined when there is nothing to resume. */
  async resumable(size: number | undefined): Promise<{ meta: PartialMeta; pending: PendingRange[]; have: number } | undefined> {
    let meta: PartialMeta;
    let progress: Buffer;
    try {
      meta = JSON.parse(await readFile(this.meta, 'utf8')) as PartialMeta;
      progress = await readFile(this.progress);
    } catch {
      return undefined;
    }
    const sane =
      meta.v === 1 &&
      meta.id === this.id &&
      Number.isSafeInteger(meta.size) &&
      meta.size > 0 &&
      meta.ranges >= 1 &&
      meta.rangeSize * meta.ranges >= meta.size &&
      progress.length === meta.ranges * 8 &&
      (size === undefined || size === meta.size);
    if (!sane) {
      await this.remove();
      return undefined;
    }
    const pending: PendingRange[] = [];
    let have = 0;
    for (let slot = 0; slot < meta.ranges; slot++) {
      const start = slot * meta.rangeSize;
      const end = Math.min(meta.size, start + meta.rangeSize) - 1;
      const done = Math.min(Number(progress.readBigUInt64LE(slot * 8)), end - start + 1);
      have += done;
      if (start + done <= end) pending.push({ slot, start, end, done });
    }
    return { meta, pending, have };
  }

  /** Starts a fresh download split into `ranges` ranges; the data file is sized up front so every range can write at its offset. */
  async create(size: number, ranges: number): Promise<{ meta: PartialMeta; pending: PendingRange[] }> {
    await mkdir(path.dirname(this.data), { recursive: true });
    const rangeSize = Math.ceil(size / ranges);
    const meta: PartialMeta = { v: 1, id: this.id, size, rangeSize, ranges };
    const fh = await open(this.data, 'w', 0o644);
    try {
      await fh.truncate(size);
    } finally {
      await fh.close();
    }
    await writeFile(this.progress, Buffer.alloc(ranges * 8));
    await writeFile(this.meta, JSON.stringify(meta));
    const pending: PendingRange[] = [];
    for (let slot = 0; slot < ranges; slot++) {
      const start = slot * rangeSize;
      pending.push({ slot, start, end: Math.min(size, start + rangeSize) - 1, done: 0 });
    }
    return { meta, pending };
  }

  /** Forgets the download (after it was placed, or when its bytes proved wrong). */
  async remove(): Promise<void> {
    await Promise.all([this.data, this.progress, this.meta, this.mirror].map((f) => rm(f, { force: true })));
  }
}
