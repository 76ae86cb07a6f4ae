/**
 * Runs once after the whole suite, in jest's parent process. Every pid a service launcher recorded
 * and did not forget (i.e. whose stop() never completed) is checked: any process still alive is
 * SIGKILLed and the teardown throws, so a test that leaks a service fails the run instead of leaving
 * a prometheus behind on a shared CI machine.
 *
 * Self-contained on purpose (node: imports only): jest loads global hooks through a plain CommonJS
 * require that ignores the config's `.js` → `.ts` mapping. The record format mirrors services/pids.ts.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

interface PidRecord {
  pid: number;
  name: string;
  command: string;
  startedAt: string;
  owner: number;
  tempDir?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: exists but belongs to another user, so certainly not one of ours any more.
    return false;
  }
  try {
    // A zombie still answers signal 0 but is already dead; its parent just has not reaped it yet.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // No /proc (macOS): trust signal 0.
  }
}

/** Guards against pid reuse: only kill when the process still runs the executable we recorded. */
function isSameProgram(record: PidRecord): boolean {
  try {
    const argv0 = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0 === record.command;
  } catch {
    return true;
  }
}

async function waitGone(pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Kills and reports every recorded service process that outlived the suite. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.SLIPWAY_TEST_PID_DIR;
  if (!dir) return;
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return; // Nothing was ever recorded (or someone already cleaned up).
  }
  const leaked: PidRecord[] = [];
  const stale: string[] = [];
  for (const file of files) {
    let record: PidRecord;
    try {
      record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PidRecord;
    } catch {
      continue; // Half-written record from a crashed worker: nothing reliable to act on.
    }
    if (isAlive(record.pid) && isSameProgram(record)) {
      try {
        process.kill(record.pid, 'SIGKILL');
      } catch {
        // Exited between the check and the kill: still a leak worth reporting.
      }
      leaked.push(record);
    }
    // Whether or not it still ran, stop() never finished for this one, so its temp dir is still there.
    // Only delete what a launcher could have created, in case a record was tampered with.
    if (record.tempDir?.startsWith(`${tmpdir()}${sep}slipway-`)) stale.push(record.tempDir);
  }
  await waitGone(
    leaked.map((record) => record.pid),
    2_000,
  );
  for (const tempDir of [...stale, dir]) rmSync(tempDir, { recursive: true, force: true });
  delete process.env.SLIPWAY_TEST_PID_DIR;
  if (leaked.length > 0) {
    const list = leaked.map((r) => `${r.name} (pid ${r.pid}, ${r.command}, started ${r.startedAt} by jest process ${r.owner})`);
    throw new Error(
      `Service processes were left running after the suite: ${list.join('; ')}. They have been killed; ` +
        'make sure every start*() is paired with `await service.stop()` in a finally block or afterAll.',
    );
  }
}
