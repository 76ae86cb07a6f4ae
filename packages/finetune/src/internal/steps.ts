import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readGitHubContext } from '@slipway/github';
import { ConfigError, type ConfigProblem, GateError, inlineCode, type Runtime, UserError } from '@slipway/kit';
import { contentDigest, FolderReleaseStore, type ReleaseStore, sealRelease } from '@slipway/release';
import { addArtifacts, formatPointer, openReleaseStore, parseRemote, pushArtifacts } from '@slipway/store';
import { runSignal } from './cancel.js';
import { checkData, type DataReport, writeAtomic } from './data/check.js';
import { dataReportMarkdown } from './data/report.js';
import { evaluateModel } from './evaluate-model.js';
import { TrainingError, type TrainJob, type TrainResult } from './launchers/launcher.js';
import { openPointerPullRequest } from './pull-request.js';
import { HubRegistry } from './registry/huggingface.js';
import { MlflowRegistry } from './registry/mlflow.js';
import type { ModelRegistry, RegistryEntry } from './registry/registry.js';
import { S3Registry } from './registry/s3-registry.js';
import { StoreRegistry } from './registry/store-registry.js';
import { buildLauncher, codeRevision, type Resolved } from './resolve.js';
import { rankValue, type Selection, selectBest } from './select.js';
import { type Leg, planSweep, sweepMatrix } from './sweep.js';
import { readTrials, TRIAL_SCHEMA, TRIAL_SUFFIX, type Trial, type TrialArtifact } from './trial.js';

const MAX_PROBLEMS = 50;

/** Checks the data, writes the report to the summary, and fails (exit 2) on any error. */
export async function checkStep(rt: Runtime, r: Resolved, split = true): Promise<DataReport> {
  const c = r.train.checks ?? {};
  const report = await checkData({
    train: r.data,
    eval: r.evalData,
    cwd: r.root,
    ...(r.train.format ? { format: r.train.format } : {}),
    ...(r.train.baseModel ? { model: r.train.baseModel } : {}),
    ...(r.train.epochs ? { epochs: r.train.epochs } : {}),
    ...(c.pricePerMillion ? { pricePerMillion: c.pricePerMillion } : {}),
    ...(c.nearDuplicateThreshold ? { nearDuplicateThreshold: c.nearDuplicateThreshold } : {}),
    ...(c.maxDuplicateRate !== undefined ? { maxDuplicateRate: c.maxDuplicateRate } : {}),
    ...(c.pii ? { pii: c.pii } : {}),
    ...(c.maxTokensPerExample ? { maxTokensPerExample: c.maxTokensPerExample } : {}),
    ...(split && c.validationSplit ? { split: { validation: c.validationSplit, outDir: path.relative(r.root, path.join(r.outDir, 'split')) } } : {}),
  });
  await rt.appendSummary(dataReportMarkdown(report));
  rt.setOutput('data-digest', report.digest);
  rt.setOutput('examples', report.examples.train);
  rt.setOutput('tokens', report.tokens.total);
  if (report.cost) rt.setOutput('cost-usd', report.cost.usd.toFixed(4));
  for (const p of report.problems.filter((x) => x.severity === 'warning').slice(0, 10))
    rt.annotate({ level: 'warning', title: `data: ${p.kind}`, message: p.message, ...p.location });
  rt.log.info(
    `data check: ${report.examples.train} training example(s), ${report.tokens.total} tokens (${report.tokens.exact ? report.tokens.encoding : 'approximate'}); ${report.counts.errors} error(s), ${report.counts.warnings} warning(s)`,
  );
  if (!report.ok) {
    const errors = report.problems.filter((p) => p.severity === 'error');
    const problems: ConfigProblem[] = errors.slice(0, MAX_PROBLEMS).map((p) => ({ location: p.location, message: `${p.kind}: ${p.message}` }));
    if (errors.length > MAX_PROBLEMS)
      problems.push({ location: { file: errors[0]?.location.file ?? '' }, message: `…and ${errors.length - MAX_PROBLEMS} more data errors` });
    throw new ConfigError(problems);
  }
  return report;
}

