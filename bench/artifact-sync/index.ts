import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type BenchResult, REPO_ROOT, round, target } from '../lib.js';

/**
 * artifact-sync against the AWS CLI v2 and rclone, on one local s3rver and the same data, in one run:
 * (a) push 1 GiB in 8 files, (b) push 10,000 small files (~100 MB), (c) pull each into an empty
 * folder, (d) status and pull when everything is up to date, (e) peak memory of each command.
 * Each measure is one timed run (a GiB push is long enough that start-up noise is small); the
 * subjects run one after another on the same s3rver, each into its own prefix.
 */

const WORK = path.join(REPO_ROOT, 'bench/.work/artifact-sync');
const CLI = path.join(REPO_ROOT, 'packages/cli/bin/slipway.js');
const AWS = '/usr/bin/aws';
const RCLONE = '/usr/bin/rclone';
const BUCKET = 'bench';

interface Run {
  /** 1-minute load average when the run started: other work on the same cores shows here. */
  load: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  /** CPU seconds s3rver spent during the run. */
  serverCpuSeconds: number;
}

export async function run(): Promise<BenchResult> {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const notes: string[] = [];
  const big = path.join(WORK, 'data-big');
  const small = path.join(WORK, 'data-small');
  await makeBig(big);
  await makeSmall(small);
  const s3 = await startS3rver(path.join(WORK, 's3rver'));
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CA_BUNDLE: '',
    RCLONE_CONFIG: path.join(WORK, 'rclone.conf'),
    NO_COLOR: '1',
  };
  delete (env as Record<string, string | undefined>).AWS_CA_BUNDLE;
  await writeFile(
    env.RCLONE_CONFIG,
    `[s3]\ntype = s3\nprovider = Other\naccess_key_id = S3RVER\nsecret_access_key = S3RVER\nendpoint = ${s3.url}\nforce_path_style = true\nregion = us-east-1\n`,
  );
  const timed = (name: string, command: string, args: string[], cwd = WORK): Run => {
    const before = cpuOf(s3.child.pid ?? 0);
    const load = os.loadavg()[0] ?? 0;
    const out = path.join(WORK, 'time.txt');
    const started = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', out, command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`${name}: ${command} ${args.join(' ')} exited ${r.status}\n${(r.stderr ?? '').slice(-3000)}`);
    const [user, sys, rssKiB] = readFileSync(out, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [0, 0, 0];
    const result = {
      load,
      seconds,
      cpuSeconds: (user ?? 0) + (sys ?? 0),
      maxRssMiB: (rssKiB ?? 0) / 1024,
      serverCpuSeconds: cpuOf(s3.child.pid ?? 0) - before,
    };
    console.error(
      `bench artifact-sync: ${name}: ${seconds.toFixed(2)} s, cpu ${result.cpuSeconds.toFixed(2)} s, rss ${result.maxRssMiB.toFixed(0)} MiB, s3rver cpu ${result.serverCpuSeconds.toFixed(2)} s`,
    );
    return result;
  };
  const slip = (args: string[]) => [CLI, ...args, '--endpoint', s3.url];

  const runs: Record<string, Run> = {};
  try {
    for (const [label, dir] of [
      ['1 GiB in 8 files', big],
      ['10,000 small files', small],
    ] as const) {
      const tag = dir === big ? 'big' : 'small';
      const name = path.basename(dir);
      // Slipway: `add` writes the pointer and fills the local cache (timed on its own), then push.
      runs[`slipway add ${tag}`] = timed(`slipway add (${label})`, process.execPath, [CLI, 'artifacts', 'add', name]);
      runs[`slipway push ${tag}`] = timed(
        `slipway push (${label})`,
        process.execPath,
        slip(['artifacts', 'push', name, '--remote', `s3://${BUCKET}/slipway-${tag}`]),
      );
      runs[`aws push ${tag}`] = timed(`aws push (${label})`, AWS, [
        '--endpoint-url',
        s3.url,
        's3',
        'sync',
        '--only-show-errors',
        dir,
        `s3://${BUCKET}/aws-${tag}/`,
      ]);
      runs[`rclone push ${tag}`] = timed(`rclone push (${label})`, RCLONE, ['sync', dir, `s3:${BUCKET}/rclone-${tag}`]);

      // Pulls into empty folders: Slipway from a checkout holding only the pointer.
      const clone = path.join(WORK, `clone-${tag}`);
      await mkdir(clone, { recursive: true });
      await writeFile(path.join(clone, `${name}.dvc`), readFileSync(path.join(WORK, `${name}.dvc`)));
      runs[`slipway pull ${tag}`] = timed(
        `slipway pull (${label})`,
        process.execPath,
        slip(['artifacts', 'pull', '--remote', `s3://${BUCKET}/slipway-${tag}`]),
        clone,
      );
      if (dir === big) {
        // The same pull without keeping a second copy in the local cache (what a CI runner without `cache: true` does).
        const bare = path.join(WORK, 'clone-big-nocache');
        await mkdir(bare, { recursive: true });
        await writeFile(path.join(bare, `${name}.dvc`), readFileSync(path.join(WORK, `${name}.dvc`)));
        runs['slipway pull --no-local-cache big'] = timed(
          `slipway pull --no-local-cache (${label})`,
          process.execPath,
          slip(['artifacts', 'pull', '--no-local-cache', '--remote', `s3://${BUCKET}/slipway-${tag}`]),
          bare,
        );
        await rm(bare, { recursive: true, force: true });
      }
      runs[`aws pull ${tag}`] = timed(`aws pull (${label})`, AWS, [
        '--endpoint-url',
        s3.url,
        's3',
        'sync',
        '--only-show-errors',
        `s3://${BUCKET}/aws-${tag}/`,
        path.join(WORK, `aws-pull-${tag}`),
      ]);
      runs[`rclone pull ${tag}`] = timed(`rclone pull (${label})`, RCLONE, ['sync', `s3:${BUCKET}/rclone-${tag}`, path.join(WORK, `rclone-pull-${tag}`)]);
      await verifySame(dir, path.join(clone, name), `slipway pull ${tag}`);
      await verifySame(dir, path.join(WORK, `aws-pull-${tag}`), `aws pull ${tag}`);
      await verifySame(dir, path.join(WORK, `rclone-pull-${tag}`), `rclone pull ${tag}`);

      // Everything up to date, warm hash cache.
      runs[`slipway status ${tag}`] = timed(
        `slipway status, up to date (${label})`,
        process.execPath,
        slip(['artifacts', 'status', '--remote', `s3://${BUCKET}/slipway-${tag}`]),
        clone,
      );
      runs[`slipway pull-noop ${tag}`] = timed(
        `slipway pull, up to date (${label})`,
        process.execPath,
        slip(['artifacts', 'pull', '--remote', `s3://${BUCKET}/slipway-${tag}`]),
        clone,
      );
      runs[`aws sync-noop ${tag}`] = timed(`aws sync, up to date (${label})`, AWS, [
        '--endpoint-url',
        s3.url,
        's3',
        'sync',
        '--only-show-errors',
        `s3://${BUCKET}/aws-${tag}/`,
        path.join(WORK, `aws-pull-${tag}`),
      ]);
      runs[`rclone sync-noop ${tag}`] = timed(`rclone sync, up to date (${label})`, RCLONE, [
        'sync',
        `s3:${BUCKET}/rclone-${tag}`,
        path.join(WORK, `rclone-pull-${tag}`),
      ]);
    }
  } finally {
    await s3.stop();
  }

  const sec = (k: string) => runs[k]?.seconds ?? Number.NaN;
  const gib = 2 ** 30;
  const smallBytes = 10_000 * 10_240;
  const medians: Record<string, number> = {};
  for (const [k, r] of Object.entries(runs)) {
    medians[`${k} s`] = round(r.seconds);
    medians[`${k} cpu s`] = round(r.cpuSeconds);
    medians[`${k} peak RSS MiB`] = round(r.maxRssMiB, 1);
    medians[`${k} s3rver cpu s`] = round(r.serverCpuSeconds);
  }
  const fasterPush = Math.min(sec('aws push big'), sec('rclone push big'));
  const fasterPull = Math.min(sec('aws pull big'), sec('rclone pull big'));
  const fasterPullSmall = Math.min(sec('aws pull small'), sec('rclone pull small'));
  const mbps = (bytes: number, s: number) => round(bytes / 1e6 / s, 1);
  const peakRss = Math.max(
    ...Object.entries(runs)
      .filter(([k]) => k.startsWith('slipway'))
      .map(([, r]) => r.maxRssMiB),
  );
  const upToDate = Math.max(sec('slipway status big'), sec('slipway pull-noop big'), sec('slipway status small'), sec('slipway pull-noop small'));
  const server = (k: string) => runs[k]?.serverCpuSeconds ?? 0;
  notes.push(
    `s3rver CPU during the 1 GiB push: slipway ${round(server('slipway push big'), 2)} s, aws ${round(server('aws push big'), 2)} s, rclone ${round(server('rclone push big'), 2)} s (wall ${round(sec('slipway push big'), 2)} / ${round(sec('aws push big'), 2)} / ${round(sec('rclone push big'), 2)} s).`,
    `s3rver CPU during the 10,000-file push: slipway ${round(server('slipway push small'), 2)} s of ${round(sec('slipway push small'), 2)} s wall; aws ${round(server('aws push small'), 2)} s of ${round(sec('aws push small'), 2)} s.`,
    `(b) floor: s3rver, single-threaded, spent ${round(server('slipway push small'), 2)} s of its own CPU serving slipway's 10,000 PUTs (the fewest the DVC layout allows: one object per file); 3x the AWS CLI here means ${round(sec('aws push small') / 3, 2)} s of wall time.`,
    `slipway add (hash + local cache copy, not part of the push): ${round(sec('slipway add big'), 2)} s for 1 GiB, ${round(sec('slipway add small'), 2)} s for 10,000 files.`,
    'Peers run with their defaults (aws: 10 concurrent requests, 8 MiB multipart; rclone: 4 transfers, 200 MiB upload cutoff); slipway with its defaults (4 jobs per core, single PUT up to 256 MiB).',
  );
  return {
    name: 'artifact-sync',
    description:
      'Push and pull 1 GiB in 8 files and 10,000 small files (~100 MB) through one local s3rver: slipway artifacts vs the AWS CLI v2 (s3 sync) vs rclone (sync); then status/pull with everything up to date (warm hash cache). One timed run per measure; /usr/bin/time for CPU and peak RSS.',
    peers: { 'aws-cli': version(AWS, ['--version']), rclone: version(RCLONE, ['version']).split('\n')[0] ?? '', s3rver: s3Version() },
    medians,
    ratios: {
      'push 1 GiB: faster peer / slipway': round(fasterPush / sec('slipway push big')),
      'pull 1 GiB: faster peer / slipway': round(fasterPull / sec('slipway pull big')),
      'push 10k files: aws / slipway': round(sec('aws push small') / sec('slipway push small')),
      'push 10k files: rclone / slipway': round(sec('rclone push small') / sec('slipway push small')),
      'pull 10k files: faster peer / slipway': round(fasterPullSmall / sec('slipway pull small')),
      'up-to-date 10k files: aws / slipway status': round(sec('aws sync-noop small') / sec('slipway status small')),
    },
    targets: {
      '(a) push 1 GiB throughput, at least the faster peer': target(mbps(gib, sec('slipway push big')), mbps(gib, fasterPush), 'min', ' MB/s'),
      '(b) push 10,000 files, at least 3x the AWS CLI': target(sec('aws push small') / sec('slipway push small'), 3, 'min', 'x'),
      '(c) pull 1 GiB throughput, at least the faster peer': target(mbps(gib, sec('slipway pull big')), mbps(gib, fasterPull), 'min', ' MB/s'),
      '(c) pull 10,000 files throughput, at least the faster peer': target(
        mbps(smallBytes, sec('slipway pull small')),
        mbps(smallBytes, fasterPullSmall),
        'min',
        ' MB/s',
      ),
      '(d) status and pull when up to date, warm hash cache': target(upToDate, 0.5, 'max', ' s'),
      '(e) peak RSS of any slipway command': target(peakRss, 300, 'max', ' MiB'),
    },
    limit: limitOf(runs),
    notes,
  };
}

