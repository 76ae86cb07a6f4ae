import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Runtime, UserError } from '@slipway/kit';
import { currentRelease } from '@slipway/release';
import type { Remote, S3Options } from '@slipway/store';
import { parseResults } from './results-file.js';
import type { EvalResults } from './types.js';

// Eval results in the artifact store, write-once like every object there:
//   eval/objects/<2 hex>/<64 hex>.json   results files and run indexes, named by the sha256 of their bytes
//   eval/keys/<key>/<time>-<16 hex>.json one entry per push of a movable name (a branch, a tag); the newest wins
// The index digest is what a release record carries as `eval.reportDigest`, so `env:<environment>`
// finds the results of the release live there.

export const INDEX_SCHEMA = 'slipway.eval.index/v1';
const KEY_SCHEMA = 'slipway.eval.key/v1';

/** One run's results files, by suite name. Its digest names the whole run. */
export interface ResultsIndex {
  schema: typeof INDEX_SCHEMA;
  createdAt: string;
  git?: { sha?: string; ref?: string };
  suites: Record<string, string>;
}

interface KeyEntry {
  schema: typeof KEY_SCHEMA;
  key: string;
  index: string;
  at: string;
}

/** Where eval results live and where the release history is, for `store:` and `env:` baselines and for pushing. */
export interface ResultsStoreOptions {
  /** Artifact store URL (`file://…`, a folder, `s3://bucket/prefix`); default `artifacts.remote` of slipway.yml. */
  store?: string;
  s3?: S3Options;
  /** Release store (environment histories); default `deploy.state` of slipway.yml, else `.slipway/state`. */
  releaseStore?: string;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Checks a key (`main`, `release/1.2`, `sha-1a2b…`) and says how to fix a bad one. */
export function checkKey(key: string, input: string): string {
  if (!KEY_PATTERN.test(key) || key.length > 200) {
    throw new UserError(`${input}: "${key}" is not a results key`, { hint: 'use letters, digits, dot, dash, underscore and /, e.g. main or release/1.2' });
  }
  return key;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function objectKeyOf(digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new UserError(`"${digest}" is not an eval report digest`, { hint: 'use sha256:<64 hex digits>' });
  return `eval/objects/${hex.slice(0, 2)}/${hex}.json`;
}

async function putObject(remote: Remote, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  await remote.uploadBytes(objectKeyOf(digest), bytes, { md5: createHash('md5').update(bytes).digest('hex'), size: bytes.length });
  return digest;
}

async function readObject(remote: Remote, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await remote.open(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Reads a content-addressed object and checks its bytes against its name. */
async function getObject(remote: Remote, digest: string, what: string): Promise<Buffer> {
  const key = objectKeyOf(digest);
  let bytes: Buffer;
  try {
    bytes = await readObject(remote, key);
  } catch (error) {
    throw new UserError(`${what} ${digest} is not in ${remote.display} (${(error as Error).message.split('\n')[0]})`, {
      hint: "push it with the eval step's push-key (slipway eval run --push-key <key>) against this store",
    });
  }
  if (sha256(bytes) !== digest) throw new UserError(`${remote.display}/${key} does not match its digest: the store is corrupt`);
  return bytes;
}

/**
 * Pushes the results files of one run: each file, then the index naming them, then (with a key)
 * an entry that makes the key point at this run. Returns the index digest, which a release
 * record keeps as `eval.reportDigest`.
 */
export async function pushResults(
  remote: Remote,
  files: readonly { suite: string; file: string }[],
  options: { key?: string; git?: { sha?: string; ref?: string }; now?: Date } = {},
): Promise<string> {
  const index: ResultsIndex = { schema: INDEX_SCHEMA, createdAt: (options.now ?? new Date()).toISOString(), suites: {} };
  if (options.git) index.git = options.git;
  for (const f of files) index.suites[f.suite] = await putObject(remote, await readFile(f.file));
  const digest = await putObject(remote, Buffer.from(`${JSON.stringify(index, null, 2)}\n`));
  if (options.key) {
    const entry: KeyEntry = { schema: KEY_SCHEMA, key: options.key, index: digest, at: index.createdAt };
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`);
    const stamp = entry.at.replace(/[^0-9TZ]/g, '');
    const name = `eval/keys/${checkKey(options.key, 'push-key')}/${stamp}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.json`;
    await remote.uploadBytes(name, bytes, { md5: createHash('md5').update(bytes).digest('hex'), size: bytes.length });
  }
  return digest;
}

/** The index digest a key points at now: its newest entry. */
export async function resolveKey(remote: Remote, key: string): Promise<string> {
  const prefix = `eval/keys/${checkKey(key, 'baseline')}/`;
  // Entries of `main` only, not of `main/next`: names directly under the prefix.
  const entries = (await remote.list(prefix)).filter((k) => k.endsWith('.json') && !k.slice(prefix.length).includes('/')).sort();
  const newest = entries.at(-1);
  if (!newest)
    throw new UserError(`baseline store:${key}: no eval results were pushed under "${key}" in ${remote.display}`, {
      hint: `run the eval step with push-key: ${key} (e.g. on pushes to the base branch) first`,
    });
  const entry = JSON.parse((await readObject(remote, newest)).toString('utf8')) as Partial<KeyEntry>;
  if (entry.schema !== KEY_SCHEMA || typeof entry.index !== 'string') throw new UserError(`${remote.display}/${newest}: not an eval key entry`);
  return entry.index;
}

/** The results of one suite from a pushed run (by index digest). */
export async function fetchResults(remote: Remote, indexDigest: string, suite: string, shown: string): Promise<EvalResults> {
  const index = JSON.parse((await getObject(remote, indexDigest, 'eval report')).toString('utf8')) as Partial<ResultsIndex>;
  if (index.schema !== INDEX_SCHEMA || typeof index.suites !== 'object' || index.suites === null)
    throw new UserError(`${shown}: ${indexDigest} is not an eval results index`);
  const digest = index.suites[suite];
  if (!digest)
    throw new UserError(`${shown}: the baseline run has no results for suite "${suite}"`, {
      hint: `it has: ${Object.keys(index.suites).join(', ') || 'none'}; a new suite needs one push before it can be compared`,
    });
  return parseResults((await getObject(remote, digest, `results of ${suite}`)).toString('utf8'), `${shown} (${suite})`);
}

/** The eval report digest of the release live in `environment`, from the release store's history. */
export async function liveReportDigest(
  rt: Runtime,
  environment: string,
  releaseStoreUrl: string,
  s3: S3Options = {},
): Promise<{ digest: string; release: string }> {
  const { openReleaseStore } = await import('@slipway/store');
  const store = await openReleaseStore(rt, releaseStoreUrl, s3);
  try {
    const live = currentRelease(await store.history(environment));
    if (!live)
      throw new UserError(`baseline env:${environment}: no release is live in "${environment}" (release store ${releaseStoreUrl})`, {
        hint: 'deploy a release there first, or use a results file or store:<key> as the baseline',
      });
    const release = await store.getRelease(live.releaseId);
    const digest = release?.eval?.reportDigest;
    if (!digest)
      throw new UserError(`baseline env:${environment}: the live release ${live.releaseId} has no eval report`, {
        hint: "record the eval step's report-digest output as eval.reportDigest in the release record",
      });
    return { digest, release: live.releaseId };
  } finally {
    await store.close();
  }
}
