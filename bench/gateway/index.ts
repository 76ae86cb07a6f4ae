import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { type ServiceProcess, spawnService } from '@slipway/kit';
import autocannon from 'autocannon';
import { BENCH_DIR, type BenchResult, median, REPO_ROOT, round, target } from '../lib.js';
import { concurrentStreams, cpuSeconds, openLoop, quantile, type Target } from './load.js';

const PEERS = path.join(BENCH_DIR, 'gateway', '.peers');
const UPSTREAM_MS = 20;
const RATE_HIGH = 1000;
const RATE_LOW = 300;
const RATE_STREAM = 200;
const SECONDS = Number(process.env.GATEWAY_BENCH_SECONDS ?? 9);
const ROUNDS = 3;
/** Enough connections that connections / upstream latency (40k req/s) is far above any subject's ceiling. */
const PEAK_CONNECTIONS = 800;
const ADMIN_TOKEN = 'bench-admin-token';
/** The peers' own package.json: Portkey's streaming needs @hono/node-server pinned (see docs/gateway.md). */
const PEERS_PACKAGE = {
  name: 'gateway-bench-peers',
  private: true,
  dependencies: { '@portkey-ai/gateway': '1.15.2' },
  overrides: { '@hono/node-server': '1.13.8' },
};

type Subject = 'direct' | 'slipway' | 'portkey' | 'nginx';

function peerVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(PEERS, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** The pids of a process and its children (nginx's worker), for CPU accounting. */
function tree(pid: number): number[] {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...kids.flatMap(tree)];
  } catch {
    return [pid];
  }
}
const cpuOf = (pid: number) => tree(pid).reduce((s, p) => s + cpuSeconds(p), 0);

async function startNginx(dir: string, upstreamPort: number): Promise<ServiceProcess & { port: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const conf = `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream up { server 127.0.0.1:${upstreamPort}; keepalive 512; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
`;
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  // nginx prints nothing when it starts well: a wrapper says "ready" once the port answers.
  const script = `const { spawn } = require('node:child_process'); const net = require('node:net');
const c = spawn('/usr/sbin/nginx', ['-p', ${JSON.stringify(dir)}, '-c', ${JSON.stringify(path.join(dir, 'nginx.conf'))}, '-e', ${JSON.stringify(path.join(dir, 'error.log'))}], { stdio: 'inherit' });
process.on('SIGTERM', () => { c.kill('SIGQUIT'); });
c.on('exit', (code) => process.exit(code ?? 0));
const poll = () => { const s = net.connect(${port}, '127.0.0.1', () => { s.end(); console.log('nginx ready pid=' + c.pid); }); s.on('error', () => setTimeout(poll, 50)); }; poll();`;
  const svc = await spawnService(process.execPath, ['-e', script], { ready: /nginx ready pid=(\d+)/, name: 'nginx' });
  return { ...svc, pid: Number(svc.url), url: `http://127.0.0.1:${port}`, port };
}

function chatBody(stream: boolean): string {
  return JSON.stringify({ model: 'bench-model', stream, messages: [{ role: 'user', content: 'Say something about foxes, please.' }] });
}

