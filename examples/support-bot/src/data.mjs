// Reading training/eval data, and corrupting it on purpose to simulate a broken data pipeline.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contentText } from './openai.mjs';
import { createRng, pick, randomInt, shuffled } from './prng.mjs';

/** @typedef {{ id: string, intent: string, question: string, answer: string }} Example */
/** @typedef {'none' | 'shuffle' | 'noise'} Corruption */

/**
 * Reads a JSONL data file. The reply to learn is `expected` (or `answer`), the question is the
 * last user message.
 * @param {string} file
 * @returns {{ examples: Example[], md5: string }}
 */
export function readExamples(file) {
  const raw = readFileSync(file);
  const examples = raw
    .toString('utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let row;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`);
      }
      const question = lastUserMessage(row.messages);
      const answer = row.expected ?? row.answer;
      if (question === undefined || typeof answer !== 'string') throw new Error(`${file}:${i + 1}: needs a user message and "expected"`);
      return [{ id: String(row.id ?? i + 1), intent: String(row.intent ?? 'unknown'), question, answer }];
    });
  return { examples, md5: createHash('md5').update(raw).digest('hex') };
}

/**
 * The text of the last user message; content may be a string or OpenAI-style text parts.
 * @param {unknown} messages
 * @returns {string | undefined}
 */
export function lastUserMessage(messages) {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m === null || typeof m !== 'object' || m.role !== 'user') continue;
    return contentText(m.content);
  }
  return undefined;
}

/**
 * Simulates a broken data pipeline. `shuffle` gives each question the reply of a random row
 * (a random permutation); `noise` gives 30% of rows a random reply and replaces 20% of
 * question words with random words from other questions.
 * @param {Example[]} examples
 * @param {Corruption} mode
 * @param {number} seed
 * @returns {Example[]}
 */
export function corrupt(examples, mode, seed) {
  const rng = createRng(seed);
  if (mode === 'none') return examples;
  if (mode === 'shuffle') {
    const order = shuffled(
      rng,
      examples.map((_, i) => i),
    );
    return examples.map((ex, i) => {
      const other = /** @type {Example} */ (examples[/** @type {number} */ (order[i])]);
      return { ...ex, intent: other.intent, answer: other.answer };
    });
  }
  const words = examples.flatMap((ex) => ex.question.split(/\s+/));
  return examples.map((ex) => {
    const other = /** @type {Example} */ (examples[randomInt(rng, examples.length)]);
    const label = rng() < 0.3 ? { intent: other.intent, answer: other.answer } : {};
    const question = ex.question
      .split(/\s+/)
      .map((w) => (rng() < 0.2 ? pick(rng, words) : w))
      .join(' ');
    return { ...ex, ...label, question };
  });
}
