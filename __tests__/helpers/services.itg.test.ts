/**
 * Integration tests for the real-service launchers, the pid bookkeeping around them and requireBinary.
 * Each service test proves the service really works, then that stop() leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import globalSetup from './global-setup.js';
import globalTeardown from './global-teardown.js';
import { isCi, itWith, requireBinary } from './require-binary.js';
import {
  httpGet,
  launchService,
  PROMETHEUS_BIN,
  type PrometheusSample,
  REGISTRY_BIN,
  type ServiceHandle,
  startPrometheus,
  startRegistry,
  startS3,
} from './services/index.js';
import { pidDir } from './services/pids.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** While running: pid recorded. After stop: process gone, record and temp dir removed; stop again is a no-op. */
async function stopAndExpectGone(service: ServiceHandle): Promise<void> {
  const record = join(pidDir(), `${service.pid}.json`);
  expect(existsSync(record)).toBe(true);
  expect(isRunning(service.pid)).toBe(true);
  await service.stop();
  expect(() => process.kill(service.pid, 0)).toThrow();
  expect(existsSync(service.tempDir)).toBe(false);
  expect(existsSync(record)).toBe(false);
  await expect(service.stop()).resolves.toBeUndefined();
}

describe('requireBinary', () => {
  const savedCi = process.env.CI;
  const missing = join(tmpdir(), 'slipway-definitely-not-installed', 'nothing');
  let warnings: string[] = [];
  const originalWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = originalWarn;
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
  });

  it('returns true, silently, for an installed binary', () => {
    process.env.CI = 'true';
    expect(requireBinary(process.execPath, 'node')).toBe(true);
    expect(itWith(process.execPath, 'node')).toBe(it);
    expect(warnings).toEqual([]);
  });

  it('warns loudly and skips when missing outside CI', () => {
    delete process.env.CI;
    expect(requireBinary(missing, 'nothing')).toBe(false);
    expect(warnings.join('\n')).toMatch(/SKIPPED: nothing is not installed.*\n.*CI installs it via \.ci\/run/);
    expect(itWith(missing, 'nothing')).toBe(it.skip);
  });

  it('throws when missing under CI, so CI fails instead of skipping', () => {
    process.env.CI = 'true';
    expect(() => requireBinary(missing, 'nothing')).toThrow(/nothing is required in CI/);
    expect(() => itWith(missing, 'nothing')).toThrow(/required in CI/);
  });

  it('treats CI=false, CI=0 and an empty CI as not CI', () => {
    for (const value of ['false', '0', '']) expect(isCi({ CI: value })).toBe(false);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({})).toBe(false);
  });
});

describe('launchService', () => {
  const node = process.execPath;
  const idle = 'console.log("waiting for nothing"); setInterval(() => {}, 1000);';

  it('reports an early exit with the tail of the output, and cleans up', async () => {
    const start = launchService({
      name: 'exits-early',
      command: node,
      prepare: () => ['-e', 'console.error("boom: bad flag"); process.exit(3)'],
      isReady: async () => false,
    });
    await expect(start).rejects.toThrow(/exits-early exited before becoming ready \(code 3[\s\S]*boom: bad flag/);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('slipway-exits-early-'))).toEqual([]);
  });

  it('times out with the output tail, kills the process and forgets its pid', async () => {
    const before = new Set(readdirSync(pidDir()));
    const start = launchService({ name: 'never-ready', command: node, prepare: () => ['-e', idle], isReady: async () => false, readyTimeoutMs: 600 });
    await expect(start).rejects.toThrow(/never-ready did not become ready on port \d+ within 600 ms[\s\S]*waiting for nothing/);
    expect(readdirSync(pidDir()).filter((file) => !before.has(file))).toEqual([]);
  });

  it('retries on a fresh port when the first attempt hits a port clash', async () => {
    const ports: number[] = [];
    const service = await launchService({
      name: 'clash',
      command: node,
      prepare: ({ port }) => {
        ports.push(port);
        if (ports.length === 1) return ['-e', 'console.error("listen EADDRINUSE: address already in use"); process.exit(1)'];
        return ['-e', `require('http').createServer((q, s) => s.end('clash-ok')).listen(${port}, '127.0.0.1')`];
      },
      isReady: async (port) => (await httpGet(`http://127.0.0.1:${port}/`)).body === 'clash-ok',
    });
    try {
      expect(ports).toHaveLength(2);
      expect(service.port).toBe(ports[1]);
    } finally {
      await stopAndExpectGone(service);
    }
  });
});

