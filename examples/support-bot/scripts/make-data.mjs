#!/usr/bin/env node
// Builds data/train.jsonl and data/eval.jsonl from the hand-written intents in ./intents/.
// Deterministic: the same --seed always writes byte-identical files, so the committed data can
// be regenerated and diffed. Eval lines use paraphrases, order numbers, products and emails
// that never occur in training, so the eval set is a genuine held-out test.
//
//   node scripts/make-data.mjs [--seed 7] [--out data]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng, pick, randomInt, shuffled } from '../src/prng.mjs';
import { customerIntents } from './intents/customer.mjs';
import { orderIntents } from './intents/orders.mjs';

/**
 * @typedef {object} Intent
 * @property {string} intent    label, snake_case
 * @property {string} answer    canonical reply; may contain {order}, {product}, {email}
 * @property {string} [alt]     a second wording of the reply, used for some training lines
 * @property {string[]} train   question paraphrases for training
 * @property {string[]} eval    held-out paraphrases, none of them in `train`
 */

/** @typedef {{ order: string[], product: string[], email: string[] }} SlotPools */

const TRAIN_PER_INTENT = 11;

// Slot values are split between the two sets so that slot copying, not memorising, is tested.
const TRAIN_PRODUCTS = [
  'Summit Fleece',
  'Trailblazer Jacket',
  'Ridge Hiking Boots',
  'Harbor Rain Shell',
  'Canyon Daypack',
  'Alpine Beanie',
  'Meadow Linen Shirt',
  'Basecamp Tent',
  'Glacier Parka',
  'Cedar Flannel',
  'Tidewater Sandals',
  'Pinecrest Hoodie',
  'Switchback Leggings',
  'Timberline Gloves',
];
const EVAL_PRODUCTS = ['Ember Down Vest', 'Juniper Trail Shorts', 'Aspen Wool Socks', 'Driftwood Chinos', 'Northstar Rain Jacket', 'Boulder Climbing Pants'];
const TRAIN_NAMES = ['jane.doe', 'sam.lee', 'maria.garcia', 'tom.nguyen', 'alex.kim', 'priya.shah', 'li.wei', 'omar.haddad'];
const EVAL_NAMES = ['noah.berg', 'fatima.ali', 'lucas.moreau', 'hana.sato'];
const DOMAINS = ['example.com', 'mail.test', 'inbox.example'];

// Greetings and sign-offs make questions less uniform; eval uses ones training never shows.
const TRAIN_WRAP = { pre: ['', '', '', 'Hi, ', 'Hello! ', 'Hey, ', 'Quick question: '], post: ['', '', ' Thanks!', ' Thank you.'] };
const EVAL_WRAP = { pre: ['', '', 'Good morning. ', 'Hi there, '], post: ['', ' Cheers.', ' Appreciate the help!'] };

/**
 * Order numbers as "#NNNNN"; train and eval draw from disjoint ranges.
 * @param {() => number} rng
 * @param {number} low
 * @param {number} high
 * @param {number} count
 * @returns {string[]}
 */
function orderNumbers(rng, low, high, count) {
  /** @type {Set<string>} */
  const out = new Set();
  while (out.size < count) out.add(`#${low + randomInt(rng, high - low)}`);
  return [...out];
}

/**
 * @param {string[]} names
 * @returns {string[]}
 */
function emails(names) {
  return names.flatMap((name, i) => [`${name}@${DOMAINS[i % DOMAINS.length]}`, `${name.replace('.', '')}@${DOMAINS[(i + 1) % DOMAINS.length]}`]);
}

/**
 * Replaces {slot} markers with the chosen values.
 * @param {string} template
 * @param {Record<string, string>} values
 * @returns {string}
 */
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
}

/**
 * Adds a greeting and a sign-off; after a comma or colon the question continues the sentence,
 * so its first letter is lowered (except the pronoun "I").
 * @param {string} question
 * @param {string} pre
 * @param {string} post
 * @returns {string}
 */
