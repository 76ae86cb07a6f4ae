/**
 * Pid bookkeeping shared by the whole jest run.
 *
 * Every launcher writes one small JSON record per child process into a folder that global-setup
 * creates and advertises through SLIPWAY_TEST_PID_DIR; stop() deletes the record once the child has
 * exited. global-teardown then treats any record whose process is still alive as a leak. The record
 * format is duplicated (deliberately) in global-teardown.ts, because jest loads global hooks through a
 * plain CommonJS require that cannot follow our `.js` → `.ts` import mapping.
 */
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Environment variable global-setup uses to hand the pid folder to jest workers. */
export const PID_DIR_ENV = 'SLIPWAY_TEST_PID_DIR';

/** What one record holds; teardown uses `command` to avoid killing a recycled pid. */
export interface PidRecord {
  pid: number;
  name: string;
  command: string;
  startedAt: string;
  /** The jest process (worker or in-band runner) that started the child. */
  owner: number;
  /** The service's temp dir, so teardown can remove it when stop() never ran. */
  tempDir: string;
}

let fallbackDir: string | undefined;

/**
 * The folder where pid records go. Normally created by global-setup; when a file runs without it
 * (e.g. someone invokes jest with a different config) we still record into a per-process folder so
 * launchers never fail for bookkeeping reasons — there is just nobody to audit it afterwards.
 */
export function pidDir(): string {
  const fromEnv = process.env[PID_DIR_ENV];
  if (fromEnv) {
    mkdirSync(fromEnv, { recursive: true });
    return fromEnv;
  }
  if (fallbackDir === undefined) {
    const dir = join(tmpdir(), `slipway-test-pids-unaudited-${process.pid}`);
    // rmdir (not rm -r): it only succeeds when every launcher stopped, so a leak stays visible.
    process.once('exit', () => rmdirQuietly(dir));
    fallbackDir = dir;
  }
  mkdirSync(fallbackDir, { recursive: true });
  return fallbackDir;
}

/** Records a freshly spawned child so a leak can be detected (and killed) after the suite. */
export function recordPid(pid: number, name: string, command: string, tempDir: string): void {
  const record: PidRecord = { pid, name, command, startedAt: new Date().toISOString(), owner: process.pid, tempDir };
  writeFileSync(join(pidDir(), `${pid}.json`), `${JSON.stringify(record)}\n`);
}

/** Removes a record once its process has been seen to exit. Missing records are fine (idempotent). */
export function forgetPid(pid: number): void {
  rmSync(join(pidDir(), `${pid}.json`), { force: true });
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (a service was never stopped) or already gone.
  }
}
