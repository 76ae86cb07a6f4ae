// What each logged exchange contributes to the drift checks: lengths and token counts (numbers),
// the language or script of the text (a category), and whether the answer refused (a flag).

/** One sampled exchange from the gateway's request log (see the gateway's `requestLog`). */
export interface LoggedExchange {
  /** ISO time the request finished. */
  time: string;
  route?: string;
  variant?: string;
  status?: number;
  ok?: boolean;
  prompt?: string;
  output?: string;
  promptChars?: number;
  outputChars?: number;
  inputTokens?: number;
  outputTokens?: number;
}

const SCRIPTS: [string, RegExp][] = [
  ['cjk', /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu],
  ['cyrillic', /[\u0400-\u04ff]/gu],
  ['arabic', /[\u0600-\u06ff]/gu],
  ['greek', /[\u0370-\u03ff]/gu],
  ['devanagari', /[\u0900-\u097f]/gu],
  ['hebrew', /[\u0590-\u05ff]/gu],
  ['latin', /[A-Za-z\u00c0-\u024f]/gu],
];

// The most frequent function words of each language: enough to tell them apart in a sentence or two.
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'to', 'of', 'my', 'i', 'you', 'it', 'what', 'how', 'do', 'can', 'are', 'in', 'for', 'with', 'where', 'your', 'this'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'mi', 'es', 'por', 'para', 'con', 'una', 'cómo', 'dónde', 'puedo', 'las', 'del', 'no', 'qué'],
  fr: ['le', 'la', 'de', 'et', 'les', 'des', 'est', 'je', 'mon', 'ma', 'pour', 'que', 'une', 'comment', 'où', 'pas', 'vous', 'dans', 'du', 'est-ce'],
  de: ['der', 'die', 'und', 'das', 'ist', 'ich', 'nicht', 'mein', 'meine', 'wie', 'wo', 'kann', 'ein', 'eine', 'zu', 'mit', 'für', 'den', 'sie', 'es'],
  it: ['il', 'di', 'che', 'e', 'la', 'non', 'mio', 'mia', 'per', 'come', 'dove', 'posso', 'una', 'un', 'sono', 'con', 'del', 'della', 'è', 'gli'],
  pt: ['o', 'a', 'de', 'que', 'e', 'do', 'da', 'meu', 'minha', 'não', 'para', 'com', 'uma', 'como', 'onde', 'posso', 'os', 'um', 'está', 'você'],
  nl: ['de', 'het', 'een', 'en', 'van', 'ik', 'mijn', 'niet', 'is', 'hoe', 'waar', 'kan', 'je', 'dat', 'voor', 'met', 'op', 'te', 'zijn', 'wat'],
};
const STOP_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) STOP_INDEX.set(w, [...(STOP_INDEX.get(w) ?? []), lang]);

/**
 * The language (for Latin-script text: en, es, fr, de, it, pt, nl by function words) or the script
 * (cjk, cyrillic, arabic, greek, devanagari, hebrew) of a text; `other` when neither is clear,
 * `empty` for no text.
 */
export function languageOf(text: string | undefined): string {
  if (!text || text.trim() === '') return 'empty';
  let best = 'other';
  let bestCount = 0;
  for (const [name, re] of SCRIPTS) {
    const c = text.match(re)?.length ?? 0;
    if (c > bestCount) {
      best = name;
      bestCount = c;
    }
  }
  if (best !== 'latin') return best;
  const votes: Record<string, number> = {};
  for (const m of text.toLowerCase().matchAll(/[\p{L}'-]+/gu)) for (const lang of STOP_INDEX.get(m[0]) ?? []) votes[lang] = (votes[lang] ?? 0) + 1;
  const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top || top[1] === 0) return 'latin-other';
  return second && second[1] === top[1] ? 'latin-other' : top[0];
}

/** Refusal openings in the major assistants' house styles; extra patterns come from the config. */
const REFUSALS = [
  /\bI(?:'m| am) (?:sorry|afraid),? (?:but )?I (?:can(?:not|'t)|won't|am unable|'m unable)/i,
  /\bI (?:can(?:not|'t)|won't|am not able to|'m not able to|am unable to|'m unable to) (?:help|assist|comply|provide|do that|answer|support)/i,
  /\bAs an AI(?: language model)?,? I/i,
  /\bI must decline\b/i,
  /\b(?:this|that) (?:request )?(?:violates|goes against) (?:my|our) (?:guidelines|policies|policy)/i,
];

/** A function telling whether an answer is a refusal. */
export function refusalDetector(extra: readonly string[] = []): (text: string | undefined) => boolean {
  const patterns = [...REFUSALS, ...extra.map((p) => new RegExp(p, 'i'))];
  return (text) => text !== undefined && patterns.some((re) => re.test(text));
}

/** How many of each category. */
export function countBy<T>(items: readonly T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) {
    const k = key(x);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
