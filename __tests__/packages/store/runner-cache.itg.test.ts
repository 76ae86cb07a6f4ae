import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addArtifacts, pushArtifacts } from '@slipway/store';
import { REPO_ROOT, runAction } from '../../helpers/run-action.js';
import { httpGet, launchService, type ServiceHandle } from '../../helpers/services/index.js';
import { quietRuntime, readTree, writeTree } from './helpers.js';

/** Azurite's published development account (the same in every install). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONTAINER = 'actions-cache';
const TOKEN = 'runtime-token-for-the-test';

interface MessageType {
  fromJson(json: unknown): object;
  toJson(message: object): unknown;
  create(value?: object): object;
}

/** The Actions cache service's messages, generated from its .proto and shipped inside @actions/cache. */
async function cacheMessages(): Promise<Record<string, MessageType>> {
  return (await import(path.join(REPO_ROOT, 'node_modules/@actions/cache/lib/generated/results/api/v1/cache.js'))) as Record<string, MessageType>;
}

/**
 * Azurite's blob service: a real Azure Storage emulator, where the cache archive is uploaded and
 * downloaded through SAS URLs as on GitHub's runners.
 */
function startAzurite(): Promise<ServiceHandle> {
  return launchService({
    name: 'azurite',
    command: process.execPath,
    prepare: ({ port, dataDir }) => [
      path.join(REPO_ROOT, 'node_modules/azurite/dist/src/blob/main.js'),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      dataDir,
      '--silent',
      '--skipApiVersionCheck',
      '--disableProductStyleUrl',
    ],
    // An unauthenticated request gets Azure's own XML error: enough to know the emulator answers.
    isReady: async (port) => (await httpGet(`http://127.0.0.1:${port}/${ACCOUNT}?comp=list`)).body.includes('<Code>'),
  });
}

/**
 * The cache service (twirp, JSON) as a fake: every request body is parsed with the generated message
 * type (unknown fields are errors), must carry the runtime token, and every answer is built with the
 * response type. Entries are keyed by (key, version) and point at blobs in Azurite.
 */
async function startCacheService(blobBase: string) {
  const m = await cacheMessages();
  const { BlobSASPermissions, ContainerClient, generateBlobSASQueryParameters, SASProtocol, StorageSharedKeyCredential } = await import('@azure/storage-blob');
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  await new ContainerClient(`${blobBase}/${CONTAINER}`, credential).createIfNotExists();
  const sas = (blob: string, permissions: string) =>
    `${blobBase}/${CONTAINER}/${encodeURIComponent(blob)}?${generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 3_600_000),
        protocol: SASProtocol.HttpsAndHttp,
      },
      credential,
    ).toString()}`;
  const entries = new Map<string, { key: string; version: string; blob: string; finalized: boolean }>();
  const calls: string[] = [];
  const problems: string[] = [];
  const handlers: Record<string, (req: Record<string, unknown>) => object> = {
    GetCacheEntryDownloadURL: (r) => {
      const keys = [r.key as string, ...((r.restoreKeys as string[] | undefined) ?? [])];
      for (const k of keys) {
        // Exact key first, then prefix matches, as the service documents for restore keys.
        const hit = [...entries.values()].find((e) => e.finalized && e.version === r.version && (e.key === k || (k !== r.key && e.key.startsWith(k))));
        if (hit) return m.GetCacheEntryDownloadURLResponse?.create({ ok: true, signedDownloadUrl: sas(hit.blob, 'r'), matchedKey: hit.key }) ?? {};
      }
      return m.GetCacheEntryDownloadURLResponse?.create({ ok: false }) ?? {};
    },
    CreateCacheEntry: (r) => {
      const id = `${r.key}/${r.version}`;
      if (entries.has(id)) return m.CreateCacheEntryResponse?.create({ ok: false, message: 'already exists' }) ?? {};
      const blob = `entry-${entries.size + 1}`;
      entries.set(id, { key: r.key as string, version: r.version as string, blob, finalized: false });
      return m.CreateCacheEntryResponse?.create({ ok: true, signedUploadUrl: sas(blob, 'cw') }) ?? {};
    },
    FinalizeCacheEntryUpload: (r) => {
      const e = entries.get(`${r.key}/${r.version}`);
      if (!e) return m.FinalizeCacheEntryUploadResponse?.create({ ok: false, message: 'no such entry' }) ?? {};
      e.finalized = true;
      return m.FinalizeCacheEntryUploadResponse?.create({ ok: true, entryId: String(entries.size) }) ?? {};
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const route = /^\/twirp\/github\.actions\.results\.api\.v1\.CacheService\/(\w+)$/.exec(req.url ?? '');
      const method = route?.[1] ?? '';
      const requestType = m[`${method}Request`];
      const responseType = m[`${method}Response`];
      const handler = handlers[method];
      if (req.method !== 'POST' || !requestType || !responseType || !handler) {
        problems.push(`unexpected ${req.method} ${req.url}`);
        return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'bad_route', msg: 'no such method' }));
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) problems.push(`${method}: authorization ${req.headers.authorization}`);
      if (!String(req.headers['content-type']).startsWith('application/json')) problems.push(`${method}: content-type ${req.headers['content-type']}`);
      let body: Record<string, unknown>;
      try {
        body = requestType.toJson(requestType.fromJson(JSON.parse(Buffer.concat(chunks).toString('utf8')))) as Record<string, unknown>;
      } catch (error) {
        problems.push(`${method}: ${(error as Error).message}`);
        return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'malformed', msg: (error as Error).message }));
      }
      if (!body.key || !body.version) problems.push(`${method}: key and version are required, got ${JSON.stringify(body)}`);
      calls.push(method);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(responseType.toJson(handler(body))));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    problems,
    entries,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let azurite: ServiceHandle;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