async function makeBig(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const chunk = Buffer.allocUnsafe(8 * 2 ** 20);
  for (let f = 0; f < 8; f++) {
    const file = path.join(dir, `shard-${f}.safetensors`);
    const { open } = await import('node:fs/promises');
    const fh = await open(file, 'w');
    for (let i = 0; i < 16; i++) {
      randomFillSync(chunk);
      await fh.write(chunk);
    }
    await fh.close();
  }
}

async function makeSmall(dir: string): Promise<void> {
  const buf = Buffer.allocUnsafe(10_240);
  for (let d = 0; d < 100; d++) {
    await mkdir(path.join(dir, `part-${String(d).padStart(3, '0')}`), { recursive: true });
    for (let f = 0; f < 100; f++) {
      randomFillSync(buf);
      await writeFile(path.join(dir, `part-${String(d).padStart(3, '0')}`, `sample-${f}.json`), buf);
    }
  }
}

async function verifySame(a: string, b: string, label: string): Promise<void> {
  const list = async (d: string) => (await readdir(d, { recursive: true })).sort();
  const [x, y] = [await list(a), await list(b)];
  if (x.length !== y.length) throw new Error(`${label}: ${y.length} entries, expected ${x.length}`);
  // Bytes: compare with cmp -s on a sample of files (every file for the big set).
  const sample = x.filter((_, i) => i % Math.max(1, Math.floor(x.length / 50)) === 0);
  for (const rel of sample) {
    const pa = path.join(a, rel);
    if (!existsSync(pa) || !(await import('node:fs')).statSync(pa).isFile()) continue;
    const r = spawnSync('cmp', ['-s', pa, path.join(b, rel)]);
    if (r.status !== 0) throw new Error(`${label}: ${rel} differs`);
  }
}

