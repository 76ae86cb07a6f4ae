import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { createTerminalRuntime } from '@slipway/kit';
import { buildImage, type Exec, execFile as realExec } from '@slipway/oci';
import { requireBinary } from '../../helpers/require-binary.js';
import { REGISTRY_BIN, type ServiceHandle, startRegistry } from '../../helpers/services/index.js';

const BUILDAH = '/usr/bin/buildah';
const ready =
  requireBinary(REGISTRY_BIN, 'docker-registry') &&
  requireBinary(BUILDAH, 'buildah') &&
  requireBinary('/usr/bin/skopeo', 'skopeo') &&
  requireBinary('/usr/bin/umoci', 'umoci');
const suite = ready ? describe : describe.skip;

async function sh(cmd: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(cmd, args, { encoding: 'utf8' })).stdout;
}

suite('buildah engine: a Dockerfile build, daemonless, read back like the assemble engine', () => {
  let registry: ServiceHandle;
  let ws: string;
  let storage: string;
  beforeAll(async () => {
    registry = await startRegistry();
    ws = await mkdtemp(path.join(tmpdir(), 'oci-buildah-'));
    storage = path.join(ws, '.buildah');
    await mkdir(path.join(ws, 'app'), { recursive: true });
    await mkdir(path.join(ws, 'model'), { recursive: true });
    await writeFile(path.join(ws, 'app/server.mjs'), 'console.log("buildah");\n');
    await writeFile(path.join(ws, 'model/weights.bin'), Buffer.alloc(64 * 1024, 7));
    await writeFile(
      path.join(ws, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY model/ /models/support-bot/',
        'COPY app/ /srv/app/',
        'ENV MODEL_DIR=/models/support-bot',
        'ENTRYPOINT ["node", "/srv/app/server.mjs"]',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await registry?.stop();
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  test('engine auto picks buildah when no daemon answers; the image reads back with skopeo and umoci; rebuilds match', async () => {
    const calls: string[][] = [];
    const exec: Exec = async (command, args, options) => {
      calls.push([command, ...args]);
      // No Docker here: the daemon probe fails as it would on a runner without one.
      if (command === 'docker') return { code: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon' };
      return realExec(command, args, options);
    };
    const image = `${registry.url.replace('http://', '')}/acme/buildah-bot:v1`;
    const build = () =>
      buildImage(createTerminalRuntime({ cwd: ws, quiet: true, stderr: new Writable({ write: (_c, _e, cb) => cb() }) }), {
        engine: 'auto',
        image,
        dockerfile: 'Dockerfile',
        context: '.',
        labels: { 'org.example.team': 'ml' },
        buildahRoot: storage,
        exec,
        processEnv: { SOURCE_DATE_EPOCH: '1767225600', GITHUB_REPOSITORY: 'acme/support-bot', GITHUB_SHA: 'abcdef1234567' },
      });
    const result = await build();
    expect(result.engine).toBe('buildah');
    expect(calls[0]?.slice(0, 2)).toEqual(['docker', 'info']);
    const bud = calls.find((c) => c.includes('bud')) ?? [];
    expect(bud).toEqual(expect.arrayContaining(['--layers', '--timestamp', '1767225600', '--isolation', 'chroot', '--storage-driver', 'vfs']));
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const inspect = JSON.parse(await sh('/usr/bin/skopeo', ['inspect', '--tls-verify=false', `docker://${image}`])) as {
      Digest: string;
      Labels: Record<string, string>;
    };
    expect(inspect.Digest).toBe(result.digest);
    expect(inspect.Labels).toMatchObject({
      'org.example.team': 'ml',
      'org.opencontainers.image.revision': 'abcdef1234567',
      'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
    });
    const out = path.join(ws, 'readback');
    await mkdir(out);
    await sh('/usr/bin/skopeo', ['copy', '--src-tls-verify=false', `docker://${image}`, `oci:${out}/layout:v1`]);
    await sh('/usr/bin/umoci', ['unpack', '--rootless', '--image', `${out}/layout:v1`, `${out}/bundle`]);
    expect(await readFile(`${out}/bundle/rootfs/srv/app/server.mjs`, 'utf8')).toBe('console.log("buildah");\n');
    expect((await readFile(`${out}/bundle/rootfs/models/support-bot/weights.bin`)).length).toBe(64 * 1024);
    const spec = JSON.parse(await readFile(`${out}/bundle/config.json`, 'utf8')) as { process: { args: string[]; env: string[] } };
    expect(spec.process.args).toEqual(['node', '/srv/app/server.mjs']);
    expect(spec.process.env).toContain('MODEL_DIR=/models/support-bot');

    const again = await build();
    expect(again.digest).toBe(result.digest);
  }, 120_000);
});