describe('global setup and teardown', () => {
  it('publishes the run-wide pid folder to this worker', () => {
    expect(process.env.SLIPWAY_TEST_PID_DIR).toMatch(/slipway-test-pids-\d+-/);
    expect(pidDir()).toBe(process.env.SLIPWAY_TEST_PID_DIR);
  });

  it('kills a recorded process that is still alive and fails, naming it', async () => {
    const saved = process.env.SLIPWAY_TEST_PID_DIR;
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => sleeper.once('exit', resolve));
    try {
      await globalSetup();
      const dir = process.env.SLIPWAY_TEST_PID_DIR as string;
      expect(dir).not.toBe(saved);
      const leftover = mkdtempSync(join(tmpdir(), 'slipway-sleeper-'));
      const record = {
        pid: sleeper.pid,
        name: 'sleeper',
        command: process.execPath,
        startedAt: new Date().toISOString(),
        owner: process.pid,
        tempDir: leftover,
      };
      writeFileSync(join(dir, `${sleeper.pid}.json`), JSON.stringify(record));
      // A record whose process already exited is not a leak.
      writeFileSync(join(dir, '999999999.json'), JSON.stringify({ ...record, pid: 999_999_999, name: 'gone' }));
      await expect(globalTeardown()).rejects.toThrow(/left running after the suite: sleeper \(pid \d+/);
      await exited;
      expect(sleeper.signalCode).toBe('SIGKILL');
      expect(existsSync(dir)).toBe(false);
      expect(existsSync(leftover)).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
      process.env.SLIPWAY_TEST_PID_DIR = saved;
    }
  });
});

describe('s3rver', () => {
  it('stores and serves objects, then stops cleanly', async () => {
    const s3 = await startS3({ buckets: ['slipway-test', 'slipway-other'] });
    try {
      expect(s3.url).toBe(`http://127.0.0.1:${s3.port}`);
      expect([s3.accessKeyId, s3.secretAccessKey, s3.region]).toEqual(['S3RVER', 'S3RVER', 'us-east-1']);
      // s3rver accepts unsigned requests, so plain fetch is enough to prove it works.
      const put = await fetch(`${s3.url}/slipway-test/runs/1.json`, { method: 'PUT', body: '{"ok":true}', headers: { 'content-type': 'application/json' } });
      expect(put.status).toBe(200);
      const get = await fetch(`${s3.url}/slipway-test/runs/1.json`);
      expect(get.status).toBe(200);
      expect(await get.text()).toBe('{"ok":true}');
      const listing = await (await fetch(`${s3.url}/slipway-test?list-type=2`)).text();
      expect(listing).toContain('<Key>runs/1.json</Key>');
      expect(await (await fetch(`${s3.url}/`)).text()).toContain('<Name>slipway-other</Name>');
      expect(readdirSync(s3.dataDir)).toContain('slipway-test');
    } finally {
      await stopAndExpectGone(s3);
    }
  });
});

describe('docker-registry', () => {
  itWith(REGISTRY_BIN, 'docker-registry')('accepts a blob upload and serves it back, then stops cleanly', async () => {
    const registry = await startRegistry();
    try {
      const blob = Buffer.from(`slipway test blob ${Date.now()}`);
      const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
      const started = await fetch(`${registry.url}/v2/slipway/test/blobs/uploads/`, { method: 'POST' });
      expect(started.status).toBe(202);
      const location = new URL(started.headers.get('location') ?? '', registry.url);
      location.searchParams.set('digest', digest);
      const put = await fetch(location, { method: 'PUT', body: blob, headers: { 'content-type': 'application/octet-stream' } });
      expect(put.status).toBe(201);
      expect(put.headers.get('docker-content-digest')).toBe(digest);
      const get = await fetch(`${registry.url}/v2/slipway/test/blobs/${digest}`);
      expect(get.status).toBe(200);
      expect(get.headers.get('docker-content-digest')).toBe(digest);
      expect(Buffer.from(await get.arrayBuffer()).equals(blob)).toBe(true);
    } finally {
      await stopAndExpectGone(registry);
    }
  });
});

describe('prometheus', () => {
  itWith(PROMETHEUS_BIN, 'prometheus')('scrapes itself and extra targets, evaluates rules, then stops cleanly', async () => {
    // A tiny exporter, so scrapeTargets is exercised with something we control.
    const exporter = createServer((_req, res) => res.end('slipway_test_metric 42\n'));
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
    const rules = 'groups:\n  - name: slipway\n    rules:\n      - record: slipway_test:doubled\n        expr: slipway_test_metric * 2\n';
    const prometheus = await startPrometheus({ scrapeTargets: [target], rules });
    try {
      const sampleValue = (samples: PrometheusSample[], job?: string) => samples.find((s) => job === undefined || s.metric.job === job)?.value[1];
      let up: string | undefined;
      let doubled: string | undefined;
      const deadline = Date.now() + 15_000;
      while ((up !== '1' || doubled !== '84') && Date.now() < deadline) {
        up = sampleValue(await prometheus.query('up'), 'prometheus');
        doubled = sampleValue(await prometheus.query('slipway_test:doubled'));
        if (up !== '1' || doubled !== '84') await sleep(250);
      }
      expect(up).toBe('1');
      expect(doubled).toBe('84');
      expect(sampleValue(await prometheus.query('slipway_test_metric'), 'targets')).toBe('42');
    } finally {
      await stopAndExpectGone(prometheus);
      await new Promise((resolve) => exporter.close(resolve));
    }
  });
});
