import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tokenF1 } from '@slipway/delivery';
import { escapeMarkdown, mapLimit, markdownTable, type ServiceProcess } from '@slipway/kit';
import type { DemoStage } from './stage.js';
import { ask, runScript, serveModel } from './support-bot.js';

interface EvalCase {
  id: string;
  messages: { role: string; content: string }[];
  expected: string;
}

/** v1 learns from the first half of the data, v2 from all of it: two real versions to compare. */
export const trainStage: DemoStage = {
  name: 'train',
  phase: 'Training & fine-tuning',
  async run(ctx) {
    const lines = (await readFile(path.join(ctx.exampleDir, 'data/train.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const half = path.join(ctx.workDir, 'train-v1.jsonl');
    await writeFile(half, `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`);
    const versions = [
      { name: 'v1', data: half, rows: Math.floor(lines.length / 2) },
      { name: 'v2', data: path.join(ctx.exampleDir, 'data/train.jsonl'), rows: lines.length },
    ];
    const rows: string[][] = [];
    for (const v of versions) {
      const out = path.join(ctx.workDir, 'models', v.name);
      const started = performance.now();
      await runScript(ctx.exampleDir, 'train.mjs', ['--data', v.data, '--out', out]);
      const ms = performance.now() - started;
      ctx.state.set(`model:${v.name}`, out);
      const config = JSON.parse(await readFile(path.join(out, 'config.json'), 'utf8')) as Record<string, unknown>;
      rows.push([v.name, String(v.rows), `${(ms / 1000).toFixed(2)} s`, escapeMarkdown(String(config.dataMd5 ?? config.data_md5 ?? '-'))]);
      ctx.rt.log.info(`trained ${v.name} on ${v.rows} examples in ${(ms / 1000).toFixed(2)} s`);
    }
    return {
      headline: `trained v1 (${versions[0]?.rows} examples) and v2 (${versions[1]?.rows} examples)`,
      body: markdownTable(['version', 'training examples', 'time', 'data md5'], rows),
    };
  },
};

/** Both versions served side by side over the OpenAI chat-completions protocol. */
export const serveStage: DemoStage = {
  name: 'serve',
  phase: 'Continuous deployment',
  async run(ctx) {
    const rows: string[][] = [];
    for (const name of ['v1', 'v2']) {
      const server: ServiceProcess = await serveModel(ctx.exampleDir, ctx.state.get(`model:${name}`) as string, `support-bot-${name}`);
      ctx.onCleanup(() => server.stop());
      ctx.state.set(`url:${name}`, server.url);
      rows.push([name, server.url, String(server.pid)]);
      ctx.rt.log.info(`serving ${name} at ${server.url}`);
    }
    return { headline: 'v1 and v2 serving on loopback', body: markdownTable(['version', 'base URL', 'pid'], rows) };
  },
};

/** Asks both versions the held-out questions and shows where they differ. */
export const answerStage: DemoStage = {
  name: 'answer',
  phase: 'Automated testing',
  async run(ctx) {
    const cases = (await readFile(path.join(ctx.exampleDir, 'data/eval.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EvalCase);
    const scores: Record<string, { f1: number; exact: number; answers: string[] }> = {};
    for (const name of ['v1', 'v2']) {
      const url = ctx.state.get(`url:${name}`) as string;
      const progress = ctx.rt.progress(`asking ${name}`, cases.length);
      const answers = await mapLimit(cases, 8, async (c) => {
        const question = c.messages.findLast((m) => m.role === 'user')?.content ?? '';
        const a = await ask(url, `support-bot-${name}`, question);
        progress.tick();
        return a.content;
      });
      progress.done();
      const f1s = answers.map((a, i) => tokenF1(a, cases[i]?.expected ?? ''));
      scores[name] = {
        answers,
        f1: mean(f1s),
        exact: mean(answers.map((a, i) => (normalize(a) === normalize(cases[i]?.expected ?? '') ? 1 : 0))),
      };
    }
    const streamed = await ask(ctx.state.get('url:v2') as string, 'support-bot-v2', cases[0]?.messages.at(-1)?.content ?? 'hello', true);
    const v1 = scores.v1 as { f1: number; exact: number; answers: string[] };
    const v2 = scores.v2 as { f1: number; exact: number; answers: string[] };
    const differing = cases
      .map((c, i) => ({ c, i }))
      .filter(({ i }) => v1.answers[i] !== v2.answers[i])
      .slice(0, 5);
    const table = markdownTable(
      ['version', 'exact match', 'token F1', 'cases'],
      [
        ['v1', pct(v1.exact), v1.f1.toFixed(3), String(cases.length)],
        ['v2', pct(v2.exact), v2.f1.toFixed(3), String(cases.length)],
      ],
      ['left', 'right', 'right', 'right'],
    );
    const examples = markdownTable(
      ['question', 'v1 answered', 'v2 answered'],
      differing.map(({ c, i }) => [escapeMarkdown(c.messages.at(-1)?.content ?? ''), escapeMarkdown(v1.answers[i] ?? ''), escapeMarkdown(v2.answers[i] ?? '')]),
    );
    ctx.state.set('scores', { v1: { f1: v1.f1, exact: v1.exact }, v2: { f1: v2.f1, exact: v2.exact } });
    return {
      headline: `v1 exact ${pct(v1.exact)}, v2 exact ${pct(v2.exact)} on ${cases.length} held-out questions`,
      body: `${table}\n\nStreaming check (v2, SSE): ${streamed.completionTokens} tokens in ${streamed.latencyMs.toFixed(1)} ms, same text as non-streaming: ${streamed.content === v2.answers[0] ? 'yes' : 'no'}.\n\nWhere the versions differ (first ${differing.length}):\n\n${examples}`,
      prComment: `### Support-bot answers: v2 against v1\n\n${table}\n\n<details><summary>Where the versions differ</summary>\n\n${examples}\n\n</details>`,
    };
  },
};

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim();
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
