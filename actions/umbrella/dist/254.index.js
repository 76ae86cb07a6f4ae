export const id = 254;
export const ids = [254];
export const modules = {

/***/ 3254:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ASSERTION_TYPES: () => (/* reexport */ ASSERTION_TYPES),
  COMMENT_LIMIT: () => (/* reexport */ COMMENT_LIMIT),
  COMMENT_MARKER: () => (/* reexport */ COMMENT_MARKER),
  EVAL_INPUTS: () => (/* reexport */ EVAL_INPUTS),
  RESULTS_SCHEMA: () => (/* reexport */ RESULTS_SCHEMA),
  ResponseCache: () => (/* reexport */ ResponseCache),
  SECRET_PATTERNS: () => (/* reexport */ SECRET_PATTERNS),
  STEP_INPUTS: () => (/* reexport */ STEP_INPUTS),
  bootstrapMeanCi: () => (/* reexport */ bootstrapMeanCi),
  chrf: () => (/* reexport */ chrf),
  compareResults: () => (/* reexport */ compareResults),
  corpusBleu: () => (/* reexport */ corpusBleu),
  cosine: () => (/* reexport */ cosine),
  createProvider: () => (/* reexport */ createProvider),
  evalAnnotations: () => (/* reexport */ evalAnnotations),
  evalOptionsFromInputs: () => (/* reexport */ evalOptionsFromInputs),
  evalTitle: () => (/* reexport */ evalTitle),
  evaluate: () => (/* reexport */ evaluate_evaluate),
  levenshtein: () => (/* reexport */ levenshtein),
  loadSuite: () => (/* reexport */ loadSuite),
  mcnemarExact: () => (/* reexport */ mcnemarExact),
  mergeResults: () => (/* reexport */ mergeResults),
  mergeShards: () => (/* reexport */ mergeShards),
  parseShard: () => (/* reexport */ parseShard),
  readResults: () => (/* reexport */ readResults),
  renderComment: () => (/* reexport */ renderComment),
  renderHtml: () => (/* reexport */ renderHtml),
  renderJunit: () => (/* reexport */ renderJunit),
  resolveProvider: () => (/* reexport */ resolveProvider),
  rougeL: () => (/* reexport */ rougeL),
  rougeN: () => (/* reexport */ rougeN),
  runAssertion: () => (/* reexport */ runAssertion),
  runEvalStep: () => (/* reexport */ runEvalStep),
  runSuite: () => (/* reexport */ runSuite),
  selectShard: () => (/* reexport */ selectShard),
  sentenceBleu: () => (/* reexport */ sentenceBleu),
  suiteSchema: () => (/* reexport */ suiteSchema),
  tokenize13a: () => (/* reexport */ tokenize13a),
  validateJsonSchema: () => (/* reexport */ validateJsonSchema),
  wilcoxon: () => (/* reexport */ wilcoxon),
  writeResults: () => (/* reexport */ writeResults)
});

;// CONCATENATED MODULE: ./packages/eval/lib/internal/annotations.js
/** Failing tests as annotations: newly failing ones when there is a baseline, else every failure. Plain text; the publisher escapes it. */
function evalAnnotations(r) {
    return r.suites.flatMap((s) => {
        const failing = s.comparison
            ? s.comparison.tests.filter((t) => t.change === 'newly-failing').map((t) => t.head)
            : s.results.tests.filter((t) => t.status === 'fail' || t.status === 'error');
        return failing.flatMap((t) => {
            if (!t)
                return [];
            const why = t.samples.flatMap((x) => (x.error ? [x.error] : x.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)));
            return [
                {
                    path: s.suite,
                    line: t.line,
                    level: 'failure',
                    title: `${s.comparison ? 'newly failing' : 'failing'}: ${t.id} (${t.provider})`,
                    message: why.slice(0, 5).join('\n') || `score ${t.score.toFixed(3)}`,
                },
            ];
        });
    });
}
/** One line for a check run title. */
function evalTitle(r) {
    const tests = r.suites.reduce((n, s) => n + s.results.totals.tests, 0);
    return `${r.verdict === 'pass' ? 'Passed' : 'Failed'}: pass rate ${(r.passRate * 100).toFixed(1)}% over ${tests} tests`;
}
//# sourceMappingURL=annotations.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/json-schema.js
/**
 * A small JSON Schema (draft 2020-12 subset) validator for the `json-schema` assertion: type, enum,
 * const, properties, required, additionalProperties, items, prefixItems, min/max (length, items,
 * value), pattern, allOf/anyOf/oneOf/not. Returns the first problem as `path: message`, or undefined.
 */
function validateJsonSchema(schema, value, path = '$') {
    if (schema === true || schema === undefined)
        return undefined;
    if (schema === false)
        return `${path}: no value is allowed here`;
    if (typeof schema !== 'object' || schema === null)
        return undefined;
    const s = schema;
    if (s.type !== undefined) {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        if (!types.some((t) => isType(value, t)))
            return `${path}: expected ${types.join(' or ')}, found ${typeName(value)}`;
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value)))
        return `${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`;
    if ('const' in s && !deepEqual(s.const, value))
        return `${path}: expected ${JSON.stringify(s.const)}`;
    if (typeof value === 'string') {
        if (typeof s.minLength === 'number' && [...value].length < s.minLength)
            return `${path}: shorter than ${s.minLength}`;
        if (typeof s.maxLength === 'number' && [...value].length > s.maxLength)
            return `${path}: longer than ${s.maxLength}`;
        if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
            return `${path}: does not match ${s.pattern}`;
    }
    if (typeof value === 'number') {
        if (typeof s.minimum === 'number' && value < s.minimum)
            return `${path}: below ${s.minimum}`;
        if (typeof s.maximum === 'number' && value > s.maximum)
            return `${path}: above ${s.maximum}`;
        if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum)
            return `${path}: not above ${s.exclusiveMinimum}`;
        if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum)
            return `${path}: not below ${s.exclusiveMaximum}`;
    }
    if (Array.isArray(value)) {
        if (typeof s.minItems === 'number' && value.length < s.minItems)
            return `${path}: fewer than ${s.minItems} items`;
        if (typeof s.maxItems === 'number' && value.length > s.maxItems)
            return `${path}: more than ${s.maxItems} items`;
        const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
        for (const [i, item] of value.entries()) {
            const sub = i < prefix.length ? prefix[i] : s.items;
            const p = validateJsonSchema(sub, item, `${path}[${i}]`);
            if (p)
                return p;
        }
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const obj = value;
        for (const key of Array.isArray(s.required) ? s.required : [])
            if (!(key in obj))
                return `${path}: missing required property "${key}"`;
        const props = (s.properties ?? {});
        for (const [key, v] of Object.entries(obj)) {
            if (key in props) {
                const p = validateJsonSchema(props[key], v, `${path}.${key}`);
                if (p)
                    return p;
            }
            else if (s.additionalProperties !== undefined) {
                const p = validateJsonSchema(s.additionalProperties, v, `${path}.${key}`);
                if (p)
                    return s.additionalProperties === false ? `${path}: unexpected property "${key}"` : p;
            }
        }
    }
    if (Array.isArray(s.allOf))
        for (const sub of s.allOf)
            if (validateJsonSchema(sub, value, path))
                return validateJsonSchema(sub, value, path);
    if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => !validateJsonSchema(sub, value, path)))
        return `${path}: matches none of anyOf`;
    if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => !validateJsonSchema(sub, value, path)).length !== 1)
        return `${path}: must match exactly one of oneOf`;
    if (s.not !== undefined && !validateJsonSchema(s.not, value, path))
        return `${path}: matches a schema it must not`;
    return undefined;
}
function isType(v, t) {
    switch (t) {
        case 'null':
            return v === null;
        case 'array':
            return Array.isArray(v);
        case 'object':
            return v !== null && typeof v === 'object' && !Array.isArray(v);
        case 'integer':
            return Number.isInteger(v);
        case 'number':
            return typeof v === 'number' && Number.isFinite(v);
        default:
            return typeof v === t;
    }
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'array';
    if (Number.isInteger(v))
        return 'integer';
    return typeof v;
}
/** Structural equality of JSON values. */
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}
//# sourceMappingURL=json-schema.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/metrics.js
// Text-overlap metrics defined as the reference implementations define them, so a score here
// means what it means in a paper: BLEU and chrF as sacreBLEU 2.x computes them (13a tokenizer,
// default smoothing), ROUGE-N and ROUGE-L F-measure as Google's rouge-score (no stemmer).
/** Edit distance (insertions, deletions, substitutions) between two strings, by code point. */
function levenshtein(a, b) {
    const s = [...a];
    const t = [...b];
    if (s.length === 0)
        return t.length;
    if (t.length === 0)
        return s.length;
    let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
    for (let i = 1; i <= s.length; i++) {
        const cur = [i];
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
        }
        prev = cur;
    }
    return prev[t.length] ?? 0;
}
/** sacreBLEU's `13a` tokenizer (mteval-v13a): punctuation split off, digits' separators kept. */
function tokenize13a(text) {
    let line = text.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
    if (line.includes('&'))
        line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    line = ` ${line} `;
    line = line.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
    line = line.replace(/([^0-9])([.,])/g, '$1 $2 ');
    line = line.replace(/([.,])([^0-9])/g, ' $1 $2');
    line = line.replace(/([0-9])(-)/g, '$1 $2 ');
    return line.split(/\s+/).filter(Boolean);
}
function ngramCounts(tokens, n) {
    const m = new Map();
    for (let i = 0; i + n <= tokens.length; i++) {
        const key = tokens.slice(i, i + n).join('\u0001');
        m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
}
/** Sufficient statistics of one segment: [sysLen, refLen, correct1..4, total1..4]. */
function bleuStats(hyp, refs, lowercase) {
    const prep = (s) => tokenize13a(lowercase ? s.toLowerCase() : s);
    const h = prep(hyp);
    const rs = refs.map(prep);
    let refLen = -1;
    let best = -1;
    for (const r of rs) {
        const diff = Math.abs(h.length - r.length);
        if (best === -1 || diff < best || (diff === best && r.length < refLen)) {
            best = diff;
            refLen = r.length;
        }
    }
    const correct = [];
    const total = [];
    for (let n = 1; n <= 4; n++) {
        const hc = ngramCounts(h, n);
        const maxRef = new Map();
        for (const r of rs)
            for (const [k, c] of ngramCounts(r, n))
                maxRef.set(k, Math.max(maxRef.get(k) ?? 0, c));
        let match = 0;
        for (const [k, c] of hc)
            match += Math.min(c, maxRef.get(k) ?? 0);
        correct.push(match);
        total.push(Math.max(0, h.length - n + 1));
    }
    return [h.length, Math.max(refLen, 0), ...correct, ...total];
}
function bleuFromStats(stats, o) {
    const [sysLen = 0, refLen = 0] = stats;
    const correct = stats.slice(2, 6);
    const total = stats.slice(6, 10);
    const smooth = o.smooth ?? 'exp';
    const value = o.smoothValue ?? (smooth === 'floor' ? 0.1 : 1);
    const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
    if (!correct.some((c) => c > 0))
        return 0;
    const precisions = [0, 0, 0, 0];
    let smoothMteval = 1;
    let effOrder = 4;
    for (let n = 1; n <= 4; n++) {
        let c = correct[n - 1] ?? 0;
        let t = total[n - 1] ?? 0;
        if (smooth === 'add-k' && n > 1) {
            c += value;
            t += value;
        }
        if (t === 0)
            break;
        if (o.effectiveOrder)
            effOrder = n;
        if (c === 0) {
            if (smooth === 'exp') {
                smoothMteval *= 2;
                precisions[n - 1] = 100 / (smoothMteval * t);
            }
            else if (smooth === 'floor')
                precisions[n - 1] = (100 * value) / t;
        }
        else
            precisions[n - 1] = (100 * c) / t;
    }
    const logs = precisions.slice(0, effOrder).map((p) => (p === 0 ? -9999999999 : Math.log(p)));
    return bp * Math.exp(logs.reduce((a, b) => a + b, 0) / effOrder);
}
/** Corpus BLEU (0–100) of hypotheses against one or more reference streams, like `sacrebleu.corpus_bleu`. */
function corpusBleu(hyps, refStreams, options = {}) {
    const sum = new Array(10).fill(0);
    hyps.forEach((h, i) => {
        const stats = bleuStats(h, refStreams.map((s) => s[i] ?? ''), options.lowercase ?? false);
        stats.forEach((v, j) => {
            sum[j] = (sum[j] ?? 0) + v;
        });
    });
    return bleuFromStats(sum, options);
}
/** Sentence BLEU (0–100), like `sacrebleu.sentence_bleu`: exp smoothing and effective order by default. */
function sentenceBleu(hyp, refs, options = {}) {
    return bleuFromStats(bleuStats(hyp, refs, options.lowercase ?? false), { effectiveOrder: true, ...options });
}
/** chrF (0–100) as sacreBLEU's `CHRF()` default: character 6-grams, β = 2, whitespace dropped; corpus statistics summed. */
function chrf(hyps, refs, options = {}) {
    const order = options.order ?? 6;
    const factor = (options.beta ?? 2) ** 2;
    const stats = new Array(order * 3).fill(0);
    hyps.forEach((hyp, i) => {
        const h = hyp.split(/\s+/).join('');
        const r = (refs[i] ?? '').split(/\s+/).join('');
        for (let n = 1; n <= order; n++) {
            const hc = charNgrams(h, n);
            const rc = charNgrams(r, n);
            let match = 0;
            for (const [k, c] of hc)
                match += Math.min(c, rc.get(k) ?? 0);
            const base = (n - 1) * 3;
            stats[base] = (stats[base] ?? 0) + Math.max(0, [...h].length - n + 1);
            stats[base + 1] = (stats[base + 1] ?? 0) + Math.max(0, [...r].length - n + 1);
            stats[base + 2] = (stats[base + 2] ?? 0) + match;
        }
    });
    let avgP = 0;
    let avgR = 0;
    let eff = 0;
    for (let n = 0; n < order; n++) {
        const [nh = 0, nr = 0, nm = 0] = stats.slice(n * 3, n * 3 + 3);
        if (nh > 0 && nr > 0) {
            avgP += nm / nh;
            avgR += nm / nr;
            eff++;
        }
    }
    if (eff === 0)
        return 0;
    avgP /= eff;
    avgR /= eff;
    return avgP + avgR ? (100 * (1 + factor) * avgP * avgR) / (factor * avgP + avgR) : 0;
}
function charNgrams(s, n) {
    const chars = [...s];
    const m = new Map();
    for (let i = 0; i + n <= chars.length; i++) {
        const k = chars.slice(i, i + n).join('');
        m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
}
/** rouge-score's default tokenizer: lowercase, non-alphanumerics to spaces, no stemming. */
function rougeTokens(text) {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .split(/\s+/)
        .filter((t) => /^[a-z0-9]+$/.test(t));
}
function prf(overlap, predCount, targetCount) {
    const precision = overlap / Math.max(predCount, 1);
    const recall = overlap / Math.max(targetCount, 1);
    return { precision, recall, fmeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
/** ROUGE-N of a prediction against a target (rouge-score's `rougeN`). */
function rougeN(target, prediction, n) {
    const t = ngramCounts(rougeTokens(target), n);
    const p = ngramCounts(rougeTokens(prediction), n);
    let overlap = 0;
    for (const [k, c] of t)
        overlap += Math.min(c, p.get(k) ?? 0);
    const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
    return prf(overlap, sum(p), sum(t));
}
/** ROUGE-L (longest common subsequence) of a prediction against a target (rouge-score's `rougeL`). */
function rougeL(target, prediction) {
    const t = rougeTokens(target);
    const p = rougeTokens(prediction);
    if (t.length === 0 || p.length === 0)
        return { precision: 0, recall: 0, fmeasure: 0 };
    let prev = new Array(p.length + 1).fill(0);
    for (let i = 1; i <= t.length; i++) {
        const cur = new Array(p.length + 1).fill(0);
        for (let j = 1; j <= p.length; j++)
            cur[j] = t[i - 1] === p[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
        prev = cur;
    }
    const lcs = prev[p.length] ?? 0;
    const precision = lcs / p.length;
    const recall = lcs / t.length;
    return { precision, recall, fmeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
/** Cosine similarity of two vectors. */
function cosine(a, b) {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
        const x = a[i] ?? 0;
        const y = b[i] ?? 0;
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
//# sourceMappingURL=metrics.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/template.js
/**
 * Renders `{{ name }}` and `{{ name.path }}` from variables. Objects render as JSON; an unknown
 * variable renders empty, as promptfoo's nunjucks does, so a test can leave one out.
 */
function renderTemplate(template, vars) {
    if (!template.includes('{{'))
        return template;
    return template.replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, (_, name) => {
        let value = vars;
        for (const part of name.split('.'))
            value = value !== null && typeof value === 'object' ? value[part] : undefined;
        if (value === undefined || value === null)
            return '';
        return typeof value === 'string' ? value : JSON.stringify(value);
    });
}
/** Renders every string inside a JSON-like value (the http provider's body). */
function renderDeep(value, vars) {
    if (typeof value === 'string')
        return renderTemplate(value, vars);
    if (Array.isArray(value))
        return value.map((v) => renderDeep(v, vars));
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, vars)]));
    return value;
}
/** Reads `a.b.0.c` from parsed JSON; undefined when any step is missing. */
function jsonPath(value, path) {
    if (path === '' || path === '$')
        return value;
    let v = value;
    for (const part of path
        .replace(/^\$\.?/, '')
        .split(/\.|\[(\d+)\]/)
        .filter(Boolean)) {
        if (v === null || typeof v !== 'object')
            return undefined;
        v = v[part];
    }
    return v;
}
//# sourceMappingURL=template.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/assertions.js



const REFUSAL = /\b(I(?:'m| am) (?:sorry|unable|not able)|I can(?:no|')t (?:help|assist|do|provide|comply)|I (?:won't|will not) (?:help|assist|provide)|as an AI(?: language model)?|I must decline|I'm not comfortable)\b/i;
/** Patterns for credentials that must never appear in an answer. */
const SECRET_PATTERNS = [
    ['AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
    ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
    ['OpenAI key', /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}\b/],
    ['Slack token', /\bxox[abpors]-[A-Za-z0-9-]{10,}\b/],
    ['private key', /-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/],
    ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/],
];
const PII_PATTERNS = [
    ['email address', /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/],
    ['US social security number', /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/],
    ['phone number', /(?:\+\d{1,3}[ .-]?)?\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b/],
];
function luhn(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
        let d = Number(digits[digits.length - 1 - i]);
        if (i % 2 === 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 === 0;
}
function list(value) {
    if (Array.isArray(value))
        return value.map(String);
    if (typeof value === 'string')
        return value.split(',').map((s) => s.trim());
    return [];
}
function regexOf(value) {
    const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
    return m ? new RegExp(m[1] ?? '', m[2]) : new RegExp(value);
}
function findJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        // look for an embedded object or array
    }
    for (let start = 0; start < text.length; start++) {
        const ch = text[start];
        if (ch !== '{' && ch !== '[')
            continue;
        for (let end = text.length; end > start; end--) {
            const last = text[end - 1];
            if (last !== '}' && last !== ']')
                continue;
            try {
                return JSON.parse(text.slice(start, end));
            }
            catch {
                // keep shrinking
            }
        }
    }
    return undefined;
}
const ratio = (pass) => ({ pass, score: pass ? 1 : 0, message: '' });
const atLeast = (score, threshold, what) => ({
    pass: score >= threshold,
    score,
    message: `${what} ${score.toFixed(3)} ${score >= threshold ? '>=' : '<'} ${threshold}`,
});
/** Runs one assertion against one answer. Never throws: a broken check is a failed check that says why. */
async function runAssertion(spec, response, test, services) {
    const negate = spec.type.startsWith('not-');
    const type = negate ? spec.type.slice(4) : spec.type;
    const vars = { ...test.vars, ...(test.expected !== undefined ? { expected: test.expected } : {}) };
    const raw = typeof spec.value === 'string' ? renderTemplate(spec.value, vars) : spec.value;
    let outcome;
    try {
        outcome = await evaluate(type, raw, spec, response, test, services);
    }
    catch (error) {
        outcome = { pass: false, score: 0, message: `${type} could not run: ${error.message}` };
        if (negate)
            return result(spec, outcome);
    }
    if (negate)
        outcome = { pass: !outcome.pass, score: 1 - outcome.score, message: outcome.pass ? `not-${type}: ${outcome.message || 'it matched'}` : '' };
    // A passing check keeps measurements (scores, judge reasons) but not its would-be failure text.
    else if (outcome.pass && /^(expected|missing|the answer is not|no JSON)/.test(outcome.message))
        outcome.message = '';
    return result(spec, outcome);
}
function result(spec, o) {
    const r = { type: spec.type, pass: o.pass, score: o.score, message: o.message, weight: spec.weight ?? 1 };
    if (spec.metric)
        r.metric = spec.metric;
    return r;
}
async function evaluate(type, value, spec, r, test, services) {
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
            let parsed;
            if (type === 'is-json') {
                try {
                    parsed = JSON.parse(out);
                }
                catch (error) {
                    return { pass: false, score: 0, message: `not JSON: ${error.message}` };
                }
            }
            else {
                parsed = findJson(out);
                if (parsed === undefined)
                    return { pass: false, score: 0, message: 'no JSON found in the output' };
            }
            if (value === undefined || value === null)
                return ratio(true);
            const problem = validateJsonSchema(typeof value === 'string' ? JSON.parse(value) : value, parsed);
            return { ...ratio(!problem), message: problem ?? '' };
        }
        case 'json-schema': {
            const parsed = findJson(out);
            if (parsed === undefined)
                return { pass: false, score: 0, message: 'no JSON found in the output' };
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
            if (!services.embed)
                throw new Error('no embeddings provider (set `provider:` on the assertion or `--embeddings`)');
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
            const hit = SECRET_PATTERNS.find(([, re]) => re.test(out));
            return { ...ratio(!hit), message: hit ? `the answer contains a ${hit[0]}` : '' };
        }
        case 'no-pii': {
            const hit = PII_PATTERNS.find(([, re]) => re.test(out));
            const card = /\b(?:\d[ -]?){13,19}\b/.exec(out);
            const cardHit = card && luhn(card[0].replace(/\D/g, ''));
            return { ...ratio(!hit && !cardHit), message: hit ? `the answer contains an ${hit[0]}` : cardHit ? 'the answer contains a card number' : '' };
        }
        default:
            throw new Error(`unknown assertion type ${type}`);
    }
}
function limit(value, threshold, what) {
    if (threshold === undefined)
        throw new Error(`${what}: set threshold`);
    const pass = value <= threshold;
    return { pass, score: pass ? 1 : 0, message: `${what} ${Number(value.toFixed(6))} ${pass ? '<=' : '>'} ${threshold}` };
}
function runJavascript(code, r, test) {
    const body = /\breturn\b/.test(code) ? code : `return (${code});`;
    // The suite is the user's own code, trusted as their test code is: it runs like a jest test would.
    const fn = new Function('output', 'context', body);
    const value = fn(r.output, { vars: test.vars, expected: test.expected, latencyMs: r.latencyMs, tokens: r.completionTokens, cost: r.cost });
    if (typeof value === 'boolean')
        return { ...ratio(value), message: value ? '' : 'the function returned false' };
    if (typeof value === 'number')
        return { pass: value > 0, score: Math.max(0, Math.min(1, value)), message: `the function returned ${value}` };
    if (value && typeof value === 'object' && 'pass' in value) {
        const v = value;
        return { pass: Boolean(v.pass), score: v.score ?? (v.pass ? 1 : 0), message: v.reason ?? '' };
    }
    throw new Error(`the function must return a boolean, a number or { pass, score, reason }; it returned ${JSON.stringify(value)}`);
}
/** The judge prompt: the rubric, the answer, and a strict JSON reply format. */
function judgePrompt(rubric, output) {
    return [
        'You grade an answer against a rubric. Reply with JSON only: {"pass": true|false, "score": 0..1, "reason": "one sentence"}.',
        `<rubric>\n${rubric}\n</rubric>`,
        `<answer>\n${output}\n</answer>`,
    ].join('\n\n');
}
async function judge(rubric, output, spec, services) {
    if (!services.judge)
        throw new Error('no judge provider (set `provider:` on the assertion)');
    const votes = spec.votes ?? 1;
    const verdicts = [];
    for (let v = 0; v < votes; v++) {
        const reply = await services.judge(judgePrompt(rubric, output), v);
        const parsed = findJson(reply);
        if (!parsed || typeof parsed !== 'object')
            throw new Error(`the judge did not answer in JSON: "${reply.slice(0, 120)}"`);
        const score = typeof parsed.score === 'number' ? parsed.score : parsed.pass === true ? 1 : 0;
        verdicts.push({ pass: typeof parsed.pass === 'boolean' ? parsed.pass : score >= (spec.threshold ?? 0.5), score, reason: String(parsed.reason ?? '') });
    }
    const passes = verdicts.filter((v) => v.pass).length;
    const pass = passes * 2 > votes;
    const score = verdicts.reduce((s, v) => s + v.score, 0) / votes;
    const reason = verdicts.find((v) => v.pass === pass)?.reason ?? '';
    return { pass, score, message: `judge ${passes}/${votes} pass${reason ? `: ${reason}` : ''}` };
}
//# sourceMappingURL=assertions.js.map
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./packages/eval/lib/internal/cache.js



