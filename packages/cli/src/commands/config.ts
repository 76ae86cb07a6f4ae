import type { CommandModule } from '../command.js';

/** `slipway config validate | schema`. The config package (zod, yaml) loads only when a subcommand runs. */
export const configCommand: CommandModule = {
  register(program, execute) {
    const config = program.command('config').description('check slipway.yml, or print its JSON Schema');
    config
      .command('validate')
      .description('validate slipway.yml (or --config FILE); problems are listed as file:line:col')
      .action(() =>
        execute('config validate', {}, async (rt, globals) => {
          const { validateConfig } = await import('@slipway/config');
          const result = await validateConfig(rt, globals.config ? { file: globals.config } : {});
          return { file: result.file ?? null, valid: true, sections: result.sections };
        }),
      );
    config
      .command('schema')
      .description('print the JSON Schema of slipway.yml')
      .action(() =>
        execute('config schema', {}, async (_rt, globals) => {
          const { configJsonSchema } = await import('@slipway/config');
          const schema = configJsonSchema();
          if (!globals.json) process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
          return schema;
        }),
      );
  },
};
