import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findPii, findSecrets, InputError } from '@slipway/kit';
import { MinHasher, NearDuplicateIndex, normalizeText, shingleSet, shingles } from './minhash.js';
import { type DataFormat, type DataProblem, type Example, parseJsonl } from './parse.js';
import { exampleTokens, tokenCounter, trainingPrice } from './tokens.js';

export interface DataCheckOptions {
  /** Training files (JSONL), relative to `cwd`. */
  train: readonly string[];
  /** Held-out files: checked too, and compared with training for leakage. */
  eval?: readonly string[];
  format?: DataFormat;
  /** The model to be fine-tuned: picks the tokenizer and the price. */
  model?: string;
  epochs?: number;
  /** USD per million training tokens; default: our table for OpenAI models. */
  pricePerMillion?: number;
  /** Estimated Jaccard similarity from which two examples are near duplicates (default 0.85). */
  nearDuplicateThreshold?: number;
  /** Above this share of duplicate training examples (exact or near), the data is refused (default 0.2). */
  maxDuplicateRate?: number;
  /** Personal data is a warning (default), an error, or not looked for. */
  pii?: 'warning' | 'error' | 'off';
  /** Examples longer than this many tokens are errors (the model's context for training). */
  maxTokensPerExample?: number;
  /** Writes a stable hash split of the training data: `validation` is the share held out. */
  split?: { validation: number; outDir: string };
  cwd: string;
}

export interface DataReport {
  files: { file: string; role: 'train' | 'eval'; format: DataFormat | 'empty'; examples: number; bytes: number }[];
  examples: { train: number; eval: number };
  problems: DataProblem[];
  counts: Record<'errors' | 'warnings' | 'schema' | 'exactDuplicates' | 'nearDuplicates' | 'leakage' | 'secrets' | 'pii' | 'tooLong', number>;
  tokens: { encoding: string; exact: boolean; total: number; min: number; mean: number; max: number };
  cost?: { model: string; pricePerMillion: number; epochs: number; trainedTokens: number; usd: number };
  split?: { train: string; validation: string; trainExamples: number; validationExamples: number };
  /** sha256 over the training files' names and bytes: the data a model was trained on. */
  digest: string;
  ok: boolean;
}

/** Exact-duplicate key: case and spacing do not make an example new, but digits do. */
function exactKey(ex: Example): string {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(norm(ex.prompt)).update('\u0000').update(norm(ex.completion)).digest('base64');
}

/**
 * Checks training (and eval) data: schema, duplicates (exact and MinHash near), train/eval
 * leakage, secrets and PII, token counts and cost, and writes a stable split when asked.
 * Returns the report; `ok` is false when any problem is an error.
 */
