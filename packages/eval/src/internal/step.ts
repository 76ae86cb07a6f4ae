import { GateError, type Runtime, readInputs } from '@slipway/kit';
import { evalAnnotations, evalTitle, type TestAnnotation } from './annotations.js';
import { type EvaluateResult, evaluate, mergeShards } from './evaluate.js';
import { evalOptionsFromInputs } from './options.js';
import { COMMENT_MARKER } from './report-markdown.js';

/** Inputs of the eval step besides the eval options: what to do and where to publish. */
export const STEP_INPUTS = {
  inputs: { kind: 'list', description: 'shard results files' },
  'github-token': { kind: 'secret', description: 'a token' },
  comment: { kind: 'boolean', default: 'true' },
  check: { kind: 'boolean', default: 'true' },
  'check-name': { kind: 'string', default: 'slipway eval' },
} as const;

/** What the step hands to the publisher (the github package in the actions). */
export interface PublishRequest {
  marker: string;
  markdown: string;
  conclusion: 'success' | 'failure';
  title: string;
  annotations: TestAnnotation[];
  comment: boolean;
  check: boolean;
  checkName: string;
  notes: string[];
}

export interface StepDeps {
  /** run or merge; when unset, read from the `command` input (actions/eval). The root action sets it. */
  mode?: 'run' | 'merge';
  git?: { sha?: string; ref?: string };
  /** Link to the run, used as the report URL when none is given. */
  runUrl?: string;
  publish(request: PublishRequest, token: string): Promise<{ commentUrl: string }>;
  /**
   * True on a pull request from a fork: no secrets reach it, so a `use` cache becomes `only`
   * (replay what is cached, skip the rest and say so) instead of failing every call.
   */
  fromFork?(): Promise<boolean>;
  /** Restore and save the response cache folder around a run (the Actions cache). */
  restoreCache?(dir: string): Promise<void>;
  saveCache?(dir: string): Promise<void>;
}

/**
 * The whole eval step of a workflow: read inputs and slipway.yml, run (or merge), publish, set
 * `verdict`, `pass-rate`, `report-path`, and throw a GateError (exit 1) when the gate says no.
 * Publishing is injected so this package never imports GitHub code.
 */
export async function runEvalStep(rt: Runtime, deps: StepDeps): Promise<EvaluateResult> {
  const own = readInputs(rt, STEP_INPUTS);
  const mode = deps.mode ?? readInputs(rt, { command: { kind: 'enum', values: ['run', 'merge'], default: 'run', description: 'run or merge' } }).command;
  const options = await evalOptionsFromInputs(rt, deps.git ? { git: deps.git } : {});
  if (deps.runUrl) options.reportUrl ??= deps.runUrl;
  const notes: string[] = [];
  if (mode === 'run' && options.cacheMode === 'use' && options.cacheDir !== undefined && (await deps.fromFork?.())) {
    options.cacheMode = 'only';
    notes.push('Pull request from a fork: no secrets, so answers were replayed from the response cache only.');
    rt.log.info('fork pull request: replaying cached answers only (cache: only)');
  }
  const persist = mode === 'run' && options.cacheDir !== undefined;
  if (persist && options.cacheDir) await deps.restoreCache?.(options.cacheDir);
  const result = mode === 'merge' ? await mergeShards(rt, own.inputs ?? [], options) : await evaluate(rt, options);
  if (persist && options.cacheDir && options.cacheMode === 'use') await deps.saveCache?.(options.cacheDir);
  const skipped = result.suites.flatMap((s) => s.results.tests.filter((t) => t.status === 'skipped'));
  const { commentUrl } = await deps.publish(
    {
      marker: COMMENT_MARKER,
      markdown: result.markdown,
      conclusion: result.verdict === 'pass' ? 'success' : 'failure',
      title: evalTitle(result),
      annotations: evalAnnotations(result),
      comment: own.comment,
      check: own.check,
      checkName: own['check-name'],
      notes: [
        ...notes,
        ...(skipped.length ? [`${skipped.length} test(s) not run: ${[...new Set(skipped.map((t) => t.skipReason ?? 'not run'))].join('; ')}.`] : []),
      ],
    },
    own['github-token'] ?? '',
  );
  rt.setOutput('verdict', result.verdict);
  rt.setOutput('pass-rate', result.passRate.toFixed(4));
  rt.setOutput('report-path', result.reportPath);
  rt.setOutput('results-file', result.suites[0]?.files.results ?? '');
  rt.setOutput('comment-url', commentUrl);
  rt.setOutput('report-digest', result.reportDigest ?? '');
  if (result.verdict === 'fail') throw new GateError(`eval gate failed: ${result.reasons.join('; ')}`, { hint: `see ${result.reportPath}` });
  return result;
}
