import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from '../command.js';

/** The example app ships in this repository, beside the packages. */
const DEFAULT_EXAMPLE = fileURLToPath(new URL('../../../../examples/support-bot', import.meta.url));

/** `slipway demo`: the whole pipeline on the example app, on embedded defaults. */
export const demoCommand: CommandModule = {
  register(program, execute) {
    program
      .command('demo')
      .description('run the pipeline on examples/support-bot with embedded defaults; writes demo-output/')
      .option('--example <dir>', 'the example application', DEFAULT_EXAMPLE)
      .option('--out <dir>', 'where the report goes', 'demo-output')
      .action((opts: { example: string; out: string }) =>
        execute('demo', {}, async (rt, globals) => {
          const { runDemo } = await import('../demo/run-demo.js');
          const result = await runDemo(rt, { exampleDir: path.resolve(globals.cwd, opts.example), outDir: path.resolve(globals.cwd, opts.out) });
          rt.log.info(`demo passed: ${result.stages.length} stages; report at ${path.join(result.outDir, 'report.md')}`);
          return result;
        }),
      );
  },
};
