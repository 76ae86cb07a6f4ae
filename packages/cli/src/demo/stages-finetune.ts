import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inlineCode, type Runtime } from '@slipway/kit';
import type { DemoStage } from './stage.js';
import { serveModel } from './support-bot.js';

/**
 * Phase 4: the monthly fine-tune as a scheduled job would run it. New support conversations
 * arrive (the half of the training data v1 never saw); their data check runs (schema,
 * duplicates, leakage into the eval set, PII, tokens), a 4-point sweep over the model's feature
 * dimensions trains and evaluates each leg on the team's eval suite, select-best picks the leg
 * with the best pass rate, and the winner is versioned, pushed to the artifact store, given a
 * draft release and registered. The staging and canary stages then roll that registered model out.
 */
export const finetuneStage: DemoStage = {
  name: 'fine-tune',
  phase: 'Training & fine-tuning',
  async run(ctx) {
    const { fineTune } = await import('@slipway/finetune');
    const repo = path.join(ctx.workDir, 'fine-tune');
    await mkdir(path.join(repo, 'data'), { recursive: true });
    await mkdir(path.join(repo, 'evals'), { recursive: true });
    const lines = (await readFile(path.join(ctx.exampleDir, 'data/train.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const half = Math.floor(lines.length / 2);
    // What v1 was trained on, and the month's new conversations.
    await writeFile(path.join(repo, 'data/seen.jsonl'), `${lines.slice(0, half).join('\n')}\n`);
    await writeFile(path.join(repo, 'data/recent.jsonl'), `${lines.slice(half).join('\n')}\n`);
    await copyFile(path.join(ctx.exampleDir, 'data/eval.jsonl'), path.join(repo, 'data/eval.jsonl'));
    await copyFile(path.join(ctx.exampleDir, 'evals/support.yaml'), path.join(repo, 'evals/support.yaml'));
    const scripts = path.join(ctx.exampleDir, 'scripts');
    await writeFile(
      path.join(repo, 'slipway.yml'),
      `version: 1
artifacts:
  remote: file://${path.join(ctx.workDir, 'artifact-remote')}
eval:
  suites: [evals/support.yaml]
train:
  name: support-bot
  data: [data/seen.jsonl, data/recent.jsonl]
  evalData: [data/eval.jsonl]
  output: model
  command: node ${scripts}/train.mjs --data {train} --out {output} --dims {dims}
  evaluate:
    serve: node ${scripts}/serve.mjs --model {output} --port 0 --model-name support-bot
    urlEnv: SUPPORT_BOT_URL
    metric: pass-rate
  sweep:
    method: grid
    parameters:
      dims: [256, 1024, 2048, 4096]
  registry:
    stage: staging
`,
    );
    // The stage's own log stays short: each leg's training output is in the report.
    const quiet = { ...ctx.rt.log, info: () => {}, debug: () => {} };
    const rt: Runtime = Object.create(ctx.rt, {
      cwd: { value: repo },
      log: { value: quiet },
      appendSummary: { value: async () => {} },
      annotate: { value: () => {} },
      setOutput: { value: () => {} },
      group: { value: <T>(_name: string, fn: () => Promise<T>) => fn() },
      progress: { value: () => ({ tick() {}, setTotal() {}, done() {} }) },
    });
    const result = await fineTune(rt, 'sweep', { local: true });
    const { selection, registration, data } = result;
    if (!selection || !registration || !data) throw new Error('the sweep selected or registered nothing');
    const best = selection.best;
    ctx.state.set('finetune:model', path.resolve(repo, best.model));
    ctx.state.set('finetune:release', registration.release);
    ctx.state.set('finetune:registry', registration.entry);
    // The registered model is the v2 that the deployment stages (staging, then production) roll out.
    const served = await serveModel(ctx.exampleDir, path.resolve(repo, best.model), 'support-bot-v2');
    ctx.onCleanup(() => served.stop());
    ctx.state.set('url:v2', served.url);
    ctx.state.set('model:v2', path.resolve(repo, best.model));
    ctx.rt.log.info(
      `fine-tune: ${selection.ranked.length} legs, best ${best.leg} (dims ${best.params.dims}) pass rate ${best.eval.value?.toFixed(3)}; registered v${registration.entry.version}`,
    );
    const { dataReportMarkdown } = await import('@slipway/finetune');
    return {
      headline: `4-point sweep on ${data.examples.train} examples (${half} new); best dims=${String(best.params.dims)} at pass rate ${((best.eval.value ?? 0) * 100).toFixed(1)}%, registered support-bot v${registration.entry.version} (${registration.entry.stage})`,
      body: `${dataReportMarkdown(data)}\n${selection.markdown}\nRegistered in the store's registry as ${inlineCode(`support-bot v${registration.entry.version}`)} (stage ${registration.entry.stage}), weights ${inlineCode(`${registration.pointer ?? ''}`)} pushed to the artifact store, draft release ${inlineCode(registration.release)}. The staging and canary stages roll this model out.\n`,
      prComment: `### Fine-tune\n\nSweep of ${selection.ranked.length} legs; best ${inlineCode(best.leg)} (dims ${String(best.params.dims)}), pass rate ${((best.eval.value ?? 0) * 100).toFixed(1)}%. Registered support-bot v${registration.entry.version}.`,
    };
  },
};
