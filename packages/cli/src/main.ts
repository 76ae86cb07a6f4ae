import path from 'node:path';
import { createTerminalRuntime, ExitCode, reportError, runCapability } from '@slipway/kit';
import { Command, CommanderError } from 'commander';
import type { CommandModule, Execute, GlobalOptions } from './command.js';
import { artifactsCommand } from './commands/artifacts.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { configCommand } from './commands/config.js';
import { dataCommand } from './commands/data.js';
import { demoCommand } from './commands/demo.js';
import { deployCommand } from './commands/deploy.js';
import { evalCommand } from './commands/eval.js';
import { gatewayCommand } from './commands/gateway.js';
import { monitorCommand } from './commands/monitor.js';
import { trainCommand } from './commands/train.js';
import { cliVersion } from './version.js';

/** Every subcommand, in the order `--help` lists them. Capabilities add theirs here. */
export const COMMANDS: readonly CommandModule[] = [
  configCommand,
  demoCommand,
  artifactsCommand,
  evalCommand,
  gatewayCommand,
  buildCommand,
  deployCommand,
  monitorCommand,
  checkCommand,
  dataCommand,
  trainCommand,
];

/**
 * Runs the `slipway` command line and resolves to its exit code:
 * 0 ok, 1 a gate said no, 2 bad input or configuration, 70 a bug.
 */
export async function main(argv: readonly string[], io: { stdout?: NodeJS.WritableStream } = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  let exitCode: number = ExitCode.Ok;
  const program = createProgram(stdout);

  const execute: Execute = async (label, inputs, body) => {
    const globals = readGlobals(program);
    const rt = createTerminalRuntime({
      inputs,
      cwd: globals.cwd,
      json: globals.json,
      verbose: globals.verbose,
      quiet: globals.quiet,
      ...(globals.summary ? { summaryFile: globals.summary } : {}),
    });
    let result: unknown;
    exitCode = await runCapability(rt, label, async () => {
      result = await body(rt, globals);
    });
    await rt.flush();
    if (globals.json) {
      const payload = exitCode === ExitCode.Ok ? { ok: true, result } : { ok: false, exitCode, annotations: rt.annotations };
      stdout.write(`${JSON.stringify(payload)}\n`);
    }
  };

  for (const command of COMMANDS) command.register(program, execute);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0; a usage mistake is bad input.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    reportError(createTerminalRuntime(), 'slipway', error);
    return ExitCode.Internal;
  }
  return exitCode;
}

/** The `slipway` program with its global flags; commands are registered on it by `main` (or by the docs generator). */
export function createProgram(stdout: NodeJS.WritableStream = process.stdout): Command {
  return new Command('slipway')
    .description('CI/CD for LLM applications: version models, gate PRs on evals, build images, roll out canaries, roll back.')
    .version(cliVersion(), '-V, --version')
    .option('--json', 'print one machine-readable JSON result on stdout', false)
    .option('-v, --verbose', 'show debug logs', false)
    .option('-q, --quiet', 'show only warnings and errors', false)
    .option('-c, --config <file>', 'path to slipway.yml (default: ./slipway.yml if present)')
    .option('-C, --cwd <dir>', 'run as if started in <dir>', '.')
    .option('--summary <file>', 'also write the Markdown job summary to <file>')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s) });
}

/** The whole command tree, for reference docs: every command registered, none run. */
export function describeProgram(): Command {
  const program = createProgram();
  const never: Execute = async () => {
    throw new Error('describeProgram() builds the command tree only');
  };
  for (const command of COMMANDS) command.register(program, never);
  return program;
}

function readGlobals(program: Command): GlobalOptions {
  const o = program.opts<{ json: boolean; verbose: boolean; quiet: boolean; config?: string; cwd: string; summary?: string }>();
  const globals: GlobalOptions = { json: o.json, verbose: o.verbose, quiet: o.quiet, cwd: path.resolve(o.cwd) };
  if (o.config !== undefined) globals.config = o.config;
  if (o.summary !== undefined) globals.summary = o.summary;
  return globals;
}
