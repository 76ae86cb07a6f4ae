import type { CommandModule } from '../command.js';

/** `slipway check [files…]`: the pre-commit hook (see .pre-commit-hooks.yaml). */
export const checkCommand: CommandModule = {
  register(program, execute) {
    program
      .command('check')
      .argument('[files...]', 'files to check (default: every file git tracks)')
      .description('refuse large files not under artifact pointers; validate slipway.yml and its eval suites')
      .option('--max-size <size>', 'largest file git may hold', '5MiB')
      .action((files: string[], o: { maxSize: string }) =>
        execute('check', { 'max-size': o.maxSize }, async (rt, globals) => {
          const { parseSize } = await import('@slipway/kit');
          const { runCheck } = await import('../check.js');
          return runCheck(rt, { files, maxBytes: parseSize('max-size', o.maxSize, { min: 1 }), ...(globals.config ? { configFile: globals.config } : {}) });
        }),
      );
  },
};
