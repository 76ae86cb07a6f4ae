import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evalOptionsFromInputs, evaluate } from '@slipway/eval';
import { createTerminalRuntime, UserError } from '@slipway/kit';
import { FolderReleaseStore, sealRelease } from '@slipway/release';
import { openReleaseStore } from '@slipway/store';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { exportAwsCredentials, type S3Service, startS3 } from '../../helpers/services/index.js';

// Baselines from the artifact store (`store:<key>`) and from the release live in an environment
// (`env:<name>`), against a real folder store and a real S3 server (s3rver).

const rt = createTerminalRuntime({ quiet: true });
let llm: LlmServer;
let s3: S3Service;
let dir: string;
let restoreCredentials = () => {};

beforeAll(async () => {
  llm = await startLlmServer();
  s3 = await startS3({ buckets: ['evals'] });
  restoreCredentials = exportAwsCredentials(s3);
});
afterAll(async () => {
  restoreCredentials();
  await llm.stop();
  await s3?.stop();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-eval-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The suite file: ten tests against `model`; the model named "bad" forgets the item number for items 0–5. */
async function suite(model: 'good' | 'bad'): Promise<string> {
  llm.setOptions({
    replies: (c) => ((c.body as { model: string }).model === 'bad' && /item [0-5]$/.test(c.lastUserMessage) ? 'hmm' : `ok ${c.lastUserMessage}`),
  });
  const tests = Array.from({ length: 10 }, (_, i) => `  - id: i${i}\n    vars: { n: ${i} }\n    assert: [{ type: contains, value: "item ${i}" }]`).join('\n');
  const file = path.join(dir, 'support.yaml');
  await writeFile(
    file,
    `prompts: ["item {{n}}"]\nproviders:\n  - { id: bot, type: openai, model: ${model}, baseUrl: "${llm.url}", stream: false }\ntests:\n${tests}\n`,
  );
  return file;
}

const cases: [string, () => { remote: string; s3?: { endpoint: string; region: string } }][] = [
  ['a folder store', () => ({ remote: path.join(dir, 'store') })],
  ['an S3 bucket (s3rver)', () => ({ remote: `s3://evals/${path.basename(dir)}`, s3: { endpoint: s3.url, region: 'us-east-1' } })],
];

describe.each(cases)('store:<key> baselines in %s', (_name, where) => {
  test('results pushed under a key come back as the baseline; the newest push wins; a regression fails the gate', async () => {
    const { remote, s3: s3Options } = where();
    const stores = { store: remote, ...(s3Options ? { s3: s3Options } : {}) };
    const good = await evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'good'), stores, pushKey: 'main' });
    expect(good.verdict).toBe('pass');
    expect(good.reportDigest).toMatch(/^sha256:[0-9a-f]{64}$/);

    // Same outputs against the pushed baseline: never trips the gate.
    const same = await evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'same'), stores, baseline: 'store:main' });
    expect(same.verdict).toBe('pass');
    expect(same.baselineSource).toBe(`store:main (${good.reportDigest})`);
    // The comment says where the baseline came from, beside its age.
    expect(same.markdown).toMatch(new RegExp(`\\*\\*Baseline\\*\\* store:main \\\\?\\(${good.reportDigest}\\\\?\\), \\d+ h old`));
    expect(same.suites[0]?.comparison?.counts.unchanged).toBe(10);

    // The regression is seen against the baseline from the store.
    const bad = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 'bad'), stores, baseline: 'store:main' });
    expect(bad.verdict).toBe('fail');
    expect(bad.suites[0]?.comparison?.counts['newly-failing']).toBe(6);
    expect(bad.suites[0]?.baseline?.createdAt).toBe(good.suites[0]?.results.createdAt);

    // Pushing the bad run under the key moves it: the bad run compared with itself passes.
    await new Promise((r) => setTimeout(r, 5)); // a later timestamp for the newer entry
    const moved = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 'moved'), stores, pushKey: 'main' });
    const again = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 'again'), stores, baseline: 'store:main' });
    expect(again.baselineSource).toBe(`store:main (${moved.reportDigest})`);
    expect(again.verdict).toBe('pass');

    // A key nobody pushed is a clear user error.
    const missing = evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'x'), stores, baseline: 'store:release/9' });
    await expect(missing).rejects.toBeInstanceOf(UserError);
    await expect(missing).rejects.toThrow(/no eval results were pushed under "release\/9"/);
  });
});