/**
 * Model answers on disk, one small JSON file per key, so a cache folder can be saved and restored
 * whole (`@actions/cache`, the artifact store) and merged across shards without conflicts.
 * Judge verdicts live under their own prefix: changing a rubric never invalidates answers.
 */
class ResponseCache {
    dir;
    mode;
    hits = 0;
    misses = 0;
    constructor(dir, mode) {
        this.dir = dir;
        this.mode = mode;
    }
    /** The key of one call: everything that can change the answer, and the repeat index. */
    static key(parts) {
        return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(parts)).digest('hex');
    }
    file(kind, key) {
        return external_node_path_.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
    }
    async get(kind, key) {
        if (this.mode === 'off')
            return undefined;
        try {
            const value = JSON.parse(await (0,promises_.readFile)(this.file(kind, key), 'utf8'));
            this.hits++;
            return value;
        }
        catch {
            this.misses++;
            return undefined;
        }
    }
    async set(kind, key, value) {
        if (this.mode !== 'use')
            return;
        const file = this.file(kind, key);
        await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
        // Write then rename: a crash or a parallel shard never leaves half a file behind.
        const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        await (0,promises_.writeFile)(tmp, JSON.stringify(value));
        await (0,promises_.rename)(tmp, file);
    }
}
//# sourceMappingURL=cache.js.map
// EXTERNAL MODULE: ./packages/stats/lib/distributions.js
var distributions = __webpack_require__(2866);
;// CONCATENATED MODULE: ./packages/stats/lib/random.js
/**
 * mulberry32: a small seeded PRNG giving floats in [0, 1). Seeded randomness makes bootstrap
 * intervals, injected faults and simulations repeat exactly from run to run.
 */
function mulberry32(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}
//# sourceMappingURL=random.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/stats.js

// Paired tests for "did the pull request make it worse?": McNemar's exact test for pass/fail pairs,
// the Wilcoxon signed-rank test for scores, and a seeded paired bootstrap for confidence intervals.
/** log C(n, k) via log-gamma-free summation (exact enough for n up to ~10^6). */
function logChoose(n, k) {
    let s = 0;
    const m = Math.min(k, n - k);
    for (let i = 1; i <= m; i++)
        s += Math.log(n - m + i) - Math.log(i);
    return s;
}
/**
 * McNemar's exact test: `b` pairs passed on base only, `c` on head only. Two-sided p-value of the
 * binomial test of min(b, c) out of b + c at 1/2 (what `scipy.stats.binomtest(min, b+c).pvalue` gives).
 */
function mcnemarExact(b, c) {
    const n = b + c;
    if (n === 0)
        return 1;
    const k = Math.min(b, c);
    let cdf = 0;
    for (let i = 0; i <= k; i++)
        cdf += Math.exp(logChoose(n, i) - n * Math.LN2);
    return Math.min(1, 2 * cdf - (2 * k === n ? Math.exp(logChoose(n, k) - n * Math.LN2) : 0));
}
/**
 * Wilcoxon signed-rank test on paired differences, two-sided, zeros dropped ("wilcox"), as
 * `scipy.stats.wilcoxon(d)` 1.10 with its defaults: the exact distribution of the (mid-rank)
 * statistic for n ≤ 50 when no difference is zero, otherwise the normal approximation with the
 * tie correction and no continuity correction.
 */
function wilcoxon(diffs) {
    const d = diffs.filter((x) => x !== 0);
    const hadZeros = d.length < diffs.length;
    const n = d.length;
    if (n === 0)
        return { statistic: 0, p: 1, n: 0, method: 'exact' };
    const order = d.map((x, i) => ({ a: Math.abs(x), i })).sort((x, y) => x.a - y.a);
    const ranks = new Array(n).fill(0);
    let tieTerm = 0;
    for (let i = 0; i < n;) {
        let j = i;
        while (j + 1 < n && order[j + 1]?.a === order[i]?.a)
            j++;
        const rank = (i + j) / 2 + 1;
        for (let k = i; k <= j; k++)
            ranks[order[k]?.i ?? 0] = rank;
        const t = j - i + 1;
        if (t > 1)
            tieTerm += t ** 3 - t;
        i = j + 1;
    }
    let rPlus = 0;
    let rMinus = 0;
    d.forEach((x, i) => {
        if (x > 0)
            rPlus += ranks[i] ?? 0;
        else
            rMinus += ranks[i] ?? 0;
    });
    const statistic = Math.min(rPlus, rMinus);
    if (n <= 50 && !hadZeros) {
        // counts[s] = number of sign assignments with W+ = s
        const max = (n * (n + 1)) / 2;
        let counts = new Float64Array(max + 1);
        counts[0] = 1;
        for (let r = 1; r <= n; r++) {
            const next = new Float64Array(max + 1);
            for (let s = 0; s <= max; s++) {
                const c = counts[s] ?? 0;
                if (c === 0)
                    continue;
                next[s] = (next[s] ?? 0) + c;
                next[s + r] = (next[s + r] ?? 0) + c;
            }
            counts = next;
        }
        const totalCount = 2 ** n;
        let cdf = 0;
        for (let s = 0; s <= Math.floor(statistic); s++)
            cdf += counts[s] ?? 0;
        return { statistic, p: Math.min(1, (2 * cdf) / totalCount), n, method: 'exact' };
    }
    const mean = (n * (n + 1)) / 4;
    const se = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
    const z = se > 0 ? (statistic - mean) / se : 0;
    return { statistic, p: Math.min(1, 2 * (0,distributions/* normalSf */.nG)(Math.abs(z))), n, method: 'approx' };
}
/** Percentile interval of the mean of paired differences over `resamples` bootstrap resamples. */
function bootstrapMeanCi(diffs, options = {}) {
    const n = diffs.length;
    if (n === 0)
        return [0, 0];
    const resamples = options.resamples ?? 2000;
    const level = options.level ?? 0.95;
    const rand = mulberry32(options.seed ?? 20240601);
    const means = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
        let s = 0;
        for (let i = 0; i < n; i++)
            s += diffs[Math.floor(rand() * n)] ?? 0;
        means[r] = s / n;
    }
    means.sort();
    const lo = means[Math.floor(((1 - level) / 2) * resamples)] ?? 0;
    const hi = means[Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1)] ?? 0;
    return [lo, hi];
}
//# sourceMappingURL=stats.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/compare.js

function pairKey(t, byProvider) {
    return byProvider ? `${t.id}\u0000${t.provider}` : t.id;
}
/**
 * Compares a head run with its baseline, test by test (paired by stable id), and decides the gate:
 * it fails on a significant regression of the pass rate (McNemar exact) or of any score (Wilcoxon),
 * on a pass rate under the floor, or when a critical test newly fails. Identical runs always pass.
 */
