import type { CommandModule } from '../command.js';

interface DataFlags {
  eval?: string;
  baseModel?: string;
}

/** `slipway data check`: the training-data checks of fine-tune, alone (exit 2 on bad data). */
export const dataCommand: CommandModule = {
  register(program, execute) {
    const data = program.command('data').description('training data: schema, duplicates, leakage, secrets and PII, tokens and cost');
    data
      .command('check')
      .description('check JSONL training data (default train.data) and its leakage into --eval (default train.evalData); exit 2 on bad data')
      .argument('[files...]', 'training files (chat, prompt/completion, or messages + expected JSONL)')
      .option('--eval <files>', 'held-out files, comma separated: checked too, and compared with the training data for leakage')
      .option('--base-model <model>', 'the model to fine-tune: picks the tokenizer (exact for OpenAI models) and the price')
      .action((files: string[], o: DataFlags) =>
        execute('data check', { mode: 'check', data: files.join('\n') || undefined, 'eval-data': o.eval, 'base-model': o.baseModel }, async (rt, globals) => {
          const { fineTune, readFineTuneInputs } = await import('@slipway/finetune');
          const { mode, options } = readFineTuneInputs(rt);
          const result = await fineTune(rt, mode, { ...options, ...(globals.config ? { configFile: globals.config } : {}) });
          return result.data;
        }),
      );
  },
};
