import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalJson, contentDigest, currentRelease, FolderReleaseStore, type HistoryEntry, lastHealthyRelease, sealRelease } from '@slipway/release';

const base = {
  schemaVersion: 1 as const,
  git: { sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', ref: 'refs/heads/main' },
  models: [{ path: 'model', md5: '55d05978954d1b2cd7b06aedda9b9e43.dir', size: 4_200_000, nfiles: 4 }],
  createdAt: '2026-11-27T12:00:00Z',
};

describe('canonical JSON', () => {
  test('sorts keys at every depth, drops undefined, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  test('numbers use the shortest round-trip form and non-finite numbers are refused', () => {
    expect(canonicalJson([1e21, 0.1, -0, 5])).toBe('[1e+21,0.1,0,5]');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });

  test('the digest does not depend on key order', () => {
    expect(contentDigest({ a: 1, b: 2 })).toBe(contentDigest({ b: 2, a: 1 }));
    expect(contentDigest({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('release record', () => {
  test('sealing validates and gives a stable id; any change gives another', () => {
    const a = sealRelease(base);
    expect(a.id).toBe(sealRelease({ ...base }).id);
    expect(sealRelease({ ...base, git: { ...base.git, sha: 'abcdef1' } }).id).not.toBe(a.id);
    expect(a.release.prompts).toEqual({});
  });

  test('bad records are refused', () => {
    expect(() => sealRelease({ ...base, git: { sha: 'not-hex', ref: 'main' } })).toThrow();
    expect(() => sealRelease({ ...base, extra: 1 } as never)).toThrow();
  });
});

describe('environment history', () => {
  const id = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
  const entry = (n: number, outcome: HistoryEntry['outcome']): HistoryEntry => ({
    environment: 'production',
    releaseId: id(n),
    outcome,
    at: '2026-11-27T12:00:00Z',
  });

  test.each([
    ['promoted then a canary in progress', [entry(1, 'promoted'), entry(2, 'in-progress')], 2, 1],
    ['canary rolled back', [entry(1, 'promoted'), entry(2, 'in-progress'), entry(2, 'rolled-back')], 1, 1],
    ['canary promoted', [entry(1, 'promoted'), entry(2, 'in-progress'), entry(2, 'promoted')], 2, 1],
    ['promoted, later rolled back by the monitor', [entry(1, 'promoted'), entry(2, 'promoted'), entry(2, 'rolled-back')], 1, 1],
    ['aborted canary', [entry(1, 'promoted'), entry(3, 'in-progress'), entry(3, 'aborted')], 1, 1],
  ])('%s', (_name, entries, current, healthy) => {
    expect(currentRelease(entries)?.releaseId).toBe(id(current));
    expect(lastHealthyRelease(entries, id(current === 1 ? 99 : current))?.releaseId).toBe(id(healthy));
  });

  test('the folder store keeps releases by content id and appends history lines', async () => {
    const store = new FolderReleaseStore(await mkdtemp(path.join(tmpdir(), 'slipway-release-')));
    const { id: expectedId, release } = sealRelease(base);
    const stored = await store.putRelease(release);
    expect(stored).toBe(expectedId);
    await expect(store.getRelease(stored)).resolves.toEqual(release);
    await expect(store.getRelease(id(7))).resolves.toBeUndefined();
    await store.append({ environment: 'staging', releaseId: stored, outcome: 'in-progress', at: '2026-11-27T12:00:00Z' });
    await store.append({ environment: 'staging', releaseId: stored, outcome: 'promoted', at: '2026-11-27T12:05:00Z', reason: 'analysis passed' });
    const history = await store.history('staging');
    expect(history.map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
    expect(currentRelease(history)?.releaseId).toBe(stored);
    await expect(store.history('production')).resolves.toEqual([]);
  });

  test('bad names are user errors that say what is allowed', async () => {
    const store = new FolderReleaseStore(await mkdtemp(path.join(tmpdir(), 'slipway-release-')));
    await expect(store.history('../etc')).rejects.toMatchObject({ name: 'UserError', message: '"../etc" is not an environment name' });
    await expect(store.getRelease('sha256:xyz')).rejects.toMatchObject({ name: 'UserError', hint: 'use sha256:<64 hex digits>' });
  });
});