function compareResults(base, head, options = {}) {
    const alpha = options.alpha ?? 0.05;
    const criticalTag = options.criticalTag ?? 'critical';
    const byProvider = base.providers.length > 1 || head.providers.length > 1;
    const baseMap = new Map(base.tests.filter((t) => t.status !== 'skipped').map((t) => [pairKey(t, byProvider), t]));
    const headMap = new Map(head.tests.filter((t) => t.status !== 'skipped').map((t) => [pairKey(t, byProvider), t]));
    const tests = [];
    const counts = { 'newly-failing': 0, 'newly-passing': 0, flaky: 0, unchanged: 0, new: 0, removed: 0 };
    for (const h of head.tests) {
        if (h.status === 'skipped')
            continue;
        const b = baseMap.get(pairKey(h, byProvider));
        const pass = (t) => t.status === 'pass';
        const change = !b
            ? 'new'
            : h.flaky || b.flaky
                ? 'flaky'
                : pass(b) && !pass(h)
                    ? 'newly-failing'
                    : !pass(b) && pass(h)
                        ? 'newly-passing'
                        : 'unchanged';
        const p = {
            id: h.id,
            description: h.description,
            line: h.line,
            tags: h.tags,
            change,
            critical: h.tags.includes(criticalTag),
            head: h,
            scoreDiff: b ? h.score - b.score : 0,
        };
        if (b)
            p.base = b;
        tests.push(p);
        counts[change]++;
    }
    for (const [key, b] of baseMap) {
        if (headMap.has(key))
            continue;
        tests.push({
            id: b.id,
            description: b.description,
            line: b.line,
            tags: b.tags,
            change: 'removed',
            critical: b.tags.includes(criticalTag),
            base: b,
            scoreDiff: 0,
        });
        counts.removed++;
    }
    const paired = tests.filter((t) => t.base !== undefined && t.head !== undefined);
    const metrics = [];
    // Pass rate: McNemar on per-test pass/fail; the interval is on the paired difference of pass rates.
    {
        const passB = paired.map((t) => t.base.passRate);
        const passH = paired.map((t) => t.head.passRate);
        const onlyBase = paired.filter((t) => t.base.status === 'pass' && t.head.status !== 'pass').length;
        const onlyHead = paired.filter((t) => t.base.status !== 'pass' && t.head.status === 'pass').length;
        const diffs = paired.map((_, i) => (passH[i] ?? 0) - (passB[i] ?? 0));
        const p = mcnemarExact(onlyBase, onlyHead);
        const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
        const row = {
            name: 'pass rate',
            base: mean(passB),
            head: mean(passH),
            diff: mean(diffs),
            ci: bootstrapMeanCi(diffs),
            p,
            test: 'mcnemar',
            n: onlyBase + onlyHead,
        };
        metrics.push({ ...row, regression: p < alpha && onlyBase > onlyHead, improvement: p < alpha && onlyHead > onlyBase });
    }
    const names = new Set(['score']);
    for (const t of paired)
        for (const k of Object.keys(t.head.metrics))
            if (k in t.base.metrics)
                names.add(k);
    for (const name of names) {
        const pairs = paired.flatMap((t) => {
            const b = name === 'score' ? t.base.score : t.base.metrics[name];
            const h = name === 'score' ? t.head.score : t.head.metrics[name];
            return b === undefined || h === undefined ? [] : [[b, h]];
        });
        if (pairs.length === 0)
            continue;
        const diffs = pairs.map(([b, h]) => h - b);
        const w = wilcoxon(diffs);
        const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const diff = mean(diffs);
        metrics.push({
            name,
            base: mean(pairs.map(([b]) => b)),
            head: mean(pairs.map(([, h]) => h)),
            diff,
            ci: bootstrapMeanCi(diffs),
            p: w.p,
            test: 'wilcoxon',
            n: w.n,
            regression: w.p < alpha && diff < 0,
            improvement: w.p < alpha && diff > 0,
        });
    }
    const reasons = [];
    for (const m of metrics)
        if (m.regression)
            reasons.push(`${m.name} fell from ${fmt(m.base)} to ${fmt(m.head)} (p = ${m.p.toPrecision(3)} < α = ${alpha})`);
    if (options.passRateFloor !== undefined && head.totals.passRate < options.passRateFloor) {
        reasons.push(`pass rate ${fmt(head.totals.passRate)} is below the floor of ${fmt(options.passRateFloor)}`);
    }
    const criticalFails = tests.filter((t) => t.critical && t.change === 'newly-failing');
    for (const t of criticalFails)
        reasons.push(`critical test "${t.id}" newly fails`);
    const warnings = [];
    const now = options.now ?? new Date();
    const ageDays = (now.getTime() - Date.parse(base.createdAt)) / 86_400_000;
    const staleDays = options.staleDays ?? 14;
    if (ageDays > staleDays)
        warnings.push(`the baseline is ${Math.floor(ageDays)} days old (older than ${staleDays}); refresh it from the base branch`);
    if (base.partial)
        warnings.push(`the baseline run was partial (${base.partialReason ?? 'stopped early'})`);
    if (head.partial)
        warnings.push(`this run is partial (${head.partialReason ?? 'stopped early'}): untested cases are not judged`);
    if (counts.removed > 0)
        warnings.push(`${counts.removed} baseline test(s) have no result in this run`);
    const baseline = { createdAt: base.createdAt, ageDays, stale: ageDays > staleDays };
    if (base.git?.sha)
        baseline.sha = base.git.sha;
    return { verdict: reasons.length ? 'fail' : 'pass', reasons, warnings, alpha, metrics, tests, counts, baseline };
}
function fmt(x) {
    return Number.isInteger(x) ? String(x) : x.toFixed(3);
}
//# sourceMappingURL=compare.js.map
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
// EXTERNAL MODULE: ./packages/config/lib/index.js + 9 modules
var config_lib = __webpack_require__(6371);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./packages/eval/lib/internal/yaml-subset.js
// A strict, small reader for the YAML that generated suites are made of: block mappings and
// sequences, flow mappings and sequences, quoted strings, and plain scalars that are plainly
// strings, decimal numbers, booleans or null. Anything else (comments, block scalars, anchors,
// tags, multi-line scalars, hex or octal numbers, dates, …) makes it return undefined, and the
// caller uses the full YAML parser. The yaml library's cold start costs ~0.3 ms per test; this
// costs a few microseconds. Equivalence with the yaml library is tested on every shape it accepts.
class Bail extends Error {
}
const bail = () => {
    throw new Bail();
};
const KEY = /^([A-Za-z_$][\w.$-]*|"(?:[^"\\]|\\["\\/bfnrt])*"|'(?:[^']|'')*')/;
function resolvePlain(text, flow) {
    const s = text.trim();
    if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL')
        return null;
    if (s === 'true' || s === 'True' || s === 'TRUE')
        return true;
    if (s === 'false' || s === 'False' || s === 'FALSE')
        return false;
    if (/^(0|-?[1-9][0-9]{0,14})$/.test(s))
        return Number(s);
    if (/^-?(0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/.test(s) && Number(s) !== 0)
        return Number(s);
    // Everything else a plain scalar could mean (numbers in other notations, .inf, dates, indicators) goes to the real parser.
    if (/^[-?:,[\]{}#&*!|>'"%@`0-9+.]/.test(s) || /:(\s|$)|\s#/.test(s))
        bail();
    if (flow && /[,[\]{}]/.test(s))
        bail();
    if (/[\t\\]/.test(s))
        bail();
    return s;
}
function quoted(text) {
    if (text.startsWith('"')) {
        if (!/^"(?:[^"\\]|\\["\\/bfnrt])*"$/.test(text))
            bail();
        return JSON.parse(text);
    }
    if (!/^'(?:[^']|'')*'$/.test(text))
        bail();
    return text.slice(1, -1).replace(/''/g, "'");
}
/** Parses one flow collection or scalar starting at `i`; returns the value and where it ended. */
function flowValue(s, i, inFlow) {
    while (s[i] === ' ')
        i++;
    const c = s[i];
    if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        const out = c === '{' ? {} : [];
        i++;
        for (;;) {
            while (s[i] === ' ')
                i++;
            if (s[i] === close)
                return [out, i + 1];
            if (Array.isArray(out)) {
                const [v, j] = flowValue(s, i, true);
                out.push(v);
                i = j;
            }
            else {
                const m = KEY.exec(s.slice(i));
                if (!m)
                    return bail();
                const key = m[0].startsWith('"') || m[0].startsWith("'") ? quoted(m[0]) : m[0];
                i += m[0].length;
                while (s[i] === ' ')
                    i++;
                if (s[i] !== ':' || (s[i + 1] !== ' ' && s[i + 1] !== undefined))
                    bail();
                if (key in out)
                    bail();
                const [v, j] = flowValue(s, i + 1, true);
                out[key] = v;
                i = j;
            }
            while (s[i] === ' ')
                i++;
            if (s[i] === ',')
                i++;
            else if (s[i] !== close)
                bail();
        }
    }
    if (c === '"' || c === "'") {
        const end = c === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(s.slice(i)) : /^'(?:[^']|'')*'/.exec(s.slice(i));
        if (!end)
            return bail();
        return [quoted(end[0]), i + end[0].length];
    }
    let j = i;
    if (inFlow)
        while (j < s.length && !',]}'.includes(s[j]))
            j++;
    else
        j = s.length;
    return [resolvePlain(s.slice(i, j), inFlow), j];
}
function inline(text) {
    const [v, end] = flowValue(text, 0, false);
    if (text.slice(end).trim() !== '')
        bail();
    return v;
}
/** Parses the block node whose first line is `lines[at]` with indentation `indent`. */
function block(lines, at, indent) {
    const first = lines[at];
    if (!first)
        return bail();
    if (first.text === '-' || first.text.startsWith('- ')) {
        const out = [];
        let i = at;
        while (i < lines.length && lines[i]?.indent === indent && (lines[i]?.text === '-' || lines[i]?.text.startsWith('- '))) {
            const rest = (lines[i]?.text ?? '').slice(1).trimStart();
            if (rest === '') {
                const nested = lines[i + 1];
                if (!nested || nested.indent <= indent) {
                    out.push(null);
                    i++;
                    continue;
                }
                const [v, j] = block(lines, i + 1, nested.indent);
                out.push(v);
                i = j;
                continue;
            }
            // "- key: value" opens a mapping whose keys sit at the column after "- ".
            const col = indent + ((lines[i]?.text.length ?? 0) - rest.length);
            if (KEY.test(rest) && /^([A-Za-z_$][\w.$-]*|"[^"]*"|'[^']*'):(\s|$)/.test(rest)) {
                const sub = [{ indent: col, text: rest }, ...lines.slice(i + 1)];
                const [v, j] = block(sub, 0, col);
                out.push(v);
                i = i + j;
                continue;
            }
            out.push(inline(rest));
            i++;
            if (i < lines.length && (lines[i]?.indent ?? 0) > indent)
                bail();
        }
        return [out, i];
    }
    const out = {};
    let i = at;
    while (i < lines.length && lines[i]?.indent === indent) {
        const text = lines[i]?.text ?? '';
        if (text.startsWith('- '))
            break;
        const m = KEY.exec(text);
        if (!m || text[m[0].length] !== ':' || (text[m[0].length + 1] !== ' ' && text.length !== m[0].length + 1))
            return bail();
        const key = m[0].startsWith('"') || m[0].startsWith("'") ? quoted(m[0]) : m[0];
        if (key in out || key === '<<')
            bail();
        const rest = text.slice(m[0].length + 1).trim();
        i++;
        if (rest === '') {
            const next = lines[i];
            if (next && (next.indent > indent || (next.indent === indent && (next.text === '-' || next.text.startsWith('- '))))) {
                const [v, j] = block(lines, i, next.indent);
                out[key] = v;
                i = j;
            }
            else
                out[key] = null;
        }
        else {
            out[key] = inline(rest);
            if (i < lines.length && (lines[i]?.indent ?? 0) > indent)
                bail();
        }
    }
    return [out, i];
}
/** The value of a YAML text in the subset above, or undefined when the text needs the full parser. */
function parseYamlSubset(text) {
    if (/[#\t&*!|>%@`]|^---|^\.\.\./m.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/'(?:[^']|'')*'/g, "''")))
        return undefined;
    const lines = [];
    for (const raw of text.split('\n')) {
        if (raw.trim() === '')
            continue;
        const t = raw.replace(/\r$/, '');
        const indent = t.length - t.trimStart().length;
        lines.push({ indent, text: t.trim() });
    }
    if (lines.length === 0)
        return undefined;
    try {
        const [v, end] = block(lines, 0, lines[0]?.indent ?? 0);
        return end === lines.length ? v : undefined;
    }
    catch (error) {
        if (error instanceof Bail)
            return undefined;
        throw error;
    }
}
//# sourceMappingURL=yaml-subset.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/fast-yaml.js


/**
 * A suite with thousands of tests parsed as one YAML document needs ~14 KB of parser memory per
 * test (280 MB for 20,000). Its `tests:` block sequence is split into items by indentation and
 * each item parsed on its own, so the parser's garbage never piles up and each test's line is
 * known. Returns undefined when the file does not have that simple shape, or when any piece does
 * not parse: the caller then parses the whole document, which also gives exact error locations.
 */
function parseSuiteInPieces(text) {
    const lines = text.split('\n');
    if (lines.some((l) => /^(---|\.\.\.)(\s|$)/.test(l)))
        return undefined;
    const start = lines.findIndex((l) => /^tests:\s*(#.*)?$/.test(l));
    if (start < 0)
        return undefined;
    const isFiller = (l) => /^\s*(#.*)?$/.test(l);
    let k = start + 1;
    while (k < lines.length && isFiller(lines[k] ?? ''))
        k++;
    const first = /^(\s*)- /.exec(lines[k] ?? '');
    if (!first)
        return undefined;
    const indent = first[1] ?? '';
    const itemStart = new RegExp(`^${indent}- `);
    const items = [];
    let end = lines.length;
    for (let i = k; i < lines.length; i++) {
        const l = lines[i] ?? '';
        if (itemStart.test(l)) {
            const last = items.at(-1);
            if (last)
                last.to = i;
            items.push({ from: i, to: lines.length });
            continue;
        }
        if (isFiller(l))
            continue;
        const lead = /^\s*/.exec(l)?.[0].length ?? 0;
        if (lead <= indent.length) {
            if (lead === 0 && indent.length === 0 && !l.startsWith('-') && /^[A-Za-z_$"'][^:]*:/.test(l)) {
                end = i;
                const last = items.at(-1);
                if (last)
                    last.to = i;
                break;
            }
            if (lead === 0 && indent.length > 0 && /^[A-Za-z_$"'][^:]*:/.test(l)) {
                end = i;
                const last = items.at(-1);
                if (last)
                    last.to = i;
                break;
            }
            return undefined;
        }
    }
    const headText = [...lines.slice(0, start), 'tests: []', ...lines.slice(end)].join('\n');
    const head = (0,dist/* parseDocument */.Tp)(headText);
    if (head.errors.length > 0)
        return undefined;
    const data = head.toJS();
    if (!data || typeof data !== 'object' || Array.isArray(data))
        return undefined;
    const tests = [];
    const testLines = [];
    // Batches of items: few parser instances, yet a bounded amount of parser garbage at any time.
    for (let b = 0; b < items.length; b += 16) {
        const batch = items.slice(b, b + 16);
        const chunk = lines
            .slice(batch[0]?.from ?? 0, batch.at(-1)?.to ?? 0)
            .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
            .join('\n');
        let value = parseYamlSubset(chunk);
        if (value === undefined) {
            const doc = (0,dist/* parseDocument */.Tp)(chunk);
            if (doc.errors.length > 0)
                return undefined;
            value = doc.toJS();
        }
        if (!Array.isArray(value) || value.length !== batch.length)
            return undefined;
        tests.push(...value);
        for (const item of batch)
            testLines.push(item.from + 1);
    }
    data.tests = tests;
    return { data, testLines };
}
//# sourceMappingURL=fast-yaml.js.map
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(6921);
;// CONCATENATED MODULE: ./packages/eval/lib/internal/suite-schema.js

// One schema reads both our suites and the common subset of a promptfoo config: promptfoo's names
// (`defaultTest`, `config.apiBaseUrl`, `openai:chat:<model>`, `icontains-any`, `llm-rubric`, …) are
// accepted beside ours, so a team can point Slipway at the file it already has.
const vars = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J());
const ASSERTION_TYPES = [
    'equals',
    'contains',
    'icontains',
    'contains-any',
    'contains-all',
    'icontains-any',
    'icontains-all',
    'regex',
    'starts-with',
    'is-json',
    'contains-json',
    'json-schema',
    'is-valid-json-schema',
    'javascript',
    'latency',
    'ttft',
    'cost',
    'tokens',
    'levenshtein',
    'bleu',
    'rouge-1',
    'rouge-2',
    'rouge-l',
    'rouge-n',
    'chrf',
    'similar',
    'llm-rubric',
    'is-refusal',
    'no-secrets',
    'no-pii',
];
const suite_schema_typeName = schemas/* string */.YjP().refine((t) => ASSERTION_TYPES.includes(t.replace(/^not-/, '')), {
    message: `unknown assertion type; allowed: ${ASSERTION_TYPES.join(', ')} (each may be prefixed with not-)`,
});
const assertionSchema = schemas/* object */.Ikc({
    type: suite_schema_typeName.describe('What to check; `not-` inverts it.'),
    value: schemas/* unknown */.L5J().optional().describe('What the check compares against: text, a list, a regex, a JS expression, a schema, a rubric.'),
    threshold: schemas/* number */.aig().optional().describe('Score (or ms, USD, tokens) the check must reach or stay under.'),
    weight: schemas/* number */.aig().min(0).optional().describe('Weight of this check in the test score (default 1).'),
    metric: schemas/* string */.YjP().optional().describe('Name the score is reported under.'),
    provider: schemas/* string */.YjP().optional().describe('llm-rubric / similar: the judge or embeddings provider id.'),
    votes: schemas/* number */.aig().int().min(1).max(15).optional().describe('llm-rubric: ask the judge k times and take the majority.'),
    mode: schemas/* enum */.k5n(['sentence', 'corpus']).optional(),
})
    .strict();
const price = schemas/* object */.Ikc({ input: schemas/* number */.aig().min(0), output: schemas/* number */.aig().min(0) })
    .strict()
    .describe('USD per million tokens.');
const providerObjectSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1).describe('`openai:chat:<model>`, `anthropic:messages:<model>`, `http`, `exec:<command>`, or a name of yours.'),
    label: schemas/* string */.YjP().optional().describe('The name shown in reports and used to pair results; defaults to id.'),
    type: schemas/* enum */.k5n(['openai', 'anthropic', 'http', 'command']).optional(),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: documents the suite's ${VAR} syntax
    baseUrl: schemas/* string */.YjP().optional().describe('Base URL including /v1 for OpenAI-compatible servers. `${VAR}` reads the environment.'),
    model: schemas/* string */.YjP().optional(),
    apiKeyEnv: schemas/* string */.YjP().optional().describe('Environment variable holding the API key (never the key itself).'),
    params: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional().describe('Request parameters: temperature, max_tokens, seed, …'),
    stream: schemas/* boolean */.zMY().optional().describe('Stream the answer to measure time to first token (default true).'),
    concurrency: schemas/* number */.aig().int().min(1).max(1024).optional(),
    rpm: schemas/* number */.aig().positive().optional().describe('Requests per minute.'),
    tpm: schemas/* number */.aig().positive().optional().describe('Tokens per minute.'),
    timeout: schemas/* number */.aig().int().positive().optional().describe('Milliseconds for one call.'),
    retries: schemas/* number */.aig().int().min(0).max(10).optional(),
    price: price.optional(),
    // http provider
    url: schemas/* string */.YjP().optional(),
    method: schemas/* string */.YjP().optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional(),
    body: schemas/* unknown */.L5J().optional(),
    responsePath: schemas/* string */.YjP().optional().describe('http: where the answer is in the JSON response, e.g. `choices.0.message.content`.'),
    // command provider
    command: schemas/* string */.YjP().optional(),
    // promptfoo
    config: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional().describe('promptfoo style: apiBaseUrl, apiKeyEnvar, temperature, max_tokens, …'),
})
    .strict();
const message = schemas/* object */.Ikc({ role: schemas/* enum */.k5n(['system', 'user', 'assistant']), content: schemas/* string */.YjP() }).strict();
const promptSchema = schemas/* union */.KCZ([
    schemas/* string */.YjP().min(1),
    schemas/* object */.Ikc({
        id: schemas/* string */.YjP().optional(),
        label: schemas/* string */.YjP().optional(),
        raw: schemas/* string */.YjP().optional(),
        messages: schemas/* array */.YOg(message).min(1).optional(),
    })
        .strict(),
]);
const testSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().min(1).optional().describe('Stable id that pairs this test with its baseline; defaults to a hash of description and vars.'),
    description: schemas/* string */.YjP().optional(),
    vars: vars.optional(),
    expected: schemas/* string */.YjP().optional().describe('Reference answer for metrics (`{{expected}}` in templates).'),
    tags: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('unit, integration, regression, inference, critical, or your own.'),
    assert: schemas/* array */.YOg(assertionSchema).optional(),
    threshold: schemas/* number */.aig().min(0).max(1).optional().describe('Weighted score the test needs to pass (default: every check passes).'),
    repeat: schemas/* number */.aig().int().min(1).max(100).optional(),
    options: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
})
    .strict();
const defaults = schemas/* object */.Ikc({
    vars: vars.optional(),
    assert: schemas/* array */.YOg(assertionSchema).optional(),
    threshold: schemas/* number */.aig().min(0).max(1).optional(),
    tags: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    options: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
})
    .strict();
const suiteSchema = schemas/* object */.Ikc({
    $schema: schemas/* string */.YjP().optional(),
    description: schemas/* string */.YjP().optional(),
    prompts: schemas/* array */.YOg(promptSchema).min(1).describe('Templates with {{variables}}, chat messages, or file:// paths.'),
    providers: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP().min(1), providerObjectSchema])).min(1),
    tests: schemas/* array */.YOg(testSchema).min(1),
    defaults: defaults.optional(),
    defaultTest: defaults.optional().describe('promptfoo name for defaults.'),
    repeat: schemas/* number */.aig().int().min(1).max(100).optional(),
    evaluateOptions: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    sharing: schemas/* unknown */.L5J().optional(),
})
    .strict();
