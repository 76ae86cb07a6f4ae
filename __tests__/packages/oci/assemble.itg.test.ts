import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { createTerminalRuntime, InputError, UserError } from '@slipway/kit';
import { type BuildOptions, buildImage, RegistryClient } from '@slipway/oci';
import { requireBinary } from '../../helpers/require-binary.js';
import { REGISTRY_BIN, type ServiceHandle, startRegistry } from '../../helpers/services/index.js';
import { type RegistryProxy, startRegistryProxy } from './registry-proxy.js';

const SKOPEO = '/usr/bin/skopeo';
const UMOCI = '/usr/bin/umoci';
const ready = requireBinary(REGISTRY_BIN, 'docker-registry') && requireBinary(SKOPEO, 'skopeo') && requireBinary(UMOCI, 'umoci');
const suite = ready ? describe : describe.skip;

const ENV = {
  SOURCE_DATE_EPOCH: '1767225600',
  GITHUB_REPOSITORY: 'acme/support-bot',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  HOME: '/nonexistent',
};

function rt(cwd: string) {
  return createTerminalRuntime({ cwd, quiet: true, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });
}

// Asynchronous on purpose: the proxy the tools talk to runs in this process.
async function sh(cmd: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(cmd, args, { encoding: 'utf8' })).stdout;
}

