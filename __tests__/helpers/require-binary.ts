/**
 * Lets integration tests that need a system binary skip on a developer machine without it — loudly —
 * while making the same absence a hard failure in CI, where a silent skip would hide a broken setup.
 */
import { accessSync, constants } from 'node:fs';

/** True when running under CI. `CI=false`/`CI=0`/`CI=` count as unset, as most CI-aware tools do. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

function isExecutable(bin: string): boolean {
  try {
    accessSync(bin, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks that the executable `bin` (an absolute path) exists.
 *
 * Returns true when it does. When it does not: under CI (see {@link isCi}) throws, so the run fails;
 * otherwise prints a boxed warning naming what is skipped and how CI gets it, and returns false.
 */
export function requireBinary(bin: string, name: string): boolean {
  if (isExecutable(bin)) return true;
  const lines = [
    `SKIPPED: ${name} is not installed (${bin} is missing or not executable).`,
    'Tests that need it will not run here; CI installs it via .ci/run.',
  ];
  if (isCi()) {
    throw new Error(`${name} is required in CI but ${bin} is missing or not executable; install it in .ci/run.`);
  }
  const width = Math.max(...lines.map((line) => line.length));
  const bar = '!'.repeat(width + 4);
  console.warn([bar, ...lines.map((line) => `! ${line.padEnd(width)} !`), bar].join('\n'));
  return false;
}

/** `it` when `bin` is installed, `it.skip` otherwise (or throws in CI). Use as `itWith(bin, 'name')('does …', fn)`. */
export function itWith(bin: string, name: string): jest.It {
  return requireBinary(bin, name) ? it : it.skip;
}

/** `describe` when `bin` is installed, `describe.skip` otherwise (or throws in CI). */
export function describeWith(bin: string, name: string): jest.Describe {
  return requireBinary(bin, name) ? describe : describe.skip;
}