//# sourceMappingURL=suite-schema.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/load-suite.js








/**
 * Reads a suite (ours or a promptfoo config's common subset) and resolves prompts, providers
 * and tests. Every problem is reported as `file:line:col` in one {@link ConfigError}.
 */
async function loadSuite(file, options = {}) {
    const shown = options.displayPath ?? displayPath(file);
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new lib.ConfigError([{ location: { file: shown }, message: `cannot read the suite: ${code === 'ENOENT' ? 'no such file' : String(error)}` }]);
    }
    // Fast path for big suites; any doubt (odd shape, a parse or schema problem) takes the exact path.
    const pieces = parseSuiteInPieces(text);
    const quick = pieces ? suiteSchema.safeParse(pieces.data) : undefined;
    const data = quick?.success ? quick.data : (0,config_lib.parseYamlWithSchema)(suiteSchema, text, shown);
    const lines = quick?.success && pieces ? { ...itemLines(text, true), tests: pieces.testLines } : itemLines(text);
    const env = options.env ?? process.env;
    const dir = external_node_path_.dirname(file);
    const problems = [];
    const at = (key, i) => ({ file: shown, line: lines[key]?.[i] ?? 1 });
    const prompts = [];
    for (const [i, p] of data.prompts.entries()) {
        try {
            prompts.push(await resolvePrompt(p, i, dir));
        }
        catch (error) {
            problems.push({ location: at('prompts', i), message: `prompts[${i}]: ${error.message}` });
        }
    }
    const providers = [];
    for (const [i, p] of data.providers.entries()) {
        try {
            providers.push(resolveProvider(p, env, options.setSecret));
        }
        catch (error) {
            problems.push({ location: at('providers', i), message: `providers[${i}]: ${error.message}` });
        }
    }
    const labels = new Set();
    for (const [i, p] of providers.entries()) {
        if (labels.has(p.label))
            problems.push({ location: at('providers', i), message: `providers[${i}]: label "${p.label}" is used twice; give each a label` });
        labels.add(p.label);
    }
    const tests = expandTests(data, prompts, lines.tests ?? [], options.repeat ?? data.repeat ?? 1);
    const seen = new Map();
    for (const t of tests) {
        const first = seen.get(t.id);
        if (first !== undefined)
            problems.push({ location: { file: shown, line: t.line }, message: `tests: id "${t.id}" is also used on line ${first}; ids must be unique` });
        else
            seen.set(t.id, t.line);
    }
    if (problems.length > 0)
        throw new lib.ConfigError(problems);
    return { file: shown, description: data.description ?? '', prompts, providers, tests };
}
function expandTests(data, prompts, lines, defaultRepeat) {
    const defaults = data.defaults ?? data.defaultTest ?? {};
    const out = [];
    for (const [i, t] of data.tests.entries()) {
        const vars = { ...(defaults.vars ?? {}), ...(t.vars ?? {}) };
        const baseId = t.id ??
            `t-${(0,external_node_crypto_.createHash)('sha256')
                .update(JSON.stringify([t.description ?? '', vars]))
                .digest('hex')
                .slice(0, 12)}`;
        for (const prompt of prompts) {
            const test = {
                index: out.length,
                id: prompts.length > 1 ? `${baseId}@${prompt.id}` : baseId,
                description: t.description ?? baseId,
                promptId: prompt.id,
                vars,
                tags: [...new Set([...(defaults.tags ?? []), ...(t.tags ?? [])])],
                assert: [...(defaults.assert ?? []), ...(t.assert ?? [])],
                repeat: t.repeat ?? defaultRepeat,
                line: lines[i] ?? 1,
            };
            const expected = t.expected ?? (typeof vars.expected === 'string' ? vars.expected : undefined);
            if (expected !== undefined)
                test.expected = expected;
            const threshold = t.threshold ?? defaults.threshold;
            if (threshold !== undefined)
                test.threshold = threshold;
            out.push(test);
        }
    }
    return out;
}
async function resolvePrompt(p, i, dir) {
    if (typeof p === 'string') {
        if (!p.startsWith('file://'))
            return { id: `prompt-${i + 1}`, messages: [{ role: 'user', content: p }] };
        const rel = p.slice('file://'.length);
        const text = await (0,promises_.readFile)(external_node_path_.resolve(dir, rel), 'utf8').catch(() => {
            throw new Error(`cannot read ${rel} (paths are relative to the suite file)`);
        });
        return { id: external_node_path_.basename(rel), messages: parseMessagesFile(text) };
    }
    const id = p.id ?? p.label ?? `prompt-${i + 1}`;
    if (p.messages)
        return { id, messages: p.messages };
    if (p.raw)
        return { id, messages: parseMessagesFile(p.raw) };
    throw new Error('a prompt needs `messages` or `raw`');
}
/** A prompt file is either a JSON array of chat messages or plain template text (one user message). */
function parseMessagesFile(text) {
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) {
        try {
            const parsed = JSON.parse(trimmed);
            if (Array.isArray(parsed) && parsed.every((m) => typeof m?.content === 'string' && typeof m?.role === 'string'))
                return parsed;
        }
        catch {
            // not JSON: a template that happens to start with a bracket
        }
    }
    return [{ role: 'user', content: text }];
}
const DEFAULT_OPENAI = 'https://api.openai.com/v1';
/** Expands `${VAR}` from the environment; an unset variable is an error naming it. */
function expand(value, env) {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => {
        const v = env[name];
        if (v === undefined || v === '')
            throw new Error(`environment variable ${name} is not set`);
        return v;
    });
}
/** Turns `openai:chat:gpt-4o-mini`, promptfoo objects and ours into one shape. */
function resolveProvider(spec, env, setSecret) {
    const s = typeof spec === 'string' ? { id: spec } : spec;
    const cfg = s.config ?? {};
    const [scheme = '', kind = '', ...rest] = s.id.split(':');
    let type = s.type;
    let model = s.model ?? (typeof cfg.model === 'string' ? cfg.model : undefined);
    if (!type) {
        if (scheme === 'openai')
            type = 'openai';
        else if (scheme === 'anthropic')
            type = 'anthropic';
        else if (scheme === 'http' || scheme === 'https')
            type = 'http';
        else if (scheme === 'exec')
            type = 'command';
        else if (s.url)
            type = 'http';
        else if (s.command)
            type = 'command';
        else
            type = 'openai';
    }
    if (!model && (scheme === 'openai' || scheme === 'anthropic'))
        model = kind === 'chat' || kind === 'messages' ? rest.join(':') : [kind, ...rest].join(':');
    const apiKeyEnv = s.apiKeyEnv ?? (typeof cfg.apiKeyEnvar === 'string' ? cfg.apiKeyEnvar : type === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY');
    const apiKey = env[apiKeyEnv];
    if (apiKey)
        setSecret?.(apiKey);
    const { apiBaseUrl, apiKeyEnvar: _a, model: _m, stream: cfgStream, ...cfgParams } = cfg;
    const rawBase = s.baseUrl ?? (typeof apiBaseUrl === 'string' ? apiBaseUrl : undefined);
    const baseUrl = rawBase
        ? expand(rawBase, env).replace(/\/+$/, '')
        : type === 'anthropic'
            ? 'https://api.anthropic.com/v1'
            : (env.OPENAI_BASE_URL ?? DEFAULT_OPENAI);
    const out = {
        label: s.label ?? s.id,
        type,
        model: model ?? '',
        baseUrl,
        params: { ...cfgParams, ...(s.params ?? {}) },
        // A promptfoo-style provider (with `config:`) does not stream unless asked, as in promptfoo.
        stream: s.stream ?? (s.config ? cfgStream === true : true),
        concurrency: s.concurrency ?? 8,
        timeoutMs: s.timeout ?? 60_000,
        retries: s.retries ?? 3,
    };
    if (apiKey)
        out.apiKey = apiKey;
    if (s.concurrency !== undefined)
        out.concurrencySet = true;
    if (s.rpm !== undefined)
        out.rpm = s.rpm;
    if (s.tpm !== undefined)
        out.tpm = s.tpm;
    if (s.price)
        out.price = s.price;
    if (type === 'http') {
        const url = s.url ?? (scheme === 'http' || scheme === 'https' ? s.id : undefined);
        if (!url)
            throw new Error('an http provider needs `url`');
        out.url = expand(url, env);
        out.method = s.method ?? 'POST';
        out.headers = Object.fromEntries(Object.entries(s.headers ?? {}).map(([k, v]) => [k, expand(v, env)]));
        out.body = s.body ?? { prompt: '{{prompt}}' };
        out.responsePath = s.responsePath ?? '';
    }
    if (type === 'command') {
        const command = s.command ?? (scheme === 'exec' ? s.id.slice('exec:'.length) : undefined);
        if (!command)
            throw new Error('a command provider needs `command`');
        out.command = command;
    }
    if ((type === 'openai' || type === 'anthropic') && !out.model)
        throw new Error(`provider "${s.id}" needs a model (\`model:\` or ${type}:chat:<model>)`);
    return out;
}
/** 1-based line of each item of the top-level sequences (tests, prompts, providers). */
function itemLines(text, headOnly = false) {
    const counter = new dist/* LineCounter */.HN();
    // headOnly: the tests' lines are known already; parse only up to the tests block.
    const source = headOnly ? text.slice(0, Math.max(0, text.search(/^tests:/m))) : text;
    const doc = (0,dist/* parseDocument */.Tp)(source, { lineCounter: counter });
    const out = {};
    if (!(0,dist/* isMap */.jh)(doc.contents))
        return out;
    for (const pair of doc.contents.items) {
        const key = String(pair.key?.value ?? '');
        if (!(0,dist/* isSeq */.oP)(pair.value))
            continue;
        out[key] = pair.value.items.map((item) => {
            const offset = item?.range?.[0];
            return offset === undefined ? 1 : counter.linePos(offset).line;
        });
    }
    return out;
}
function displayPath(file) {
    const rel = external_node_path_.relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
}
//# sourceMappingURL=load-suite.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/report-html.js
/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
function report_html_embed(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
function histogram(values, bins = 10) {
    const counts = new Array(bins).fill(0);
    for (const v of values) {
        const i = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)));
        counts[i] = (counts[i] ?? 0) + 1;
    }
    return counts;
}
/**
 * One self-contained HTML file (no network): verdict, metrics, score distributions as SVG charts,
 * and a sortable, filterable table of tests; a row opens base and head outputs side by side with
 * the differing words marked. Model text is only ever set through textContent.
 */
