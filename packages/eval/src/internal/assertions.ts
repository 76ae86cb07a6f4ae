import { findPii, findSecrets } from '@slipway/kit';
import { deepEqual, validateJsonSchema } from './json-schema.js';
import { chrf, cosine, levenshtein, rougeL, rougeN, sentenceBleu } from './metrics.js';
import type { AssertionSpec } from './suite-schema.js';
import { renderTemplate } from './template.js';
import type { AssertionResult, ProviderResponse, TestCase } from './types.js';

/** What model-graded checks need from the runner: a judge and embeddings, both cached by it. */
export interface GradingServices {
  judge?: (prompt: string, vote: number) => Promise<string>;
  embed?: (texts: string[]) => Promise<number[][]>;
}

type Outcome = { pass: boolean; score: number; message: string };

const REFUSAL =
  /\b(I(?:'m| am) (?:sorry|unable|not able)|I can(?:no|')t (?:help|assist|do|provide|comply)|I (?:won't|will not) (?:help|assist|provide)|as an AI(?: language model)?|I must decline|I'm not comfortable)\b/i;

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',').map((s) => s.trim());
  return [];
}

function regexOf(value: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
  return m ? new RegExp(m[1] ?? '', m[2]) : new RegExp(value);
}

function findJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // look for an embedded object or array
  }
  for (let start = 0; start < text.length; start++) {
    const ch = text[start];
    if (ch !== '{' && ch !== '[') continue;
    for (let end = text.length; end > start; end--) {
      const last = text[end - 1];
      if (last !== '}' && last !== ']') continue;
      try {
        return JSON.parse(text.slice(start, end));
      } catch {
        // keep shrinking
      }
    }
  }
  return undefined;
}

const ratio = (pass: boolean): Outcome => ({ pass, score: pass ? 1 : 0, message: '' });
const atLeast = (score: number, threshold: number, what: string): Outcome => ({
  pass: score >= threshold,
  score,
  message: `${what} ${score.toFixed(3)} ${score >= threshold ? '>=' : '<'} ${threshold}`,
});

/** Runs one assertion against one answer. Never throws: a broken check is a failed check that says why. */
export async function runAssertion(spec: AssertionSpec, response: ProviderResponse, test: TestCase, services: GradingServices): Promise<AssertionResult> {
  const negate = spec.type.startsWith('not-');
  const type = negate ? spec.type.slice(4) : spec.type;
  const vars = { ...test.vars, ...(test.expected !== undefined ? { expected: test.expected } : {}) };
  const raw = typeof spec.value === 'string' ? renderTemplate(spec.value, vars) : spec.value;
  let outcome: Outcome;
  try {
    outcome = await evaluate(type, raw, spec, response, test, services);
  } catch (error) {
    outcome = { pass: false, score: 0, message: `${type} could not run: ${(error as Error).message}` };
    if (negate) return result(spec, outcome);
  }
  if (negate) outcome = { pass: !outcome.pass, score: 1 - outcome.score, message: outcome.pass ? `not-${type}: ${outcome.message || 'it matched'}` : '' };
  // A passing check keeps measurements (scores, judge reasons) but not its would-be failure text.
  else if (outcome.pass && /^(expected|missing|the answer is not|no JSON)/.test(outcome.message)) outcome.message = '';
  return result(spec, outcome);
}

function result(spec: AssertionSpec, o: Outcome): AssertionResult {
  const r: AssertionResult = { type: spec.type, pass: o.pass, score: o.score, message: o.message, weight: spec.weight ?? 1 };
  if (spec.metric) r.metric = spec.metric;
  return r;
}