export async function run(): Promise<BenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-bench-gateway-'));
  const loadBefore = os.loadavg()[0] ?? 0;
  const services: ServiceProcess[] = [];
  const notes: string[] = [];
  try {
    const upstream = await spawnService(
      process.execPath,
      [path.join(BENCH_DIR, 'gateway', 'upstream.mjs'), '--latency-ms', String(UPSTREAM_MS), '--chunks', '10', '--chunk-ms', '10'],
      {
        ready: /listening on (http:\/\/\S+)/,
        name: 'upstream',
      },
    );
    services.push(upstream);
    const upPort = Number(new URL(upstream.url).port);

    await writeFile(
      path.join(dir, 'gateway.yml'),
      `version: 1\nlisten: 127.0.0.1:0\nadmin: { listen: 127.0.0.1:0 }\naccessLog: off\nbackends:\n  stable: { url: "${upstream.url}/v1", retries: 1 }\n  canary: { url: "${upstream.url}/v1", retries: 1 }\nroutes:\n  - name: bench\n    weights: { stable: 9000, canary: 1000 }\n    fallback: { canary: stable }\n`,
    );
    const slipway = await spawnService(
      process.execPath,
      [path.join(REPO_ROOT, 'packages/cli/bin/slipway.js'), 'gateway', '-c', path.join(dir, 'gateway.yml')],
      {
        ready: /gateway listening on (http:\/\/\S+) \(admin (http:\/\/[^)]+)\)/,
        name: 'slipway gateway',
        env: { ...process.env, SLIPWAY_GATEWAY_ADMIN_TOKEN: ADMIN_TOKEN, NO_COLOR: '1' },
      },
    );
    services.push(slipway);
    const adminUrl = /admin (http:\/\/[^)]+)\)/.exec(slipway.output())?.[1] as string;

    let portkey: ServiceProcess | undefined;
    const portkeyVersion = peerVersion('@portkey-ai/gateway');
    if (portkeyVersion !== 'not installed') {
      const port = 40_000 + Math.floor(Math.random() * 20_000);
      portkey = await spawnService(
        process.execPath,
        [path.join(PEERS, 'node_modules/@portkey-ai/gateway/build/start-server.js'), '--headless', `--port=${port}`],
        {
          cwd: PEERS,
          ready: /Ready for connections/,
          name: 'portkey',
          timeoutMs: 30_000,
        },
      );
      portkey = { ...portkey, url: `http://127.0.0.1:${port}` };
      services.push(portkey);
    } else {
      await mkdir(PEERS, { recursive: true });
      await writeFile(path.join(PEERS, 'package.json'), `${JSON.stringify(PEERS_PACKAGE, null, 2)}\n`);
      notes.push('Portkey was not installed, so it was not measured: run `npm install --prefix bench/gateway/.peers` and run the benchmark again.');
      console.error('  Portkey is not installed: run `npm install --prefix bench/gateway/.peers` first (the package.json is written).');
    }
    const nginx = await startNginx(dir, upPort);
    services.push(nginx);

    const targets: Partial<Record<Subject, (stream: boolean) => Target>> = {
      direct: (s) => ({ url: `${upstream.url}/v1/chat/completions`, headers: { 'content-type': 'application/json' }, body: chatBody(s) }),
      slipway: (s) => ({
        url: `${slipway.url}/chat/completions`,
        headers: { 'content-type': 'application/json', 'x-user-id': 'bench-user' },
        body: chatBody(s),
      }),
      nginx: (s) => ({ url: `${nginx.url}/v1/chat/completions`, headers: { 'content-type': 'application/json' }, body: chatBody(s) }),
    };
    if (portkey) {
      const url = portkey.url;
      targets.portkey = (s) => ({
        url: `${url}/v1/chat/completions`,
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer bench',
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${upstream.url}/v1`,
        },
        body: chatBody(s),
      });
    }
    const subjects = Object.keys(targets) as Subject[];
    const pidOf: Record<Subject, number> = { direct: upstream.pid, slipway: slipway.pid, portkey: portkey?.pid ?? -1, nginx: nginx.pid };

    const medians: Record<string, number> = {};
    const put = (k: string, v: number) => {
      medians[k] = round(v);
    };
    /**
     * Runs each subject ROUNDS times, interleaved round by round, so that load from elsewhere on the
     * machine hits every subject alike; each quantile is the median of the per-round quantiles.
     */
    const measure = async (label: string, list: Subject[], rate: number, stream: boolean) => {
      const per: Record<string, { p50: number[]; p99: number[]; t50: number[]; t99: number[]; failed: number; lag: number[] }> = {};
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of list) {
          const r = await openLoop((targets[s] as (b: boolean) => Target)(stream), { rate, durationMs: (SECONDS * 1000) / ROUNDS, stream, warmupMs: 700 });
          const acc = per[s] ?? { p50: [], p99: [], t50: [], t99: [], failed: 0, lag: [] };
          per[s] = acc;
          acc.p50.push(quantile(r.latencies, 0.5));
          acc.p99.push(quantile(r.latencies, 0.99));
          if (stream) {
            acc.t50.push(quantile(r.ttfts, 0.5));
            acc.t99.push(quantile(r.ttfts, 0.99));
          }
          acc.failed += r.failed;
          acc.lag.push(r.sendLagP99);
        }
      }
      for (const [s, acc] of Object.entries(per)) {
        const key = `${s}${label} @${rate}/s`;
        put(`${key} p50 ms`, median(acc.p50));
        put(`${key} p99 ms`, median(acc.p99));
        if (stream) {
          put(`${key} ttft p50 ms`, median(acc.t50));
          put(`${key} ttft p99 ms`, median(acc.t99));
        }
        put(`${key} failed`, acc.failed);
        console.error(
          `  ${key}: p50 ${median(acc.p50).toFixed(2)} p99 ${median(acc.p99).toFixed(2)} (rounds ${acc.p99.map((x) => x.toFixed(1)).join('/')})${stream ? ` ttft p50 ${median(acc.t50).toFixed(2)} p99 ${median(acc.t99).toFixed(2)} (rounds ${acc.t99.map((x) => x.toFixed(1)).join('/')})` : ''} failed ${acc.failed} generator lag p99 ${median(acc.lag).toFixed(2)}`,
        );
      }
    };

    // Latency at fixed rates, open loop. Portkey is measured at the lower rate only: 1000/s is past its ceiling.
    await measure(
      '',
      subjects.filter((s) => s !== 'portkey'),
      RATE_HIGH,
      false,
    );
    await measure('', subjects, RATE_LOW, false);
    await measure(' stream', subjects, RATE_STREAM, true);

    // Peak throughput, closed loop with autocannon; CPU of the subject's process alongside.
    const cpuShare: Record<string, number> = {};
    for (const s of subjects) {
      const t = (targets[s] as (b: boolean) => Target)(false);
      const cpu0 = cpuOf(pidOf[s]);
      const up0 = s === 'direct' ? 0 : cpuOf(upstream.pid);
      const self0 = process.cpuUsage();
      const wall0 = performance.now();
      const r = await autocannon({
        url: t.url,
        method: 'POST',
        headers: t.headers,
        body: t.body,
        connections: PEAK_CONNECTIONS,
        duration: SECONDS,
        pipelining: 1,
      });
      const wall = (performance.now() - wall0) / 1000;
      const cpu = (cpuOf(pidOf[s]) - cpu0) / wall;
      const self = process.cpuUsage(self0);
      cpuShare[s] = cpu;
      // The load generator (autocannon runs in this process) and the upstream, beside the subject.
      cpuShare[`${s} client`] = (self.user + self.system) / 1e6 / wall;
      cpuShare[`${s} upstream`] = s === 'direct' ? 0 : (cpuOf(upstream.pid) - up0) / wall;
      put(`${s} peak req/s`, r.requests.average);
      put(`${s} peak non-2xx+errors`, r.non2xx + r.errors + r.timeouts);
      console.error(
        `  ${s} peak: ${r.requests.average} req/s, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}, errors ${r.errors}, its CPU ${(cpu * 100).toFixed(0)}% of a core`,
      );
    }
    medians['slipway peak cpu cores'] = round(cpuShare.slipway ?? Number.NaN, 2);
    medians['slipway peak: load generator cpu cores'] = round(cpuShare['slipway client'] ?? Number.NaN, 2);
    medians['slipway peak: upstream cpu cores'] = round(cpuShare['slipway upstream'] ?? Number.NaN, 2);
    if (cpuShare.portkey !== undefined) medians['portkey peak cpu cores'] = round(cpuShare.portkey, 2);
    const profile = await profileAtPeak(dir, (targets.slipway as (b: boolean) => Target)(false));
    console.error(`  where the gateway's CPU goes at peak: ${profile.join('; ')}`);

    // 500 concurrent streams through our gateway.
    const streams = await concurrentStreams((targets.slipway as (b: boolean) => Target)(true), 500);
    put('slipway 500 streams ok', streams.ok);
    put('slipway 500 streams failed', streams.failed);
    put('slipway 500 streams max gap ms', streams.maxGapMs);
    console.error(`  500 streams: ok ${streams.ok} failed ${streams.failed} max gap ${streams.maxGapMs.toFixed(1)} ms`);

    // 100 weight changes through the admin API while traffic flows.
    let changes = 0;
    let changeErrors = 0;
    const underChange = await openLoop((targets.slipway as (b: boolean) => Target)(false), {
      rate: 500,
      durationMs: SECONDS * 1000,
      during: async () => {
        for (let i = 1; i <= 100; i++) {
          const canary = (i * 97) % 10_001;
          const res = await fetch(`${adminUrl}/admin/routes/bench/weights`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-slipway-actor': 'bench' },
            body: JSON.stringify({ weights: { stable: 10_000 - canary, canary } }),
          });
          await res.arrayBuffer();
          if (res.ok) changes++;
          else changeErrors++;
          await new Promise((r) => setTimeout(r, (SECONDS * 1000 * 0.6) / 100));
        }
      },
    });
    put('weight changes applied', changes);
    put('weight changes refused', changeErrors);
    put('requests failed during weight changes', underChange.failed);
    put('requests during weight changes', underChange.sent);
    console.error(`  weight changes: ${changes} applied, ${underChange.sent} requests, ${underChange.failed} failed`);

    const added = (s: Subject, rate: number, q: 'p50' | 'p99', kind = '') =>
      (medians[`${s}${kind} @${rate}/s ${q} ms`] ?? Number.NaN) - (medians[`direct${kind} @${rate}/s ${q} ms`] ?? Number.NaN);
    const addedTtft = (s: Subject, q: 'p50' | 'p99') =>
      (medians[`${s} stream @${RATE_STREAM}/s ttft ${q} ms`] ?? Number.NaN) - (medians[`direct stream @${RATE_STREAM}/s ttft ${q} ms`] ?? Number.NaN);
    const ratios: Record<string, number> = {
      'slipway added p50 ms @1000/s': round(added('slipway', RATE_HIGH, 'p50')),
      'slipway added p99 ms @1000/s': round(added('slipway', RATE_HIGH, 'p99')),
      'nginx added p50 ms @1000/s': round(added('nginx', RATE_HIGH, 'p50')),
      'nginx added p99 ms @1000/s': round(added('nginx', RATE_HIGH, 'p99')),
      'slipway added p50 ms @300/s': round(added('slipway', RATE_LOW, 'p50')),
      'slipway added p99 ms @300/s': round(added('slipway', RATE_LOW, 'p99')),
      'slipway added ttft p50 ms': round(addedTtft('slipway', 'p50')),
      'slipway added ttft p99 ms': round(addedTtft('slipway', 'p99')),
      'nginx added ttft p99 ms': round(addedTtft('nginx', 'p99')),
    };
    if (portkey) {
      ratios['portkey added p50 ms @300/s'] = round(added('portkey', RATE_LOW, 'p50'));
      ratios['portkey added p99 ms @300/s'] = round(added('portkey', RATE_LOW, 'p99'));
      ratios['portkey added ttft p50 ms'] = round(addedTtft('portkey', 'p50'));
      ratios['portkey added ttft p99 ms'] = round(addedTtft('portkey', 'p99'));
      ratios['slipway / portkey peak throughput'] = round((medians['slipway peak req/s'] ?? 0) / (medians['portkey peak req/s'] ?? 1), 2);
    }
    ratios['slipway / nginx peak throughput'] = round((medians['slipway peak req/s'] ?? 0) / (medians['nginx peak req/s'] ?? 1), 2);

    const targets_: BenchResult['targets'] = {
      'added latency p50 @1000/s': target(ratios['slipway added p50 ms @1000/s'] as number, 1, 'max', ' ms'),
      'added latency p99 @1000/s': target(ratios['slipway added p99 ms @1000/s'] as number, 3, 'max', ' ms'),
      'added time to first token p99': target(ratios['slipway added ttft p99 ms'] as number, 2, 'max', ' ms'),
      '500 concurrent streams complete': target(streams.ok, 500, 'min', ' streams'),
      'failed requests across 100 weight changes': target(underChange.failed + (100 - changes), 0, 'max', ' requests'),
    };
    if (portkey) targets_['peak throughput vs Portkey'] = target(ratios['slipway / portkey peak throughput'] as number, 5, 'min', 'x');

    const slipCpu = cpuShare.slipway ?? 0;
    return {
      name: 'gateway',
      description: `Same local upstream (${UPSTREAM_MS} ms fixed latency; streams: first chunk after ${UPSTREAM_MS} ms, 10 chunks 10 ms apart), hit directly, through slipway gateway, Portkey and nginx (1 worker, plain proxy_pass with keep-alive). Open-loop fixed-rate load (our own generator, latency from the scheduled send time): ${ROUNDS} interleaved rounds of ${SECONDS / ROUNDS} s per subject after 0.7 s warm-up each, quantiles are medians over rounds; autocannon (${PEAK_CONNECTIONS} connections, ${SECONDS} s) for peak throughput. Added latency = subject minus direct at the same quantile and rate.`,
      peers: {
        '@portkey-ai/gateway': portkeyVersion,
        '@hono/node-server (override)': peerVersion('@hono/node-server'),
        nginx: nginxVersion(),
        autocannon: peerVersionRoot('autocannon'),
      },
      medians,
      ratios,
      targets: targets_,
      limit: `CPU: at peak through slipway (${PEAK_CONNECTIONS} connections, so the closed-loop bound connections / upstream latency is ${Math.round(PEAK_CONNECTIONS / (UPSTREAM_MS / 1000))} req/s, far above what was reached) the gateway used ${slipCpu.toFixed(2)} cores, the load generator (autocannon, in the benchmark process) ${(cpuShare['slipway client'] ?? 0).toFixed(2)} and the upstream ${(cpuShare['slipway upstream'] ?? 0).toFixed(2)}: together ${(slipCpu + (cpuShare['slipway client'] ?? 0) + (cpuShare['slipway upstream'] ?? 0)).toFixed(2)} of the machine's ${os.cpus().length} cores (/proc utime+stime over the run). The gateway is one Node event loop, so one core is its own ceiling. Its profile at peak (self time): ${profile.slice(0, 4).join('; ')}; ${profile.at(-1)}.`,
      notes: [
        ...notes,
        `Machine load (1-min average) ${loadBefore.toFixed(1)} when the run started and ${(os.loadavg()[0] ?? 0).toFixed(1)} when it ended, on ${os.cpus().length} cores shared with other work: tail quantiles carry that noise, which is why subjects are interleaved in rounds.`,
        `CPU profile of the gateway at peak (--cpu-prof, self time): ${profile.join('; ')}.`,
        'Slipway runs with accessLog: off, as does nginx (access_log off); Portkey logs nothing in --headless mode.',
        `Portkey is measured at ${RATE_LOW}/s, not ${RATE_HIGH}/s: above its ~800 req/s ceiling an open-loop test only measures its queue.`,
      ],
    };
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a second gateway under --cpu-prof at peak load for a few seconds and returns the biggest
 * self-time entries: evidence of what bounds its throughput.
 */
async function profileAtPeak(dir: string, t: Target): Promise<string[]> {
  const profDir = path.join(dir, 'prof');
  await mkdir(profDir, { recursive: true });
  const gw = await spawnService(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      profDir,
      path.join(REPO_ROOT, 'packages/cli/bin/slipway.js'),
      'gateway',
      '-c',
      path.join(dir, 'gateway.yml'),
      '--no-watch',
    ],
    { ready: /gateway listening on (http:\/\/\S+) /, name: 'slipway gateway (profiled)', env: { ...process.env, NO_COLOR: '1' } },
  );
  try {
    await autocannon({ url: `${gw.url}/chat/completions`, method: 'POST', headers: t.headers, body: t.body, connections: PEAK_CONNECTIONS, duration: 4 });
  } finally {
    await gw.stop(10_000);
  }
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return ['no profile written'];
  const prof = JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const time = new Map<number, number>();
  prof.samples.forEach((id, i) => {
    time.set(id, (time.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const self = new Map<string, number>();
  let total = 0;
  for (const n of prof.nodes) {
    const t = time.get(n.id) ?? 0;
    total += t;
    const where = n.callFrame.url ? ` (${n.callFrame.url.split('/').slice(-2).join('/')})` : '';
    const key = `${n.callFrame.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + t);
  }
  let own = 0;
  for (const n of prof.nodes) if (n.callFrame.url.includes('/packages/gateway/lib/')) own += time.get(n.id) ?? 0;
  return [
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, t]) => `${k} ${((t / total) * 100).toFixed(1)}%`),
    `all of @slipway/gateway's own functions together ${((own / total) * 100).toFixed(1)}%`,
  ];
}

function nginxVersion(): string {
  const r = spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' });
  return /nginx\/(\S+)/.exec(r.stderr)?.[1] ?? 'unknown';
}

function peerVersionRoot(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