function wrap(question, pre, post) {
  const continues = /[,:] $/.test(pre) && !/^I\b/.test(question);
  const body = continues ? question.charAt(0).toLowerCase() + question.slice(1) : question;
  return `${pre}${body}${post}`;
}

/**
 * Makes the lines of one split for one intent.
 * @param {() => number} rng
 * @param {Intent} intent
 * @param {'train' | 'eval'} split
 * @param {SlotPools} pools
 * @param {Set<string>} seen questions already used anywhere; duplicates are re-drawn
 * @returns {{ id: string, intent: string, messages: { role: 'user', content: string }[], expected: string }[]}
 */
function makeLines(rng, intent, split, pools, seen) {
  const templates = split === 'train' ? intent.train : intent.eval;
  const count = split === 'train' ? TRAIN_PER_INTENT : templates.length;
  const wrapper = split === 'train' ? TRAIN_WRAP : EVAL_WRAP;
  const lines = [];
  for (let i = 0; i < count; i++) {
    const template = /** @type {string} */ (templates[i % templates.length]);
    let question = '';
    /** @type {Record<string, string>} */
    let values = {};
    for (let attempt = 0; attempt < 50 && (question === '' || seen.has(question)); attempt++) {
      values = { order: pick(rng, pools.order), product: pick(rng, pools.product), email: pick(rng, pools.email) };
      question = wrap(fill(template, values), pick(rng, wrapper.pre), pick(rng, wrapper.post));
    }
    if (seen.has(question)) throw new Error(`could not make a unique question from "${template}"`);
    seen.add(question);
    // Training sees the alternative wording of the reply on every third line; eval always
    // expects the canonical one.
    const reply = split === 'train' && intent.alt !== undefined && i % 3 === 2 ? intent.alt : intent.answer;
    const id = `${intent.intent}-${split === 'train' ? 't' : 'e'}${String(i + 1).padStart(2, '0')}`;
    lines.push({ id, intent: intent.intent, messages: [{ role: /** @type {const} */ ('user'), content: question }], expected: fill(reply, values) });
  }
  return lines;
}

/**
 * Refuses data that would make the eval set leak: a paraphrase present in both splits.
 * @param {Intent[]} intents
 */
function checkHeldOut(intents) {
  const labels = new Set();
  for (const intent of intents) {
    if (labels.has(intent.intent)) throw new Error(`duplicate intent ${intent.intent}`);
    labels.add(intent.intent);
    const train = new Set(intent.train.map((t) => t.toLowerCase()));
    for (const t of intent.eval) if (train.has(t.toLowerCase())) throw new Error(`eval paraphrase is also in train: ${t}`);
  }
}

function main() {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '7' }, out: { type: 'string', default: 'data' } } });
  const rng = createRng(Number(values.seed));
  const intents = [...orderIntents, ...customerIntents];
  checkHeldOut(intents);
  const trainPools = { order: orderNumbers(rng, 10000, 60000, 60), product: TRAIN_PRODUCTS, email: emails(TRAIN_NAMES) };
  const evalPools = { order: orderNumbers(rng, 60000, 100000, 30), product: EVAL_PRODUCTS, email: emails(EVAL_NAMES) };
  /** @type {Set<string>} */
  const seen = new Set();
  const train = shuffled(
    rng,
    intents.flatMap((intent) => makeLines(rng, intent, 'train', trainPools, seen)),
  );
  const evalSet = intents.flatMap((intent) => makeLines(rng, intent, 'eval', evalPools, seen));
  const outDir = resolve(String(values.out));
  mkdirSync(outDir, { recursive: true });
  for (const [name, lines] of /** @type {const} */ ([
    ['train.jsonl', train],
    ['eval.jsonl', evalSet],
  ])) {
    writeFileSync(join(outDir, name), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  }
  console.log(`${intents.length} intents: ${train.length} train lines, ${evalSet.length} eval lines in ${outDir}`);
}

main();