async function evaluate(type: string, value: unknown, spec: AssertionSpec, r: ProviderResponse, test: TestCase, services: GradingServices): Promise<Outcome> {
  const out = r.output;
  const reference = typeof value === 'string' ? value : (test.expected ?? '');
  const str = String(value ?? '');
  switch (type) {
    case 'equals': {
      if (typeof value === 'object' && value !== null) {
        const ok = deepEqual(findJson(out), value);
        return { ...ratio(ok), message: ok ? '' : 'output JSON differs from the expected value' };
      }
      const ok = out === str;
      return { ...ratio(ok), message: ok ? '' : `expected exactly "${str.slice(0, 200)}"` };
    }
    case 'contains':
      return { ...ratio(out.includes(str)), message: `expected to contain "${str}"` };
    case 'icontains':
      return { ...ratio(out.toLowerCase().includes(str.toLowerCase())), message: `expected to contain "${str}" (any case)` };
    case 'contains-any':
    case 'icontains-any': {
      const ci = type.startsWith('i');
      const hay = ci ? out.toLowerCase() : out;
      const items = list(value);
      return { ...ratio(items.some((v) => hay.includes(ci ? v.toLowerCase() : v))), message: `expected any of ${JSON.stringify(items)}` };
    }
    case 'contains-all':
    case 'icontains-all': {
      const ci = type.startsWith('i');
      const hay = ci ? out.toLowerCase() : out;
      const missing = list(value).filter((v) => !hay.includes(ci ? v.toLowerCase() : v));
      return { ...ratio(missing.length === 0), message: `missing ${JSON.stringify(missing)}` };
    }
    case 'regex':
      return { ...ratio(regexOf(str).test(out)), message: `expected to match ${str}` };
    case 'starts-with':
      return { ...ratio(out.startsWith(str)), message: `expected to start with "${str}"` };
    case 'is-json':
    case 'contains-json': {
      let parsed: unknown;
      if (type === 'is-json') {
        try {
          parsed = JSON.parse(out);
        } catch (error) {
          return { pass: false, score: 0, message: `not JSON: ${(error as Error).message}` };
        }
      } else {
        parsed = findJson(out);
        if (parsed === undefined) return { pass: false, score: 0, message: 'no JSON found in the output' };
      }
      if (value === undefined || value === null) return ratio(true);
      const problem = validateJsonSchema(typeof value === 'string' ? JSON.parse(value) : value, parsed);
      return { ...ratio(!problem), message: problem ?? '' };
    }
    case 'json-schema': {
      const parsed = findJson(out);
      if (parsed === undefined) return { pass: false, score: 0, message: 'no JSON found in the output' };
      const problem = validateJsonSchema(typeof value === 'string' ? JSON.parse(value) : value, parsed);
      return { ...ratio(!problem), message: problem ?? '' };
    }
    case 'is-valid-json-schema':
      return ratio(findJson(out) !== undefined);
    case 'javascript':
      return runJavascript(str, r, test);
    case 'latency':
      return limit(r.latencyMs, spec.threshold, 'latency ms');
    case 'ttft':
      return limit(r.ttftMs ?? r.latencyMs, spec.threshold, 'time to first token ms');
    case 'cost':
      return limit(r.cost, spec.threshold, 'cost USD');
    case 'tokens':
      return limit(r.completionTokens, spec.threshold ?? (typeof value === 'number' ? value : undefined), 'completion tokens');
    case 'levenshtein': {
      const d = levenshtein(out, reference);
      const max = spec.threshold ?? 5;
      return { pass: d <= max, score: d <= max ? 1 : 0, message: `edit distance ${d} ${d <= max ? '<=' : '>'} ${max}` };
    }
    case 'bleu':
      return atLeast(sentenceBleu(out, list(value).length > 1 ? list(value) : [reference]) / 100, spec.threshold ?? 0.5, 'BLEU');
    case 'rouge-1':
      return atLeast(rougeN(reference, out, 1).fmeasure, spec.threshold ?? 0.5, 'ROUGE-1 F');
    case 'rouge-2':
      return atLeast(rougeN(reference, out, 2).fmeasure, spec.threshold ?? 0.5, 'ROUGE-2 F');
    case 'rouge-n':
      return atLeast(rougeN(reference, out, 1).fmeasure, spec.threshold ?? 0.75, 'ROUGE-N F');
    case 'rouge-l':
      return atLeast(rougeL(reference, out).fmeasure, spec.threshold ?? 0.5, 'ROUGE-L F');
    case 'chrf':
      return atLeast(chrf([out], [reference]) / 100, spec.threshold ?? 0.5, 'chrF');
    case 'similar': {
      if (!services.embed) throw new Error('no embeddings provider (set `provider:` on the assertion or `--embeddings`)');
      const [a = [], b = []] = await services.embed([out, reference]);
      return atLeast(cosine(a, b), spec.threshold ?? 0.75, 'cosine similarity');
    }
    case 'llm-rubric':
      return judge(str, out, spec, services);
    case 'is-refusal': {
      const m = REFUSAL.exec(out) ?? (out.trim() === '' ? ['(empty answer)'] : null);
      return { ...ratio(m !== null), message: m ? `refusal: "${m[0]}"` : 'the answer is not a refusal' };
    }
    case 'no-secrets': {
      const hit = findSecrets(out)[0];
      return { ...ratio(!hit), message: hit ? `the answer contains a ${hit}` : '' };
    }
    case 'no-pii': {
      const hit = findPii(out)[0];
      return { ...ratio(!hit), message: hit ? `the answer contains personal data: ${hit}` : '' };
    }
    default:
      throw new Error(`unknown assertion type ${type}`);
  }
}