/** The training file to hand to the launcher: the split's train side, the only file, or all files joined. */
async function trainingFiles(r: Resolved, report: DataReport): Promise<TrainJob['data']> {
  if (report.split) return { train: path.resolve(r.root, report.split.train), validation: path.resolve(r.root, report.split.validation) };
  if (r.data.length === 1) return { train: path.resolve(r.root, r.data[0] as string) };
  const joined = path.join(r.outDir, 'data', 'train.jsonl');
  const texts = await Promise.all(r.data.map((f) => readFile(path.resolve(r.root, f), 'utf8')));
  await writeAtomic(joined, texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join(''));
  return { train: joined };
}

/**
 * One training run (a single run, or one sweep leg): data check, training through the launcher,
 * evaluation, the weights added and pushed under a pointer, and a trial record. A failed run
 * still writes its trial (so select-best sees it) and then fails the step with the job's reason.
 */
export async function trainStep(rt: Runtime, r: Resolved, leg?: Leg, opts: { separateOutput?: boolean; report?: DataReport } = {}): Promise<Trial> {
  const report = opts.report ?? (await checkStep(rt, r));
  const legId = leg?.id ?? r.options.leg ?? 'run';
  const params = { ...(r.train.params ?? {}), ...(leg?.params ?? r.options.params ?? {}) };
  const output = opts.separateOutput ? `${r.output}-${legId}` : r.output;
  const job: TrainJob = {
    name: `${r.name}-${legId}`.replace(/[^A-Za-z0-9-]/g, '-'),
    params,
    data: await trainingFiles(r, report),
    outputDir: path.resolve(r.root, output),
    cwd: r.root,
  };
  const launcher = buildLauncher(rt, r);
  const timeoutMs = r.options.timeoutMs ?? (r.train.timeout ? parseTimeout(r.train.timeout) : undefined);
  const run = runSignal({
    ...(r.options.signal ? { signal: r.options.signal } : {}),
    ...(timeoutMs ? { timeoutMs, timeoutLabel: r.train.timeout ?? `${timeoutMs} ms` } : {}),
  });
  const trialFile = path.join(r.outDir, `${legId}${TRIAL_SUFFIX}`);
  const base = {
    schema: TRIAL_SCHEMA,
    leg: legId,
    name: r.name,
    params,
    launcher: launcher.kind,
    dataDigest: report.digest,
    createdAt: new Date().toISOString(),
  } as const;
  const evalBase = { metric: r.metric, goal: r.goal, metrics: {}, results: [] as string[] };
  let result: TrainResult;
  try {
    result = await rt.group(`train ${legId} (${launcher.kind}) ${JSON.stringify(params)}`, () =>
      launcher.run(job, { log: rt.log, signal: run.signal, setSecret: (v) => rt.setSecret(v) }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed: Trial = {
      ...base,
      status: 'failed',
      error: message,
      jobId: error instanceof TrainingError ? error.jobId : '',
      model: '',
      metrics: {},
      eval: evalBase,
      durationMs: 0,
    };
    await writeTrial(trialFile, failed);
    rt.setOutput('trial', path.relative(r.root, trialFile));
    throw error;
  } finally {
    run.dispose();
  }
  const ev = r.train.evaluate ?? {};
  const evaluation =
    ev.command || (r.suites.length > 0 && (ev.serve || launcher.kind !== 'command'))
      ? await rt.group(`evaluate ${legId}`, () =>
          evaluateModel(rt, { ...ev, suites: r.suites }, { ...job, params: { ...params, model: result.model } }, path.join(r.outDir, legId, 'eval')),
        )
      : { metrics: {}, results: [] };
  const value = rankValue(r.metric, evaluation.metrics, result.metrics);
  const artifact = result.outputDir ? await versionWeights(rt, r, result.outputDir) : undefined;
  const trial: Trial = {
    ...base,
    status: 'succeeded',
    jobId: result.jobId,
    model: result.outputDir ? path.relative(r.root, result.outputDir) : result.model,
    metrics: result.metrics,
    eval: {
      ...evalBase,
      ...(value !== undefined ? { value } : {}),
      ...(evaluation.passRate !== undefined ? { passRate: evaluation.passRate } : {}),
      metrics: evaluation.metrics,
      results: evaluation.results,
    },
    ...(artifact ? { artifact } : {}),
    durationMs: Math.round(result.durationMs),
  };
  await writeTrial(trialFile, trial);
  rt.setOutput('trial', path.relative(r.root, trialFile));
  rt.setOutput('model', trial.model);
  rt.setOutput('job-id', trial.jobId);
  rt.setOutput('metrics', { ...trial.metrics, ...trial.eval.metrics });
  if (value !== undefined) rt.setOutput('metric-value', value);
  rt.log.info(`${legId}: ${r.metric} = ${value ?? 'n/a'} in ${(trial.durationMs / 1000).toFixed(1)} s`);
  return trial;
}

function parseTimeout(d: string): number {
  const m = [...d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return m.reduce((s, x) => s + Number(x[1]) * (unit[x[2] as string] as number), 0);
}

async function writeTrial(file: string, trial: Trial): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomic(file, `${JSON.stringify(trial, null, 2)}\n`);
}

/** Adds the weights under a pointer and pushes them to the store (when a remote is configured). */
async function versionWeights(rt: Runtime, r: Resolved, dir: string): Promise<TrialArtifact> {
  const rel = path.relative(r.root, dir).split(path.sep).join('/');
  if (rel.startsWith('..')) throw new UserError(`the model folder ${dir} is outside the repository`, { hint: 'set train.output to a folder inside it' });
  const added = await addArtifacts(rt, { paths: [rel], ...(r.options.configFile ? { configFile: r.options.configFile } : {}) });
  const entry = added.paths[0];
  if (!entry) throw new Error(`addArtifacts returned nothing for ${rel}`);
  if (r.remote) await pushArtifacts(rt, { paths: [rel], remote: r.remote, ...(r.options.configFile ? { configFile: r.options.configFile } : {}) });
  else rt.log.warn('no artifact remote (artifacts.remote): the weights are versioned locally but not pushed');
  return { path: rel, md5: entry.md5, size: entry.size, ...(entry.nfiles !== undefined ? { nfiles: entry.nfiles } : {}), remote: r.remote ?? '' };
}

/** The sweep's legs as a matrix output, with a summary of what will run. */
export async function sweepStep(rt: Runtime, r: Resolved): Promise<Leg[]> {
  if (!r.train.sweep) throw new UserError('no sweep: set train.sweep in slipway.yml', { hint: 'parameters with lists of values, a method and a budget' });
  const legs = planSweep(r.train.sweep);
  rt.setOutput('matrix', sweepMatrix(legs));
  rt.setOutput('legs', legs.length);
  const names = Object.keys(r.train.sweep.parameters);
  await rt.appendSummary(
    `### 🧪 Sweep: ${legs.length} leg(s), ${r.train.sweep.method ?? 'grid'}\n\n| leg | ${names.join(' | ')} |\n| --- | ${names.map(() => '---').join(' | ')} |\n${legs.map((l) => `| ${l.id} | ${names.map((n) => String(l.params[n])).join(' | ')} |`).join('\n')}\n`,
  );
  return legs;
}

/** Reads every leg's trial, picks the best by the configured metric, records all trials. */
export async function selectStep(rt: Runtime, r: Resolved, trialsDir: string): Promise<Selection> {
  const trials = await readTrials(path.resolve(r.root, trialsDir), trialsDir);
  if (trials.length === 0)
    throw new UserError(`no trial records (*${TRIAL_SUFFIX}) under ${trialsDir}`, { hint: 'download every leg’s artifact into this folder' });
  const selection = selectBest(trials, r.metric, r.goal);
  if (!selection) {
    const failed = trials.filter((t) => t.status === 'failed');
    throw new GateError(`no trial produced ${r.metric}: ${failed.length} of ${trials.length} failed${failed[0]?.error ? ` (first: ${failed[0].error})` : ''}`);
  }
  await rt.appendSummary(selection.markdown);
  await writeAtomic(path.join(r.outDir, 'trials.json'), `${JSON.stringify(selection.ranked, null, 2)}\n`);
  rt.setOutput('best-leg', selection.best.leg);
  rt.setOutput('best-params', selection.best.params);
  rt.setOutput('metric-value', selection.best.eval.value as number);
  rt.setOutput('model', selection.best.model);
  return selection;
}

export interface Registration {
  entry: RegistryEntry;
  release: string;
  pointer?: string;
  pullRequest?: string;
  registryUrl?: string;
}

/**
 * What a run leaves behind: the winner's pointer at `train.output`, a draft release record (in
 * no environment's history yet), a registry entry, and in Actions a pull request committing the
 * pointer files.
 */
export async function registerStep(rt: Runtime, r: Resolved, trial: Trial): Promise<Registration> {
  const code = codeRevision(r.root);
  let pointer: string | undefined;
  const files: { path: string; content: string }[] = [];
  if (trial.artifact) {
    pointer = `${r.output}.dvc`;
    const text = formatPointer([
      {
        md5: trial.artifact.md5,
        size: trial.artifact.size,
        path: path.basename(r.output),
        ...(trial.artifact.nfiles !== undefined ? { nfiles: trial.artifact.nfiles } : {}),
      },
    ]);
    await writeAtomic(path.resolve(r.root, pointer), text);
    files.push({ path: pointer, content: text });
    const ignore = path.join(path.dirname(r.output), '.gitignore');
    const current = await readFile(path.resolve(r.root, ignore), 'utf8').catch(() => '');
    const entry = `/${path.basename(r.output)}`;
    const lines = current.split(/\r?\n/);
    const next = lines.includes(entry) ? current : `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${entry}\n`;
    if (next !== current) await writeAtomic(path.resolve(r.root, ignore), next);
    files.push({ path: ignore.split(path.sep).join('/').replace(/^\.\//, ''), content: next });
  }
  const scores = Object.fromEntries(Object.entries({ ...trial.metrics, ...trial.eval.metrics }).filter(([, v]) => Number.isFinite(v)));
  const { id: release, release: record } = sealRelease({
    schemaVersion: 1,
    git: { sha: /^[0-9a-f]{7,64}$/.test(code.sha) ? code.sha : '0'.repeat(40), ref: code.ref },
    models: trial.artifact
      ? [
          {
            path: r.output,
            md5: trial.artifact.md5,
            size: trial.artifact.size,
            ...(trial.artifact.nfiles !== undefined ? { nfiles: trial.artifact.nfiles } : {}),
          },
        ]
      : [],
    eval: { reportDigest: contentDigest(trial.eval), scores, passed: true },
    createdAt: new Date().toISOString(),
  });
  const releases = await releaseStore(rt, r);
  try {
    await releases.putRelease(record);
  } finally {
    await releases.close();
  }
  const registry = registryFor(rt, r);
  const stage = r.options.stage ?? r.train.registry?.stage ?? 'staging';
  const newEntry = {
    name: r.name,
    stage,
    createdAt: new Date().toISOString(),
    model: { location: trial.model, launcher: trial.launcher, jobId: trial.jobId },
    ...(trial.artifact ? { artifact: trial.artifact } : {}),
    metrics: scores,
    eval: { metric: trial.eval.metric, ...(trial.eval.value !== undefined ? { value: trial.eval.value } : {}) },
    params: trial.params,
    dataDigest: trial.dataDigest,
    code,
    release,
  };
  const registered = await registry.register(newEntry);
  const entry: RegistryEntry = { schema: 'slipway.model/v1', ...newEntry, version: registered.version };
  rt.setOutput('release', release);
  rt.setOutput('registry-version', registered.version);
  if (pointer) rt.setOutput('pointer', pointer);
  let pullRequest: string | undefined;
  const wantPr = r.options.pullRequest ?? r.train.pullRequest ?? true;
  if (wantPr && files.length > 0 && process.env.GITHUB_ACTIONS === 'true') {
    const token = r.options.githubToken ?? '';
    if (token) rt.setSecret(token);
    const ctx = await readGitHubContext(process.env, token);
    const pr = await openPointerPullRequest(
      ctx,
      {
        files,
        branch: `slipway/fine-tune/${r.name}-v${registered.version}`,
        title: `fine-tune: ${r.name} v${registered.version} (${trial.eval.metric} ${trial.eval.value?.toFixed(4) ?? 'n/a'})`,
        body: `New weights for \`${r.output}\` from ${trial.launcher} run ${trial.leg}.\n\n- registry: ${registry.kind} version ${registered.version} (${stage})\n- release (draft): \`${release}\`\n- data: \`${trial.dataDigest}\`\n- code: \`${code.sha}\`\n- ${trial.eval.metric}: ${trial.eval.value ?? 'n/a'}\n\nMerging this pull request makes these weights the ones the repository points at.`,
      },
      rt.log,
    );
    if (pr) {
      pullRequest = pr.url;
      rt.setOutput('pull-request', pr.url);
    }
  }
  await rt.appendSummary(
    `### 📦 Registered ${inlineCode(r.name)} v${registered.version} (${stage})\n\n- registry: ${registry.kind} ${inlineCode(registry.display)}\n- draft release: ${inlineCode(release)}\n${pointer ? `- pointer: ${inlineCode(pointer)} (md5 ${inlineCode(trial.artifact?.md5 ?? '')})\n` : ''}- model: ${inlineCode(trial.model)}\n- data digest: ${inlineCode(trial.dataDigest)}\n- code: ${inlineCode(code.sha)}\n${pullRequest ? `- pull request: ${pullRequest}\n` : ''}`,
  );
  rt.log.info(`registered ${r.name} v${registered.version} (${stage}) in ${registry.display}; draft release ${release}`);
  return {
    entry,
    release,
    ...(pointer ? { pointer } : {}),
    ...(pullRequest ? { pullRequest } : {}),
    ...(registered.url ? { registryUrl: registered.url } : {}),
  };
}

async function releaseStore(rt: Runtime, r: Resolved): Promise<ReleaseStore & { close(): Promise<void> }> {
  if (r.remote) return openReleaseStore(rt, r.remote);
  return Object.assign(new FolderReleaseStore(r.stateDir), { close: async () => {} });
}

function registryFor(rt: Runtime, r: Resolved): ModelRegistry {
  const cfg = r.train.registry ?? {};
  const token = r.options.registryToken ?? (cfg.tokenEnv ? process.env[cfg.tokenEnv] : undefined);
  if (token) rt.setSecret(token);
  switch (cfg.type ?? 'store') {
    case 'mlflow': {
      const url = cfg.url ?? process.env.MLFLOW_TRACKING_URI;
      if (!url) throw new UserError('train.registry.url is required for MLflow', { hint: 'the tracking server, e.g. https://mlflow.example.com' });
      return new MlflowRegistry(url, token ?? process.env.MLFLOW_TRACKING_TOKEN);
    }
    case 'huggingface': {
      const hfToken = token ?? process.env.HF_TOKEN;
      if (!cfg.repo) throw new UserError('train.registry.repo is required for the Hugging Face Hub', { hint: 'e.g. acme/support-bot' });
      if (!hfToken) throw new UserError('a Hugging Face token is required', { hint: 'pass registry-token or set HF_TOKEN' });
      rt.setSecret(hfToken);
      return new HubRegistry(cfg.repo, hfToken, cfg.url ?? 'https://huggingface.co');
    }
    default: {
      const url = cfg.url ?? r.remote;
      if (!url) return new StoreRegistry(path.join(r.root, '.slipway'));
      const spec = parseRemote(url, r.configDir, 'train.registry.url', r.s3);
      if (spec.kind === 'folder') return new StoreRegistry(spec.root);
      for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
        const value = process.env[name];
        if (value) rt.setSecret(value);
      }
      return new S3Registry({ bucket: spec.bucket, prefix: spec.prefix, region: spec.s3.region, endpoint: spec.s3.endpoint, pathStyle: spec.s3.pathStyle });
    }
  }
}

/** A digest of a file's bytes, for messages. */
export async function fileDigest(file: string): Promise<string> {
  return `sha256:${createHash('sha256')
    .update(await readFile(file))
    .digest('hex')}`;
}
