import type { TerminalRuntime } from '@slipway/kit';
import type { Command } from 'commander';

/** Options every command receives, from the global flags. */
export interface GlobalOptions {
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  config?: string;
  cwd: string;
  summary?: string;
}

/**
 * A capability's contribution to the CLI: it declares its subcommand on `program`,
 * and its action calls `execute` so errors, exit codes and `--json` are handled in one place.
 */
export interface CommandModule {
  register(program: Command, execute: Execute): void;
}

/**
 * Runs `body` under a terminal runtime built from the global flags and `inputs`.
 * `body` returns the result object that `--json` prints.
 */
export type Execute = (
  label: string,
  inputs: Record<string, string | undefined>,
  body: (rt: TerminalRuntime, globals: GlobalOptions) => Promise<unknown>,
) => Promise<void>;