function limit(value: number, threshold: number | undefined, what: string): Outcome {
  if (threshold === undefined) throw new Error(`${what}: set threshold`);
  const pass = value <= threshold;
  return { pass, score: pass ? 1 : 0, message: `${what} ${Number(value.toFixed(6))} ${pass ? '<=' : '>'} ${threshold}` };
}

function runJavascript(code: string, r: ProviderResponse, test: TestCase): Outcome {
  const body = /\breturn\b/.test(code) ? code : `return (${code});`;
  // The suite is the user's own code, trusted as their test code is: it runs like a jest test would.
  const fn = new Function('output', 'context', body) as (output: string, context: unknown) => unknown;
  const value = fn(r.output, { vars: test.vars, expected: test.expected, latencyMs: r.latencyMs, tokens: r.completionTokens, cost: r.cost });
  if (typeof value === 'boolean') return { ...ratio(value), message: value ? '' : 'the function returned false' };
  if (typeof value === 'number') return { pass: value > 0, score: Math.max(0, Math.min(1, value)), message: `the function returned ${value}` };
  if (value && typeof value === 'object' && 'pass' in value) {
    const v = value as { pass: boolean; score?: number; reason?: string };
    return { pass: Boolean(v.pass), score: v.score ?? (v.pass ? 1 : 0), message: v.reason ?? '' };
  }
  throw new Error(`the function must return a boolean, a number or { pass, score, reason }; it returned ${JSON.stringify(value)}`);
}

/** The judge prompt: the rubric, the answer, and a strict JSON reply format. */
export function judgePrompt(rubric: string, output: string): string {
  return [
    'You grade an answer against a rubric. Reply with JSON only: {"pass": true|false, "score": 0..1, "reason": "one sentence"}.',
    `<rubric>\n${rubric}\n</rubric>`,
    `<answer>\n${output}\n</answer>`,
  ].join('\n\n');
}

async function judge(rubric: string, output: string, spec: AssertionSpec, services: GradingServices): Promise<Outcome> {
  if (!services.judge) throw new Error('no judge provider (set `provider:` on the assertion)');
  const votes = spec.votes ?? 1;
  const verdicts: { pass: boolean; score: number; reason: string }[] = [];
  for (let v = 0; v < votes; v++) {
    const reply = await services.judge(judgePrompt(rubric, output), v);
    const parsed = findJson(reply) as { pass?: unknown; score?: unknown; reason?: unknown } | undefined;
    if (!parsed || typeof parsed !== 'object') throw new Error(`the judge did not answer in JSON: "${reply.slice(0, 120)}"`);
    const score = typeof parsed.score === 'number' ? parsed.score : parsed.pass === true ? 1 : 0;
    verdicts.push({ pass: typeof parsed.pass === 'boolean' ? parsed.pass : score >= (spec.threshold ?? 0.5), score, reason: String(parsed.reason ?? '') });
  }
  const passes = verdicts.filter((v) => v.pass).length;
  const pass = passes * 2 > votes;
  const score = verdicts.reduce((s, v) => s + v.score, 0) / votes;
  const reason = verdicts.find((v) => v.pass === pass)?.reason ?? '';
  return { pass, score, message: `judge ${passes}/${votes} pass${reason ? `: ${reason}` : ''}` };
}
