import { ConfigError, type ConfigProblem } from '@slipway/kit';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type YAMLMap } from 'yaml';
import { checkRelpath } from './paths.js';

/** One tracked output of a `.dvc` pointer file. */
export interface PointerOut {
  /** 32 hex digits, with `.dir` for a folder. */
  md5: string;
  size: number;
  /** Folders only: how many files. */
  nfiles?: number;
  isexec?: boolean;
  /** Relative to the pointer file's folder, POSIX separators. */
  path: string;
  /** 1-based line of this entry in the pointer file, for messages. */
  line: number;
}

export interface Pointer {
  outs: PointerOut[];
}

export const POINTER_SUFFIX = '.dvc';

/** True when `md5` names a folder's `.dir` object. */
export function isDirHash(md5: string): boolean {
  return md5.endsWith('.dir');
}

/**
 * The pointer text DVC 3 writes: `outs:` with keys in the order md5, size, nfiles, isexec, hash, path.
 * `hash: md5` is always written; without it DVC reads the file as the 2.x layout.
 */
export function formatPointer(outs: readonly Omit<PointerOut, 'line'>[]): string {
  const lines = ['outs:'];
  for (const o of outs) {
    lines.push(`- md5: ${o.md5}`, `  size: ${o.size}`);
    if (o.nfiles !== undefined) lines.push(`  nfiles: ${o.nfiles}`);
    if (o.isexec) lines.push('  isexec: true');
    lines.push('  hash: md5', `  path: ${stringify(o.path).trimEnd()}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parses a `.dvc` file. Every problem names the file and line; a pointer that would place
 * content outside its folder (absolute, `..`) is refused. Keys DVC adds that do not
 * affect content (`desc`, `meta`, `remote`, …) are accepted and ignored.
 */
export function parsePointer(text: string, file: string): Pointer {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const at = (offset: number | undefined) => ({ file, line: offset === undefined ? 1 : counter.linePos(offset).line });
  const fail = (offset: number | undefined, message: string): never => {
    throw new ConfigError([{ location: at(offset), message: `${message} (a .dvc pointer holds outs: [{md5, size, hash: md5, path}])` }]);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError([{ location: { file, line: e?.linePos?.[0].line ?? 1 }, message: `invalid YAML in pointer: ${(e?.message ?? '').split('\n')[0]}` }]);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root?.range?.[0], 'not a pointer file: expected a mapping with "outs"');
  const outsNode = root.get('outs', true);
  if (!isSeq(outsNode) || outsNode.items.length === 0) return fail(keyOffset(root, 'outs'), '"outs" must be a non-empty list');
  const problems: ConfigProblem[] = [];
  const outs: PointerOut[] = [];
  for (const item of outsNode.items) {
    const start = (item as { range?: [number, number, number] }).range?.[0];
    if (!isMap(item)) {
      problems.push({ location: at(start), message: 'each entry of "outs" must be a mapping' });
      continue;
    }
    const value = (key: string) => {
      const node = item.get(key, true);
      return { node, v: isScalar(node) ? node.value : node === undefined ? undefined : null, offset: node?.range?.[0] ?? start };
    };
    const md5 = value('md5');
    const size = value('size');
    const nfiles = value('nfiles');
    const isexec = value('isexec');
    const hash = value('hash');
    const p = value('path');
    const before = problems.length;
    if (typeof md5.v !== 'string' || !/^[0-9a-f]{32}(\.dir)?$/.test(md5.v)) {
      problems.push({ location: at(md5.offset), message: `"md5" must be 32 lowercase hex digits (with ".dir" for a folder), found ${show(md5.v)}` });
    }
    if (typeof size.v !== 'number' || !Number.isSafeInteger(size.v) || size.v < 0) {
      problems.push({ location: at(size.offset), message: `"size" must be a whole number of bytes, found ${show(size.v)}` });
    }
    if (nfiles.v !== undefined && (typeof nfiles.v !== 'number' || !Number.isSafeInteger(nfiles.v) || nfiles.v < 0)) {
      problems.push({ location: at(nfiles.offset), message: `"nfiles" must be a whole number, found ${show(nfiles.v)}` });
    }
    if (isexec.v !== undefined && typeof isexec.v !== 'boolean') {
      problems.push({ location: at(isexec.offset), message: `"isexec" must be true or false, found ${show(isexec.v)}` });
    }
    if (hash.v === undefined) {
      problems.push({
        location: at(start),
        message: 'no "hash: md5": this pointer uses the DVC 2.x layout; run `dvc cache migrate --dvc-files` with DVC 3, or add the path again',
      });
    } else if (hash.v !== 'md5') {
      problems.push({ location: at(hash.offset), message: `"hash" must be md5, found ${show(hash.v)}` });
    }
    const pathProblem = typeof p.v === 'string' ? checkRelpath(p.v) : 'is missing';
    if (pathProblem) problems.push({ location: at(p.offset), message: `"path" ${pathProblem}${typeof p.v === 'string' ? `: "${p.v}"` : ''}` });
    if (problems.length > before) continue;
    const out: PointerOut = { md5: md5.v as string, size: size.v as number, path: (p.v as string).replace(/\\/g, '/'), line: at(start).line };
    if (typeof nfiles.v === 'number') out.nfiles = nfiles.v;
    if (isexec.v === true) out.isexec = true;
    outs.push(out);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { outs };
}

function keyOffset(map: YAMLMap, key: string): number | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0] ?? map.range?.[0];
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : v === null ? 'a nested value' : JSON.stringify(v);
}
