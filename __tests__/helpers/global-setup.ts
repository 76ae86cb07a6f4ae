/**
 * Runs once, in jest's parent process, before any worker exists. It creates the folder in which
 * service launchers record the pids they spawn and publishes it as SLIPWAY_TEST_PID_DIR; workers are
 * forked afterwards and inherit the variable. global-teardown audits the folder.
 *
 * Only node: imports here: jest loads global hooks through a plain CommonJS require, which does not
 * apply the config's `.js` → `.ts` mapping, so importing ./services/pids.js would fail.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Creates the run's pid folder and exports it to workers via process.env. */
export default async function globalSetup(): Promise<void> {
  process.env.SLIPWAY_TEST_PID_DIR = mkdtempSync(join(tmpdir(), `slipway-test-pids-${process.pid}-`));
}
