// Text handling shared by training and answering: slot extraction, tokenising, featurising.
// Training and serving must featurise identically, which is why this lives in one module.

/** @typedef {{ order?: string, email?: string, product?: string }} Slots */

const ORDER_RE = /#\d{4,8}\b/;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// Capitalised multi-word names that are not products. The store's own name shows up in
// questions but must never be copied into an answer as if it were an item.
const NOT_PRODUCTS = new Set(['Acme Outfitters']);

// Words that carry no intent: articles, pronouns, politeness. Dropping them keeps bigrams such
// as "gift card" from being diluted by "my gift" and "a gift".
const STOPWORDS = new Set(
  'a an the to of i me my it its is am are was be been and or you your we us our please this that these for on in at with do does did can could would will there here so hi hello hey thanks thank just'.split(
    ' ',
  ),
);

/**
 * Finds the first product-like name: a run of two or more capitalised words that does not
 * open a sentence (sentence-initial words are capitalised anyway, so they prove nothing).
 * @param {string} text
 * @returns {string | undefined}
 */
export function findProduct(text) {
  /** @type {string[]} */
  let run = [];
  let sentenceStart = true;
  for (const raw of text.split(/\s+/)) {
    if (raw === '') continue;
    const word = raw.replace(/[^\w'-]+$/, '');
    const capitalised = /^[A-Z][a-z]+$/.test(word) && !sentenceStart;
    if (capitalised) run.push(word);
    // A run stops at a lower-case word or at punctuation after the word ("Summit Fleece, and").
    if (!capitalised || word !== raw) {
      const name = run.join(' ');
      if (run.length >= 2 && !NOT_PRODUCTS.has(name)) return name;
      run = [];
    }
    sentenceStart = /[.!?:]$/.test(raw);
  }
  const name = run.join(' ');
  return run.length >= 2 && !NOT_PRODUCTS.has(name) ? name : undefined;
}

/**
 * Pulls the slot values a reply may need to echo back: an order number, an email, a product.
 * @param {string} text
 * @returns {Slots}
 */
export function extractSlots(text) {
  /** @type {Slots} */
  const slots = {};
  const order = ORDER_RE.exec(text)?.[0];
  if (order !== undefined) slots.order = order;
  const email = EMAIL_RE.exec(text)?.[0];
  if (email !== undefined) slots.email = email;
  const product = findProduct(text.replace(EMAIL_RE, ' '));
  if (product !== undefined) slots.product = product;
  return slots;
}

/**
 * Replaces slot values by marker words, so that "#48213" and "#90211" look the same to the
 * model: what matters is that the customer gave an order number, not which one.
 * @param {string} text
 * @param {Slots} slots
 * @returns {string}
 */
function maskSlots(text, slots) {
  let out = text;
  for (const [name, value] of Object.entries(slots)) out = out.split(value).join(` slot${name} `);
  return out;
}

/**
 * Crude suffix stripping so that "returns", "returned" and "returning" share a feature. It is
 * not a real stemmer; it only has to map the same word forms to the same string consistently.
 * @param {string} word
 * @returns {string}
 */
export function stem(word) {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Lower-cased, stemmed content words of a text, with slot values masked.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  const masked = maskSlots(text, extractSlots(text)).toLowerCase().replace(/'/g, '');
  return (masked.match(/[a-z0-9]+/g) ?? []).filter((w) => !STOPWORDS.has(w)).map(stem);
}

/**
 * Counts word unigrams and adjacent-word bigrams; bigrams catch phrases like "gift card" or
 * "not arrived" whose meaning the single words do not carry.
 * @param {string} text
 * @returns {Map<string, number>}
 */
export function termCounts(text) {
  const words = tokenize(text);
  /** @type {Map<string, number>} */
  const counts = new Map();
  const add = (/** @type {string} */ term) => counts.set(term, (counts.get(term) ?? 0) + 1);
  words.forEach((word, i) => {
    add(word);
    if (i > 0) add(`${words[i - 1]} ${word}`);
  });
  return counts;
}

/**
 * FNV-1a 32-bit hash of a term, reduced to a feature index. Hashing fixes the width of the
 * weight matrix regardless of vocabulary size.
 * @param {string} term
 * @param {number} dims
 * @returns {number}
 */
export function bucketOf(term, dims) {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % dims;
}

/**
 * Fills {slot} markers in a reply template. A missing product or email gets a neutral phrase;
 * a missing order number cannot be guessed, so the caller is told which slots were absent.
 * @param {string} template
 * @param {Slots} slots
 * @returns {{ text: string, missing: string[] }}
 */
export function fillSlots(template, slots) {
  /** @type {Record<string, string>} */
  const fallback = { product: 'item', email: 'your email address' };
  /** @type {string[]} */
  const missing = [];
  const text = template.replace(/\{(order|email|product)\}/g, (_whole, /** @type {keyof Slots} */ name) => {
    const value = slots[name] ?? fallback[name];
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return value;
  });
  return { text, missing };
}