export async function checkData(o: DataCheckOptions): Promise<DataReport> {
  if (o.train.length === 0) throw new InputError('data', 'name at least one training file', { hint: 'e.g. data: data/train.jsonl' });
  const threshold = o.nearDuplicateThreshold ?? 0.85;
  const problems: DataProblem[] = [];
  const files: DataReport['files'] = [];
  const digest = createHash('sha256');
  const load = async (rel: string, role: 'train' | 'eval') => {
    const abs = path.resolve(o.cwd, rel);
    const bytes = await readFile(abs).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(role === 'train' ? 'data' : 'eval-data', `cannot read ${rel} (${error.code ?? error.message})`, {
        hint: 'paths are relative to the repository root',
      });
    });
    if (role === 'train') digest.update(`${rel}\u0000${bytes.length}\u0000`).update(bytes);
    const parsed = parseJsonl(rel, bytes.toString('utf8'), o.format);
    problems.push(...parsed.problems);
    files.push({ file: rel, role, format: parsed.examples[0]?.format ?? 'empty', examples: parsed.examples.length, bytes: bytes.length });
    if (parsed.examples.length === 0 && parsed.problems.length === 0)
      problems.push({ severity: 'error', kind: 'schema', message: 'no examples in this file', location: { file: rel, line: 1 } });
    return parsed.examples;
  };
  const train: Example[] = [];
  for (const f of o.train) train.push(...(await load(f, 'train')));
  const held: Example[] = [];
  for (const f of o.eval ?? []) held.push(...(await load(f, 'eval')));

  const hasher = new MinHasher();
  const counts = { exactDuplicates: 0, nearDuplicates: 0, leakage: 0, secrets: 0, pii: 0, tooLong: 0 };
  // Duplicates within training: exact first, then near (on the whole example, digits folded).
  const exact = new Map<string, Example>();
  const near = new NearDuplicateIndex<Example>(hasher, threshold);
  const promptIndex = new NearDuplicateIndex<Example>(hasher, threshold);
  const promptExact = new Map<string, Example>();
  for (const ex of train) {
    const key = exactKey(ex);
    const first = exact.get(key);
    if (first) {
      counts.exactDuplicates++;
      problems.push({
        severity: 'warning',
        kind: 'duplicate',
        message: `exact duplicate of ${first.file}:${first.line}`,
        location: { file: ex.file, line: ex.line },
      });
      continue;
    }
    exact.set(key, ex);
    const set = shingleSet(shingles(normalizeText(`${ex.prompt}\n${ex.completion}`)));
    const sig = hasher.signature(set);
    const similar = near.nearest(sig, set);
    if (similar) {
      counts.nearDuplicates++;
      problems.push({
        severity: 'warning',
        kind: 'duplicate',
        message: `near duplicate of ${similar.value.file}:${similar.value.line} (≈${Math.round(similar.similarity * 100)}% similar)`,
        location: { file: ex.file, line: ex.line },
      });
    } else near.add(sig, set, ex);
    const p = normalizeText(ex.prompt);
    if (!promptExact.has(p)) promptExact.set(p, ex);
    const pset = shingleSet(shingles(p));
    promptIndex.add(hasher.signature(pset), pset, ex);
  }
  // Leakage: an eval question that training already shows, word for word or nearly.
  for (const ex of held) {
    const p = normalizeText(ex.prompt);
    const same = promptExact.get(p);
    const pset = shingleSet(shingles(p));
    const similar = same ? { value: same, similarity: 1 } : promptIndex.nearest(hasher.signature(pset), pset);
    if (!similar) continue;
    counts.leakage++;
    problems.push({
      severity: 'error',
      kind: 'leakage',
      message: `eval example also in training: ${similar.value.file}:${similar.value.line} (≈${Math.round(similar.similarity * 100)}% similar prompt)`,
      location: { file: ex.file, line: ex.line },
    });
  }
  const counter = await tokenCounter(o.model);
  const lengths: number[] = [];
  for (const ex of [...train, ...held]) {
    const text = ex.messages.map((m) => m.content).join('\n');
    const secrets = findSecrets(text);
    if (secrets.length > 0) {
      counts.secrets++;
      problems.push({ severity: 'error', kind: 'secret', message: `contains a credential (${secrets.join(', ')}): remove it and rotate it`, location: at(ex) });
    }
    if (o.pii !== 'off') {
      const pii = findPii(text);
      if (pii.length > 0) {
        counts.pii++;
        problems.push({ severity: o.pii === 'error' ? 'error' : 'warning', kind: 'pii', message: `personal data: ${pii.join(', ')}`, location: at(ex) });
      }
    }
  }
  for (const ex of train) {
    const n = exampleTokens(counter, ex);
    lengths.push(n);
    if (o.maxTokensPerExample !== undefined && n > o.maxTokensPerExample) {
      counts.tooLong++;
      problems.push({ severity: 'error', kind: 'tokens', message: `${n} tokens, over the limit of ${o.maxTokensPerExample}`, location: at(ex) });
    }
  }
  const dupRate = train.length ? (counts.exactDuplicates + counts.nearDuplicates) / train.length : 0;
  const maxDup = o.maxDuplicateRate ?? 0.2;
  if (dupRate > maxDup) {
    problems.push({
      severity: 'error',
      kind: 'duplicate',
      message: `${(dupRate * 100).toFixed(1)}% of the training examples are duplicates, over the limit of ${(maxDup * 100).toFixed(1)}% (train.checks.maxDuplicateRate)`,
      location: { file: o.train[0] as string, line: 1 },
    });
  }
  const total = lengths.reduce((s, x) => s + x, 0);
  const report: DataReport = {
    files,
    examples: { train: train.length, eval: held.length },
    problems: problems.sort(byLocation),
    counts: {
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
      schema: problems.filter((p) => p.kind === 'schema').length,
      ...counts,
    },
    tokens: {
      encoding: counter.encoding,
      exact: counter.exact,
      total,
      min: lengths.length ? Math.min(...lengths) : 0,
      mean: lengths.length ? total / lengths.length : 0,
      max: lengths.length ? Math.max(...lengths) : 0,
    },
    digest: `sha256:${digest.digest('hex')}`,
    ok: !problems.some((p) => p.severity === 'error'),
  };
  const price = o.pricePerMillion ?? trainingPrice(o.model);
  if (price !== undefined && o.model) {
    const epochs = o.epochs ?? 3;
    report.cost = { model: o.model, pricePerMillion: price, epochs, trainedTokens: total * epochs, usd: (total * epochs * price) / 1e6 };
  }
  if (o.split && report.ok) report.split = await writeSplit(o.cwd, train, o.split);
  return report;
}

function at(ex: Example): { file: string; line: number } {
  return { file: ex.file, line: ex.line };
}

function byLocation(a: DataProblem, b: DataProblem): number {
  return a.location.file === b.location.file ? a.location.line - b.location.line : a.location.file < b.location.file ? -1 : 1;
}

/**
 * A split that never moves: each example goes by the hash of its own content, so adding data or
 * reordering lines leaves every earlier example on its side.
 */
export function splitSide(ex: Pick<Example, 'prompt' | 'completion'>, validation: number): 'train' | 'validation' {
  const h = createHash('sha256').update(ex.prompt).update('\u0000').update(ex.completion).digest();
  return h.readUInt32BE(0) / 2 ** 32 < validation ? 'validation' : 'train';
}

async function writeSplit(cwd: string, train: readonly Example[], split: { validation: number; outDir: string }): Promise<NonNullable<DataReport['split']>> {
  const dir = path.resolve(cwd, split.outDir);
  await mkdir(dir, { recursive: true });
  const sides = { train: [] as string[], validation: [] as string[] };
  for (const ex of train) sides[splitSide(ex, split.validation)].push(ex.raw);
  const files = { train: path.join(dir, 'train.jsonl'), validation: path.join(dir, 'validation.jsonl') };
  for (const side of ['train', 'validation'] as const) await writeAtomic(files[side], sides[side].map((l) => `${l}\n`).join(''));
  return {
    train: path.relative(cwd, files.train),
    validation: path.relative(cwd, files.validation),
    trainExamples: sides.train.length,
    validationExamples: sides.validation.length,
  };
}

/** Writes beside and renames: a reader never sees half a file. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
