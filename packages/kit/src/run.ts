import { ConfigError, ExitCode, exitCodeFor, UserError } from './errors.js';
import type { Runtime } from './runtime.js';

/**
 * Runs one capability and turns what it throws into a message and an exit code:
 * a {@link UserError} becomes its message (annotated on its file when it has one) and exit 1 or 2;
 * anything else is a bug, shown with its stack and exit 70.
 * `label` names the action or command, so the message says which one failed.
 */
export async function runCapability(runtime: Runtime, label: string, fn: () => Promise<void>): Promise<ExitCode> {
  try {
    await fn();
    return ExitCode.Ok;
  } catch (error) {
    reportError(runtime, label, error);
    return exitCodeFor(error);
  }
}

/** Prints an error the way {@link runCapability} does. */
export function reportError(runtime: Runtime, label: string, error: unknown): void {
  if (error instanceof ConfigError) {
    for (const p of error.problems) {
      runtime.annotate({ level: 'error', title: `${label} failed`, message: p.message, ...p.location });
    }
    return;
  }
  if (UserError.is(error)) {
    const text = error.hint ? `${error.message} (${error.hint})` : error.message;
    if (error.location) runtime.annotate({ level: 'error', title: `${label} failed`, message: text, ...error.location });
    else runtime.log.error(`${label} failed: ${text}`);
    return;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  runtime.log.error(`${label} failed with an unexpected error. This is a bug in Slipway; please report it with this trace:\n${stack}`);
}
