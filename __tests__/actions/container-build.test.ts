import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeWith } from '../helpers/require-binary.js';
import { runAction } from '../helpers/run-action.js';
import { REGISTRY_BIN, type ServiceHandle, startRegistry } from '../helpers/services/index.js';
import { type RegistryProxy, startRegistryProxy } from '../packages/oci/registry-proxy.js';

describeWith(REGISTRY_BIN, 'docker-registry')('container-build through the runner protocol', () => {
  let registry: ServiceHandle;
  let proxy: RegistryProxy;
  let locked: RegistryProxy;
  let ws: string;
  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startRegistryProxy(registry.url);
    locked = await startRegistryProxy(registry.url, { auth: { scheme: 'bearer', user: 'robot', password: 'right-password' } });
    ws = await mkdtemp(path.join(tmpdir(), 'cb-action-'));
    await mkdir(path.join(ws, 'src'), { recursive: true });
    await mkdir(path.join(ws, 'model'), { recursive: true });
    await writeFile(path.join(ws, 'src/server.mjs'), 'console.log("hi")\n');
    // Over 4 MiB, so the bundled action hashes it on a worker thread.
    await writeFile(path.join(ws, 'model/weights.bin'), randomBytes(5 * 1024 * 1024));
    await writeFile(
      path.join(ws, 'slipway.yml'),
      [
        'version: 1',
        'build:',
        `  image: ${proxy.host}/acme/support-bot`,
        '  tags: [latest]',
        '  app: [src]',
        '  weights: [model]',
        '  entrypoint: [node, /app/src/server.mjs]',
        '  ports: [8080]',
        '  labels: { org.example.team: ml }',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await locked?.close();
    await registry?.stop();
  });

  test('builds, pushes, sets the outputs and lists every layer in the summary', async () => {
    const run = await runAction('container-build', { tags: 'pr-42', labels: 'org.example.pr=42' }, { workspace: ws, env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.outputs.image).toBe(`${proxy.host}/acme/support-bot@${run.outputs.digest}`);
    expect(run.outputs.tags).toBe('pr-42');
    expect(Number(run.outputs['bytes-uploaded'])).toBeGreaterThan(5 * 1024 * 1024);
    expect(run.summary).toMatch(/\| app +\| app +\|/);
    expect(run.summary).toContain('models/model/weights.bin');
    const { stdout } = await promisify(execFile)('/usr/bin/skopeo', ['inspect', '--tls-verify=false', `docker://${proxy.host}/acme/support-bot:pr-42`]);
    const inspect = JSON.parse(stdout) as { Digest: string; Labels: Record<string, string> };
    expect(inspect.Digest).toBe(run.outputs.digest);
    expect(inspect.Labels).toMatchObject({
      'org.example.team': 'ml',
      'org.example.pr': '42',
      'org.opencontainers.image.source': 'https://github.com/acme/support-bot',
      'org.opencontainers.image.revision': '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    });
    // The same build from the root action: same inputs, same digest.
    const again = await runAction(
      '.',
      { command: 'container-build', tags: 'pr-42', labels: 'org.example.pr=42' },
      { workspace: ws, env: { SOURCE_DATE_EPOCH: '1767225600' } },
    );
    expect(again.exitCode).toBe(0);
    expect(again.outputs.digest).toBe(run.outputs.digest);
    expect(Number(again.outputs['bytes-uploaded'])).toBe(0);
  });

  test('a refused password: exit 2, one line that says how to log in, the password masked first', async () => {
    const run = await runAction(
      'container-build',
      { image: `${locked.host}/acme/support-bot:1`, username: 'robot', password: 'wrong-password' },
      { workspace: ws },
    );
    expect(run.exitCode).toBe(2);
    expect(run.masks).toContain('wrong-password');
    expect(run.leaks(['wrong-password'])).toEqual([]);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /^container-build failed: the token server of 127\.0\.0\.1:\d+ refused the credentials from inputs \(401\) \(.*docker login/,
    );
  });

  test('the right password gets a token, and the token is masked', async () => {
    const run = await runAction(
      'container-build',
      { image: `${locked.host}/acme/support-bot:1`, username: 'robot', password: 'right-password', attest: 'false' },
      { workspace: ws },
    );
    expect(run.exitCode).toBe(0);
    expect(locked.tokensIssued.length).toBeGreaterThan(0);
    for (const t of locked.tokensIssued) expect(run.masks).toContain(t.token);
  });

  test.each([
    [{ image: 'ghcr.io/Acme/bot' }, /input "image": "ghcr.io\/Acme\/bot": repository component "Acme" must be lowercase/],
    [{ engine: 'docker' }, /input "engine": "docker" is not one of auto, assemble, buildah, buildx/],
    [{ engine: 'buildah', dockerfile: 'Dockerfile' }, /input "dockerfile": Dockerfile does not exist/],
  ])('bad input %j: exit 2 with one clear line', async (inputs, message) => {
    const run = await runAction('container-build', inputs, { workspace: ws });
    expect(run.exitCode).toBe(2);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(message)]);
  });
});