test('env:<environment> takes the eval results of the release live there (folder release history)', async () => {
  const stores = { store: path.join(dir, 'store'), releaseStore: path.join(dir, 'state') };
  const v1 = await evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'v1'), stores, pushKey: 'sha-1111111' });
  const v2 = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 'v2'), stores, pushKey: 'sha-2222222' });
  const history = new FolderReleaseStore(path.join(dir, 'state'));
  const release = (sha: string, digest: string | undefined, passed: boolean) =>
    sealRelease({
      schemaVersion: 1,
      git: { sha, ref: 'refs/heads/main' },
      createdAt: '2026-11-27T12:00:00Z',
      ...(digest ? { eval: { reportDigest: digest, scores: {}, passed } } : {}),
    });
  const r1 = release('1111111', v1.reportDigest, true);
  const r2 = release('2222222', v2.reportDigest, false);
  await history.putRelease(r1.release);
  await history.putRelease(r2.release);
  await history.append({ environment: 'production', releaseId: r1.id, outcome: 'promoted', at: '2026-11-27T12:00:00Z' });
  await history.append({ environment: 'staging', releaseId: r2.id, outcome: 'promoted', at: '2026-11-27T12:10:00Z' });

  // Production runs v1 (good): the bad model regresses against it.
  const vsProd = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 'p'), stores, baseline: 'env:production' });
  expect(vsProd.verdict).toBe('fail');
  expect(vsProd.baselineSource).toBe(`env:production: release ${r1.id} (${v1.reportDigest})`);
  // Staging runs v2 (bad): the same outputs pass.
  const vsStaging = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 's'), stores, baseline: 'env:staging' });
  expect(vsStaging.verdict).toBe('pass');

  // v2 rolled back in production after a promotion: the baseline is v1's again.
  await history.append({ environment: 'production', releaseId: r2.id, outcome: 'promoted', at: '2026-11-27T13:00:00Z' });
  await history.append({ environment: 'production', releaseId: r2.id, outcome: 'rolled-back', at: '2026-11-27T13:05:00Z' });
  const afterRollback = await evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'r'), stores, baseline: 'env:production' });
  expect(afterRollback.baselineSource).toContain(r1.id);

  // Nothing live, or a live release without an eval report: clear user errors.
  await expect(evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'n'), stores, baseline: 'env:qa' })).rejects.toThrow(
    /no release is live in "qa"/,
  );
  const bare = release('3333333', undefined, true);
  await history.putRelease(bare.release);
  await history.append({ environment: 'qa', releaseId: bare.id, outcome: 'promoted', at: '2026-11-27T14:00:00Z' });
  await expect(evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'q'), stores, baseline: 'env:qa' })).rejects.toThrow(/has no eval report/);
});

test('env:<environment> with the release history in S3 (s3rver)', async () => {
  const s3Options = { endpoint: s3.url, region: 'us-east-1' };
  const prefix = `s3://evals/${path.basename(dir)}`;
  const stores = { store: `${prefix}/artifacts`, releaseStore: `${prefix}/state`, s3: s3Options };
  const v1 = await evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'v1'), stores, pushKey: 'main' });
  const history = await openReleaseStore(rt, `${prefix}/state`, s3Options);
  try {
    const r1 = sealRelease({
      schemaVersion: 1,
      git: { sha: '1111111', ref: 'refs/heads/main' },
      createdAt: '2026-11-27T12:00:00Z',
      eval: { reportDigest: v1.reportDigest as string, scores: { 'pass rate': 1 }, passed: true },
    });
    await history.putRelease(r1.release);
    await history.append({ environment: 'production', releaseId: r1.id, outcome: 'promoted', at: '2026-11-27T12:00:00Z' });
  } finally {
    await history.close();
  }
  const bad = await evaluate(rt, { suites: [await suite('bad')], outDir: path.join(dir, 'b'), stores, baseline: 'env:production' });
  expect(bad.verdict).toBe('fail');
  expect(bad.suites[0]?.comparison?.counts['newly-failing']).toBe(6);
});

test('a tampered object in the store is refused; bad keys and pushing one shard are input errors', async () => {
  const stores = { store: path.join(dir, 'store') };
  const good = await evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'g'), stores, pushKey: 'main' });
  const objects = path.join(dir, 'store/eval/objects');
  for (const sub of await readdir(objects))
    for (const f of await readdir(path.join(objects, sub))) {
      const p = path.join(objects, sub, f);
      const text = await readFile(p, 'utf8');
      if (text.includes('"tests"')) await writeFile(p, text.replace('"passed": 10', '"passed": 9'));
    }
  await expect(evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 't'), stores, baseline: 'store:main' })).rejects.toThrow(
    /does not match its digest/,
  );
  expect(good.reportDigest).toBeDefined();
  await expect(evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'k'), stores, pushKey: '../up' })).rejects.toThrow(
    /push-key: "..\/up" is not a results key/,
  );
  await expect(
    evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'k'), stores, pushKey: 'main', shard: { index: 1, count: 2 } }),
  ).rejects.toThrow(/cannot push one shard/);
  await expect(evaluate(rt, { suites: [await suite('good')], outDir: path.join(dir, 'k'), baseline: 'store:main' })).rejects.toThrow(/needs an artifact store/);
});

test('slipway.yml gives the defaults: artifacts.remote for the store, deploy.state for the release history', async () => {
  await writeFile(
    path.join(dir, 'slipway.yml'),
    'version: 1\nartifacts:\n  remote: file://../remote\ndeploy:\n  state: .state\neval:\n  baseline: store:main\n',
  );
  const local = createTerminalRuntime({ quiet: true, cwd: dir, env: {} });
  const o = await evalOptionsFromInputs(local);
  expect(o.baseline).toBe('store:main');
  expect(o.stores).toEqual({ store: path.resolve(dir, '../remote'), releaseStore: path.join(dir, '.state') });
});