suite('assemble engine end to end: docker-registry, skopeo, umoci', () => {
  let registry: ServiceHandle;
  let proxy: RegistryProxy;
  let ws: string;
  let image: string;
  const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({
    engine: 'auto',
    image,
    tags: ['latest'],
    base: 'scratch',
    app: [{ source: 'app', dest: '/srv/app' }],
    weights: [{ source: 'model', dest: '/models/support-bot' }],
    entrypoint: ['node', '/srv/app/server.mjs'],
    cmd: ['--port', '8080'],
    env: { MODEL_DIR: '/models/support-bot' },
    ports: ['8080'],
    workdir: '/srv/app',
    user: '1000:1000',
    labels: { 'org.example.team': 'ml' },
    releaseId: `sha256:${'c'.repeat(64)}`,
    evalReportDigest: `sha256:${'e'.repeat(64)}`,
    processEnv: ENV,
    ...extra,
  });

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startRegistryProxy(registry.url);
    image = `${proxy.host}/acme/support-bot:v1`;
    ws = await mkdtemp(path.join(tmpdir(), 'oci-assemble-'));
    await mkdir(path.join(ws, 'app/prompts'), { recursive: true });
    await mkdir(path.join(ws, 'model'), { recursive: true });
    await writeFile(path.join(ws, 'app/server.mjs'), 'console.log("v1");\n');
    await writeFile(path.join(ws, 'app/prompts/system.txt'), 'You are a support bot.\n');
    await writeFile(path.join(ws, 'model/weights-1.bin'), randomBytes(1024 * 1024));
    await writeFile(path.join(ws, 'model/weights-2.bin'), randomBytes(2 * 1024 * 1024 + 3));
    await writeFile(path.join(ws, 'model/tokenizer.json'), '{"vocab":[]}\n');
  });
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });

  test('the pushed image reads back with skopeo and unpacks with umoci: files, config, labels', async () => {
    const runtime = rt(ws);
    const result = await buildImage(runtime, options());
    expect(result.engine).toBe('assemble');
    expect(result.tags).toEqual(['v1', 'latest']);
    expect(runtime.outputs).toMatchObject({ digest: result.digest, image: `${proxy.host}/acme/support-bot@${result.digest}`, tags: 'v1,latest' });
    expect(result.layers.map((l) => [l.kind, l.name, l.action])).toEqual([
      ['app', 'app', 'uploaded'],
      ['weight', 'models/support-bot/tokenizer.json', 'uploaded'],
      ['weight', 'models/support-bot/weights-1.bin', 'uploaded'],
      ['weight', 'models/support-bot/weights-2.bin', 'uploaded'],
    ]);
    expect(runtime.summary).toContain('| weight | models/support-bot/weights-2.bin |');

    const inspect = JSON.parse(await sh(SKOPEO, ['inspect', '--tls-verify=false', `docker://${image}`])) as {
      Digest: string;
      Labels: Record<string, string>;
      Layers: string[];
    };
    expect(inspect.Digest).toBe(result.digest);
    expect(inspect.Layers).toHaveLength(4);
    expect(inspect.Labels).toMatchObject({
      'org.example.team': 'ml',
      'org.opencontainers.image.source': 'https://github.com/acme/support-bot',
      'org.opencontainers.image.revision': ENV.GITHUB_SHA,
      'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
      'dev.slipway.release.id': `sha256:${'c'.repeat(64)}`,
      'dev.slipway.eval.report-digest': `sha256:${'e'.repeat(64)}`,
    });

    const out = await mkdtemp(path.join(tmpdir(), 'oci-readback-'));
    await sh(SKOPEO, ['copy', '--src-tls-verify=false', `docker://${image}`, `oci:${out}/layout:v1`]);
    await sh(UMOCI, ['unpack', '--rootless', '--image', `${out}/layout:v1`, `${out}/bundle`]);
    const rootfs = `${out}/bundle/rootfs`;
    expect(await readFile(`${rootfs}/srv/app/server.mjs`, 'utf8')).toBe('console.log("v1");\n');
    expect(await readFile(`${rootfs}/srv/app/prompts/system.txt`, 'utf8')).toBe('You are a support bot.\n');
    expect((await readFile(`${rootfs}/models/support-bot/weights-2.bin`)).equals(await readFile(path.join(ws, 'model/weights-2.bin')))).toBe(true);
    const runtimeSpec = JSON.parse(await readFile(`${out}/bundle/config.json`, 'utf8')) as { process: { args: string[]; env: string[]; cwd: string } };
    expect(runtimeSpec.process.args).toEqual(['node', '/srv/app/server.mjs', '--port', '8080']);
    expect(runtimeSpec.process.env).toContain('MODEL_DIR=/models/support-bot');
    expect(runtimeSpec.process.cwd).toBe('/srv/app');
    const config = JSON.parse(await sh(SKOPEO, ['inspect', '--tls-verify=false', '--config', `docker://${image}`])) as {
      created: string;
      config: Record<string, unknown>;
    };
    expect(config.created).toBe('2026-01-01T00:00:00Z');
    expect(config.config).toMatchObject({ User: '1000:1000', ExposedPorts: { '8080/tcp': {} } });
  });

  test('a second clean build gives the same digest, reads no weight and uploads nothing', async () => {
    const first = await buildImage(rt(ws), options({ cacheFile: path.join(ws, 'cache-a.json') }));
    proxy.reset();
    const again = await buildImage(rt(ws), options({ cacheFile: path.join(ws, 'cache-a.json') }));
    expect(again.digest).toBe(first.digest);
    expect(again.bytes.uploaded).toBe(0);
    expect(again.layers.filter((l) => l.kind === 'weight').every((l) => !l.read && l.action === 'skipped')).toBe(true);
    expect(again.bytes.read).toBe(again.layers.find((l) => l.kind === 'app')?.size);
    expect(proxy.uploadedDigests().filter((d) => again.layers.some((l) => l.digest === d))).toEqual([]);
    // With no cache at all (a fresh machine) the digest is still the same.
    const fresh = await buildImage(rt(ws), options({ cacheFile: path.join(ws, 'cache-fresh.json') }));
    expect(fresh.digest).toBe(first.digest);
  });

  test('a code-only change uploads only the app layer, as the registry sees it', async () => {
    await buildImage(rt(ws), options({ cacheFile: path.join(ws, 'cache-b.json') }));
    await writeFile(path.join(ws, 'app/server.mjs'), 'console.log("v2");\n');
    try {
      proxy.reset();
      const changed = await buildImage(rt(ws), options({ cacheFile: path.join(ws, 'cache-b.json') }));
      const app = changed.layers.find((l) => l.kind === 'app');
      const uploadedLayers = proxy.uploadedDigests().filter((d) => changed.layers.some((l) => l.digest === d));
      expect(uploadedLayers).toEqual([app?.digest]);
      expect(changed.layers.filter((l) => l.kind === 'weight').map((l) => [l.action, l.read])).toEqual([
        ['skipped', false],
        ['skipped', false],
        ['skipped', false],
      ]);
      // Everything the registry received: the app layer, the config, the SBOM and provenance documents.
      expect(proxy.bytesUploaded()).toBeLessThan(64 * 1024);
    } finally {
      await writeFile(path.join(ws, 'app/server.mjs'), 'console.log("v1");\n');
    }
  });

  test('an OCI layout folder holds the same image: same digest, unpacks with umoci', async () => {
    const pushed = await buildImage(rt(ws), options());
    const layout = path.join(ws, 'out/layout');
    const layoutOnly = options({ layout: 'out/layout', tags: ['v1'] });
    delete layoutOnly.image;
    const written = await buildImage(rt(ws), layoutOnly);
    expect(written.digest).toBe(pushed.digest);
    const inspect = JSON.parse(await sh(SKOPEO, ['inspect', `oci:${layout}:v1`])) as { Digest: string };
    expect(inspect.Digest).toBe(pushed.digest);
    await sh(UMOCI, ['unpack', '--rootless', '--image', `${layout}:v1`, `${ws}/out/bundle`]);
    expect(await readFile(`${ws}/out/bundle/rootfs/models/support-bot/tokenizer.json`, 'utf8')).toBe('{"vocab":[]}\n');
  });

  test('SBOM and provenance hang off the image under the sha256-<digest> tag (no referrers API here)', async () => {
    const result = await buildImage(rt(ws), options());
    expect(result.supplyChain?.mode).toBe('tag');
    const client = new RegistryClient({ registry: proxy.host });
    const index = JSON.parse((await client.getManifest('acme/support-bot', `sha256-${result.digest.slice(7)}`))?.body.toString() ?? '{}') as {
      manifests: { artifactType: string; digest: string }[];
    };
    expect(index.manifests.map((m) => m.artifactType).sort()).toEqual(['application/spdx+json', 'application/vnd.in-toto+json']);
    const sbomManifest = JSON.parse((await client.getManifest('acme/support-bot', result.supplyChain?.sbom ?? ''))?.body.toString() ?? '{}') as {
      subject: { digest: string };
      layers: { digest: string }[];
    };
    expect(sbomManifest.subject.digest).toBe(result.digest);
    const sbom = JSON.parse((await client.getBlob('acme/support-bot', sbomManifest.layers[0]?.digest ?? '')).toString()) as {
      spdxVersion: string;
      files: { fileName: string; checksums: { algorithm: string }[] }[];
      packages: { name: string }[];
    };
    expect(sbom.spdxVersion).toBe('SPDX-2.3');
    expect(sbom.files.map((f) => f.fileName)).toEqual(['/srv/app/prompts/system.txt', '/srv/app/server.mjs']);
    expect(sbom.packages.map((p) => p.name)).toContain('model weight models/support-bot/weights-1.bin');
  });

  test('a registry with the referrers API gets the artifacts as referrers, and no fallback tag', async () => {
    const withReferrers = await startRegistryProxy(registry.url, { referrers: true });
    try {
      const result = await buildImage(rt(ws), options({ image: `${withReferrers.host}/acme/referred:1`, tags: [] }));
      expect(result.supplyChain?.mode).toBe('referrers');
      const client = new RegistryClient({ registry: withReferrers.host });
      expect(await client.getManifest('acme/referred', `sha256-${result.digest.slice(7)}`)).toBeUndefined();
      const sbom = JSON.parse((await client.getManifest('acme/referred', result.supplyChain?.sbom ?? ''))?.body.toString() ?? '{}') as {
        subject: { digest: string };
      };
      expect(sbom.subject.digest).toBe(result.digest);
    } finally {
      await withReferrers.close();
    }
  });

  test('a base image by reference: its layers are mounted from its repository, never downloaded', async () => {
    const baseImage = `${proxy.host}/acme/base:1`;
    // A base layer of its own (not the same tar as the app layer below, which would make one digest twice).
    const baseApp = [{ source: 'app/prompts', dest: '/etc/base' }];
    await buildImage(rt(ws), options({ image: baseImage, tags: [], app: baseApp, weights: [], env: { PATH: '/usr/bin', LANG: 'C.UTF-8' }, attest: false }));
    proxy.reset();
    const result = await buildImage(rt(ws), options({ image: `${proxy.host}/acme/derived:1`, tags: [], base: baseImage, attest: false }));
    expect(result.layers[0]).toMatchObject({ kind: 'base', action: 'mounted' });
    expect(result.bytes.mounted).toBeGreaterThan(0);
    expect(proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/')).length).toBe(1); // the base config only
    const config = JSON.parse(await sh(SKOPEO, ['inspect', '--tls-verify=false', '--config', `docker://${proxy.host}/acme/derived:1`])) as {
      config: { Env: string[] };
    };
    expect(config.config.Env).toEqual(['PATH=/usr/bin', 'LANG=C.UTF-8', 'MODEL_DIR=/models/support-bot']);
  });

  test("a base in another registry streams across, read with that registry's own credentials, never touching the disk", async () => {
    const other = await startRegistry();
    const locked = await startRegistryProxy(registry.url, { auth: { scheme: 'bearer', user: 'reader', password: 'base-secret' } });
    try {
      const baseImage = `${locked.host}/acme/base:1`;
      await buildImage(
        rt(ws),
        options({ image: baseImage, tags: [], weights: [], env: { LANG: 'C.UTF-8' }, attest: false, username: 'reader', password: 'base-secret' }),
      );
      const dockerConfig = await mkdtemp(path.join(tmpdir(), 'docker-config-'));
      await writeFile(
        path.join(dockerConfig, 'config.json'),
        JSON.stringify({ auths: { [locked.host]: { auth: Buffer.from('reader:base-secret').toString('base64') } } }),
      );
      const target = `${other.url.replace('http://', '')}/acme/elsewhere:1`;
      const result = await buildImage(
        rt(ws),
        options({
          image: target,
          tags: [],
          base: baseImage,
          attest: false,
          app: [{ source: 'app/prompts', dest: '/srv/prompts' }],
          processEnv: { ...ENV, DOCKER_CONFIG: dockerConfig },
        }),
      );
      expect(result.layers[0]).toMatchObject({ kind: 'base', action: 'copied', read: false });
      const out = await mkdtemp(path.join(tmpdir(), 'oci-copied-'));
      await sh(SKOPEO, ['copy', '--src-tls-verify=false', `docker://${target}`, `oci:${out}/layout:1`]);
      await sh(UMOCI, ['unpack', '--rootless', '--image', `${out}/layout:1`, `${out}/bundle`]);
      expect(await readFile(`${out}/bundle/rootfs/srv/app/server.mjs`, 'utf8')).toBe('console.log("v1");\n'); // from the base
      expect(await readFile(`${out}/bundle/rootfs/srv/prompts/system.txt`, 'utf8')).toBe('You are a support bot.\n');
    } finally {
      await locked.close();
      await other.stop();
    }
  });

  test.each([
    ['an invalid reference', { image: 'Not A Reference' }, InputError, /input "image": .*repository component/],
    ['a missing base', { base: '' }, UserError, /build.base: .*acme\/nothing:1 does not exist/],
    ['an unreachable registry', { image: '127.0.0.1:9/acme/bot:1' }, UserError, /registry 127.0.0.1:9 is unreachable/],
    ['a missing app folder', { app: [{ source: 'nope', dest: '/srv' }] }, UserError, /"nope" does not exist/],
    ['a missing Dockerfile', { engine: 'buildah', dockerfile: 'Dockerfile.missing' }, InputError, /input "dockerfile": Dockerfile.missing does not exist/],
  ] as const)('%s: one clear error, nothing tagged', async (_name, extra, type, message) => {
    const patch = { ...extra } as Partial<BuildOptions>;
    if ('base' in extra) patch.base = `${proxy.host}/acme/nothing:1`;
    if ('image' in extra) patch.image = extra.image;
    if (!('image' in extra)) patch.image = `${proxy.host}/acme/failing:1`;
    const error = await buildImage(rt(ws), options(patch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    const client = new RegistryClient({ registry: proxy.host });
    expect(await client.getManifest('acme/failing', '1')).toBeUndefined();
  });
});
