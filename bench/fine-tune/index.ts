import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkData, MinHasher, NearDuplicateIndex, normalizeText, shingleSet, shingles } from '@slipway/finetune';
import { mulberry32 } from '@slipway/stats';
import { type BenchResult, median, REPO_ROOT, round, target } from '../lib.js';

/**
 * The data checks of fine-tune, side by side with two peers in one run:
 * (a) near-duplicate detection: our MinHash + LSH index against the straightforward reference a
 *     team writes first, exact Jaccard over every pair of shingle sets, on the same synthetic
 *     corpus with planted near duplicates. Exact all-pairs is also the ground truth, so recall and
 *     precision are measured, not assumed. It is quadratic: run at 2,000 and 5,000 examples.
 * (b) the whole check (schema, exact and near duplicates, leakage, secrets and PII, exact o200k
 *     token counts) on 20,000 chat examples, against `jq -c .` reading the same file: the floor of
 *     merely parsing the JSONL with a fast C tool.
 * Targets (ours, the issue sets none): recall and precision ≥ 0.95 at Jaccard ≥ 0.85; ≥ 10× the
 * exact reference at 5,000 examples; ≥ 2,000 examples/s for the whole check, so a 100,000-example
 * monthly set is checked in under a minute on a 2-core runner.
 */

const WORK = path.join(REPO_ROOT, 'bench/.work/fine-tune');
const THRESHOLD = 0.85;
const RUNS = 5;

/** A corpus of support questions and answers; every tenth is a light edit of an earlier one (a near duplicate). */
function corpus(n: number, seed: number): { prompt: string; completion: string }[] {
  const rng = mulberry32(seed);
  const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
  const pick = () => words[Math.floor(rng() * rng() * words.length)] as string;
  const out: { prompt: string; completion: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 10 && i % 10 === 0) {
      const src = out[Math.floor(rng() * out.length)] as { prompt: string; completion: string };
      const edit = (s: string) =>
        s
          .split(' ')
          .map((w) => (rng() < 0.02 ? pick() : w))
          .join(' ');
      out.push({ prompt: edit(src.prompt), completion: edit(src.completion) });
      continue;
    }
    const len = 20 + Math.floor(rng() * 40);
    out.push({ prompt: Array.from({ length: len }, pick).join(' '), completion: Array.from({ length: 30 + Math.floor(rng() * 40) }, pick).join(' ') });
  }
  return out;
}

function exactPairs(sets: Set<number>[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i < sets.length; i++) {
    const a = sets[i] as Set<number>;
    for (let j = 0; j < i; j++) {
      const b = sets[j] as Set<number>;
      let inter = 0;
      for (const x of a) if (b.has(x)) inter++;
      const jac = inter / (a.size + b.size - inter);
      if (jac >= THRESHOLD) pairs.add(`${j}:${i}`);
    }
  }
  return pairs;
}

/** What the check does per example: the first earlier item at or above the threshold. */
function lshPairs(texts: string[]): { found: Set<string> } {
  const hasher = new MinHasher();
  const index = new NearDuplicateIndex<number>(hasher, THRESHOLD);
  const found = new Set<string>();
  texts.forEach((t, i) => {
    const set = shingleSet(shingles(normalizeText(t)));
    const sig = hasher.signature(set);
    const hit = index.nearest(sig, set);
    if (hit) found.add(`${hit.value}:${i}`);
    index.add(sig, set, i);
  });
  return { found };
}