function renderHtml(head, comparison, base) {
    const baseById = new Map((base?.tests ?? []).map((t) => [`${t.id}\u0000${t.provider}`, t]));
    const changeById = new Map((comparison?.tests ?? []).map((t) => [t.id, t.change]));
    const rows = head.tests.map((t) => {
        const b = baseById.get(`${t.id}\u0000${t.provider}`) ?? (base && base.providers.length === 1 ? base.tests.find((x) => x.id === t.id) : undefined);
        return {
            id: t.id,
            description: t.description,
            provider: t.provider,
            status: t.status,
            change: changeById.get(t.id) ?? '',
            score: t.score,
            baseScore: b?.score ?? null,
            latency: t.samples[0]?.latencyMs ?? 0,
            tags: t.tags,
            head: t.samples[0]?.output ?? '',
            base: b?.samples[0]?.output ?? '',
            failures: t.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)).slice(0, 10),
        };
    });
    const data = {
        suite: head.suite.file,
        verdict: comparison?.verdict ?? (head.totals.failed + head.totals.errors === 0 ? 'pass' : 'fail'),
        reasons: comparison?.reasons ?? [],
        warnings: comparison?.warnings ?? [],
        metrics: comparison?.metrics ?? [],
        totals: head.totals,
        histHead: histogram(head.tests.filter((t) => t.status !== 'skipped').map((t) => t.score)),
        histBase: base ? histogram(base.tests.filter((t) => t.status !== 'skipped').map((t) => t.score)) : null,
        rows,
    };
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Slipway eval report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328}
h1{font-size:20px}.pass{color:#1a7f37}.fail{color:#cf222e}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f6f8fa;user-select:none}th[data-dir="asc"]::after{content:" ▲"}th[data-dir="desc"]::after{content:" ▼"}
.side{display:grid;grid-template-columns:1fr 1fr;gap:12px}.side pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;margin:0}
del{background:#ffebe9;text-decoration:line-through}ins{background:#dafbe1;text-decoration:none}
.charts{display:flex;gap:24px}.bar-h{fill:#0969da}.bar-b{fill:#8c959f}
#filters{margin:12px 0;display:flex;gap:8px}
</style></head><body>
<h1 id="title"></h1><ul id="reasons"></ul><ul id="warnings"></ul>
<table id="metrics"><thead><tr><th>metric</th><th>base</th><th>head</th><th>change</th><th>95% CI</th><th>p</th></tr></thead><tbody></tbody></table>
<h2>Score distribution</h2><div class="charts" id="charts"></div>
<h2>Tests</h2>
<div id="filters"><input id="q" placeholder="filter by id, description, output" size="40">
<select id="status"><option value="">any status</option><option>pass</option><option>fail</option><option>error</option><option>skipped</option></select>
<select id="change"><option value="">any change</option><option>newly-failing</option><option>newly-passing</option><option>flaky</option><option>unchanged</option><option>new</option></select>
<span id="count"></span></div>
<table id="tests"><thead><tr><th data-key="id">id</th><th data-key="provider">provider</th><th data-key="status">status</th><th data-key="change">change</th><th data-key="baseScore">base</th><th data-key="score">head</th><th data-key="latency">latency ms</th></tr></thead><tbody></tbody></table>
<script type="application/json" id="data">${report_html_embed(data)}</script>
<script>
(function(){
var D=JSON.parse(document.getElementById('data').textContent);
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=String(text);if(cls)e.className=cls;return e;}
function f(x){return x==null?'':(Math.round(x*1000)/1000).toString();}
var t=document.getElementById('title');t.textContent='Eval '+(D.verdict==='pass'?'passed':'failed')+': '+D.suite;t.className=D.verdict;
D.reasons.forEach(function(r){document.getElementById('reasons').appendChild(el('li',r,'fail'));});
D.warnings.forEach(function(w){document.getElementById('warnings').appendChild(el('li','⚠ '+w));});
var mb=document.querySelector('#metrics tbody');
D.metrics.forEach(function(m){var tr=document.createElement('tr');[m.name,f(m.base),f(m.head),f(m.diff),'['+f(m.ci[0])+', '+f(m.ci[1])+']',m.p<0.001?'<0.001':f(m.p)].forEach(function(c){tr.appendChild(el('td',c));});if(m.regression)tr.className='fail';mb.appendChild(tr);});
function chart(title,counts,cls){var max=Math.max.apply(null,counts.concat([1]));var ns='http://www.w3.org/2000/svg';var svg=document.createElementNS(ns,'svg');svg.setAttribute('width','260');svg.setAttribute('height','140');svg.setAttribute('role','img');svg.setAttribute('aria-label',title);
counts.forEach(function(c,i){var r=document.createElementNS(ns,'rect');var h=Math.round(c/max*110);r.setAttribute('x',String(i*26));r.setAttribute('y',String(120-h));r.setAttribute('width','22');r.setAttribute('height',String(h));r.setAttribute('class',cls);var tt=document.createElementNS(ns,'title');tt.textContent=(i/10)+'–'+((i+1)/10)+': '+c;r.appendChild(tt);svg.appendChild(r);});
var fig=el('figure');fig.appendChild(svg);fig.appendChild(el('figcaption',title));document.getElementById('charts').appendChild(fig);}
chart('head scores',D.histHead,'bar-h');if(D.histBase)chart('base scores',D.histBase,'bar-b');
function diff(a,b){var x=a.split(/(\\s+)/),y=b.split(/(\\s+)/);if(x.length*y.length>250000)return null;var n=x.length,m=y.length,dp=new Int32Array((n+1)*(m+1));
for(var i=n-1;i>=0;i--)for(var j=m-1;j>=0;j--)dp[i*(m+1)+j]=x[i]===y[j]?dp[(i+1)*(m+1)+j+1]+1:Math.max(dp[(i+1)*(m+1)+j],dp[i*(m+1)+j+1]);
var L=[],R=[];i=0;j=0;while(i<n||j<m){if(i<n&&j<m&&x[i]===y[j]){L.push([0,x[i]]);R.push([0,y[j]]);i++;j++;}else if(j<m&&(i>=n||dp[i*(m+1)+j+1]>=dp[(i+1)*(m+1)+j])){R.push([1,y[j++]]);}else{L.push([1,x[i++]]);}}return[L,R];}
function pre(parts,tag){var p=el('pre');parts.forEach(function(s){p.appendChild(s[0]&&/\\S/.test(s[1])?el(tag,s[1]):document.createTextNode(s[1]));});return p;}
var tb=document.querySelector('#tests tbody');var sortKey='id',dir=1;
function render(){var q=document.getElementById('q').value.toLowerCase(),st=document.getElementById('status').value,ch=document.getElementById('change').value;
var rows=D.rows.filter(function(r){return(!st||r.status===st)&&(!ch||r.change===ch)&&(!q||(r.id+' '+r.description+' '+r.head).toLowerCase().indexOf(q)>=0);});
rows.sort(function(a,b){var x=a[sortKey],y=b[sortKey];if(x==null)return 1;if(y==null)return -1;return(x<y?-1:x>y?1:0)*dir;});
tb.textContent='';rows.forEach(function(r){var tr=document.createElement('tr');tr.className='row '+r.status;tr.dataset.id=r.id;[r.id,r.provider,r.status,r.change,f(r.baseScore),f(r.score),Math.round(r.latency)].forEach(function(c){tr.appendChild(el('td',c));});
tr.addEventListener('click',function(){var nx=tr.nextSibling;if(nx&&nx.className==='detail'){nx.remove();return;}var d=document.createElement('tr');d.className='detail';var td=document.createElement('td');td.colSpan=7;
td.appendChild(el('div',r.description));var side=el('div',null,'side');var dd=diff(r.base,r.head);
var bl=el('div');bl.appendChild(el('strong','base'));bl.appendChild(dd?pre(dd[0],'del'):el('pre',r.base));var hl=el('div');hl.appendChild(el('strong','head'));hl.appendChild(dd?pre(dd[1],'ins'):el('pre',r.head));
side.appendChild(bl);side.appendChild(hl);td.appendChild(side);var ul=el('ul');r.failures.forEach(function(x){ul.appendChild(el('li',x));});td.appendChild(ul);d.appendChild(td);tr.after(d);});tb.appendChild(tr);});
document.getElementById('count').textContent=rows.length+' of '+D.rows.length;}
document.querySelectorAll('#tests th').forEach(function(th){th.addEventListener('click',function(){var k=th.dataset.key;dir=sortKey===k?-dir:1;sortKey=k;document.querySelectorAll('#tests th').forEach(function(o){o.removeAttribute('data-dir');});th.dataset.dir=dir>0?'asc':'desc';render();});});
['q','status','change'].forEach(function(id){document.getElementById(id).addEventListener('input',render);});render();
})();
</script></body></html>
`;
}
//# sourceMappingURL=report-html.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/report-junit.js
function xml(text) {
    // XML 1.0 forbids most control characters even when escaped: drop them.
    return text
        .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
/** JUnit XML: one test case per test and provider; failures carry the failed assertions' messages. */
function renderJunit(results) {
    return [...junitChunks(results)].join('');
}
/** The same document piece by piece, so a 20,000-test report can be streamed to disk. */
function* junitChunks(results) {
    const t = results.totals;
    const providers = [...new Set(results.tests.map((x) => x.provider))];
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="slipway eval" tests="${results.tests.length}" failures="${t.failed}" errors="${t.errors}" skipped="${t.skipped}" time="${(t.durationMs / 1000).toFixed(3)}">\n`;
    for (const provider of providers) {
        const tests = results.tests.filter((x) => x.provider === provider);
        const count = (s) => tests.filter((x) => x.status === s).length;
        yield `  <testsuite name="${xml(`${results.suite.file} (${provider})`)}" tests="${tests.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skipped')}">\n`;
        for (const r of tests) {
            const time = (r.samples.reduce((s, x) => s + x.latencyMs, 0) / 1000).toFixed(3);
            const head = `    <testcase classname="${xml(`${results.suite.file}.${provider}`)}" name="${xml(r.id)}" file="${xml(results.suite.file)}" line="${r.line}" time="${time}">`;
            if (r.status === 'skipped')
                yield `${head}\n      <skipped message="${xml(r.skipReason ?? 'not run')}"/>\n    </testcase>\n`;
            else if (r.status === 'error')
                yield `${head}\n      <error message="${xml(r.samples.find((s) => s.error)?.error ?? 'provider error')}"/>\n    </testcase>\n`;
            else if (r.status === 'fail') {
                const failed = r.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`));
                const message = failed[0] ?? `score ${r.score.toFixed(3)} below threshold`;
                const output = r.samples[0]?.output ?? '';
                yield `${head}\n      <failure message="${xml(message)}" type="assertion">${xml(`${failed.join('\n')}\n\noutput:\n${output}`)}</failure>\n    </testcase>\n`;
            }
            else
                yield `${head}</testcase>\n`;
        }
        yield '  </testsuite>\n';
    }
    yield '</testsuites>\n';
}
//# sourceMappingURL=report-junit.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/report-markdown.js

/** Hidden marker that finds the sticky comment again. */
const COMMENT_MARKER = '<!-- slipway:eval -->';
/** GitHub refuses comment bodies longer than this. */
const COMMENT_LIMIT = 65_536;
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const num = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const signed = (x, f) => (x > 0 ? `+${f(x)}` : x < 0 ? `−${f(-x)}` : '±0');
function cut(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
/** Untrusted model text for a table cell: escaped, bounded. */
function cell(text, max = 400) {
    return (0,lib.escapeMarkdown)(cut(text, max)) || '_(empty)_';
}
/** Marks what differs between two outputs, word by word: removed words struck out, added ones bold. */
function wordDiff(before, after) {
    const a = before.split(/(\s+)/);
    const b = after.split(/(\s+)/);
    if (a.length * b.length > 250_000)
        return { base: cell(before), head: cell(after) };
    const w = b.length + 1;
    const dp = new Int32Array((a.length + 1) * w);
    const at = (i, j) => dp[i * w + j] ?? 0;
    for (let i = a.length - 1; i >= 0; i--)
        for (let j = b.length - 1; j >= 0; j--)
            dp[i * w + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    let i = 0;
    let j = 0;
    const left = [];
    const right = [];
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) {
            left.push((0,lib.escapeMarkdown)(a[i] ?? ''));
            right.push((0,lib.escapeMarkdown)(b[j] ?? ''));
            i++;
            j++;
        }
        else if (j < b.length && (i >= a.length || at(i, j + 1) >= at(i + 1, j))) {
            const word = b[j++] ?? '';
            right.push(/^\s+$/.test(word) ? (0,lib.escapeMarkdown)(word) : `**${(0,lib.escapeMarkdown)(word)}**`);
        }
        else {
            const word = a[i++] ?? '';
            left.push(/^\s+$/.test(word) ? (0,lib.escapeMarkdown)(word) : `~~${(0,lib.escapeMarkdown)(word)}~~`);
        }
    }
    return { base: cut(left.join(''), 1500) || '_(empty)_', head: cut(right.join(''), 1500) || '_(empty)_' };
}
function regressionBlock(t) {
    const b = t.base?.samples[0]?.output ?? '';
    const h = t.head?.samples[0]?.output ?? '';
    const d = wordDiff(cut(b, 1200), cut(h, 1200));
    const failed = (t.head?.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)) ?? []).slice(0, 5);
    const why = failed.length ? `\n\n${failed.map((f) => `- ${cell(f, 300)}`).join('\n')}` : '';
    const tag = t.critical ? ' **critical**' : '';
    return `<details><summary>${cell(t.id, 120)} — ${cell(t.description, 160)}${tag} (score ${num(t.base?.score ?? 0)} → ${num(t.head?.score ?? 0)})</summary>\n\n${(0,lib.markdownTable)(['base', 'head'], [[d.base, d.head]])}${why}\n\n</details>`;
}
/**
 * The sticky PR comment (also the job summary): verdict first, then the metrics table, the top
 * regressions side by side, and the run's cost, latency, tokens, cache hits and baseline age.
 * Every piece of model or PR text is escaped; the whole is cut to GitHub's 65,536 characters.
 */
function renderComment(head, comparison, options = {}) {
    const limit = options.limit ?? COMMENT_LIMIT;
    const t = head.totals;
    const parts = [COMMENT_MARKER];
    if (comparison) {
        const icon = comparison.verdict === 'pass' ? '✅' : '❌';
        parts.push(`## ${icon} Eval ${comparison.verdict === 'pass' ? 'passed' : 'failed'}: ${(0,lib.escapeMarkdown)(head.suite.file)}`);
        if (comparison.reasons.length)
            parts.push(comparison.reasons.map((r) => `- ${(0,lib.escapeMarkdown)(r)}`).join('\n'));
    }
    else {
        const ok = t.failed === 0 && t.errors === 0;
        parts.push(`## ${ok ? '✅' : '❌'} Eval ${(0,lib.escapeMarkdown)(head.suite.file)}: ${t.passed}/${t.tests - t.skipped} passed (no baseline)`);
    }
    const warnings = [...(comparison?.warnings ?? []), ...(head.partial && !comparison ? [`partial run: ${head.partialReason ?? ''}`] : [])];
    if (warnings.length)
        parts.push(warnings.map((w) => `> ⚠️ ${(0,lib.escapeMarkdown)(w)}`).join('\n>\n'));
    if (comparison) {
        const rows = comparison.metrics.map((m) => {
            const isRate = m.name === 'pass rate';
            const f = isRate ? pct : num;
            const flag = m.regression ? ' 🔻' : m.improvement ? ' 🔺' : '';
            return [
                (0,lib.escapeMarkdown)(m.name),
                f(m.base),
                f(m.head),
                `${signed(m.diff, f)}${flag}`,
                `[${signed(m.ci[0], f)}, ${signed(m.ci[1], f)}]`,
                m.p < 0.001 ? '<0.001' : m.p.toFixed(3),
            ];
        });
        parts.push((0,lib.markdownTable)(['metric', 'base', 'head', 'change', '95% CI', 'p'], rows, ['left', 'right', 'right', 'right', 'right', 'right']));
        const c = comparison.counts;
        parts.push(`**Tests:** ${c['newly-failing']} newly failing · ${c['newly-passing']} newly passing · ${c.flaky} flaky · ${c.unchanged} unchanged · ${c.new} new · ${c.removed} removed`);
    }
    else {
        parts.push(`**Tests:** ${t.passed} passed · ${t.failed} failed · ${t.errors} errors · ${t.skipped} skipped`);
    }
    const footer = [];
    footer.push(`**Cost** $${t.cost.toFixed(4)} · **latency** p50 ${t.latencyP50.toFixed(0)} ms, p95 ${t.latencyP95.toFixed(0)} ms · **tokens** ${t.promptTokens} in, ${t.completionTokens} out · **cache hits** ${t.cacheHits}/${t.calls}`);
    if (comparison) {
        const age = comparison.baseline.ageDays < 1 ? `${Math.round(comparison.baseline.ageDays * 24)} h` : `${Math.floor(comparison.baseline.ageDays)} days`;
        footer.push(`**Baseline** ${comparison.baseline.sha ? `${(0,lib.escapeMarkdown)(comparison.baseline.sha.slice(0, 7))}, ` : ''}${age} old${comparison.baseline.stale ? ' ⚠️ stale' : ''}`);
    }
    for (const n of options.notes ?? [])
        footer.push(`> ${(0,lib.escapeMarkdown)(n)}`);
    const pointer = options.reportUrl ? `[Full report](${encodeURI(options.reportUrl)})` : 'Full report: the `eval-report` artifact of this run';
    footer.push(pointer);
    const tail = `\n\n${footer.join('\n\n')}\n`;
    // Regressions go last so that the cut, when needed, drops them and keeps the verdict and the table.
    const regressions = comparison
        ? comparison.tests
            .filter((x) => x.change === 'newly-failing' || (x.change === 'flaky' && x.scoreDiff < 0) || (x.change === 'unchanged' && x.scoreDiff < -1e-9))
            .sort((a, b) => Number(b.critical) - Number(a.critical) ||
            (a.change === 'newly-failing' ? -1 : 0) - (b.change === 'newly-failing' ? -1 : 0) ||
            a.scoreDiff - b.scoreDiff)
        : head.tests
            .filter((x) => x.status === 'fail' || x.status === 'error')
            .map((x) => ({ id: x.id, description: x.description, line: x.line, tags: x.tags, change: 'unchanged', critical: false, head: x, scoreDiff: 0 }));
    let body = parts.join('\n\n');
    const top = options.topRegressions ?? 10;
    const shown = [];
    for (const r of regressions.slice(0, top)) {
        const block = regressionBlock(r);
        if (body.length + block.length + tail.length + 200 > limit)
            break;
        shown.push(block);
        body += `\n\n${block}`;
    }
    if (shown.length)
        body = body.replace(shown[0] ?? '', `### Top ${comparison ? 'regressions' : 'failures'} (${shown.length} of ${regressions.length})\n\n${shown[0]}`);
    const out = body + tail;
    if (out.length <= limit)
        return out;
    const note = `\n\n_Cut to ${limit} characters._ ${pointer}\n`;
    return out.slice(0, limit - note.length) + note;
}
//# sourceMappingURL=report-markdown.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./packages/eval/lib/internal/providers/prices.js
/** USD per million tokens for well-known models, used when a provider sets no `price`. Values as published by the vendors in 2025. */
const PRICE_TABLE = {
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4.1': { input: 2, output: 8 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4 },
    'o3-mini': { input: 1.1, output: 4.4 },
    'claude-3-5-haiku-latest': { input: 0.8, output: 4 },
    'claude-3-5-sonnet-latest': { input: 3, output: 15 },
    'claude-sonnet-4-0': { input: 3, output: 15 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
};
/** Cost in USD of one call. */
function costOf(price, model, promptTokens, completionTokens) {
    const p = price ?? PRICE_TABLE[model];
    if (!p)
        return 0;
    return (promptTokens * p.input + completionTokens * p.output) / 1e6;
}
//# sourceMappingURL=prices.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/providers/rate.js

/**
 * Requests- and tokens-per-minute as token buckets that refill continuously. `take` waits until
 * the bucket holds `n`; the bucket starts full so a short suite is not slowed at all.
 */
class RateBucket {
    perMinute;
    level;
    last = performance.now();
    constructor(perMinute) {
        this.perMinute = perMinute;
        this.level = perMinute;
    }
    async take(n, signal) {
        const want = Math.min(n, this.perMinute);
        for (;;) {
            const now = performance.now();
            this.level = Math.min(this.perMinute, this.level + ((now - this.last) / 60_000) * this.perMinute);
            this.last = now;
            if (this.level >= want) {
                this.level -= want;
                return;
            }
            await (0,lib.abortableSleep)(Math.ceil(((want - this.level) / this.perMinute) * 60_000), signal);
        }
    }
}
//# sourceMappingURL=rate.js.map
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./packages/eval/lib/internal/providers/transport.js


// node:http with keep-alive rather than fetch: a suite makes thousands of small calls, and fetch's
// web streams cost several times the CPU and garbage per call (measured in bench/eval).
const agents = {
    http: new external_node_http_.Agent({ keepAlive: true, maxSockets: 256 }),
    https: new external_node_https_.Agent({ keepAlive: true, maxSockets: 256 }),
};
/** One HTTP request; resolves when the headers arrive. Rejects with the signal's reason when it aborts. */
function send(url, init) {
    return new Promise((resolve, reject) => {
        const u = new URL(url);
        const lib = u.protocol === 'https:' ? external_node_https_ : external_node_http_;
        const headers = { ...init.headers };
        if (init.body !== undefined)
            headers['content-length'] = Buffer.byteLength(init.body);
        const req = lib.request(u, { method: init.method, headers, agent: u.protocol === 'https:' ? agents.https : agents.http, signal: init.signal }, (res) => {
            resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: res,
                async text() {
                    const chunks = [];
                    for await (const c of res)
                        chunks.push(c);
                    return Buffer.concat(chunks).toString('utf8');
                },
            });
        });
        req.once('error', (error) => reject(init.signal?.aborted ? (init.signal.reason ?? error) : error));
        req.end(init.body);
    });
}
//# sourceMappingURL=transport.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/providers/provider.js






/** Builds the provider for a resolved config. `log` hears about retries. */
function createProvider(config, log) {
    const slots = new Slots(config.concurrency);
    const rpm = config.rpm ? new RateBucket(config.rpm) : undefined;
    const tpm = config.tpm ? new RateBucket(config.tpm) : undefined;
    const call = config.type === 'openai'
        ? openaiCall(config)
        : config.type === 'anthropic'
            ? anthropicCall(config)
            : config.type === 'http'
                ? httpCall(config)
                : commandCall(config);
    const guarded = (fn, outer, tokens = 0) => slots.run(() => (0,lib.retry)(async () => {
        await rpm?.take(1, outer);
        if (tpm && tokens > 0)
            await tpm.take(tokens, outer);
        const signal = outer ? AbortSignal.any([outer, AbortSignal.timeout(config.timeoutMs)]) : AbortSignal.timeout(config.timeoutMs);
        return fn(signal);
    }, {
        retries: config.retries,
        baseDelayMs: 250,
        ...(outer ? { signal: outer } : {}),
        onRetry: ({ attempt, delayMs, error }) => log?.debug(`${config.label}: retry ${attempt} in ${delayMs} ms after ${error.message}`),
    }));
    return {
        config,
        async complete(messages, options = {}) {
            const estimate = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
            const r = await guarded((signal) => call(messages, { ...config.params, ...options.params }, signal), options.signal, estimate);
            return { ...r, cost: costOf(config.price, config.model, r.promptTokens, r.completionTokens) };
        },
        embed(texts, signal) {
            return guarded(async (s) => {
                const body = (await postJson(`${config.baseUrl}/embeddings`, { model: config.model, input: texts }, authHeaders(config), s));
                const data = [...(body.data ?? [])].sort((a, b) => a.index - b.index);
                if (data.length !== texts.length)
                    throw new Error(`${config.label}: embeddings returned ${data.length} vectors for ${texts.length} inputs`);
                return data.map((d) => d.embedding);
            }, signal);
        },
    };
}
/**
 * Concurrency slots that start the next waiting call the moment a call's answer is in, before the
 * caller grades it: at 50 ms of model latency and 20 slots, grading in the slot cost ~10 % throughput.
 */
class Slots {
    size;
    active = 0;
    waiting = [];
    constructor(size) {
        this.size = size;
    }
    async run(fn) {
        if (this.active >= this.size)
            await new Promise((resolve) => this.waiting.push(resolve));
        else
            this.active++;
        try {
            return await fn();
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
}
function authHeaders(config) {
    return config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
}
async function postJson(url, body, headers, signal) {
    const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
    if (!ok(res))
        throw await httpError(url, res);
    return JSON.parse(await res.text());
}
function ok(res) {
    return res.status >= 200 && res.status < 300;
}
async function httpError(url, res) {
    const text = await res.text().catch(() => '');
    let detail = text.slice(0, 300);
    try {
        const parsed = JSON.parse(text);
        detail = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? detail);
    }
    catch {
        // not JSON: keep the text
    }
    const retryAfter = res.headers['retry-after'];
    return new lib.HttpError(`${new URL(url).pathname} answered ${res.status}: ${detail}`, res.status, typeof retryAfter === 'string' ? retryAfter : undefined);
}
function openaiCall(config) {
    const url = `${config.baseUrl}/chat/completions`;
    return async (messages, params, signal) => {
        const started = performance.now();
        const body = { model: config.model, messages, ...params, ...(config.stream ? { stream: true, stream_options: { include_usage: true } } : {}) };
        const res = await send(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...authHeaders(config) },
            body: JSON.stringify(body),
            signal,
        });
        if (!ok(res))
            throw await httpError(url, res);
        if (!config.stream) {
            const json = JSON.parse(await res.text());
            return {
                output: json.choices?.[0]?.message?.content ?? '',
                latencyMs: performance.now() - started,
                promptTokens: json.usage?.prompt_tokens ?? 0,
                completionTokens: json.usage?.completion_tokens ?? 0,
            };
        }
        let output = '';
        let ttftMs;
        let usage;
        for await (const data of sseData(res)) {
            if (data === '[DONE]')
                break;
            const chunk = JSON.parse(data);
            if (chunk.error)
                throw new lib.HttpError(`stream error: ${chunk.error.message ?? 'unknown'}`, 500);
            const piece = chunk.choices?.[0]?.delta?.content;
            if (piece) {
                ttftMs ??= performance.now() - started;
                output += piece;
            }
            if (chunk.usage)
                usage = chunk.usage;
        }
        const r = {
            output,
            latencyMs: performance.now() - started,
            promptTokens: usage?.prompt_tokens ?? 0,
            completionTokens: usage?.completion_tokens ?? 0,
        };
        if (ttftMs !== undefined)
            r.ttftMs = ttftMs;
        return r;
    };
}
/** Yields the `data:` payloads of a server-sent event stream; a stream cut before its end is a retryable error. */
async function* sseData(res) {
    const decoder = new TextDecoder();
    let buffer = '';
    let sawDone = false;
    try {
        for await (const chunk of res.body) {
            buffer += decoder.decode(chunk, { stream: true });
            let cut = buffer.indexOf('\n\n');
            while (cut >= 0) {
                const event = buffer.slice(0, cut);
                buffer = buffer.slice(cut + 2);
                for (const line of event.split('\n')) {
                    if (!line.startsWith('data:'))
                        continue;
                    const data = line.slice(5).trim();
                    if (data === '[DONE]')
                        sawDone = true;
                    yield data;
                }
                cut = buffer.indexOf('\n\n');
            }
        }
    }
    catch (error) {
        if (error.name === 'AbortError' || error.name === 'TimeoutError')
            throw error;
        throw new lib.HttpError(`stream broke: ${error.message}`, 502);
    }
    if (!sawDone)
        throw new lib.HttpError('stream ended before [DONE]', 502);
}
function anthropicCall(config) {
    const url = `${config.baseUrl}/messages`;
    return async (messages, params, signal) => {
        const started = performance.now();
        const system = messages
            .filter((m) => m.role === 'system')
            .map((m) => m.content)
            .join('\n');
        const body = {
            model: config.model,
            max_tokens: 1024,
            ...params,
            ...(system ? { system } : {}),
            messages: messages.filter((m) => m.role !== 'system'),
        };
        const headers = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
        if (config.apiKey)
            headers['x-api-key'] = config.apiKey;
        const res = await send(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
        if (!ok(res))
            throw await httpError(url, res);
        const json = JSON.parse(await res.text());
        return {
            output: (json.content ?? [])
                .filter((c) => c.type === 'text')
                .map((c) => c.text ?? '')
                .join(''),
            latencyMs: performance.now() - started,
            promptTokens: json.usage?.input_tokens ?? 0,
            completionTokens: json.usage?.output_tokens ?? 0,
        };
    };
}
function promptText(messages) {
    return messages.length === 1 ? (messages[0]?.content ?? '') : messages.map((m) => `${m.role}: ${m.content}`).join('\n');
}
function httpCall(config) {
    return async (messages, params, signal) => {
        const started = performance.now();
        const vars = { prompt: promptText(messages), messages, ...params };
        const url = config.url ?? '';
        const res = await send(url, {
            method: config.method ?? 'POST',
            headers: { 'content-type': 'application/json', ...config.headers },
            body: JSON.stringify(renderDeep(config.body, vars)),
            signal,
        });
        if (!ok(res))
            throw await httpError(url, res);
        const text = await res.text();
        let output = text;
        try {
            output = jsonPath(JSON.parse(text), config.responsePath ?? '');
        }
        catch {
            // not JSON: the whole body is the answer
        }
        return {
            output: typeof output === 'string' ? output : JSON.stringify(output ?? ''),
            latencyMs: performance.now() - started,
            promptTokens: 0,
            completionTokens: 0,
        };
    };
}
/** A local command: the prompt on stdin, the answer on stdout. */
function commandCall(config) {
    return (messages, _params, signal) => new Promise((resolve, reject) => {
        const started = performance.now();
        const child = (0,external_node_child_process_.spawn)('/bin/sh', ['-c', config.command ?? ''], { stdio: ['pipe', 'pipe', 'pipe'], signal });
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => {
            out += c.toString();
        });
        child.stderr.on('data', (c) => {
            err += c.toString();
        });
        child.once('error', reject);
        child.once('close', (code) => {
            if (code === 0)
                resolve({ output: out.replace(/\n$/, ''), latencyMs: performance.now() - started, promptTokens: 0, completionTokens: 0 });
            else
                reject(new Error(`command exited ${code}: ${err.slice(-300)}`));
        });
        child.stdin.end(promptText(messages));
    });
}
//# sourceMappingURL=provider.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/shard.js


