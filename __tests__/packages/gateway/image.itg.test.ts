import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GatewayAdminClient } from '@slipway/gateway';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { isCi, requireBinary } from '../../helpers/require-binary.js';
import { freePort, httpGet, launchService, REGISTRY_BIN, type ServiceHandle, startRegistry } from '../../helpers/services/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SKOPEO = '/usr/bin/skopeo';
const UMOCI = '/usr/bin/umoci';
const CHROOT = '/usr/sbin/chroot';
const LDD = '/usr/bin/ldd';
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** chroot needs root; CI runs the suite as root (sudo .ci/run), so there a missing root is a failure, not a skip. */
function requireRoot(): boolean {
  if (process.getuid?.() === 0) return true;
  if (isCi()) throw new Error('the gateway image test chroots into the unpacked image and needs root; run the suite as root in CI');
  console.warn('SKIPPED: the gateway image test needs root (it chroots into the unpacked image).');
  return false;
}

const ready =
  requireBinary(REGISTRY_BIN, 'docker-registry') &&
  requireBinary(SKOPEO, 'skopeo') &&
  requireBinary(UMOCI, 'umoci') &&
  requireBinary(CHROOT, 'chroot') &&
  requireBinary(LDD, 'ldd') &&
  requireRoot();
const suite = ready ? describe : describe.skip;

async function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return (await promisify(execFile)(cmd, args, { encoding: 'utf8', cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 })).stdout;
}

/** Runs the checked-in build script, as a user would (npm run image:gateway). */
async function buildImage(image: string): Promise<{ image: string; digest: string }> {
  const out = await sh(TSX, ['images/gateway/build.ts', '--image', image], { ...process.env, SOURCE_DATE_EPOCH: '1767225600' });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as { image: string; digest: string };
}

suite('the gateway container image: built by container-build, pushed, read back, run', () => {
  let registry: ServiceHandle;
  let llm: LlmServer;
  let work: string;
  beforeAll(async () => {
    registry = await startRegistry();
    llm = await startLlmServer({ replies: () => 'hello from the scripted model', requireApiKey: 'sk-upstream-image-test' });
    work = await mkdtemp(path.join(tmpdir(), 'slipway-gateway-image-'));
  });
  afterAll(async () => {
    await llm?.stop();
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('same digest twice; skopeo and umoci read it; chrooted as its user it proxies a chat completion', async () => {
    const host = registry.url.replace(/^http:\/\//, '');
    const ref = `${host}/slipway/gateway:itg`;
    const first = await buildImage(ref);
    const second = await buildImage(ref);
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.digest).toBe(first.digest);

    const inspect = JSON.parse(await sh(SKOPEO, ['inspect', '--tls-verify=false', `docker://${ref}`])) as {
      Digest: string;
      Labels: Record<string, string>;
      Layers: string[];
    };
    expect(inspect.Digest).toBe(first.digest);
    expect(inspect.Layers).toHaveLength(2); // rootfs (node + libraries + /etc), then the app
    expect(inspect.Labels['org.opencontainers.image.title']).toBe('slipway-gateway');
    const config = JSON.parse(await sh(SKOPEO, ['inspect', '--tls-verify=false', '--config', `docker://${ref}`])) as {
      config: { User: string; Entrypoint: string[]; Env: string[]; ExposedPorts: Record<string, unknown> };
    };
    expect(config.config).toMatchObject({ User: '65532:65532', Entrypoint: ['/usr/local/bin/node', '/app/gateway.mjs'] });
    expect(config.config.Env).toContain('SLIPWAY_GATEWAY_CONFIG=/etc/slipway/gateway.yml');
    expect(Object.keys(config.config.ExposedPorts).sort()).toEqual(['8080/tcp', '8081/tcp']);

    await sh(SKOPEO, ['copy', '--src-tls-verify=false', `docker://${ref}`, `oci:${work}/layout:itg`]);
    await sh(UMOCI, ['unpack', '--image', `${work}/layout:itg`, `${work}/bundle`]);
    const rootfs = `${work}/bundle/rootfs`;
    const runtime = JSON.parse(await readFile(`${work}/bundle/config.json`, 'utf8')) as {
      process: { args: string[]; env: string[]; user: { uid: number; gid: number } };
    };
    expect(runtime.process.args).toEqual(['/usr/local/bin/node', '/app/gateway.mjs']);
    expect(runtime.process.user.uid).toBe(65532);
    expect(await readFile(`${rootfs}/etc/passwd`, 'utf8')).toContain('gateway:x:65532:65532:');

    // Run the image the way a runtime would: its entry point, its env, its user, inside its rootfs.
    const adminPort = await freePort();
    const env = Object.fromEntries(runtime.process.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    const gateway = await launchService({
      name: 'gateway-image',
      command: CHROOT,
      env: { ...env, SLIPWAY_GATEWAY_ADMIN_TOKEN: 'admin-token-image-test', UPSTREAM_KEY: 'sk-upstream-image-test' },
      prepare: async ({ port }) => {
        await mkdir(`${rootfs}/etc/slipway`, { recursive: true });
        await writeFile(
          `${rootfs}/etc/slipway/gateway.yml`,
          [
            'version: 1',
            `listen: 127.0.0.1:${port}`,
            `admin: { listen: "127.0.0.1:${adminPort}" }`,
            'backends:',
            `  stable: { url: "${llm.url}", apiKeyEnv: UPSTREAM_KEY }`,
            'routes:',
            '  - name: bot',
            '    weights: { stable: 10000 }',
            '',
          ].join('\n'),
        );
        return [`--userspec=${runtime.process.user.uid}:${runtime.process.user.gid}`, rootfs, ...runtime.process.args];
      },
      isReady: async () => {
        const res = await httpGet(`http://127.0.0.1:${adminPort}/healthz`);
        return res.status === 200 && res.body.includes('"status":"ok"');
      },
    });
    let stopped = false;
    try {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': 'image-user' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices[0]?.message.content).toBe('hello from the scripted model');
      expect(res.headers.get('x-slipway-backend')).toBe('stable');
      expect(llm.requests.at(-1)?.headers.authorization).toBe('Bearer sk-upstream-image-test');

      const routes = await new GatewayAdminClient(`http://127.0.0.1:${adminPort}`, 'admin-token-image-test', 'image-test').routes();
      expect(routes.routes[0]).toMatchObject({ name: 'bot', weights: { stable: 10_000 } });

      await gateway.stop();
      stopped = true;
      const lines = gateway
        .logs()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      // Every line is ECS JSON: the access log of the request, and the drain on SIGTERM.
      expect(lines.every((l) => typeof l['@timestamp'] === 'string' && typeof l['log.level'] === 'string')).toBe(true);
      expect(lines.some((l) => (l.url as { path?: string } | undefined)?.path === '/v1/chat/completions')).toBe(true);
      expect(lines.some((l) => l.message === 'gateway stopped')).toBe(true);
      expect(gateway.logs()).not.toContain('sk-upstream-image-test');
      expect(gateway.logs()).not.toContain('admin-token-image-test');
    } finally {
      if (!stopped) await gateway.stop();
    }
  }, 180_000);
});
