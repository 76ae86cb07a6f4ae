// The example model: TF-IDF retrieval over training questions. It is NOT a language model.
// It embeds a question as a hashed TF-IDF vector, finds the most similar training questions by
// cosine similarity, lets the top k vote for an intent and a reply, and copies slot values
// (order number, email, product) from the question into the reply.
//
// Files written by saveModel (all deterministic for the same data, corruption and seed):
//   weights.bin   float32 little-endian: idf[dims], then one L2-normalised row per question
//   vocab.json    every training term and its hashed feature index
//   answers.json  reply templates and, per row, the question and the template it maps to
//   config.json   format version, dimensions, md5 of data and weights

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bucketOf, extractSlots, fillSlots, termCounts } from './text.mjs';

export const FORMAT_VERSION = 1;
export const DEFAULT_DIMS = 4096;
const TOP_K = 5;
// Below this similarity the question shares (almost) nothing with any training question.
const MIN_SIMILARITY = 0.1;
const UNKNOWN_REPLY =
  "I'm sorry, I did not understand the question. I can help with orders, shipping, returns, refunds, your account, payments and our stores. Could you rephrase it?";
const ASK_ORDER_REPLY = 'I can help with that. Could you tell me your order number? It starts with # and is in your confirmation email.';

/** @typedef {import('./data.mjs').Example} Example */
/** @typedef {{ intent: string, text: string }} Template */
/** @typedef {import('./data.mjs').Corruption} Corruption */
/**
 * @typedef {object} Model
 * @property {Record<string, unknown> & { dims: number, rows: number, name: string, fingerprint: string }} config
 * @property {Float32Array} idf
 * @property {Float32Array} matrix   rows × dims, row-major
 * @property {Map<string, number>} vocab  term → feature index
 * @property {Template[]} templates
 * @property {{ question: string, template: number }[]} rows
 */
/** @typedef {{ text: string, intent: string, similarity: number, nearest: string }} Reply */

/**
 * Turns a reply into a template by replacing the slot values its question contains, so that
 * "order #12345" in training becomes "order {order}" and is re-filled at answer time.
 * @param {string} question
 * @param {string} answer
 * @returns {string}
 */
function delexicalise(question, answer) {
  let out = answer;
  for (const [name, value] of Object.entries(extractSlots(question))) out = out.split(value).join(`{${name}}`);
  return out;
}

/**
 * Sparse TF-IDF vector of a text, L2-normalised. At answer time (vocab given) a term never seen
 * in training is left out of the vector, so it cannot collide into a trained feature, but it
 * still counts in the norm with the highest idf: a question made mostly of unknown words then
 * has a low similarity to everything and gets the "did not understand" reply.
 * @param {string} text
 * @param {number} dims
 * @param {Float32Array} idf
 * @param {Map<string, number> | undefined} vocab
 * @returns {Map<number, number>}
 */
function vectorise(text, dims, idf, vocab) {
  /** @type {Map<number, number>} */
  const vec = new Map();
  let unknownMass = 0;
  const maxIdf = idf.reduce((m, v) => Math.max(m, v), 0);
  for (const [term, count] of termCounts(text)) {
    const tf = 1 + Math.log(count);
    if (vocab !== undefined && !vocab.has(term)) {
      unknownMass += (tf * maxIdf) ** 2;
      continue;
    }
    const b = bucketOf(term, dims);
    vec.set(b, (vec.get(b) ?? 0) + tf * /** @type {number} */ (idf[b]));
  }
  const norm = Math.sqrt([...vec.values()].reduce((s, v) => s + v * v, unknownMass));
  if (norm > 0) for (const [b, v] of vec) vec.set(b, v / norm);
  return vec;
}

/**
 * Trains the model. "Training" is counting: document frequencies give the idf weights, and each
 * training question becomes one row of the matrix.
 * @param {Example[]} examples
 * @param {{ dims?: number, name?: string }} [options]
 * @returns {Model}
 */
export function train(examples, options = {}) {
  const dims = options.dims ?? DEFAULT_DIMS;
  /** @type {Map<string, number>} */
  const vocab = new Map();
  const df = new Float64Array(dims);
  for (const ex of examples) {
    const buckets = new Set();
    for (const term of termCounts(ex.question).keys()) {
      const b = bucketOf(term, dims);
      vocab.set(term, b);
      buckets.add(b);
    }
    for (const b of buckets) df[b] = (df[b] ?? 0) + 1;
  }
  const idf = new Float32Array(dims).map((_, b) => Math.log((1 + examples.length) / (1 + (df[b] ?? 0))) + 1);
  const matrix = new Float32Array(examples.length * dims);
  /** @type {Map<string, number>} */
  const templateIndex = new Map();
  /** @type {Template[]} */
  const templates = [];
  const rows = examples.map((ex, r) => {
    for (const [b, v] of vectorise(ex.question, dims, idf, undefined)) matrix[r * dims + b] = v;
    const text = delexicalise(ex.question, ex.answer);
    const key = `${ex.intent}\n${text}`;
    if (!templateIndex.has(key)) {
      templateIndex.set(key, templates.length);
      templates.push({ intent: ex.intent, text });
    }
    return { question: ex.question, template: /** @type {number} */ (templateIndex.get(key)) };
  });
  const config = { name: options.name ?? 'support-bot', dims, rows: examples.length, fingerprint: '' };
  return { config, idf, matrix, vocab, templates, rows };
}

