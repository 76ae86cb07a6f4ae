#!/usr/bin/env node
// Trains the example retrieval model (not an LLM) and writes it to --out.
//
//   node scripts/train.mjs --data data/train.jsonl --out model [--corrupt shuffle|noise] [--seed N] [--dims 4096]
//
// --corrupt simulates a broken data pipeline (see corrupt() in src/model.mjs) so that CI can
// show an eval gate catching a bad model. --seed only changes what the corruption does; with
// the same data and seed the output files are byte-identical.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corrupt, readExamples } from '../src/data.mjs';
import { DEFAULT_DIMS, saveModel, train } from '../src/model.mjs';

const CORRUPTIONS = ['none', 'shuffle', 'noise'];

function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/train.jsonl' },
      out: { type: 'string', default: 'model' },
      corrupt: { type: 'string', default: 'none' },
      seed: { type: 'string', default: '1' },
      dims: { type: 'string', default: String(DEFAULT_DIMS) },
      name: { type: 'string', default: 'support-bot' },
    },
  });
  const corruption = /** @type {import('../src/data.mjs').Corruption} */ (values.corrupt);
  if (!CORRUPTIONS.includes(corruption)) throw new Error(`--corrupt must be one of ${CORRUPTIONS.join(', ')}`);
  const seed = Number(values.seed);
  const dims = Number(values.dims);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!Number.isInteger(dims) || dims < 16) throw new Error('--dims must be an integer >= 16');

  const started = process.hrtime.bigint();
  const dataFile = resolve(String(values.data));
  const { examples, md5 } = readExamples(dataFile);
  const model = train(corrupt(examples, corruption, seed), { dims, name: String(values.name) });
  const outDir = resolve(String(values.out));
  saveModel(model, outDir, { dataFile, dataMd5: md5, corruption, seed });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const bytes = (dims + model.config.rows * dims) * 4;
  console.log(
    JSON.stringify({
      out: outDir,
      rows: model.config.rows,
      dims,
      templates: model.templates.length,
      terms: model.vocab.size,
      corruption,
      seed,
      weights_bytes: bytes,
      train_ms: Math.round(ms),
    }),
  );
}

try {
  main();
} catch (err) {
  console.error(`train: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
