import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BlobSource, findCredentials, MEDIA, RegistryClient, RegistryError, sha256 } from '@slipway/oci';
import { describeWith } from '../../helpers/require-binary.js';
import { REGISTRY_BIN, type ServiceHandle, startRegistry } from '../../helpers/services/index.js';
import { type RegistryProxy, startRegistryProxy } from './registry-proxy.js';

function blob(data: Buffer): BlobSource {
  return {
    digest: sha256(data),
    size: data.length,
    read: (offset) =>
      (async function* () {
        // Several pieces, as a file read gives them.
        for (let i = offset; i < data.length; i += 256 * 1024) yield data.subarray(i, Math.min(data.length, i + 256 * 1024));
      })(),
  };
}

describeWith(REGISTRY_BIN, 'docker-registry')('registry client against docker-registry 2.8', () => {
  let registry: ServiceHandle;
  const proxies: RegistryProxy[] = [];
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    for (const p of proxies) await p.close();
    await registry.stop();
  });
  const proxy = async (options: Parameters<typeof startRegistryProxy>[1] = {}) => {
    const p = await startRegistryProxy(registry.url, options);
    proxies.push(p);
    return p;
  };
  const client = (p: RegistryProxy, extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) => new RegistryClient({ registry: p.host, ...extra });

  test('a small blob: single POST answered 202, so POST then PUT; HEAD finds it afterwards', async () => {
    const p = await proxy();
    const c = client(p);
    const data = Buffer.from('{"hello":"registry"}');
    expect(await c.blobSize('t/small', sha256(data))).toBeUndefined();
    expect(await c.uploadBlob('t/small', blob(data))).toBe(data.length * 2); // body went twice: the 202 ignored the first
    expect(await c.blobSize('t/small', sha256(data))).toBe(data.length);
    const posts = p.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([202]);
    expect(p.uploadedDigests()).toEqual([sha256(data)]);
    // Learned: the next small blob skips the single POST.
    p.reset();
    const other = Buffer.from('second');
    await c.uploadBlob('t/small', blob(other));
    expect(p.requests.filter((r) => r.method === 'POST')[0]?.bytes).toBe(0);
  });

  test('a large blob goes up as one streamed PUT and the digest the registry computed is checked', async () => {
    const p = await proxy();
    const data = randomBytes(3 * 1024 * 1024 + 17);
    expect(await client(p).uploadBlob('t/large', blob(data))).toBe(data.length);
    const put = p.requests.find((r) => r.method === 'PUT');
    expect(put?.bytes).toBe(data.length);
    expect(await client(p).blobSize('t/large', sha256(data))).toBe(data.length);
  });

  test('chunked PATCH honours OCI-Chunk-Min-Length and the cap, and resumes from the upload status after a cut', async () => {
    const p = await proxy({ chunkMinLength: 1024 * 1024, failPatch: 2 });
    const data = randomBytes(5 * 1024 * 1024 + 5);
    const c = client(p, { uploadMode: 'chunked', chunkBytes: 64 * 1024, maxChunkBytes: 2 * 1024 * 1024 });
    await c.uploadBlob('t/chunked', blob(data));
    const patches = p.requests.filter((r) => r.method === 'PATCH' && r.status === 202);
    expect(patches.every((r) => r.bytes <= 1024 * 1024)).toBe(true);
    expect(patches.slice(0, -1).every((r) => r.bytes === 1024 * 1024)).toBe(true); // min length wins over 64 KiB
    expect(p.requests.some((r) => r.method === 'GET' && r.path.includes('/blobs/uploads/'))).toBe(true); // status asked after the cut
    expect(await c.blobSize('t/chunked', sha256(data))).toBe(data.length);
  });

  test('cross-repository mount links a blob without sending it', async () => {
    const p = await proxy();
    const c = client(p);
    const data = randomBytes(100_000);
    await c.uploadBlob('t/source', blob(data));
    p.reset();
    expect(await c.mountBlob('t/target', sha256(data), 't/source')).toBe(true);
    expect(p.bytesUploaded()).toBe(0);
    expect(await c.blobSize('t/target', sha256(data))).toBe(data.length);
    expect(await c.mountBlob('t/target2', sha256(Buffer.from('nope')), 't/source')).toBe(false);
  });

  test('a manifest goes up by digest and under several tags; a changed digest on the way is caught', async () => {
    const p = await proxy();
    const c = client(p);
    const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    await c.uploadBlob('t/m', blob(config));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.manifest,
        config: { mediaType: MEDIA.config, digest: sha256(config), size: config.length },
        layers: [],
      }),
    );
    const digest = await c.putManifest('t/m', sha256(manifest), manifest, MEDIA.manifest);
    for (const tag of ['v1', 'latest']) expect(await c.putManifest('t/m', tag, manifest, MEDIA.manifest)).toBe(digest);
    expect((await c.getManifest('t/m', 'latest'))?.digest).toBe(digest);
    expect(await c.getManifest('t/m', 'missing')).toBeUndefined();
    const tampering = await proxy({ tamperDigest: true });
    await expect(client(tampering).uploadBlob('t/m', blob(randomBytes(2_000_000)))).rejects.toThrow(/stored sha256:0{64} where sha256:[0-9a-f]{64} was sent/);
  });

  test('bearer flow: the challenge names the token server; credentials from the Docker config file get a token', async () => {
    const p = await proxy({ auth: { scheme: 'bearer', user: 'robot', password: 's3cret' } });
    const dir = await mkdtemp(path.join(tmpdir(), 'docker-config-'));
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths: { [p.host]: { auth: Buffer.from('robot:s3cret').toString('base64') } } }));
    const credentials = await findCredentials(p.host, { env: { DOCKER_CONFIG: dir } });
    expect(credentials).toMatchObject({ username: 'robot', password: 's3cret', source: expect.stringContaining('config.json') });
    const secrets: string[] = [];
    const c = client(p, { ...(credentials ? { credentials } : {}), onSecret: (s) => secrets.push(s) });
    const data = randomBytes(2_000_000);
    await c.uploadBlob('acme/bot', blob(data));
    expect(await c.blobSize('acme/bot', sha256(data))).toBe(data.length);
    expect(p.tokensIssued[0]?.scope).toEqual(['repository:acme/bot:pull,push']);
    expect(secrets).toEqual(p.tokensIssued.map((t) => t.token)); // every token handed over for masking
    // The streamed PUT carried the token: it never met a 401 with its body.
    expect(p.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([201]);
  });

  test('GITHUB_TOKEN is the credential for ghcr.io, sent in chunks of at most 4 MiB', async () => {
    const p = await proxy({ auth: { scheme: 'bearer', user: 'octocat', password: 'ghs_faketoken' } });
    const credentials = await findCredentials('ghcr.io', { env: { GITHUB_TOKEN: 'ghs_faketoken', GITHUB_ACTOR: 'octocat', HOME: '/nonexistent' } });
    expect(credentials?.source).toBe('GITHUB_TOKEN');
    const c = new RegistryClient({ registry: 'ghcr.io', baseUrl: p.url, ...(credentials ? { credentials } : {}) });
    const data = randomBytes(9 * 1024 * 1024);
    await c.uploadBlob('acme/bot', blob(data));
    const patches = p.requests.filter((r) => r.method === 'PATCH' && r.status === 202);
    expect(patches.map((r) => r.bytes)).toEqual([4 * 1024 * 1024, 4 * 1024 * 1024, 1024 * 1024]);
  });

  test.each([
    ['bearer', undefined, /log in first: `docker login/],
    ['bearer', { username: 'robot', password: 'wrong', source: 'inputs' }, /token server of .* refused the credentials from inputs \(401\).*docker login/],
    ['basic', { username: 'robot', password: 'wrong', source: 'inputs' }, /answered 401.*were refused; run `docker login/],
  ] as const)('%s auth with %j: one clear error that says how to log in', async (scheme, credentials, message) => {
    const p = await proxy({ auth: { scheme, user: 'robot', password: 's3cret' } });
    const c = client(p, credentials ? { credentials } : {});
    const error = await c.blobSize('acme/bot', sha256(Buffer.from('x'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(`${(error as RegistryError).message} (${(error as RegistryError).hint})`).toMatch(message);
  });

  test('basic auth: the credentials are sent after the challenge', async () => {
    const p = await proxy({ auth: { scheme: 'basic', user: 'robot', password: 's3cret' } });
    const c = client(p, { credentials: { username: 'robot', password: 's3cret', source: 'inputs' } });
    const data = Buffer.from('basic');
    await c.uploadBlob('acme/bot', blob(data));
    expect(await c.blobSize('acme/bot', sha256(data))).toBe(data.length);
  });

  test('an unreachable registry is one clear error', async () => {
    const c = new RegistryClient({ registry: '127.0.0.1:9' });
    await expect(c.blobSize('x/y', sha256(Buffer.from('x')))).rejects.toThrow(
      /registry 127\.0\.0\.1:9 is unreachable at http:\/\/127\.0\.0\.1:9 \(connection refused\)/,
    );
  });
});
