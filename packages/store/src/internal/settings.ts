import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedConfig } from '@slipway/config';
import { UserError } from '@slipway/kit';

/** S3 options beyond the URL, from inputs, flags or `slipway.yml`. */
export interface S3Options {
  region?: string;
  endpoint?: string;
  pathStyle?: boolean;
  sse?: string;
  sseKmsKeyId?: string;
}

/** A remote URL resolved to what it names. */
export type RemoteSpec = { kind: 'folder'; root: string; source: string } | { kind: 's3'; bucket: string; prefix: string; source: string; s3: S3Options };

/** What `slipway.yml` and `.dvc/config` contribute, already resolved against their folders. */
export interface ProjectSettings {
  remote?: RemoteSpec;
  paths: string[];
  jobs?: number;
  cacheDir: string;
  s3: S3Options;
}

const REMOTE_HINT =
  'pass --remote (action input "remote"), set artifacts.remote in slipway.yml, or set a default remote in .dvc/config (`dvc remote add -d name url`); e.g. file://../remote or s3://bucket/prefix';

/**
 * Reads the project's settings: `slipway.yml` first, then a default remote in `.dvc/config`.
 * An explicit `remote` (input or flag) wins over both, and is resolved against `root`.
 */
export async function loadProjectSettings(
  root: string,
  explicit: { remote?: string; configFile?: string; cacheDir?: string; s3?: S3Options },
): Promise<ProjectSettings> {
  // The schema (zod) costs ~100 ms to load: read it only when there is a file to check.
  const hasFile = explicit.configFile !== undefined || ['slipway.yml', 'slipway.yaml'].some((n) => existsSync(path.join(root, n)));
  const loaded: LoadedConfig = hasFile
    ? await (await import('@slipway/config')).loadConfig({ dir: root, ...(explicit.configFile ? { file: explicit.configFile } : {}) })
    : { config: { version: 1 }, file: undefined, dir: root };
  const section = loaded.config.artifacts ?? {};
  const s3 = { ...stripUndefined(section.s3 ?? {}), ...stripUndefined(explicit.s3 ?? {}) } as S3Options;
  let remote: RemoteSpec | undefined;
  if (explicit.remote) remote = parseRemote(explicit.remote, root, 'input "remote"', s3);
  else if (section.remote) remote = parseRemote(section.remote, loaded.dir, `${loaded.file ?? 'slipway.yml'} artifacts.remote`, s3);
  else remote = await dvcDefaultRemote(root, s3);
  const settings: ProjectSettings = {
    paths: section.paths ?? [],
    cacheDir: explicit.cacheDir
      ? path.resolve(root, explicit.cacheDir)
      : section.cache
        ? path.resolve(loaded.dir, section.cache)
        : path.join(root, '.slipway', 'cache'),
    s3,
  };
  if (remote) settings.remote = remote;
  if (section.jobs !== undefined) settings.jobs = section.jobs;
  return settings;
}

/** The remote, or a one-line error that says every way to set one. */
export function requireRemote(settings: ProjectSettings): RemoteSpec {
  if (!settings.remote) throw new UserError('no remote is configured for artifacts', { hint: REMOTE_HINT });
  return settings.remote;
}

/** Parses `file://path`, `s3://bucket/prefix`, or a bare folder path (as `.dvc/config` allows). */
export function parseRemote(url: string, base: string, source: string, s3: S3Options = {}): RemoteSpec {
  const u = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(u)?.[1]?.toLowerCase();
  if (scheme === 's3') {
    const rest = u.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new UserError(`${source}: "${bucket}" in ${url} is not a valid S3 bucket name`, {
        hint: 'use s3://bucket/prefix with a 3–63 character lowercase bucket name',
      });
    }
    return { kind: 's3', bucket, prefix, source, s3 };
  }
  if (scheme === 'file') {
    const p = decodeURIComponent(u.slice('file://'.length));
    if (p === '') throw new UserError(`${source}: ${url} names no folder`, { hint: 'use file://relative/path or file:///absolute/path' });
    return { kind: 'folder', root: path.resolve(base, p), source };
  }
  if (scheme !== undefined) {
    throw new UserError(`${source}: remote scheme "${scheme}://" is not supported`, { hint: 'use file://path or s3://bucket/prefix' });
  }
  if (u === '') throw new UserError(`${source}: the remote is empty`, { hint: REMOTE_HINT });
  return { kind: 'folder', root: path.resolve(base, u), source };
}

/** The `core.remote` of `.dvc/config` (and `.dvc/config.local`), with its url, endpointurl and region. */
async function dvcDefaultRemote(root: string, s3: S3Options): Promise<RemoteSpec | undefined> {
  const sections = new Map<string, Record<string, string>>();
  for (const name of ['config', 'config.local']) {
    const file = path.join(root, '.dvc', name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let current = '';
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      const header = /^\[\s*'?([^\]']+?)'?\s*\]$/.exec(line);
      if (header) {
        current = (header[1] ?? '').replace(/\s+/g, ' ').replace(/"/g, '');
        continue;
      }
      const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (!kv) continue;
      const values = sections.get(current) ?? {};
      values[(kv[1] ?? '').trim().toLowerCase()] = (kv[2] ?? '').trim();
      sections.set(current, values);
    }
  }
  const name = sections.get('core')?.remote;
  if (!name) return undefined;
  const remote = sections.get(`remote ${name}`);
  const source = `.dvc/config remote "${name}"`;
  if (!remote?.url) throw new UserError(`${source} is the default remote but has no url`, { hint: REMOTE_HINT });
  const opts: S3Options = { ...s3 };
  if (remote.endpointurl && opts.endpoint === undefined) opts.endpoint = remote.endpointurl;
  if (remote.region && opts.region === undefined) opts.region = remote.region;
  return parseRemote(remote.url, path.join(root, '.dvc'), source, opts);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
