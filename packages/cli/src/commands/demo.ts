import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from '../command.js';

/** The example app ships in this repository, beside the packages; this file runs from lib/ or from the dist/ bundle. */
const DEFAULT_EXAMPLE = findUp(path.dirname(fileURLToPath(import.meta.url)), 'examples/support-bot');

function findUp(from: string, rel: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, rel))) return path.join(dir, rel);
    if (path.dirname(dir) === dir) return path.join(from, rel);
  }
}

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
