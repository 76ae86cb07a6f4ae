import type { Command } from 'commander';
import type { CommandModule } from '../command.js';

interface RunFlags {
  suite?: string[];
  baseline?: string;
  alpha?: string;
  passRateFloor?: string;
  repeats?: string;
  adaptiveRepeats?: string;
  concurrency?: string;
  timeout?: string;
  shard?: string;
  shardTimings?: string;
  cache: boolean;
  cacheOnly?: boolean;
  cacheDir?: string;
  maxCost?: string;
  maxDuration?: string;
  judge?: string;
  embeddings?: string;
  out?: string;
  reportUrl?: string;
  remote?: string;
  pushKey?: string;
  state?: string;
}

/** Flags become the action's inputs, so both front ends parse and validate them the same way. */
function inputsOf(f: RunFlags): Record<string, string | undefined> {
  return {
    suites: f.suite?.join(','),
    baseline: f.baseline,
    alpha: f.alpha,
    'pass-rate-floor': f.passRateFloor,
    repeats: f.repeats,
    'adaptive-repeats': f.adaptiveRepeats,
    concurrency: f.concurrency,
    timeout: f.timeout,
    shard: f.shard,
    'shard-timings': f.shardTimings,
    cache: f.cacheOnly ? 'only' : f.cache === false ? 'off' : undefined,
    'cache-dir': f.cacheDir,
    'max-cost': f.maxCost,
    'max-duration': f.maxDuration,
    judge: f.judge,
    embeddings: f.embeddings,
    'out-dir': f.out,
    'report-url': f.reportUrl,
    remote: f.remote,
    'push-key': f.pushKey,
    state: f.state,
  };
}

function common(cmd: Command): Command {
  return cmd
    .option('--baseline <file|dir|store:key|env:name|provider:label>', 'baseline results to compare with')
    .option('--remote <url>', 'artifact store for store: baselines and --push-key (default artifacts.remote)')
    .option('--push-key <key>', 'push the results to the artifact store under this key, e.g. main')
    .option('--state <dir|url>', 'release history for env: baselines (default deploy.state, else .slipway/state)')
    .option('--alpha <p>', 'significance level (default 0.05)')
    .option('--pass-rate-floor <rate>', 'fail below this pass rate (0-1)')
    .option('--out <dir>', 'where reports are written (default .slipway/eval)')
    .option('--report-url <url>', 'link to the full report in the comment');
}

/** `slipway eval run | merge`. The eval package loads only when a subcommand runs. */
export const evalCommand: CommandModule = {
  register(program, execute) {
    const evalCmd = program.command('eval').description('run LLM regression suites and gate on a baseline, or merge shard results');
    common(
      evalCmd
        .command('run', { isDefault: true })
        .description('run the suites of slipway.yml (or --suite) and compare with --baseline; exit 1 on a regression')
        .option('-s, --suite <file...>', 'suite files (ours or a promptfoo config)')
        .option('--repeats <n>', 'samples per test')
        .option('--adaptive-repeats <n>', 'rerun borderline tests up to n samples')
        .option('--concurrency <n>', 'model calls in flight')
        .option('--timeout <duration>', 'timeout of one call, e.g. 60s')
        .option('--shard <i/n>', 'run one shard')
        .option('--shard-timings <results.json>', 'balance shards on the test durations of an earlier run')
        .option('--no-cache', 'neither read nor write the response cache')
        .option('--cache-only', 'replay cached answers only; tests without one are skipped')
        .option('--cache-dir <dir>', 'response cache folder (default .slipway/eval-cache)')
        .option('--max-cost <usd>', 'stop cleanly after spending this much')
        .option('--max-duration <duration>', 'stop cleanly after this long')
        .option('--judge <provider>', 'judge for llm-rubric, e.g. openai:chat:gpt-4o-mini')
        .option('--embeddings <provider>', 'embeddings for similar'),
    ).action((flags: RunFlags) =>
      execute('eval', inputsOf(flags), async (rt, globals) => {
        const { evalOptionsFromInputs, evaluate } = await import('@slipway/eval');
        const { GateError } = await import('@slipway/kit');
        const result = await evaluate(rt, await evalOptionsFromInputs(rt, globals.config ? { config: globals.config } : {}));
        await rt.appendSummary(result.markdown);
        for (const s of result.suites)
          rt.log.info(`${s.suite}: ${s.results.totals.passed}/${s.results.totals.tests} passed; reports in ${result.reportPath} (${s.files.html})`);
        if (result.verdict === 'fail') throw new GateError(`eval gate failed: ${result.reasons.join('; ')}`, { hint: `see ${result.reportPath}` });
        return {
          verdict: result.verdict,
          passRate: result.passRate,
          reportPath: result.reportPath,
          ...(result.reportDigest ? { reportDigest: result.reportDigest } : {}),
        };
      }),
    );
    common(
      evalCmd
        .command('merge')
        .description('merge shard results into one report (equal to an unsharded run) and gate it')
        .argument('<results...>', 'shard results files'),
    ).action((files: string[], flags: RunFlags) =>
      execute('eval merge', inputsOf(flags), async (rt, globals) => {
        const { evalOptionsFromInputs, mergeShards } = await import('@slipway/eval');
        const { GateError } = await import('@slipway/kit');
        const result = await mergeShards(rt, files, await evalOptionsFromInputs(rt, globals.config ? { config: globals.config } : {}));
        await rt.appendSummary(result.markdown);
        if (result.verdict === 'fail') throw new GateError(`eval gate failed: ${result.reasons.join('; ')}`, { hint: `see ${result.reportPath}` });
        return { verdict: result.verdict, passRate: result.passRate, reportPath: result.reportPath };
      }),
    );
  },
};