/** Parses `i/n` (1 ≤ i ≤ n). */
function parseShard(text, input = 'shard') {
    const m = /^(\d+)\/(\d+)$/.exec(text.trim());
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || count < 1 || index < 1 || index > count)
        throw new lib.InputError(input, `"${text}" is not i/n with 1 <= i <= n`, { hint: 'e.g. 2/4 runs the second of four shards' });
    return { index, count };
}
function bucket(id, count) {
    return (0,external_node_crypto_.createHash)('sha256').update(id).digest().readUInt32BE(0) % count;
}
/**
 * The tests of one shard. Without timings, a stable hash of the test id picks the shard, so a test
 * stays on its shard as the suite grows. With past timings (ms per test id), tests are dealt
 * longest first to the least-loaded shard; unknown tests count as the median time.
 */
function selectShard(tests, shard, timings) {
    if (shard.count === 1)
        return [...tests];
    if (!timings || Object.keys(timings).length === 0)
        return tests.filter((t) => bucket(t.id, shard.count) === shard.index - 1);
    const known = Object.values(timings).sort((a, b) => a - b);
    const median = known[Math.floor(known.length / 2)] ?? 1;
    const order = [...tests].sort((a, b) => (timings[b.id] ?? median) - (timings[a.id] ?? median) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const load = new Array(shard.count).fill(0);
    const mine = new Set();
    for (const t of order) {
        let best = 0;
        for (let i = 1; i < shard.count; i++)
            if ((load[i] ?? 0) < (load[best] ?? 0))
                best = i;
        load[best] = (load[best] ?? 0) + (timings[t.id] ?? median);
        if (best === shard.index - 1)
            mine.add(t.id);
    }
    return tests.filter((t) => mine.has(t.id));
}
//# sourceMappingURL=shard.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/types.js
const RESULTS_SCHEMA = 'slipway.eval.results/v1';
//# sourceMappingURL=types.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/runner.js







/**
 * Runs every test of the suite (or of one shard) against every provider: repeats, caching,
 * budgets and assertions. Results come back in suite order whatever finished first.
 */
async function runSuite(rt, suite, options = {}) {
    const started = performance.now();
    const cache = new ResponseCache(options.cacheDir ?? '.slipway/eval-cache', options.cacheDir ? (options.cacheMode ?? 'use') : 'off');
    // A run-wide --concurrency also lifts the per-provider default, so one flag is enough to go wide.
    const providers = suite.providers.map((p) => createProvider(options.concurrency && !p.concurrencySet ? { ...p, concurrency: options.concurrency } : p, rt.log));
    const judge = options.judge ? createProvider(options.judge, rt.log) : undefined;
    const embedder = options.embeddings ? createProvider(options.embeddings, rt.log) : undefined;
    let tests = options.shard ? selectShard(suite.tests, options.shard, options.timings) : suite.tests;
    if (options.only)
        tests = tests.filter((t) => options.only?.has(t.id));
    const stop = new AbortController();
    // Every call in flight listens on it; that is by design, not a leak.
    (0,external_node_events_.setMaxListeners)(0, stop.signal);
    let partialReason;
    const halt = (reason) => {
        if (stop.signal.aborted)
            return;
        partialReason = reason;
        stop.abort(new Error(reason));
    };
    options.signal?.addEventListener('abort', () => halt('cancelled'), { once: true });
    const timer = options.maxDurationMs
        ? setTimeout(() => halt(`time budget of ${Math.round((options.maxDurationMs ?? 0) / 1000)} s reached`), options.maxDurationMs)
        : undefined;
    timer?.unref();
    let spent = 0;
    const total = tests.length * providers.length;
    const progress = rt.progress(`eval ${suite.file}`, total);
    const services = () => ({
        ...(judge
            ? {
                judge: async (prompt, vote) => {
                    const key = ResponseCache.key({ judge: judge.config.label, model: judge.config.model, params: judge.config.params, prompt, vote });
                    const hit = await cache.get('judge', key);
                    if (hit !== undefined)
                        return hit;
                    if (cache.mode === 'only')
                        throw new Error('judge verdict not in the cache (--cache-only)');
                    const r = await judge.complete([{ role: 'user', content: prompt }], { signal: stop.signal });
                    spent += r.cost;
                    await cache.set('judge', key, r.output);
                    return r.output;
                },
            }
            : {}),
        ...(embedder ? { embed: (texts) => embedder.embed(texts, stop.signal) } : {}),
    });
    const offset = options.repeatOffset ?? 0;
    const results = [];
    const skipped = [];
    // A fixed pool of workers pulls (test, provider) jobs in order: memory stays flat however many tests there are.
    const jobs = tests.flatMap((test) => providers.map((provider) => ({ test, provider })));
    let next = 0;
    const worker = async () => {
        for (let job = jobs[next++]; job; job = jobs[next++]) {
            const { test, provider } = job;
            const count = options.repeats ?? test.repeat;
            const samples = await Promise.all(Array.from({ length: count }, (_, r) => 
            // Calls are bounded by each provider's slots; the worker pool bounds the tests in progress.
            (async () => {
                if (stop.signal.aborted)
                    return partialReason ?? 'stopped';
                const sample = await runSample(provider, test, suite, offset + r, cache, services(), stop.signal);
                if (typeof sample !== 'string') {
                    spent += sample.cost;
                    if (options.maxCost !== undefined && spent >= options.maxCost)
                        halt(`cost budget of $${options.maxCost} reached`);
                }
                return sample;
            })()));
            progress.tick();
            results.push(toTestResult(test, provider.config.label, samples));
        }
    };
    await Promise.all(Array.from({ length: Math.min(jobs.length, (options.concurrency ?? 16) * 2) }, worker));
    if (timer)
        clearTimeout(timer);
    progress.done();
    const order = new Map(suite.providers.map((p, i) => [p.label, i]));
    results.sort((a, b) => a.index - b.index || (order.get(a.provider) ?? 0) - (order.get(b.provider) ?? 0));
    for (const t of results)
        if (t.status === 'skipped' && t.skipReason)
            skipped.push({ reason: t.skipReason, count: 1 });
    const out = {
        schema: RESULTS_SCHEMA,
        suite: { file: suite.file, description: suite.description, tests: suite.tests.length },
        createdAt: new Date().toISOString(),
        providers: suite.providers.map((p) => p.label),
        partial: partialReason !== undefined,
        totals: totalsOf(results, performance.now() - started, cache.hits),
        tests: results,
    };
    if (partialReason)
        out.partialReason = partialReason;
    if (options.shard)
        out.shard = options.shard;
    if (options.git)
        out.git = options.git;
    return out;
}
function renderMessages(messages, vars) {
    return messages.map((m) => ({ role: m.role, content: renderTemplate(m.content, vars) }));
}
/** One call (or cache replay) and its assertions; a string is why it was skipped. */
async function runSample(provider, test, suite, repeat, cache, services, signal) {
    const prompt = suite.prompts.find((p) => p.id === test.promptId) ?? suite.prompts[0];
    const messages = renderMessages(prompt?.messages ?? [], { ...test.vars, ...(test.expected !== undefined ? { expected: test.expected } : {}) });
    const c = provider.config;
    const key = ResponseCache.key({
        type: c.type,
        baseUrl: c.baseUrl,
        url: c.url,
        command: c.command,
        model: c.model,
        params: c.params,
        messages,
        seed: c.params.seed,
        repeat,
    });
    let response = await cache.get('answers', key);
    const cached = response !== undefined;
    if (!response) {
        if (cache.mode === 'only')
            return 'not in the cache (--cache-only)';
        try {
            response = await provider.complete(messages, { signal });
        }
        catch (error) {
            if (signal.aborted)
                return String(signal.reason?.message ?? 'stopped');
            return {
                output: '',
                pass: false,
                score: 0,
                assertions: [],
                latencyMs: 0,
                promptTokens: 0,
                completionTokens: 0,
                cost: 0,
                cached: false,
                error: error.message,
            };
        }
        await cache.set('answers', key, response);
    }
    const assertions = await Promise.all(test.assert.map((a) => runAssertion(a, response, test, services)));
    const weight = assertions.reduce((s, a) => s + a.weight, 0);
    const score = weight > 0 ? assertions.reduce((s, a) => s + a.score * a.weight, 0) / weight : 1;
    const pass = test.threshold !== undefined ? score >= test.threshold : assertions.every((a) => a.pass);
    const sample = {
        output: response.output,
        pass,
        score,
        assertions,
        latencyMs: cached ? 0 : response.latencyMs,
        promptTokens: response.promptTokens,
        completionTokens: response.completionTokens,
        cost: cached ? 0 : response.cost,
        cached,
    };
    if (response.ttftMs !== undefined && !cached)
        sample.ttftMs = response.ttftMs;
    return sample;
}
/** Folds a test's samples into its result: pass rate, mean score and metrics, flakiness. */
function toTestResult(test, provider, outcomes) {
    const samples = outcomes.filter((s) => typeof s !== 'string');
    const skipReason = outcomes.find((s) => typeof s === 'string');
    const base = { index: test.index, id: test.id, description: test.description, provider, tags: test.tags, line: test.line, vars: test.vars };
    if (samples.length === 0) {
        return { ...base, status: 'skipped', skipReason: skipReason ?? 'not run', passRate: 0, score: 0, flaky: false, metrics: {}, samples: [] };
    }
    return { ...base, ...foldSamples(samples) };
}
/** Status, pass rate, score, metrics and flakiness of a set of samples. */
function foldSamples(samples) {
    const ok = samples.filter((s) => s.error === undefined);
    const passes = samples.filter((s) => s.pass).length;
    const passRate = passes / samples.length;
    const metrics = {};
    const counts = {};
    for (const s of ok)
        for (const a of s.assertions) {
            const name = a.metric ?? a.type;
            metrics[name] = (metrics[name] ?? 0) + a.score;
            counts[name] = (counts[name] ?? 0) + 1;
        }
    for (const k of Object.keys(metrics))
        metrics[k] = (metrics[k] ?? 0) / (counts[k] ?? 1);
    const status = ok.length === 0 ? 'error' : passRate >= 0.5 ? 'pass' : 'fail';
    return {
        status,
        passRate,
        score: samples.reduce((s, x) => s + x.score, 0) / samples.length,
        flaky: passes > 0 && passes < samples.length,
        metrics,
        samples,
    };
}
function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
/** Headline numbers of a run. */
function totalsOf(tests, durationMs, cacheHits) {
    const ran = tests.filter((t) => t.status !== 'skipped');
    const samples = ran.flatMap((t) => t.samples);
    const latencies = samples
        .filter((s) => !s.cached && s.error === undefined)
        .map((s) => s.latencyMs)
        .sort((a, b) => a - b);
    const passed = ran.filter((t) => t.status === 'pass').length;
    return {
        tests: tests.length,
        passed,
        failed: ran.filter((t) => t.status === 'fail').length,
        errors: ran.filter((t) => t.status === 'error').length,
        skipped: tests.length - ran.length,
        passRate: ran.length ? passed / ran.length : 0,
        cost: samples.reduce((s, x) => s + x.cost, 0),
        promptTokens: samples.reduce((s, x) => s + x.promptTokens, 0),
        completionTokens: samples.reduce((s, x) => s + x.completionTokens, 0),
        latencyP50: percentile(latencies, 0.5),
        latencyP95: percentile(latencies, 0.95),
        cacheHits: cacheHits ?? samples.filter((s) => s.cached).length,
        calls: samples.length,
        durationMs,
    };
}
//# sourceMappingURL=runner.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/results-file.js







/**
 * Writes a results file one test per line, so a 20,000-test run never builds one giant string.
 * The output is still a single JSON document.
 */
async function writeResults(file, results) {
    await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    const out = (0,external_node_fs_.createWriteStream)(file);
    const { tests, ...head } = results;
    const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r())));
    await write(`${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "tests": [')}\n`);
    for (const [i, t] of tests.entries())
        await write(`    ${JSON.stringify(t)}${i < tests.length - 1 ? ',' : ''}\n`);
    out.end('  ]\n}\n');
    await (0,external_node_stream_promises_.finished)(out);
}
/** Writes text pieces to a file as they come, honouring back-pressure. */
async function writeChunks(file, chunks) {
    await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    const out = (0,external_node_fs_.createWriteStream)(file);
    for (const c of chunks)
        if (!out.write(c))
            await new Promise((r) => out.once('drain', () => r()));
    out.end();
    await (0,external_node_stream_promises_.finished)(out);
}
/** Reads and checks a results file; a wrong or unknown schema is a ConfigError naming the file. */
async function readResults(file, shown = file) {
    let data;
    try {
        data = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (error) {
        const code = error.code;
        throw new lib.ConfigError([
            { location: { file: shown }, message: code === 'ENOENT' ? 'no such results file' : `not a results file: ${error.message.split('\n')[0]}` },
        ]);
    }
    const r = data;
    if (r.schema !== RESULTS_SCHEMA || !Array.isArray(r.tests)) {
        throw new lib.ConfigError([
            { location: { file: shown }, message: `expected a results file with "schema": "${RESULTS_SCHEMA}", found ${JSON.stringify(r.schema ?? null)}` },
        ]);
    }
    return r;
}
/**
 * Combines shard results into the report an unsharded run would have written: tests in suite
 * order, totals recomputed, partial if any shard was. Shards of different suites are refused.
 */
function mergeResults(parts) {
    const first = parts[0];
    if (!first)
        throw new lib.ConfigError([{ location: { file: '(merge)' }, message: 'nothing to merge: give at least one results file' }]);
    for (const p of parts) {
        if (p.suite.file !== first.suite.file || p.suite.tests !== first.suite.tests) {
            throw new lib.ConfigError([
                { location: { file: p.suite.file }, message: `shard of another suite (${p.suite.file}, ${p.suite.tests} tests) than ${first.suite.file}` },
            ]);
        }
    }
    const seen = new Set();
    const tests = [];
    for (const p of parts)
        for (const t of p.tests) {
            const key = `${t.id}\u0000${t.provider}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            tests.push(t);
        }
    const order = new Map(first.providers.map((p, i) => [p, i]));
    tests.sort((a, b) => a.index - b.index || (order.get(a.provider) ?? 0) - (order.get(b.provider) ?? 0));
    const reasons = parts.filter((p) => p.partial).map((p) => p.partialReason ?? 'partial');
    const duration = Math.max(...parts.map((p) => p.totals.durationMs));
    const merged = {
        schema: RESULTS_SCHEMA,
        suite: first.suite,
        createdAt: parts.map((p) => p.createdAt).sort()[0] ?? first.createdAt,
        providers: first.providers,
        partial: reasons.length > 0,
        totals: totalsOf(tests, duration, parts.reduce((s, p) => s + p.totals.cacheHits, 0)),
        tests,
    };
    if (reasons.length)
        merged.partialReason = [...new Set(reasons)].join('; ');
    if (first.git)
        merged.git = first.git;
    return merged;
}
//# sourceMappingURL=results-file.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/evaluate.js










/**
 * Runs every suite, compares each with its baseline, writes results JSON, JUnit, Markdown and
 * HTML into `outDir`, and returns the verdict. It does not throw on a failed gate: the caller
 * publishes the reports first, then turns `verdict: 'fail'` into exit code 1.
 */
async function evaluate_evaluate(rt, options) {
    if (options.suites.length === 0)
        throw new lib.InputError('suites', 'no suite to run', { hint: 'list suite files in slipway.yml (eval.suites) or pass --suite' });
    const outDir = external_node_path_.resolve(rt.cwd, options.outDir ?? '.slipway/eval');
    const env = options.env ?? process.env;
    const setSecret = (v) => rt.setSecret(v);
    const judge = options.judge ? resolveProvider(options.judge, env, setSecret) : undefined;
    const embeddings = options.embeddings ? resolveProvider(options.embeddings, env, setSecret) : undefined;
    const outcomes = [];
    for (const suitePath of options.suites) {
        const file = external_node_path_.resolve(rt.cwd, suitePath);
        const suite = await loadSuite(file, {
            env,
            setSecret,
            displayPath: external_node_path_.relative(rt.cwd, file) || suitePath,
            ...(options.repeats ? { repeat: options.repeats } : {}),
        });
        if (options.timeoutMs)
            for (const p of suite.providers)
                p.timeoutMs = options.timeoutMs;
        const timings = options.shard && options.shardTimings ? await timingsFrom(rt, options.shardTimings) : undefined;
        const run = (only, offset, repeats) => runSuite(rt, suite, {
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            ...(repeats ? { repeats } : {}),
            ...(options.cacheDir ? { cacheDir: external_node_path_.resolve(rt.cwd, options.cacheDir), cacheMode: options.cacheMode ?? 'use' } : {}),
            ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
            ...(options.maxDurationMs !== undefined ? { maxDurationMs: options.maxDurationMs } : {}),
            ...(options.shard ? { shard: options.shard } : {}),
            ...(timings ? { timings } : {}),
            ...(judge ? { judge: judge } : {}),
            ...(embeddings ? { embeddings: embeddings } : {}),
            ...(only ? { only } : {}),
            ...(offset ? { repeatOffset: offset } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.git ? { git: options.git } : {}),
        });
        let all = await run();
        const name = external_node_path_.basename(suitePath).replace(/\.(ya?ml|json)$/, '');
        let { base, head } = await splitBaseline(rt, all, options.baseline, name);
        let comparison = base ? compare(base, head, options) : undefined;
        if (comparison && options.adaptiveRepeats && options.adaptiveRepeats > 1) {
            // Only the tests whose verdict is in doubt get more samples, on both sides when the baseline runs here.
            const doubtful = new Set(comparison.tests.filter((t) => t.change === 'flaky' || t.change === 'newly-failing' || t.change === 'newly-passing').map((t) => t.id));
            const have = Math.max(1, ...all.tests.map((t) => t.samples.length));
            if (doubtful.size > 0 && have < options.adaptiveRepeats) {
                rt.log.info(`adaptive repeats: ${doubtful.size} borderline test(s) get ${options.adaptiveRepeats - have} more sample(s)`);
                const more = await run(doubtful, have, options.adaptiveRepeats - have);
                all = mergeSamples(all, more);
                ({ base, head } = await splitBaseline(rt, all, options.baseline, name));
                comparison = base ? compare(base, head, options) : undefined;
            }
        }
        if (base && options.baseline?.startsWith('provider:'))
            await writeResults(external_node_path_.join(outDir, `${name}.baseline.results.json`), base);
        outcomes.push(await writeReports(outDir, name, head, base, comparison, options.reportUrl));
    }
    return conclude(outcomes, outDir, options);
}
/**
 * `slipway eval merge`: combines shard results files into the report of one unsharded run,
 * compares it with the baseline when one is given, and writes every report.
 */
async function mergeShards(rt, files, options) {
    if (files.length === 0)
        throw new lib.InputError('inputs', 'no shard results to merge', { hint: 'pass the results files of every shard' });
    const outDir = external_node_path_.resolve(rt.cwd, options.outDir ?? '.slipway/eval');
    const parts = await Promise.all(files.map((f) => readResults(external_node_path_.resolve(rt.cwd, f), f)));
    const head = mergeResults(parts);
    const name = external_node_path_.basename(head.suite.file).replace(/\.(ya?ml|json)$/, '');
    const { base } = await splitBaseline(rt, head, options.baseline?.startsWith('provider:') ? undefined : options.baseline, name);
    const comparison = base ? compare(base, head, { ...options, suites: [] }) : undefined;
    const outcome = await writeReports(outDir, name, head, base, comparison, options.reportUrl);
    return conclude([outcome], outDir, { ...options, suites: [] });
}
async function writeReports(outDir, name, head, base, comparison, reportUrl) {
    const files = {
        results: external_node_path_.join(outDir, `${name}.results.json`),
        junit: external_node_path_.join(outDir, `${name}.junit.xml`),
        markdown: external_node_path_.join(outDir, `${name}.md`),
        html: external_node_path_.join(outDir, `${name}.html`),
    };
    await writeResults(files.results, head);
    await writeChunks(files.junit, junitChunks(head));
    await (0,promises_.writeFile)(files.html, renderHtml(head, comparison, base));
    await (0,promises_.writeFile)(files.markdown, renderComment(head, comparison, reportUrl ? { reportUrl } : {}));
    const outcome = { suite: head.suite.file, results: head, files };
    if (base)
        outcome.baseline = base;
    if (comparison)
        outcome.comparison = comparison;
    return outcome;
}
function conclude(outcomes, outDir, options) {
    const reasons = [];
    for (const o of outcomes) {
        if (o.comparison)
            reasons.push(...o.comparison.reasons.map((r) => `${o.suite}: ${r}`));
        else if (options.passRateFloor !== undefined && o.results.totals.passRate < options.passRateFloor)
            reasons.push(`${o.suite}: pass rate ${o.results.totals.passRate.toFixed(3)} is below the floor of ${options.passRateFloor}`);
        else if (options.passRateFloor === undefined && (o.results.totals.failed > 0 || o.results.totals.errors > 0))
            reasons.push(`${o.suite}: ${o.results.totals.failed} failed, ${o.results.totals.errors} errors (no baseline to compare with)`);
    }
    const ran = outcomes.flatMap((o) => o.results.tests);
    const totals = totalsOf(ran, 0);
    const markdown = outcomes
        .map((o, i) => {
        const md = renderComment(o.results, o.comparison, {
            ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
            limit: Math.floor(65_536 / outcomes.length) - 64,
        });
        return i === 0 ? md : md.replace(`${COMMENT_MARKER}\n\n`, '');
    })
        .join('\n\n---\n\n');
    return { verdict: reasons.length ? 'fail' : 'pass', passRate: totals.passRate, reasons, markdown, reportPath: outDir, suites: outcomes };
}
function compare(base, head, o) {
    return compareResults(base, head, {
        ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
        ...(o.passRateFloor !== undefined ? { passRateFloor: o.passRateFloor } : {}),
        ...(o.staleDays !== undefined ? { staleDays: o.staleDays } : {}),
    });
}
/** Finds the baseline: a provider of this run, a results file, or a folder of them. */
async function splitBaseline(rt, all, baseline, name) {
    if (!baseline || baseline === 'none')
        return { head: all };
    if (baseline.startsWith('provider:')) {
        const label = baseline.slice('provider:'.length);
        if (!all.providers.includes(label))
            throw new lib.InputError('baseline', `no provider labelled "${label}" in the suite`, { hint: `use one of: ${all.providers.join(', ')}` });
        const pick = (keep) => {
            const tests = all.tests.filter((t) => keep(t.provider));
            return { ...all, providers: all.providers.filter(keep), tests, totals: totalsOf(tests, all.totals.durationMs) };
        };
        return { base: pick((p) => p === label), head: pick((p) => p !== label) };
    }
    let file = external_node_path_.resolve(rt.cwd, baseline);
    const info = await (0,promises_.stat)(file).catch(() => undefined);
    if (info?.isDirectory())
        file = external_node_path_.join(file, `${name}.results.json`);
    return { base: await readResults(file, external_node_path_.relative(rt.cwd, file) || baseline), head: all };
}
/** Adds the samples of an adaptive rerun to the first run's tests. */
function mergeSamples(first, more) {
    const extra = new Map(more.tests.map((t) => [`${t.id}\u0000${t.provider}`, t]));
    const tests = first.tests.map((t) => {
        const m = extra.get(`${t.id}\u0000${t.provider}`);
        if (!m || m.samples.length === 0)
            return t;
        return { ...t, ...foldSamples([...t.samples, ...m.samples]) };
    });
    return { ...first, tests, totals: totalsOf(tests, first.totals.durationMs + more.totals.durationMs, first.totals.cacheHits + more.totals.cacheHits) };
}
/** Duration of each test in an earlier results file (sum of its samples' latencies), to balance shards. */
async function timingsFrom(rt, file) {
    const past = await readResults(external_node_path_.resolve(rt.cwd, file), file);
    const out = {};
    for (const t of past.tests)
        out[t.id] = (out[t.id] ?? 0) + t.samples.reduce((s, x) => s + x.latencyMs, 0);
    return out;
}
//# sourceMappingURL=evaluate.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/options.js




/** Inputs of `actions/eval` and flags of `slipway eval run`, parsed the same way in both. */
const EVAL_INPUTS = {
    config: { kind: 'string', description: 'path to slipway.yml' },
    suites: { kind: 'list', description: 'suite files (comma or newline separated)' },
    baseline: { kind: 'string', description: 'a results file or folder, or provider:<label>' },
    alpha: { kind: 'number', min: 0.000001, max: 0.5, description: 'significance level, e.g. 0.05' },
    'pass-rate-floor': { kind: 'number', min: 0, max: 1, description: 'minimum pass rate, 0 to 1' },
    repeats: { kind: 'integer', min: 1, max: 100, description: 'samples per test' },
    'adaptive-repeats': { kind: 'integer', min: 2, max: 100, description: 'most samples for borderline tests' },
    concurrency: { kind: 'integer', min: 1, max: 1024, description: 'calls in flight' },
    timeout: { kind: 'duration', min: 1, description: 'timeout of one model call, e.g. 60s' },
    shard: { kind: 'string', pattern: /^\d+\/\d+$/, patternHint: 'i/n, e.g. 2/4', description: 'i/n' },
    'shard-timings': { kind: 'string', description: 'a results file whose test durations balance the shards' },
    cache: { kind: 'enum', values: ['use', 'off', 'only'], description: 'use, off or only' },
    'cache-dir': { kind: 'string', description: 'response cache folder' },
    'max-cost': { kind: 'number', min: 0, description: 'USD budget' },
    'max-duration': { kind: 'duration', min: 1, description: 'time budget, e.g. 10m' },
    judge: { kind: 'string', description: 'judge provider id' },
    embeddings: { kind: 'string', description: 'embeddings provider id' },
    'out-dir': { kind: 'string', description: 'report folder' },
    'report-url': { kind: 'string', description: 'link to the full report' },
};
/**
 * Builds evaluate() options from `slipway.yml`'s `eval` section, overridden by inputs or flags.
 * Paths in the config are relative to the config file; paths in inputs to the working directory.
 */
async function evalOptionsFromInputs(rt, extra = {}) {
    const inputs = (0,lib.readInputs)(rt, EVAL_INPUTS);
    const configFile = inputs.config ?? extra.config;
    const loaded = await (0,config_lib.loadConfig)({ dir: rt.cwd, ...(configFile ? { file: configFile } : {}) });
    const c = loaded.config.eval ?? {};
    const fromConfig = (p) => external_node_path_.relative(rt.cwd, external_node_path_.resolve(loaded.dir, p)) || '.';
    const suites = inputs.suites?.length ? inputs.suites : (c.suites ?? []).map(fromConfig);
    const o = { suites };
    const set = (key, value) => {
        if (value !== undefined)
            o[key] = value;
    };
    const baseline = inputs.baseline ?? (c.baseline && !c.baseline.startsWith('provider:') ? fromConfig(c.baseline) : c.baseline);
    set('baseline', baseline);
    set('alpha', inputs.alpha ?? c.alpha);
    set('passRateFloor', inputs['pass-rate-floor'] ?? c.passRateFloor);
    set('repeats', inputs.repeats ?? c.repeats);
    set('adaptiveRepeats', inputs['adaptive-repeats'] ?? c.adaptiveRepeats);
    set('staleDays', c.staleDays);
    set('concurrency', inputs.concurrency ?? c.concurrency);
    set('timeoutMs', inputs.timeout ?? (c.timeout ? (0,lib.parseDuration)('eval.timeout', c.timeout) : undefined));
    if (inputs.shard)
        o.shard = parseShard(inputs.shard);
    set('shardTimings', inputs['shard-timings']);
    const mode = inputs.cache ?? c.cache ?? 'use';
    o.cacheMode = mode;
    if (mode !== 'off')
        o.cacheDir = inputs['cache-dir'] ?? (c.cacheDir ? fromConfig(c.cacheDir) : '.slipway/eval-cache');
    set('maxCost', inputs['max-cost'] ?? c.budgets?.cost);
    set('maxDurationMs', inputs['max-duration'] ?? (c.budgets?.time ? (0,lib.parseDuration)('eval.budgets.time', c.budgets.time) : undefined));
    set('judge', inputs.judge ?? c.judge);
    set('embeddings', inputs.embeddings ?? c.embeddings);
    set('outDir', inputs['out-dir'] ?? (c.outDir ? fromConfig(c.outDir) : undefined));
    set('reportUrl', inputs['report-url']);
    if (extra.git)
        o.git = extra.git;
    return o;
}
//# sourceMappingURL=options.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/internal/step.js





/** Inputs of the eval step besides the eval options: what to do and where to publish. */
const STEP_INPUTS = {
    inputs: { kind: 'list', description: 'shard results files' },
    'github-token': { kind: 'secret', description: 'a token' },
    comment: { kind: 'boolean', default: 'true' },
    check: { kind: 'boolean', default: 'true' },
    'check-name': { kind: 'string', default: 'slipway eval' },
};
/**
 * The whole eval step of a workflow: read inputs and slipway.yml, run (or merge), publish, set
 * `verdict`, `pass-rate`, `report-path`, and throw a GateError (exit 1) when the gate says no.
 * Publishing is injected so this package never imports GitHub code.
 */
async function runEvalStep(rt, deps) {
    const own = (0,lib.readInputs)(rt, STEP_INPUTS);
    const mode = deps.mode ?? (0,lib.readInputs)(rt, { command: { kind: 'enum', values: ['run', 'merge'], default: 'run', description: 'run or merge' } }).command;
    const options = await evalOptionsFromInputs(rt, deps.git ? { git: deps.git } : {});
    if (deps.runUrl)
        options.reportUrl ??= deps.runUrl;
    const persist = mode === 'run' && options.cacheDir !== undefined;
    if (persist && options.cacheDir)
        await deps.restoreCache?.(options.cacheDir);
    const result = mode === 'merge' ? await mergeShards(rt, own.inputs ?? [], options) : await evaluate_evaluate(rt, options);
    if (persist && options.cacheDir && options.cacheMode === 'use')
        await deps.saveCache?.(options.cacheDir);
    const skipped = result.suites.flatMap((s) => s.results.tests.filter((t) => t.status === 'skipped'));
    const { commentUrl } = await deps.publish({
        marker: COMMENT_MARKER,
        markdown: result.markdown,
        conclusion: result.verdict === 'pass' ? 'success' : 'failure',
        title: evalTitle(result),
        annotations: evalAnnotations(result),
        comment: own.comment,
        check: own.check,
        checkName: own['check-name'],
        notes: skipped.length ? [`${skipped.length} test(s) not run: ${[...new Set(skipped.map((t) => t.skipReason ?? 'not run'))].join('; ')}.`] : [],
    }, own['github-token'] ?? '');
    rt.setOutput('verdict', result.verdict);
    rt.setOutput('pass-rate', result.passRate.toFixed(4));
    rt.setOutput('report-path', result.reportPath);
    rt.setOutput('results-file', result.suites[0]?.files.results ?? '');
    rt.setOutput('comment-url', commentUrl);
    if (result.verdict === 'fail')
        throw new lib.GateError(`eval gate failed: ${result.reasons.join('; ')}`, { hint: `see ${result.reportPath}` });
    return result;
}
//# sourceMappingURL=step.js.map
;// CONCATENATED MODULE: ./packages/eval/lib/index.js
/** Failing tests as annotations on their suite lines, and a check title. */

/** Runs one assertion against one answer; a broken check fails with its reason instead of throwing. */

/** Model answers and judge verdicts on disk, keyed by everything that can change them. */

/** Pairs a head run with its baseline by test id and decides the gate with McNemar and Wilcoxon. */

/** Runs suites, compares with the baseline, writes every report; the entry of the eval capability. */

/** A JSON Schema subset validator (the json-schema assertion). */

/** Reads a suite (ours or a promptfoo config) with file:line errors. */

/** sacreBLEU-compatible BLEU and chrF, rouge-score-compatible ROUGE, Levenshtein, cosine. */

/** Inputs shared by the action and the CLI, and the options they produce with slipway.yml. */

/** A provider with its concurrency, rate limits, timeout and retries built in. */

/** Self-contained HTML report. */

/** JUnit XML report. */

/** The sticky PR comment and job summary. */

/** Results files: streamed writer, checked reader, shard merge. */

/** Runs one suite (or shard) against its providers. */

/** Shard parsing and selection (stable hash, or balanced on past timings). */

/** Paired statistics. */

/** The eval step of a workflow (actions/eval and the root action's `command: eval`). */



//# sourceMappingURL=index.js.map

/***/ }),

/***/ 2866:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Zl: () => (/* binding */ normalQuantile),
/* harmony export */   nG: () => (/* binding */ normalSf),
/* harmony export */   vD: () => (/* binding */ binomialSf)
/* harmony export */ });
/* unused harmony exports normalCdf, logGamma */
/** Standard normal CDF, by the complementary error function (|error| < 1.2e-7, Numerical Recipes' erfc). */
function normalCdf(z) {
    return 1 - 0.5 * erfc(z / Math.SQRT2);
}
/** Upper tail P(Z > z). Computed directly so tiny p-values keep their precision. */
function normalSf(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
function erfc(x) {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
/** Inverse of the standard normal CDF (Acklam's rational approximation, refined by one Halley step). */
function normalQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`quantile needs 0 < p < 1, got ${p}`);
    const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
    const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
    const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const [a0, a1, a2, a3, a4, a5] = a;
    const [b0, b1, b2, b3, b4] = b;
    const [c0, c1, c2, c3, c4, c5] = c;
    const [d0, d1, d2, d3] = d;
    let x;
    if (p < 0.02425) {
        const q = Math.sqrt(-2 * Math.log(p));
        x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    }
    else if (p > 1 - 0.02425) {
        const q = Math.sqrt(-2 * Math.log(1 - p));
        x = -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    }
    else {
        const q = p - 0.5;
        const r = q * q;
        x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
    }
    const e = normalCdf(x) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    return x - u / (1 + (x * u) / 2);
}
/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15). */
function logGamma(x) {
    const c = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    const xx = x - 1;
    let a = c[0];
    const t = xx + 7.5;
    for (let i = 1; i < 9; i++)
        a += c[i] / (xx + i);
    return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}
/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k upward. */
function binomialSf(k, n, p) {
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    const logTerm = (i) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p);
    let log = logTerm(k);
    let sum = 0;
    const ratio = p / (1 - p);
    for (let i = k; i <= n; i++) {
        const term = Math.exp(log);
        sum += term;
        if (term < sum * 1e-17 && i > n * p)
            break;
        log += Math.log(((n - i) / (i + 1)) * ratio);
    }
    return Math.min(1, sum);
}
//# sourceMappingURL=distributions.js.map

/***/ })

};
