import { createHash } from 'node:crypto';
import { escapeMarkdown, inlineCode, markdownTable, type Runtime } from '@slipway/kit';
import type { Tracked } from './internal/targets.js';

/** Objects and their bytes. */
export interface Tally {
  objects: number;
  bytes: number;
}

/** What one command did to one tracked path. */
export interface PathResult {
  path: string;
  pointer: string;
  kind: 'file' | 'folder';
  md5: string;
  size: number;
  nfiles?: number;
  /** `added`, `pushed`, `pulled`, `up to date`, `modified`, `missing`, `not pushed`, `not in cache`. */
  status: string;
  uploaded: Tally;
  skipped: Tally;
  downloaded: Tally;
}

/** The result of `add`, `push`, `pull` or `status`. */
export interface SyncResult {
  command: 'add' | 'push' | 'pull' | 'status';
  /** The remote used, or empty when none was needed. */
  remote: string;
  paths: PathResult[];
  uploaded: Tally;
  skipped: Tally;
  downloaded: Tally;
  /** `sha256:` of every pointer file involved (path and bytes): the runner-cache key. */
  digest: string;
  /** True when every path is in the workspace as its pointer says and (when checked) on the remote. */
  upToDate: boolean;
}

export function emptyTally(): Tally {
  return { objects: 0, bytes: 0 };
}

export function newPathResult(t: Tracked, status: string): PathResult {
  const r: PathResult = {
    path: t.rel,
    pointer: t.pointerRel,
    kind: t.out.md5.endsWith('.dir') ? 'folder' : 'file',
    md5: t.out.md5,
    size: t.out.size,
    status,
    uploaded: emptyTally(),
    skipped: emptyTally(),
    downloaded: emptyTally(),
  };
  if (t.out.nfiles !== undefined) r.nfiles = t.out.nfiles;
  return r;
}

/** `sha256:<hex>` over the pointer files' paths and bytes, in path order. */
export function pointersDigest(targets: readonly Pick<Tracked, 'pointerRel' | 'pointerText'>[]): string {
  const unique = new Map(targets.map((t) => [t.pointerRel, t.pointerText]));
  const h = createHash('sha256');
  for (const rel of [...unique.keys()].sort()) h.update(`${rel}\0${unique.get(rel) ?? ''}\0`);
  return `sha256:${h.digest('hex')}`;
}

export function finishResult(command: SyncResult['command'], remote: string, paths: PathResult[], digest: string): SyncResult {
  const sum = (pick: (p: PathResult) => Tally): Tally =>
    paths.reduce((acc, p) => ({ objects: acc.objects + pick(p).objects, bytes: acc.bytes + pick(p).bytes }), emptyTally());
  return {
    command,
    remote,
    paths,
    uploaded: sum((p) => p.uploaded),
    skipped: sum((p) => p.skipped),
    downloaded: sum((p) => p.downloaded),
    digest,
    upToDate: paths.every((p) => ['up to date', 'pushed', 'pulled', 'added'].includes(p.status)),
  };
}

/** Sets the outputs every artifact command shares, and appends the per-path table to the job summary. */
export async function reportResult(rt: Runtime, result: SyncResult): Promise<void> {
  rt.setOutput('uploaded-objects', result.uploaded.objects);
  rt.setOutput('uploaded-bytes', result.uploaded.bytes);
  rt.setOutput('skipped-objects', result.skipped.objects);
  rt.setOutput('skipped-bytes', result.skipped.bytes);
  rt.setOutput('downloaded-objects', result.downloaded.objects);
  rt.setOutput('downloaded-bytes', result.downloaded.bytes);
  rt.setOutput('digest', result.digest);
  rt.setOutput('up-to-date', result.upToDate);
  const rows = result.paths.map((p) => [
    escapeMarkdown(p.path),
    p.kind,
    String(p.nfiles ?? 1),
    formatBytes(p.size),
    escapeMarkdown(p.status),
    tally(p.uploaded),
    tally(p.skipped),
    tally(p.downloaded),
  ]);
  const table = markdownTable(['path', 'kind', 'files', 'size', 'status', 'uploaded', 'skipped', 'downloaded'], rows, [
    'left',
    'left',
    'right',
    'right',
    'left',
    'right',
    'right',
    'right',
  ]);
  const where = result.remote ? ` — remote ${inlineCode(result.remote)}` : '';
  await rt.appendSummary(`### artifacts ${result.command}${where}\n\n${rows.length ? table : '_no tracked paths_'}\n`);
}

function tally(t: Tally): string {
  return t.objects === 0 ? '–' : `${t.objects} (${formatBytes(t.bytes)})`;
}

/** Bytes in binary units, e.g. `1.5 MiB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
