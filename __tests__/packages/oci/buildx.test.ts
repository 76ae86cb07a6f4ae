import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTerminalRuntime } from '@slipway/kit';
import { buildahBudArgs, buildImage, buildxArgs, type DockerfileBuild, dockerDaemonAnswers, type Exec, parseReference } from '@slipway/oci';

const base: DockerfileBuild = { dockerfile: '/w/Dockerfile', context: '/w', labels: {}, timestamp: 1767225600 };
const push = { ref: parseReference('ghcr.io/acme/bot'), tags: ['v1', 'latest'], insecure: false };

describe('buildx arguments', () => {
  test.each([
    [
      'push with two tags',
      { ...base, push },
      {},
      ['--tag', 'ghcr.io/acme/bot:v1', '--tag', 'ghcr.io/acme/bot:latest', '--output', 'type=image,push=true,rewrite-timestamp=true'],
    ],
    ['the commit time as SOURCE_DATE_EPOCH', base, {}, ['--build-arg', 'SOURCE_DATE_EPOCH=1767225600']],
    ['labels sorted by key', { ...base, labels: { z: '1', a: 'x=y' } }, {}, ['--label', 'a=x=y', '--label', 'z=1']],
    ['build args', { ...base, buildArgs: { MODEL: 'v2' } }, {}, ['--build-arg', 'MODEL=v2']],
    ['platform', { ...base, platform: 'linux/arm64' }, {}, ['--platform', 'linux/arm64']],
    ['GitHub cache with a scope', base, { ghaCache: { scope: 'bot' } }, ['--cache-from', 'type=gha,scope=bot', '--cache-to', 'type=gha,mode=max,scope=bot']],
    ['GitHub cache without a scope', base, { ghaCache: {} }, ['--cache-from', 'type=gha', '--cache-to', 'type=gha,mode=max']],
    ['an OCI layout', { ...base, layout: { dir: '/out/img', tags: ['v1'] } }, {}, ['--output', 'type=oci,dest=/out/img.tar,rewrite-timestamp=true']],
  ] as const)('%s', (_name, build, options, expected) => {
    const args = buildxArgs(build as DockerfileBuild, options, '/tmp/meta.json');
    expect(args.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(args.at(-1)).toBe('/w');
    const at = args.findIndex((_a, i) => expected.every((e, j) => args[i + j] === e));
    expect(at).toBeGreaterThan(-1);
  });

  test('no cache flags and no push without asking', () => {
    const args = buildxArgs(base, { ghaCache: false }, '/tmp/meta.json');
    expect(args.join(' ')).not.toMatch(/cache|--push|type=image/);
    expect(args).toEqual(expect.arrayContaining(['--metadata-file', '/tmp/meta.json', '--provenance=false', '--file', '/w/Dockerfile']));
  });
});

describe('buildah arguments', () => {
  test('vfs storage, chroot isolation, --layers and --timestamp for repeatable digests', () => {
    const args = buildahBudArgs(
      { ...base, labels: { b: '2', a: '1' } },
      { exec: async () => ({ code: 0, stdout: '', stderr: '' }), root: '/r', runroot: '/rr' },
      'localhost/x:1',
    );
    expect(args).toEqual([
      '--storage-driver',
      'vfs',
      '--root',
      '/r',
      '--runroot',
      '/rr',
      'bud',
      '--isolation',
      'chroot',
      '--layers',
      '--timestamp',
      '1767225600',
      '--format',
      'oci',
      '--file',
      '/w/Dockerfile',
      '--tag',
      'localhost/x:1',
      '--label',
      'a=1',
      '--label',
      'b=2',
      '/w',
    ]);
  });
});

describe('engine auto', () => {
  const quiet = () => createTerminalRuntime({ quiet: true, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });

  test.each([
    [0, '27.3.1\n', true],
    [0, '', false],
    [1, '', false],
    [127, '', false],
  ])('docker info exit %i with %j: daemon answers = %s', async (code, stdout, answers) => {
    const exec: Exec = async () => ({ code, stdout, stderr: '' });
    expect(await dockerDaemonAnswers(exec)).toBe(answers);
  });

  test('a Dockerfile and a daemon that answers: buildx runs, with the metadata file giving the digest', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'oci-buildx-'));
    await writeFile(path.join(ws, 'Dockerfile'), 'FROM scratch\n');
    const calls: string[][] = [];
    const digest = `sha256:${'d'.repeat(64)}`;
    const exec: Exec = async (command, args) => {
      calls.push([command, ...args]);
      if (args[0] === 'info') return { code: 0, stdout: '27.3.1\n', stderr: '' };
      if (args[0] === 'buildx') {
        const meta = args[args.indexOf('--metadata-file') + 1] ?? '';
        await writeFile(meta, JSON.stringify({ 'containerimage.digest': digest }));
        return { code: 0, stdout: '', stderr: '' };
      }
      return { code: 1, stdout: '', stderr: 'not git' };
    };
    const rt = createTerminalRuntime({ cwd: ws, quiet: true, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });
    const result = await buildImage(rt, {
      engine: 'auto',
      image: 'ghcr.io/acme/bot:v1',
      dockerfile: 'Dockerfile',
      exec,
      processEnv: { ACTIONS_RUNTIME_TOKEN: 'x', HOME: '/nonexistent' },
    });
    expect(result.engine).toBe('buildx');
    expect(result.digest).toBe(digest);
    expect(rt.outputs.image).toBe(`ghcr.io/acme/bot@${digest}`);
    const buildx = calls.find((c) => c[1] === 'buildx') ?? [];
    expect(buildx).toEqual(expect.arrayContaining(['--cache-from', 'type=gha,scope=slipway', '--tag', 'ghcr.io/acme/bot:v1']));
  });

  test('no Dockerfile: assemble, without asking for a daemon', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'oci-auto-'));
    const calls: string[] = [];
    const exec: Exec = async (command) => {
      calls.push(command);
      return { code: 1, stdout: '', stderr: '' };
    };
    const result = await buildImage(quiet(), { engine: 'auto', layout: path.join(ws, 'layout'), exec, processEnv: {} });
    expect(result.engine).toBe('assemble');
    expect(calls).not.toContain('docker');
  });
});
