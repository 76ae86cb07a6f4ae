/**
 * The common life cycle behind every service launcher: temp dir → free port → spawn → poll until
 * ready → (test runs) → SIGTERM, SIGKILL after a grace period → wait for exit → forget pid → rm dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { forgetPid, recordPid } from './pids.js';
import { freePort } from './ports.js';

/** What every launcher hands back. `stop()` is idempotent and always safe to await in `finally`. */
export interface ServiceHandle {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  pid: number;
  /** Root temp dir (configs, data, anything else); removed by stop(). */
  tempDir: string;
  /** Where the service keeps its data, inside tempDir. */
  dataDir: string;
  stop(): Promise<void>;
  /** Everything the process printed so far (stdout and stderr interleaved, last 256 KiB). */
  logs(): string;
}

/** Paths and port for one start attempt; a retry gets a new port and an emptied data dir. */
export interface Attempt {
  port: number;
  tempDir: string;
  dataDir: string;
}

/** Describes how to run one kind of service; see s3.ts, registry.ts and prometheus.ts. */
export interface LaunchSpec {
  name: string;
  command: string;
  /** Writes any config files for this attempt and returns the argument list. */
  prepare(attempt: Attempt): Promise<string[]> | string[];
  /** One readiness probe; must check for something service-specific so a stranger on the port won't do. */
  isReady(port: number): Promise<boolean>;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

const LOG_LIMIT = 256 * 1024;
const MAX_ATTEMPTS = 3;
const PORT_CLASH = /address already in use|EADDRINUSE/i;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** The last `lines` lines of a log, for error messages that must explain a failed start. */
export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A GET that never pools connections (so nothing lingers after the service stops). */
export function httpGet(url: string, timeoutMs = 2_000): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Sends SIGTERM, escalates to SIGKILL after `graceMs`, and resolves only once the process has exited. */
async function terminate(child: ChildProcess, exited: Promise<Exit>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const abort = new AbortController();
  const graceOver = sleep(graceMs, 'timeout' as const, { signal: abort.signal }).catch(() => 'exited' as const);
  const first = await Promise.race([exited.then(() => 'exited' as const), graceOver]);
  abort.abort();
  if (first === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Starts a service as described by `spec`, waits until `isReady` answers true, and returns a handle.
 *
 * A start that times out or whose process exits early throws an Error carrying the tail of the
 * process output; an exit that looks like a port clash is retried on a new port (up to 3 attempts).
 * Nothing is left behind on failure: the child is killed and the temp dir removed.
 */
export async function launchService(spec: LaunchSpec): Promise<ServiceHandle> {
  const tempDir = await mkdtemp(join(tmpdir(), `slipway-${spec.name}-`));
  const dataDir = join(tempDir, 'data');
  const readyTimeoutMs = spec.readyTimeoutMs ?? 20_000;
  const stopTimeoutMs = spec.stopTimeoutMs ?? 5_000;
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      // A failed attempt may have left lock files or half-written state behind.
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(dataDir, { recursive: true });
      const args = await spec.prepare({ port, tempDir, dataDir });

      let output = '';
      const append = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        if (output.length > LOG_LIMIT) output = output.slice(-LOG_LIMIT);
      };
      // detached: false keeps the child in our process group, so a Ctrl-C on jest reaches it too.
      const child = spawn(spec.command, args, {
        cwd: tempDir,
        env: spec.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: false,
      });
      const exited = new Promise<Exit>((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        // 'error' without a pid means spawn itself failed (e.g. ENOENT) and 'exit' will never come.
        child.once('error', (error) => {
          if (child.pid === undefined) resolve({ code: null, signal: null, error });
        });
      });
      child.stdout?.on('data', append);
      child.stderr?.on('data', append);
      if (child.pid !== undefined) recordPid(child.pid, spec.name, spec.command, tempDir);

      const stopChild = async (): Promise<void> => {
        await terminate(child, exited, stopTimeoutMs);
        if (child.pid !== undefined) forgetPid(child.pid);
      };

      const outcome = await waitUntilReady(spec, port, exited, readyTimeoutMs);
      if (outcome === 'ready') {
        // Readiness is only reported while the child runs, so it has a pid.
        return makeHandle(spec.name, port, child.pid as number, tempDir, dataDir, stopChild, () => output);
      }
      await stopChild();
      if (outcome !== 'timeout' && attempt < MAX_ATTEMPTS && PORT_CLASH.test(output)) continue;
      const why =
        outcome === 'timeout'
          ? `did not become ready on port ${port} within ${readyTimeoutMs} ms`
          : outcome.error
            ? `could not be spawned (${outcome.error.message})`
            : `exited before becoming ready (code ${outcome.code}, signal ${outcome.signal})`;
      throw new Error(`${spec.name} ${why}.\nCommand: ${spec.command} ${args.join(' ')}\n--- last output ---\n${tail(output) || '(no output)'}`);
    }
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

async function waitUntilReady(spec: LaunchSpec, port: number, exited: Promise<Exit>, timeoutMs: number): Promise<'ready' | 'timeout' | Exit> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | undefined;
  void exited.then((value) => {
    exit = value;
  });
  while (Date.now() < deadline) {
    if (exit) return exit;
    const ready = await spec.isReady(port).catch(() => false);
    // Re-check after the probe: an exited child means whoever answered was not our process.
    if (exit) return exit;
    if (ready) return 'ready';
    const abort = new AbortController();
    await Promise.race([exited, sleep(50, undefined, { signal: abort.signal }).catch(() => undefined)]);
    abort.abort();
  }
  return exit ?? 'timeout';
}

function makeHandle(
  name: string,
  port: number,
  pid: number,
  tempDir: string,
  dataDir: string,
  stopChild: () => Promise<void>,
  logs: () => string,
): ServiceHandle {
  let stopping: Promise<void> | undefined;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    tempDir,
    dataDir,
    logs,
    stop() {
      // Memoised so double stops (test body + finally, or afterAll) share one shutdown.
      stopping ??= (async () => {
        await stopChild();
        await rm(tempDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
