import { execFileSync, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startRegistry } from '../../__tests__/helpers/services/index.js';
import { type BenchResult, median, REPO_ROOT, round, target } from '../lib.js';

/**
 * An image with 1 GiB of weights in 4 files and a small app, built and pushed to the same local
 * docker-registry by `buildah bud --layers --timestamp 0` + `buildah push` and by `slipway build`
 * (assemble engine): cold, then after a one-byte app change. Each cold build pushes to a fresh
 * repository (the registry has none of its blobs linked there); buildah starts from empty storage.
 */
export async function run(): Promise<BenchResult> {
  const WEIGHT_FILES = 4;
  const WEIGHT_BYTES = 256 * 1024 * 1024;
  const work = await mkdtemp(path.join(tmpdir(), 'slipway-bench-build-'));
  const registry = await startRegistry();
  const host = registry.url.replace('http://', '');
  try {
    const ctx = path.join(work, 'ctx');
    await mkdir(path.join(ctx, 'app'), { recursive: true });
    await mkdir(path.join(ctx, 'model'), { recursive: true });
    const chunk = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < WEIGHT_FILES; i++) {
      const parts: Buffer[] = [];
      for (let n = 0; n < WEIGHT_BYTES; n += chunk.length) parts.push(Buffer.from(randomFillSync(chunk)));
      await writeFile(path.join(ctx, 'model', `weights-${i}.bin`), Buffer.concat(parts));
    }
    for (let i = 0; i < 20; i++) await writeFile(path.join(ctx, 'app', `module-${i}.mjs`), `export const n = ${i};\n`.repeat(50));
    await writeFile(path.join(ctx, 'app', 'server.mjs'), 'console.log("v0");\n');
    // Weights first, app last: buildah's --layers cache then keeps the weights on an app change.
    await writeFile(path.join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY model/ /models/\nCOPY app/ /app/\nENTRYPOINT ["node", "/app/server.mjs"]\n');

    const buildahRoot = path.join(work, 'buildah');
    const buildah = (args: string[]) =>
      timed('buildah', ['--storage-driver', 'vfs', '--root', `${buildahRoot}/root`, '--runroot', `${buildahRoot}/run`, ...args]);
    const slipway = (repo: string, cache: string) =>
      timed(
        '/usr/bin/time',
        [
          '-f',
          '%U s user %S s sys',
          process.execPath,
          path.join(REPO_ROOT, 'packages/cli/bin/slipway.js'),
          '--json',
          '-C',
          ctx,
          'build',
          '--engine',
          'assemble',
          '--image',
          `${host}/${repo}:v1`,
          '--app',
          'app',
          '--weights',
          'model',
          '--cache-file',
          cache,
          '--no-attest',
        ],
        { SOURCE_DATE_EPOCH: '0' },
      );
    const registryCpu = () => cpuSeconds(registry.pid);

    // Cold: buildah build + push, then slipway twice (fresh caches, fresh repositories).
    const bb = await buildah(['bud', '--isolation', 'chroot', '--layers', '--timestamp', '0', '--format', 'oci', '-t', 'localhost/bench:v1', ctx]);
    let regBefore = registryCpu();
    const bp = await buildah(['push', '--tls-verify=false', 'localhost/bench:v1', `docker://${host}/buildah-cold:v1`]);
    const buildahPushRegistryCpu = registryCpu() - regBefore;
    const cold: { ms: number; digest: string; cpu: string; registryCpu: number }[] = [];
    for (let i = 0; i < 2; i++) {
      regBefore = registryCpu();
      const r = await slipway(`slipway-cold-${i}`, path.join(work, `cache-cold-${i}.json`));
      cold.push({ ms: r.ms, digest: parseResult(r.stdout).digest, cpu: lastLine(r.stderr), registryCpu: registryCpu() - regBefore });
    }
    const warmCache = path.join(work, 'cache-cold-0.json');

    // Rebuild after a one-byte app change, three rounds, interleaved.
    const rebuild = { buildahBuild: [] as number[], buildahPush: [] as number[], slipway: [] as number[] };
    const slipwayRebuilds: ReturnType<typeof parseResult>[] = [];
    for (let i = 1; i <= 3; i++) {
      await writeFile(path.join(ctx, 'app', 'server.mjs'), `console.log("v${i}");\n`);
      const b = await buildah(['bud', '--isolation', 'chroot', '--layers', '--timestamp', '0', '--format', 'oci', '-t', `localhost/bench:v1`, ctx]);
      const p = await buildah(['push', '--tls-verify=false', 'localhost/bench:v1', `docker://${host}/buildah-cold:v1`]);
      rebuild.buildahBuild.push(b.ms);
      rebuild.buildahPush.push(p.ms);
      const s = await slipway('slipway-cold-0', warmCache);
      rebuild.slipway.push(s.ms);
      slipwayRebuilds.push(parseResult(s.stdout));
    }
    const weightBytesRead = Math.max(...slipwayRebuilds.map((r) => r.layers.filter((l) => l.kind === 'weight' && l.read).reduce((n, l) => n + l.size, 0)));
    const weightBytesUploaded = Math.max(
      ...slipwayRebuilds.map((r) => r.layers.filter((l) => l.kind === 'weight' && l.action === 'uploaded').reduce((n, l) => n + l.size, 0)),
    );
    const appUploaded = median(slipwayRebuilds.map((r) => r.bytes.uploaded));

    const buildahCold = bb.ms + bp.ms;
    const slipwayCold = median(cold.map((c) => c.ms));
    const buildahRebuild = median(rebuild.buildahBuild.map((b, i) => b + (rebuild.buildahPush[i] ?? 0)));
    const slipwayRebuild = median(rebuild.slipway);
    const sameDigest = cold[0]?.digest === cold[1]?.digest ? 1 : 0;
    return {
      name: 'container-build',
      description:
        'Image with 1 GiB of weights in 4 files (256 MiB each) and a small app, pushed to one local docker-registry 2.8. Cold: buildah bud --layers --timestamp 0 + buildah push (empty storage) against slipway build (assemble engine, empty weight cache, fresh repository), 2 slipway runs. Rebuild: after a one-byte app change, 3 interleaved rounds; medians. slipway runs as the CLI in its own process.',
      peers: { buildah: firstLine(readVersion('buildah')), 'docker-registry': firstLine(readVersion('/usr/bin/docker-registry')) },
      medians: {
        'buildah cold build ms': round(bb.ms),
        'buildah cold push ms': round(bp.ms),
        'buildah cold build+push ms': round(buildahCold),
        'slipway cold build+push ms': round(slipwayCold),
        'buildah rebuild+push after app change ms': round(buildahRebuild),
        'buildah rebuild (bud) ms': round(median(rebuild.buildahBuild)),
        'buildah re-push ms': round(median(rebuild.buildahPush)),
        'slipway rebuild+push after app change ms': round(slipwayRebuild),
        'slipway rebuild weight bytes read': weightBytesRead,
        'slipway rebuild weight bytes uploaded': weightBytesUploaded,
        'slipway rebuild bytes uploaded': appUploaded,
        'registry CPU s during buildah push': round(buildahPushRegistryCpu),
        'registry CPU s during slipway cold': round(median(cold.map((c) => c.registryCpu))),
      },
      ratios: {
        'cold: slipway / buildah': round(slipwayCold / buildahCold),
        'rebuild: slipway / buildah': round(slipwayRebuild / buildahRebuild),
      },
      targets: {
        'cold build and push vs buildah': target(slipwayCold / buildahCold, 0.3, 'max', 'x'),
        'rebuild and push after a code-only change': target(slipwayRebuild / 1000, 1, 'max', 's'),
        'weight bytes read or uploaded on a code-only rebuild': target(weightBytesRead + weightBytesUploaded, 0, 'max', 'B'),
        'two clean builds give the same digest': target(sameDigest, 1, 'min', ''),
      },
      limit: `cold: the registry, which hashes and writes the whole gigabyte itself (registry CPU ${round(cold[0]?.registryCpu ?? 0)} s in ${round((cold[0]?.ms ?? 0) / 1000)} s wall; slipway ${cold[0]?.cpu ?? '?'}, together ${round((cold[0]?.registryCpu ?? 0) + cpuOf(cold[0]?.cpu ?? ''), 1)} CPU-s of the 2 cores' ${round((2 * (cold[0]?.ms ?? 0)) / 1000, 1)}; the rest of the wall time is disk writes and waiting for CPU: the 1-minute load average was ${round(loadavg()[0] ?? 0, 1)} at the end of the run, from other work on this machine). rebuild: node start-up, hashing the small app layer and about ten HEAD/POST/PUT round trips; no weight byte is read or sent.`,
      notes: [
        `slipway cold digests: ${cold.map((c) => c.digest).join(', ')}`,
        `buildah's cold time splits into bud (${round(bb.ms / 1000, 1)} s: copying the files into vfs storage and taring them) and push (${round(bp.ms / 1000, 1)} s: gzip on one core); slipway hashes the weights on worker threads and sends them uncompressed in parallel.`,
        'buildah --layers reuses the weight layer on a rebuild, so its re-push sends only the app layer too; its rebuild time is bud re-running COPY into vfs storage.',
        "each subject starts after an untimed `sync`, so buildah's write-back does not land on the next subject.",
      ],
    };
  } finally {
    await registry.stop();
    await rm(work, { recursive: true, force: true });
  }
}

interface SlipwayJson {
  digest: string;
  bytes: { uploaded: number; read: number };
  layers: { kind: string; size: number; read: boolean; action: string }[];
}

function parseResult(stdout: string): SlipwayJson {
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  const parsed = JSON.parse(line) as { ok: boolean; result: SlipwayJson };
  if (!parsed.ok) throw new Error(`slipway build failed: ${line}`);
  return parsed.result;
}

/**
 * Runs one subject and times it. `sync` first, untimed: buildah leaves gigabytes of dirty pages in
 * its vfs storage, and their write-back would otherwise land on whichever subject runs next.
 */
function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ ms: number; stdout: string; stderr: string }> {
  execFileSync('sync');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

/** User + system CPU seconds of a running process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function readVersion(bin: string): string {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' });
  } catch {
    return 'unknown';
  }
}

/** Seconds of user + system CPU from `/usr/bin/time -f '%U s user %S s sys'`. */
function cpuOf(line: string): number {
  const m = /([\d.]+) s user ([\d.]+) s sys/.exec(line);
  return m ? Number(m[1]) + Number(m[2]) : 0;
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? s;
}

function lastLine(s: string): string {
  return s.trim().split('\n').at(-1) ?? '';
}