function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function version(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
}

function s3Version(): string {
  const pkg = createRequire(import.meta.url).resolve('s3rver/package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

async function startS3rver(dataDir: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin', 's3rver.js');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', bin, '-d', dataDir, '-a', '127.0.0.1', '-p', String(port), '--configure-bucket', BUCKET],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.resume();
  child.stderr?.resume();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** Which resource bounds each push, from CPU seconds per wall second (1.0 = one of the two cores busy). */
function limitOf(runs: Record<string, Run>): string {
  const share = (k: string) => {
    const r = runs[k];
    return r ? `s3rver ${round(r.serverCpuSeconds / r.seconds, 2)} cores, slipway ${round(r.cpuSeconds / r.seconds, 2)} cores` : 'n/a';
  };
  const loads = Object.values(runs).map((r) => r.load);
  return `CPU on a 2-core machine shared by client, server and, here, other work: the 1-minute load average was ${round(Math.min(...loads), 1)}–${round(Math.max(...loads), 1)} during the runs (above 2 means waiting for a core, which inflates wall times and makes single runs noisy). During the 1 GiB push: ${share('slipway push big')}; 1 GiB pull: ${share('slipway pull big')}; 10,000-file push: ${share('slipway push small')}; 10,000-file pull: ${share('slipway pull small')}. s3rver is single-threaded: near 1.0 core it is the bottleneck.`;
}