test('cache: true saves the object cache after a pull and restores it on the next run, which then needs no remote', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-runner-cache-'));
  const service = await startCacheService(`${azurite.url}/${ACCOUNT}`);
  try {
    const laptop = path.join(root, 'laptop');
    const remoteDir = path.join(root, 'remote');
    await writeTree(laptop, { 'models/v1/weights.bin': Buffer.alloc(200_000, 4), 'models/v1/config.json': '{"v": 1}' });
    await addArtifacts(quietRuntime(laptop), { paths: ['models/v1'] });
    await pushArtifacts(quietRuntime(laptop), { remote: `file://${remoteDir}` });
    const checkout = async (name: string) => {
      const dir = path.join(root, name);
      await mkdir(path.join(dir, 'models'), { recursive: true });
      await copyFile(path.join(laptop, 'models/v1.dvc'), path.join(dir, 'models/v1.dvc'));
      return dir;
    };
    const env = { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: service.url, ACTIONS_RUNTIME_TOKEN: TOKEN };
    const inputs = { command: 'pull', remote: `file://${remoteDir}`, cache: 'true' };

    const first = await runAction('artifact-sync', inputs, { workspace: await checkout('ci-1'), env, timeoutMs: 120_000 });
    expect(first.exitCode).toBe(0);
    expect(first.outputs['cache-hit']).toBe('false');
    expect(first.outputs['downloaded-objects']).toBe('2');
    expect(service.calls).toEqual(['GetCacheEntryDownloadURL', 'CreateCacheEntry', 'FinalizeCacheEntryUpload']);
    expect([...service.entries.values()].map((e) => e.key)).toEqual([expect.stringMatching(/^slipway-artifacts-v1-linux-x64-[0-9a-f]{32}$/)]);

    // The remote is gone: only the runner cache can supply the bytes now.
    await rm(remoteDir, { recursive: true, force: true });
    const ci2 = await checkout('ci-2');
    const second = await runAction('artifact-sync', inputs, { workspace: ci2, env, timeoutMs: 120_000 });
    expect(second.exitCode).toBe(0);
    expect(second.outputs['cache-hit']).toBe('true');
    expect(second.outputs['downloaded-objects']).toBe('0');
    const strip = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([k]) => k.startsWith('models/v1/')));
    expect(strip(await readTree(ci2))).toEqual(strip(await readTree(laptop)));
    // A hit saves nothing again.
    expect(service.calls.slice(3)).toEqual(['GetCacheEntryDownloadURL']);
    expect(service.problems).toEqual([]);
  } finally {
    await service.stop();
    await rm(root, { recursive: true, force: true });
  }
}, 180_000);