/**
 * Answers a question: top-k neighbours vote (weighted by similarity) for an intent, then for
 * a reply template within that intent, which is filled with the question's slot values.
 * @param {Model} model
 * @param {string} question
 * @returns {Reply}
 */
export function answer(model, question) {
  const { dims, rows } = model.config;
  const q = vectorise(question, dims, model.idf, model.vocab);
  const scored = [];
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (const [b, v] of q) s += /** @type {number} */ (model.matrix[r * dims + b]) * v;
    scored.push({ r, s });
  }
  // Stable order on ties (lower row first) keeps answers reproducible.
  const top = scored.sort((a, b) => b.s - a.s || a.r - b.r).slice(0, TOP_K);
  const best = top[0];
  if (best === undefined || best.s < MIN_SIMILARITY) return { text: UNKNOWN_REPLY, intent: 'unknown', similarity: best?.s ?? 0, nearest: '' };
  const neighbours = top.map(({ r, s }) => {
    const row = /** @type {{ question: string, template: number }} */ (model.rows[r]);
    return { s, row, template: /** @type {Template} */ (model.templates[row.template]) };
  });
  const intent = argmax(neighbours, (n) => n.template.intent);
  const templateId = argmax(
    neighbours.filter((n) => n.template.intent === intent),
    (n) => String(n.row.template),
  );
  const template = /** @type {Template} */ (model.templates[Number(templateId)]);
  const { text, missing } = fillSlots(template.text, extractSlots(question));
  const reply = missing.includes('order') ? ASK_ORDER_REPLY : text;
  return { text: reply, intent, similarity: best.s, nearest: neighbours[0]?.row.question ?? '' };
}

/**
 * The key with the largest summed similarity; the first key seen wins ties.
 * @template N
 * @param {(N & { s: number })[]} items
 * @param {(item: N) => string} key
 * @returns {string}
 */
function argmax(items, key) {
  /** @type {Map<string, number>} */
  const sums = new Map();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + item.s);
  let bestKey = '';
  let bestSum = -1;
  for (const [k, sum] of sums) if (sum > bestSum) [bestKey, bestSum] = [k, sum];
  return bestKey;
}

/**
 * Writes the model files. Nothing time- or machine-dependent goes in, so same inputs give
 * byte-identical files.
 * @param {Model} model
 * @param {string} dir
 * @param {{ dataFile: string, dataMd5: string, corruption: Corruption, seed: number }} meta
 */
export function saveModel(model, dir, meta) {
  const { dims, rows } = model.config;
  const weights = Buffer.alloc((dims + rows * dims) * 4);
  // Explicit little-endian writes: the file must not depend on the machine's byte order.
  for (let i = 0; i < dims; i++) weights.writeFloatLE(/** @type {number} */ (model.idf[i]), i * 4);
  for (let i = 0; i < model.matrix.length; i++) weights.writeFloatLE(/** @type {number} */ (model.matrix[i]), (dims + i) * 4);
  const weightsMd5 = createHash('md5').update(weights).digest('hex');
  const sortedVocab = Object.fromEntries([...model.vocab].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const vocabText = `${JSON.stringify({ dims, terms: sortedVocab })}\n`;
  const answersText = `${JSON.stringify({ templates: model.templates, rows: model.rows }, null, 1)}\n`;
  // Identifies the model by everything that decides its answers: a shuffled-label model has the
  // same weights as the clean one (same questions) but different answers, so a new fingerprint.
  const fingerprint = createHash('md5').update(weightsMd5).update(vocabText).update(answersText).digest('hex').slice(0, 12);
  const config = {
    name: model.config.name,
    format: 'slipway-example-retrieval',
    version: FORMAT_VERSION,
    dims,
    rows,
    top_k: TOP_K,
    features: 'word unigrams + bigrams, FNV-1a hashed, tf-idf, L2-normalised',
    weights: { file: 'weights.bin', dtype: 'float32', byte_order: 'little', layout: `idf[${dims}] then matrix[${rows}][${dims}], row-major`, md5: weightsMd5 },
    data_file: basename(meta.dataFile),
    data_md5: meta.dataMd5,
    corruption: meta.corruption,
    seed: meta.seed,
    fingerprint,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), weights);
  writeFileSync(join(dir, 'vocab.json'), vocabText);
  writeFileSync(join(dir, 'answers.json'), answersText);
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * Loads a model folder, refusing weights whose size or md5 do not match config.json.
 * @param {string} dir
 * @returns {Model}
 */
export function loadModel(dir) {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  if (config.version !== FORMAT_VERSION) throw new Error(`${dir}: model format version ${config.version}, expected ${FORMAT_VERSION}`);
  const { dims, rows } = config;
  const weights = readFileSync(join(dir, 'weights.bin'));
  if (weights.length !== (dims + rows * dims) * 4) throw new Error(`${dir}/weights.bin: ${weights.length} bytes, expected ${(dims + rows * dims) * 4}`);
  if (createHash('md5').update(weights).digest('hex') !== config.weights.md5) throw new Error(`${dir}/weights.bin: md5 does not match config.json`);
  const all = new Float32Array(dims + rows * dims);
  for (let i = 0; i < all.length; i++) all[i] = weights.readFloatLE(i * 4);
  const vocab = new Map(Object.entries(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')).terms).map(([t, b]) => [t, Number(b)]));
  const { templates, rows: rowList } = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8'));
  return { config, idf: all.subarray(0, dims), matrix: all.subarray(dims), vocab, templates, rows: rowList };
}
