#!/usr/bin/env node
// Scores a trained model on a JSONL eval set and prints one JSON object.
//
//   node scripts/score.mjs --model model --data data/eval.jsonl [--show-misses]
//
// accuracy:        share of lines whose predicted intent is right OR whose reply equals the
//                  expected reply after normalisation (the two disagree only on odd lines)
// exact_match:     share of replies equal to `expected` after normalisation
// intent_accuracy: share of lines with the right intent
// token_f1:        mean bag-of-words F1 between reply and `expected` (SQuAD-style)

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readExamples } from '../src/data.mjs';
import { answer, loadModel } from '../src/model.mjs';

/**
 * Lower case, punctuation removed, whitespace collapsed: formatting must not count as an error.
 * @param {string} text
 * @returns {string}
 */
export function normalise(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#@.\s]|(?<!\w)[.]|[.](?!\w)/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Token-level F1 between two texts, counting repeated tokens as many times as they occur.
 * @param {string} predicted
 * @param {string} expected
 * @returns {number}
 */
export function tokenF1(predicted, expected) {
  const p = normalise(predicted).split(' ').filter(Boolean);
  const e = normalise(expected).split(' ').filter(Boolean);
  if (p.length === 0 || e.length === 0) return p.length === e.length ? 1 : 0;
  /** @type {Map<string, number>} */
  const remaining = new Map();
  for (const t of e) remaining.set(t, (remaining.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const left = remaining.get(t) ?? 0;
    if (left > 0) {
      common++;
      remaining.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / e.length;
  return (2 * precision * recall) / (precision + recall);
}

/** @param {number} x */
const round = (x) => Math.round(x * 10000) / 10000;

function main() {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'model' },
      data: { type: 'string', default: 'data/eval.jsonl' },
      'show-misses': { type: 'boolean', default: false },
    },
  });
  const modelDir = resolve(String(values.model));
  const model = loadModel(modelDir);
  const { examples } = readExamples(resolve(String(values.data)));
  let correct = 0;
  let exact = 0;
  let intents = 0;
  let f1 = 0;
  const misses = [];
  for (const ex of examples) {
    const reply = answer(model, ex.question);
    const intentOk = reply.intent === ex.intent;
    const exactOk = normalise(reply.text) === normalise(ex.answer);
    intents += intentOk ? 1 : 0;
    exact += exactOk ? 1 : 0;
    correct += intentOk || exactOk ? 1 : 0;
    f1 += tokenF1(reply.text, ex.answer);
    if (!(intentOk || exactOk)) misses.push({ id: ex.id, question: ex.question, predicted: reply.intent, nearest: reply.nearest });
  }
  const n = examples.length || 1;
  const result = {
    model: modelDir,
    fingerprint: model.config.fingerprint,
    examples: examples.length,
    accuracy: round(correct / n),
    exact_match: round(exact / n),
    intent_accuracy: round(intents / n),
    token_f1: round(f1 / n),
    ...(values['show-misses'] ? { misses } : {}),
  };
  console.log(JSON.stringify(result, null, 2));
}

try {
  main();
} catch (err) {
  console.error(`score: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