export async function run(): Promise<BenchResult> {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const medians: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const targets: BenchResult['targets'] = {};
  const notes: string[] = [];

  for (const n of [2000, 5000]) {
    const docs = corpus(n, 7).map((d) => `${d.prompt}\n${d.completion}`);
    const sets = docs.map((t) => new Set(shingles(normalizeText(t))));
    const refMs: number[] = [];
    const oursMs: number[] = [];
    let truth = new Set<string>();
    let ours = new Set<string>();
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      // The quadratic reference is slow: timed on the first run (its answer never changes).
      if (r === 0) {
        truth = exactPairs(sets);
        refMs.push(performance.now() - t);
      }
      t = performance.now();
      ours = lshPairs(docs).found;
      oursMs.push(performance.now() - t);
    }
    // Ground truth per later item: does any earlier item reach the threshold? (what the check reports)
    const truthItems = new Set([...truth].map((p) => p.split(':')[1]));
    const oursItems = new Set([...ours].map((p) => p.split(':')[1]));
    const hits = [...oursItems].filter((i) => truthItems.has(i)).length;
    const recall = truthItems.size ? hits / truthItems.size : 1;
    const precision = oursItems.size ? hits / oursItems.size : 1;
    medians[`near-dup ${n}: exact all-pairs ms (1 run)`] = round(median(refMs), 1);
    medians[`near-dup ${n}: slipway MinHash+LSH ms`] = round(median(oursMs), 1);
    medians[`near-dup ${n}: duplicates (ground truth)`] = truthItems.size;
    medians[`near-dup ${n}: recall`] = round(recall);
    medians[`near-dup ${n}: precision`] = round(precision);
    ratios[`near-dup ${n}: speed-up over exact all-pairs`] = round(median(refMs) / median(oursMs), 2);
    targets[`near-dup recall @ ${n}`] = target(recall, 0.95, 'min', '');
    targets[`near-dup precision @ ${n}`] = target(precision, 0.95, 'min', '');
    if (n === 5000) targets['speed-up over exact all-pairs @ 5000'] = target(median(refMs) / median(oursMs), 10, 'min', '×');
  }

  // (b) the whole check on 20,000 chat examples, against jq reading the same file.
  const n = 20_000;
  const docs = corpus(n, 11);
  const file = path.join(WORK, 'train.jsonl');
  const lines = docs.map((d, i) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: 'You are the support assistant of Acme Outfitters.' },
        { role: 'user', content: i % 500 === 0 ? `${d.prompt} reach me at someone${i}@example.com` : d.prompt },
        { role: 'assistant', content: d.completion },
      ],
    }),
  );
  await writeFile(file, `${lines.join('\n')}\n`);
  const held = path.join(WORK, 'eval.jsonl');
  await writeFile(
    held,
    `${corpus(500, 99)
      .map((d) =>
        JSON.stringify({
          messages: [
            { role: 'user', content: d.prompt },
            { role: 'assistant', content: d.completion },
          ],
        }),
      )
      .join('\n')}\n`,
  );
  const bytes = Buffer.byteLength(lines.join('\n')) + 1;
  const checkMs: number[] = [];
  let report: Awaited<ReturnType<typeof checkData>> | undefined;
  // The tokenizer's rank table loads once per process; the first run pays for it, and is left out.
  await checkData({ train: ['eval.jsonl'], cwd: WORK, model: 'gpt-4o-mini' });
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    report = await checkData({ train: ['train.jsonl'], eval: ['eval.jsonl'], cwd: WORK, model: 'gpt-4o-mini', maxDuplicateRate: 1 });
    checkMs.push(performance.now() - t);
  }
  const jqMs: number[] = [];
  if (existsSync('/usr/bin/jq')) {
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      const res = spawnSync('/usr/bin/jq', ['-c', '.', file], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (res.status !== 0) throw new Error('jq failed');
      jqMs.push(performance.now() - t);
    }
  }
  const rate = n / (median(checkMs) / 1000);
  medians['check 20k: slipway full check ms'] = round(median(checkMs), 1);
  medians['check 20k: slipway examples/s'] = round(rate, 0);
  medians['check 20k: slipway MB/s'] = round(bytes / 1e6 / (median(checkMs) / 1000), 2);
  medians['check 20k: tokens counted (o200k, exact)'] = report?.tokens.total ?? 0;
  medians['check 20k: near duplicates found'] = report?.counts.nearDuplicates ?? 0;
  medians['check 20k: personal data flagged'] = report?.counts.pii ?? 0;
  if (jqMs.length) {
    medians['check 20k: jq -c . (parse only) ms'] = round(median(jqMs), 1);
    ratios['check 20k: full check time / jq parse time'] = round(median(checkMs) / median(jqMs), 2);
  }
  targets['full check throughput'] = target(rate, 2000, 'min', ' examples/s');
  // Where the time goes: one profile-free breakdown, timing the stages alone on the same data.
  const { tokenCounter, parseJsonl } = await import('@slipway/finetune');
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(file, 'utf8');
  let t = performance.now();
  const parsed = parseJsonl('train.jsonl', text);
  const parseMs = performance.now() - t;
  const counter = await tokenCounter('gpt-4o-mini');
  t = performance.now();
  for (const ex of parsed.examples) for (const m of ex.messages) counter.count(m.content);
  const tokenMs = performance.now() - t;
  t = performance.now();
  lshPairs(parsed.examples.map((e) => `${e.prompt}\n${e.completion}`));
  const dedupMs = performance.now() - t;
  medians['check 20k: parse + schema ms'] = round(parseMs, 1);
  medians['check 20k: o200k token counting ms'] = round(tokenMs, 1);
  medians['check 20k: MinHash signatures + LSH ms'] = round(dedupMs, 1);
  notes.push(
    `corpus: synthetic support exchanges over a 3,000-word vocabulary with a skewed word distribution; every tenth example is an earlier one with ~2% of its words replaced (Jaccard of 3-word shingles ≈ 0.85–0.95), so duplicates sit near the threshold on purpose`,
    'ground truth: exact Jaccard of the same shingle sets over every pair (the reference peer itself); an example counts as found when the check flags it as a near duplicate of any earlier one',
    `full check: ${n} chat examples (${(bytes / 1e6).toFixed(1)} MB), 500 held-out examples for leakage, exact o200k_base counts via js-tiktoken; jq (Debian; version under peers) reading and re-serialising the same file is the parse-only floor`,
    `machine: ${os.cpus().length} cores shared with other work; medians of 3–5 runs`,
  );
  return {
    name: 'fine-tune',
    description:
      "fine-tune's data checks: MinHash+LSH near-duplicate detection against exact all-pairs Jaccard (the straightforward reference, also the ground truth), and the whole check (schema, duplicates, leakage, secrets/PII, exact o200k tokens) against jq parsing the same JSONL",
    peers: {
      'exact all-pairs Jaccard (reference implementation, same process)': 'in bench/fine-tune/index.ts',
      jq: spawnSync('/usr/bin/jq', ['--version'], { encoding: 'utf8' }).stdout.trim() || 'absent',
    },
    medians,
    ratios,
    targets,
    limit: `CPU: single-threaded JavaScript; in the full check o200k token counting takes ${round(tokenMs, 0)} ms and MinHash signatures ${round(dedupMs, 0)} ms of ${round(median(checkMs), 0)} ms`,
    notes,
  };
}
