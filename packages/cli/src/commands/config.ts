import { configJsonSchema, validateConfig } from '@slipway/config';
import type { CommandModule } from '../command.js';

/** `slipway config validate | schema`. */
export const configCommand: CommandModule = {
  register(program, execute) {
    const config = program.command('config').description('check slipway.yml, or print its JSON Schema');
    config
      .command('validate')
      .description('validate slipway.yml (or --config FILE); problems are listed as file:line:col')
      .action(() =>
        execute('config validate', {}, async (rt, globals) => {
          const result = await validateConfig(rt, globals.config ? { file: globals.config } : {});
          return { file: result.file ?? null, valid: true, sections: result.sections };
        }),
      );
    config
      .command('schema')
      .description('print the JSON Schema of slipway.yml')
      .action(() =>
        execute('config schema', {}, async (_rt, globals) => {
          const schema = configJsonSchema();
          if (!globals.json) process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
          return schema;
        }),
      );
  },
};
