import type { Command } from 'commander';
import type { CommandModule, Execute } from '../command.js';

interface TrainFlags {
  data?: string;
  evalData?: string;
  output?: string;
  command?: string;
  launcher?: string;
  baseModel?: string;
  params?: string;
  leg?: string;
  remote?: string;
  outDir?: string;
  register?: boolean;
  stage?: string;
  timeout?: string;
}

function trainFlags(cmd: Command): Command {
  return cmd
    .option('--data <files>', 'training files, comma separated (default train.data)')
    .option('--eval-data <files>', 'held-out files (default train.evalData)')
    .option('--output <dir>', 'folder the weights are written to (default train.output)')
    .option('--command <cmd>', 'training command; {output} {train} {validation} {name} {<param>} are replaced (default train.command)')
    .option('--launcher <kind>', 'command, openai, sagemaker or kubernetes (default train.launcher)')
    .option('--base-model <model>', 'the model to fine-tune (default train.baseModel)')
    .option('--remote <url>', 'artifact store for the weights (default artifacts.remote)')
    .option('--out-dir <dir>', 'trial records, splits and eval reports', '.slipway/fine-tune')
    .option('--stage <name>', 'stage of the new registry version (default staging)')
    .option('--timeout <duration>', 'fail the training job after this long, e.g. 2h')
    .option('--no-register', 'do not register the result');
}

function inputs(mode: string, o: TrainFlags, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const list = (s: string | undefined) => s?.split(',').join('\n');
  return {
    mode,
    data: list(o.data),
    'eval-data': list(o.evalData),
    output: o.output,
    command: o.command,
    launcher: o.launcher,
    'base-model': o.baseModel,
    params: o.params,
    leg: o.leg,
    remote: o.remote,
    'out-dir': o.outDir,
    stage: o.stage,
    timeout: o.timeout,
    // commander sets `register: true` unless --no-register; only the refusal is passed on.
    ...(o.register === false ? { register: 'false' } : {}),
    ...extra,
  };
}

function run(execute: Execute, label: string, mode: string, o: TrainFlags, extra: Record<string, string | undefined> = {}, local = false) {
  return execute(label, inputs(mode, o, extra), async (rt, globals) => {
    const { fineTune, readFineTuneInputs } = await import('@slipway/finetune');
    const parsed = readFineTuneInputs(rt);
    const result = await fineTune(rt, parsed.mode, {
      ...parsed.options,
      ...(globals.config ? { configFile: globals.config } : {}),
      ...(local ? { local } : {}),
    });
    // The data report and eval details are in the summary; --json gets what a script needs.
    return {
      mode: result.mode,
      ...(result.legs ? { legs: result.legs } : {}),
      ...(result.trial ? { trial: result.trial } : {}),
      ...(result.selection ? { best: result.selection.best.leg, trials: result.selection.ranked.length } : {}),
      ...(result.registration ? { registration: result.registration } : {}),
    };
  });
}

/** `slipway train` (one run), `train sweep`, `train select-best`, `train register`: fine-tune from a terminal. */
export const trainCommand: CommandModule = {
  register(program, execute) {
    const train = trainFlags(program.command('train'))
      .description('check the data, train (train.launcher), evaluate, version the weights and register them; or a sweep, select-best, register')
      .option('--params <json>', 'hyperparameters of this run as JSON, over train.params')
      .option('--leg <id>', 'run as this sweep leg (not registered on its own)')
      .action((o: TrainFlags) => run(execute, 'train', 'train', o));
    trainFlags(train.command('sweep'))
      .description('plan the sweep (train.sweep) and print its GitHub Actions matrix; --local runs every leg here, selects the best and registers it')
      .option('--local', 'run every leg on this machine, one after the other', false)
      .action((o: TrainFlags & { local: boolean }) => run(execute, 'train sweep', 'sweep', o, {}, o.local));
    trainFlags(train.command('select-best'))
      .description("read every leg's trial record, pick the best by train.evaluate.metric, record all trials, register the winner")
      .option('--trials <dir>', 'folder of *.trial.json records (default --out-dir)')
      .action((o: TrainFlags & { trials?: string }) => run(execute, 'train select-best', 'select-best', o, { trials: o.trials }));
    trainFlags(train.command('register'))
      .description('register one trial: pointer, draft release, registry entry')
      .requiredOption('--trial <file>', 'the trial record (.slipway/fine-tune/<leg>.trial.json)')
      .action((o: TrainFlags & { trial: string }) => run(execute, 'train register', 'register', o, { trial: o.trial }));
  },
};
