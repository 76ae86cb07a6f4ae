import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  mulberry32,
  normalSf
} from "./chunk-YV4XVOQ2.js";
import {
  loadConfig,
  parseYamlWithSchema
} from "./chunk-TLULELRW.js";
import {
  require_dist
} from "./chunk-KJFXNCKF.js";
import {
  currentRelease
} from "./chunk-YBT4ARCR.js";
import {
  external_exports
} from "./chunk-LUQ2JWWH.js";
import {
  ConfigError,
  GateError,
  HttpError,
  InputError,
  UserError,
  abortableSleep,
  escapeMarkdown,
  findPii,
  findSecrets,
  markdownTable,
  parseDuration,
  readInputs,
  retry
} from "./chunk-V3AZTN5L.js";
import {
  __toESM
} from "./chunk-I2UBCO3D.js";

// packages/eval/lib/internal/annotations.js
function evalAnnotations(r) {
  return r.suites.flatMap((s) => {
    const failing = s.comparison ? s.comparison.tests.filter((t) => t.change === "newly-failing").map((t) => t.head) : s.results.tests.filter((t) => t.status === "fail" || t.status === "error");
    return failing.flatMap((t) => {
      if (!t)
        return [];
      const why = t.samples.flatMap((x) => x.error ? [x.error] : x.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`));
      return [
        {
          path: s.suite,
          line: t.line,
          level: "failure",
          title: `${s.comparison ? "newly failing" : "failing"}: ${t.id} (${t.provider})`,
          message: why.slice(0, 5).join("\n") || `score ${t.score.toFixed(3)}`
        }
      ];
    });
  });
}
function evalTitle(r) {
  const tests = r.suites.reduce((n, s) => n + s.results.totals.tests, 0);
  return `${r.verdict === "pass" ? "Passed" : "Failed"}: pass rate ${(r.passRate * 100).toFixed(1)}% over ${tests} tests`;
}

// packages/eval/lib/internal/json-schema.js
function validateJsonSchema(schema, value, path7 = "$") {
  if (schema === true || schema === void 0)
    return void 0;
  if (schema === false)
    return `${path7}: no value is allowed here`;
  if (typeof schema !== "object" || schema === null)
    return void 0;
  const s = schema;
  if (s.type !== void 0) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => isType(value, t)))
      return `${path7}: expected ${types.join(" or ")}, found ${typeName(value)}`;
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value)))
    return `${path7}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`;
  if ("const" in s && !deepEqual(s.const, value))
    return `${path7}: expected ${JSON.stringify(s.const)}`;
  if (typeof value === "string") {
    if (typeof s.minLength === "number" && [...value].length < s.minLength)
      return `${path7}: shorter than ${s.minLength}`;
    if (typeof s.maxLength === "number" && [...value].length > s.maxLength)
      return `${path7}: longer than ${s.maxLength}`;
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value))
      return `${path7}: does not match ${s.pattern}`;
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum)
      return `${path7}: below ${s.minimum}`;
    if (typeof s.maximum === "number" && value > s.maximum)
      return `${path7}: above ${s.maximum}`;
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum)
      return `${path7}: not above ${s.exclusiveMinimum}`;
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum)
      return `${path7}: not below ${s.exclusiveMaximum}`;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems)
      return `${path7}: fewer than ${s.minItems} items`;
    if (typeof s.maxItems === "number" && value.length > s.maxItems)
      return `${path7}: more than ${s.maxItems} items`;
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    for (const [i, item] of value.entries()) {
      const sub = i < prefix.length ? prefix[i] : s.items;
      const p = validateJsonSchema(sub, item, `${path7}[${i}]`);
      if (p)
        return p;
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value;
    for (const key of Array.isArray(s.required) ? s.required : [])
      if (!(key in obj))
        return `${path7}: missing required property "${key}"`;
    const props = s.properties ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) {
        const p = validateJsonSchema(props[key], v, `${path7}.${key}`);
        if (p)
          return p;
      } else if (s.additionalProperties !== void 0) {
        const p = validateJsonSchema(s.additionalProperties, v, `${path7}.${key}`);
        if (p)
          return s.additionalProperties === false ? `${path7}: unexpected property "${key}"` : p;
      }
    }
  }
  if (Array.isArray(s.allOf)) {
    for (const sub of s.allOf)
      if (validateJsonSchema(sub, value, path7))
        return validateJsonSchema(sub, value, path7);
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => !validateJsonSchema(sub, value, path7)))
    return `${path7}: matches none of anyOf`;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => !validateJsonSchema(sub, value, path7)).length !== 1)
    return `${path7}: must match exactly one of oneOf`;
  if (s.not !== void 0 && !validateJsonSchema(s.not, value, path7))
    return `${path7}: matches a schema it must not`;
  return void 0;
}
function isType(v, t) {
  switch (t) {
    case "null":
      return v === null;
    case "array":
      return Array.isArray(v);
    case "object":
      return v !== null && typeof v === "object" && !Array.isArray(v);
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    default:
      return typeof v === t;
  }
}
function typeName(v) {
  if (v === null)
    return "null";
  if (Array.isArray(v))
    return "array";
  if (Number.isInteger(v))
    return "integer";
  return typeof v;
}
function deepEqual(a, b) {
  if (a === b)
    return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object")
    return false;
  if (Array.isArray(a) !== Array.isArray(b))
    return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}

// packages/eval/lib/internal/metrics.js
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
function tokenize13a(text) {
  let line = text.replaceAll("<skipped>", "").replaceAll("-\n", "").replaceAll("\n", " ");
  if (line.includes("&"))
    line = line.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
  line = ` ${line} `;
  line = line.replace(/([{-~[-` -&(-+:-@/])/g, " $1 ");
  line = line.replace(/([^0-9])([.,])/g, "$1 $2 ");
  line = line.replace(/([.,])([^0-9])/g, " $1 $2");
  line = line.replace(/([0-9])(-)/g, "$1 $2 ");
  return line.split(/\s+/).filter(Boolean);
}
function ngramCounts(tokens, n) {
  const m = /* @__PURE__ */ new Map();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("");
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}
function bleuStats(hyp, refs, lowercase) {
  const prep = (s) => tokenize13a(lowercase ? s.toLowerCase() : s);
  const h = prep(hyp);
  const rs = refs.map(prep);
  let refLen = -1;
  let best = -1;
  for (const r of rs) {
    const diff = Math.abs(h.length - r.length);
    if (best === -1 || diff < best || diff === best && r.length < refLen) {
      best = diff;
      refLen = r.length;
    }
  }
  const correct = [];
  const total = [];
  for (let n = 1; n <= 4; n++) {
    const hc = ngramCounts(h, n);
    const maxRef = /* @__PURE__ */ new Map();
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
  const smooth = o.smooth ?? "exp";
  const value = o.smoothValue ?? (smooth === "floor" ? 0.1 : 1);
  const bp = sysLen < refLen ? sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0 : 1;
  if (!correct.some((c) => c > 0))
    return 0;
  const precisions = [0, 0, 0, 0];
  let smoothMteval = 1;
  let effOrder = 4;
  for (let n = 1; n <= 4; n++) {
    let c = correct[n - 1] ?? 0;
    let t = total[n - 1] ?? 0;
    if (smooth === "add-k" && n > 1) {
      c += value;
      t += value;
    }
    if (t === 0)
      break;
    if (o.effectiveOrder)
      effOrder = n;
    if (c === 0) {
      if (smooth === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (smooth === "floor")
        precisions[n - 1] = 100 * value / t;
    } else
      precisions[n - 1] = 100 * c / t;
  }
  const logs = precisions.slice(0, effOrder).map((p) => p === 0 ? -9999999999 : Math.log(p));
  return bp * Math.exp(logs.reduce((a, b) => a + b, 0) / effOrder);
}
function corpusBleu(hyps, refStreams, options = {}) {
  const sum = new Array(10).fill(0);
  hyps.forEach((h, i) => {
    const stats = bleuStats(h, refStreams.map((s) => s[i] ?? ""), options.lowercase ?? false);
    stats.forEach((v, j) => {
      sum[j] = (sum[j] ?? 0) + v;
    });
  });
  return bleuFromStats(sum, options);
}
function sentenceBleu(hyp, refs, options = {}) {
  return bleuFromStats(bleuStats(hyp, refs, options.lowercase ?? false), { effectiveOrder: true, ...options });
}
function chrf(hyps, refs, options = {}) {
  const order = options.order ?? 6;
  const factor = (options.beta ?? 2) ** 2;
  const stats = new Array(order * 3).fill(0);
  hyps.forEach((hyp, i) => {
    const h = hyp.split(/\s+/).join("");
    const r = (refs[i] ?? "").split(/\s+/).join("");
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
  return avgP + avgR ? 100 * (1 + factor) * avgP * avgR / (factor * avgP + avgR) : 0;
}
function charNgrams(s, n) {
  const chars = [...s];
  const m = /* @__PURE__ */ new Map();
  for (let i = 0; i + n <= chars.length; i++) {
    const k = chars.slice(i, i + n).join("");
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
function rougeTokens(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").split(/\s+/).filter((t) => /^[a-z0-9]+$/.test(t));
}
function prf(overlap, predCount, targetCount) {
  const precision = overlap / Math.max(predCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 };
}
function rougeN(target, prediction, n) {
  const t = ngramCounts(rougeTokens(target), n);
  const p = ngramCounts(rougeTokens(prediction), n);
  let overlap = 0;
  for (const [k, c] of t)
    overlap += Math.min(c, p.get(k) ?? 0);
  const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  return prf(overlap, sum(p), sum(t));
}
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
  return { precision, recall, fmeasure: precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 };
}
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

// packages/eval/lib/internal/template.js
function renderTemplate(template, vars2) {
  if (!template.includes("{{"))
    return template;
  return template.replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, (_, name) => {
    let value = vars2;
    for (const part of name.split("."))
      value = value !== null && typeof value === "object" ? value[part] : void 0;
    if (value === void 0 || value === null)
      return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}
function renderDeep(value, vars2) {
  if (typeof value === "string")
    return renderTemplate(value, vars2);
  if (Array.isArray(value))
    return value.map((v) => renderDeep(v, vars2));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, vars2)]));
  return value;
}
function jsonPath(value, path7) {
  if (path7 === "" || path7 === "$")
    return value;
  let v = value;
  for (const part of path7.replace(/^\$\.?/, "").split(/\.|\[(\d+)\]/).filter(Boolean)) {
    if (v === null || typeof v !== "object")
      return void 0;
    v = v[part];
  }
  return v;
}

// packages/eval/lib/internal/assertions.js
var REFUSAL = /\b(I(?:'m| am) (?:sorry|unable|not able)|I can(?:no|')t (?:help|assist|do|provide|comply)|I (?:won't|will not) (?:help|assist|provide)|as an AI(?: language model)?|I must decline|I'm not comfortable)\b/i;
function list(value) {
  if (Array.isArray(value))
    return value.map(String);
  if (typeof value === "string")
    return value.split(",").map((s) => s.trim());
  return [];
}
function regexOf(value) {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
  return m ? new RegExp(m[1] ?? "", m[2]) : new RegExp(value);
}
function findJson(text) {
  try {
    return JSON.parse(text);
  } catch {
  }
  for (let start = 0; start < text.length; start++) {
    const ch = text[start];
    if (ch !== "{" && ch !== "[")
      continue;
    for (let end = text.length; end > start; end--) {
      const last = text[end - 1];
      if (last !== "}" && last !== "]")
        continue;
      try {
        return JSON.parse(text.slice(start, end));
      } catch {
      }
    }
  }
  return void 0;
}
var ratio = (pass) => ({ pass, score: pass ? 1 : 0, message: "" });
var atLeast = (score, threshold, what) => ({
  pass: score >= threshold,
  score,
  message: `${what} ${score.toFixed(3)} ${score >= threshold ? ">=" : "<"} ${threshold}`
});
async function runAssertion(spec, response, test, services) {
  const negate = spec.type.startsWith("not-");
  const type = negate ? spec.type.slice(4) : spec.type;
  const vars2 = { ...test.vars, ...test.expected !== void 0 ? { expected: test.expected } : {} };
  const raw = typeof spec.value === "string" ? renderTemplate(spec.value, vars2) : spec.value;
  let outcome;
  try {
    outcome = await evaluate(type, raw, spec, response, test, services);
  } catch (error) {
    outcome = { pass: false, score: 0, message: `${type} could not run: ${error.message}` };
    if (negate)
      return result(spec, outcome);
  }
  if (negate)
    outcome = { pass: !outcome.pass, score: 1 - outcome.score, message: outcome.pass ? `not-${type}: ${outcome.message || "it matched"}` : "" };
  else if (outcome.pass && /^(expected|missing|the answer is not|no JSON)/.test(outcome.message))
    outcome.message = "";
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
  const reference = typeof value === "string" ? value : test.expected ?? "";
  const str = String(value ?? "");
  switch (type) {
    case "equals": {
      if (typeof value === "object" && value !== null) {
        const ok3 = deepEqual(findJson(out), value);
        return { ...ratio(ok3), message: ok3 ? "" : "output JSON differs from the expected value" };
      }
      const ok2 = out === str;
      return { ...ratio(ok2), message: ok2 ? "" : `expected exactly "${str.slice(0, 200)}"` };
    }
    case "contains":
      return { ...ratio(out.includes(str)), message: `expected to contain "${str}"` };
    case "icontains":
      return { ...ratio(out.toLowerCase().includes(str.toLowerCase())), message: `expected to contain "${str}" (any case)` };
    case "contains-any":
    case "icontains-any": {
      const ci = type.startsWith("i");
      const hay = ci ? out.toLowerCase() : out;
      const items = list(value);
      return { ...ratio(items.some((v) => hay.includes(ci ? v.toLowerCase() : v))), message: `expected any of ${JSON.stringify(items)}` };
    }
    case "contains-all":
    case "icontains-all": {
      const ci = type.startsWith("i");
      const hay = ci ? out.toLowerCase() : out;
      const missing = list(value).filter((v) => !hay.includes(ci ? v.toLowerCase() : v));
      return { ...ratio(missing.length === 0), message: `missing ${JSON.stringify(missing)}` };
    }
    case "regex":
      return { ...ratio(regexOf(str).test(out)), message: `expected to match ${str}` };
    case "starts-with":
      return { ...ratio(out.startsWith(str)), message: `expected to start with "${str}"` };
    case "is-json":
    case "contains-json": {
      let parsed2;
      if (type === "is-json") {
        try {
          parsed2 = JSON.parse(out);
        } catch (error) {
          return { pass: false, score: 0, message: `not JSON: ${error.message}` };
        }
      } else {
        parsed2 = findJson(out);
        if (parsed2 === void 0)
          return { pass: false, score: 0, message: "no JSON found in the output" };
      }
      if (value === void 0 || value === null)
        return ratio(true);
      const problem = validateJsonSchema(typeof value === "string" ? JSON.parse(value) : value, parsed2);
      return { ...ratio(!problem), message: problem ?? "" };
    }
    case "json-schema": {
      const parsed2 = findJson(out);
      if (parsed2 === void 0)
        return { pass: false, score: 0, message: "no JSON found in the output" };
      const problem = validateJsonSchema(typeof value === "string" ? JSON.parse(value) : value, parsed2);
      return { ...ratio(!problem), message: problem ?? "" };
    }
    case "is-valid-json-schema":
      return ratio(findJson(out) !== void 0);
    case "javascript":
      return runJavascript(str, r, test);
    case "latency":
      return limit(r.latencyMs, spec.threshold, "latency ms");
    case "ttft":
      return limit(r.ttftMs ?? r.latencyMs, spec.threshold, "time to first token ms");
    case "cost":
      return limit(r.cost, spec.threshold, "cost USD");
    case "tokens":
      return limit(r.completionTokens, spec.threshold ?? (typeof value === "number" ? value : void 0), "completion tokens");
    case "levenshtein": {
      const d = levenshtein(out, reference);
      const max = spec.threshold ?? 5;
      return { pass: d <= max, score: d <= max ? 1 : 0, message: `edit distance ${d} ${d <= max ? "<=" : ">"} ${max}` };
    }
    case "bleu":
      return atLeast(sentenceBleu(out, list(value).length > 1 ? list(value) : [reference]) / 100, spec.threshold ?? 0.5, "BLEU");
    case "rouge-1":
      return atLeast(rougeN(reference, out, 1).fmeasure, spec.threshold ?? 0.5, "ROUGE-1 F");
    case "rouge-2":
      return atLeast(rougeN(reference, out, 2).fmeasure, spec.threshold ?? 0.5, "ROUGE-2 F");
    case "rouge-n":
      return atLeast(rougeN(reference, out, 1).fmeasure, spec.threshold ?? 0.75, "ROUGE-N F");
    case "rouge-l":
      return atLeast(rougeL(reference, out).fmeasure, spec.threshold ?? 0.5, "ROUGE-L F");
    case "chrf":
      return atLeast(chrf([out], [reference]) / 100, spec.threshold ?? 0.5, "chrF");
    case "similar": {
      if (!services.embed)
        throw new Error("no embeddings provider (set `provider:` on the assertion or `--embeddings`)");
      const [a = [], b = []] = await services.embed([out, reference]);
      return atLeast(cosine(a, b), spec.threshold ?? 0.75, "cosine similarity");
    }
    case "llm-rubric":
      return judge(str, out, spec, services);
    case "is-refusal": {
      const m = REFUSAL.exec(out) ?? (out.trim() === "" ? ["(empty answer)"] : null);
      return { ...ratio(m !== null), message: m ? `refusal: "${m[0]}"` : "the answer is not a refusal" };
    }
    case "no-secrets": {
      const hit = findSecrets(out)[0];
      return { ...ratio(!hit), message: hit ? `the answer contains a ${hit}` : "" };
    }
    case "no-pii": {
      const hit = findPii(out)[0];
      return { ...ratio(!hit), message: hit ? `the answer contains personal data: ${hit}` : "" };
    }
    default:
      throw new Error(`unknown assertion type ${type}`);
  }
}
function limit(value, threshold, what) {
  if (threshold === void 0)
    throw new Error(`${what}: set threshold`);
  const pass = value <= threshold;
  return { pass, score: pass ? 1 : 0, message: `${what} ${Number(value.toFixed(6))} ${pass ? "<=" : ">"} ${threshold}` };
}
function runJavascript(code, r, test) {
  const body = /\breturn\b/.test(code) ? code : `return (${code});`;
  const fn = new Function("output", "context", body);
  const value = fn(r.output, { vars: test.vars, expected: test.expected, latencyMs: r.latencyMs, tokens: r.completionTokens, cost: r.cost });
  if (typeof value === "boolean")
    return { ...ratio(value), message: value ? "" : "the function returned false" };
  if (typeof value === "number")
    return { pass: value > 0, score: Math.max(0, Math.min(1, value)), message: `the function returned ${value}` };
  if (value && typeof value === "object" && "pass" in value) {
    const v = value;
    return { pass: Boolean(v.pass), score: v.score ?? (v.pass ? 1 : 0), message: v.reason ?? "" };
  }
  throw new Error(`the function must return a boolean, a number or { pass, score, reason }; it returned ${JSON.stringify(value)}`);
}
function judgePrompt(rubric, output) {
  return [
    'You grade an answer against a rubric. Reply with JSON only: {"pass": true|false, "score": 0..1, "reason": "one sentence"}.',
    `<rubric>
${rubric}
</rubric>`,
    `<answer>
${output}
</answer>`
  ].join("\n\n");
}
async function judge(rubric, output, spec, services) {
  if (!services.judge)
    throw new Error("no judge provider (set `provider:` on the assertion)");
  const votes = spec.votes ?? 1;
  const verdicts = [];
  for (let v = 0; v < votes; v++) {
    const reply = await services.judge(judgePrompt(rubric, output), v);
    const parsed2 = findJson(reply);
    if (!parsed2 || typeof parsed2 !== "object")
      throw new Error(`the judge did not answer in JSON: "${reply.slice(0, 120)}"`);
    const score2 = typeof parsed2.score === "number" ? parsed2.score : parsed2.pass === true ? 1 : 0;
    verdicts.push({ pass: typeof parsed2.pass === "boolean" ? parsed2.pass : score2 >= (spec.threshold ?? 0.5), score: score2, reason: String(parsed2.reason ?? "") });
  }
  const passes = verdicts.filter((v) => v.pass).length;
  const pass = passes * 2 > votes;
  const score = verdicts.reduce((s, v) => s + v.score, 0) / votes;
  const reason = verdicts.find((v) => v.pass === pass)?.reason ?? "";
  return { pass, score, message: `judge ${passes}/${votes} pass${reason ? `: ${reason}` : ""}` };
}

// packages/eval/lib/internal/cache.js
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
var ResponseCache = class {
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
    return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
  }
  file(kind, key) {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
  }
  async get(kind, key) {
    if (this.mode === "off")
      return void 0;
    try {
      const value = JSON.parse(await readFile(this.file(kind, key), "utf8"));
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return void 0;
    }
  }
  async set(kind, key, value) {
    if (this.mode !== "use")
      return;
    const file = this.file(kind, key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify(value));
    await rename(tmp, file);
  }
};

// packages/eval/lib/internal/stats.js
function logChoose(n, k) {
  let s = 0;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++)
    s += Math.log(n - m + i) - Math.log(i);
  return s;
}
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
function wilcoxon(diffs) {
  const d = diffs.filter((x) => x !== 0);
  const hadZeros = d.length < diffs.length;
  const n = d.length;
  if (n === 0)
    return { statistic: 0, p: 1, n: 0, method: "exact" };
  const order = d.map((x, i) => ({ a: Math.abs(x), i })).sort((x, y) => x.a - y.a);
  const ranks = new Array(n).fill(0);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
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
    const max = n * (n + 1) / 2;
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
    return { statistic, p: Math.min(1, 2 * cdf / totalCount), n, method: "exact" };
  }
  const mean = n * (n + 1) / 4;
  const se = Math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - tieTerm / 48);
  const z = se > 0 ? (statistic - mean) / se : 0;
  return { statistic, p: Math.min(1, 2 * normalSf(Math.abs(z))), n, method: "approx" };
}
function bootstrapMeanCi(diffs, options = {}) {
  const n = diffs.length;
  if (n === 0)
    return [0, 0];
  const resamples = options.resamples ?? 2e3;
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
  const lo = means[Math.floor((1 - level) / 2 * resamples)] ?? 0;
  const hi = means[Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1)] ?? 0;
  return [lo, hi];
}

// packages/eval/lib/internal/compare.js
function pairKey(t, byProvider) {
  return byProvider ? `${t.id}\0${t.provider}` : t.id;
}
function compareResults(base, head, options = {}) {
  const alpha = options.alpha ?? 0.05;
  const criticalTag = options.criticalTag ?? "critical";
  const byProvider = base.providers.length > 1 || head.providers.length > 1;
  const baseMap = new Map(base.tests.filter((t) => t.status !== "skipped").map((t) => [pairKey(t, byProvider), t]));
  const headMap = new Map(head.tests.filter((t) => t.status !== "skipped").map((t) => [pairKey(t, byProvider), t]));
  const tests = [];
  const counts = { "newly-failing": 0, "newly-passing": 0, flaky: 0, unchanged: 0, new: 0, removed: 0 };
  for (const h of head.tests) {
    if (h.status === "skipped")
      continue;
    const b = baseMap.get(pairKey(h, byProvider));
    const pass = (t) => t.status === "pass";
    const change = !b ? "new" : h.flaky || b.flaky ? "flaky" : pass(b) && !pass(h) ? "newly-failing" : !pass(b) && pass(h) ? "newly-passing" : "unchanged";
    const p = {
      id: h.id,
      description: h.description,
      line: h.line,
      tags: h.tags,
      change,
      critical: h.tags.includes(criticalTag),
      head: h,
      scoreDiff: b ? h.score - b.score : 0
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
      change: "removed",
      critical: b.tags.includes(criticalTag),
      base: b,
      scoreDiff: 0
    });
    counts.removed++;
  }
  const paired = tests.filter((t) => t.base !== void 0 && t.head !== void 0);
  const metrics = [];
  {
    const passB = paired.map((t) => t.base.passRate);
    const passH = paired.map((t) => t.head.passRate);
    const onlyBase = paired.filter((t) => t.base.status === "pass" && t.head.status !== "pass").length;
    const onlyHead = paired.filter((t) => t.base.status !== "pass" && t.head.status === "pass").length;
    const diffs = paired.map((_, i) => (passH[i] ?? 0) - (passB[i] ?? 0));
    const p = mcnemarExact(onlyBase, onlyHead);
    const mean = (xs) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    const row = {
      name: "pass rate",
      base: mean(passB),
      head: mean(passH),
      diff: mean(diffs),
      ci: bootstrapMeanCi(diffs),
      p,
      test: "mcnemar",
      n: onlyBase + onlyHead
    };
    metrics.push({ ...row, regression: p < alpha && onlyBase > onlyHead, improvement: p < alpha && onlyHead > onlyBase });
  }
  const names = /* @__PURE__ */ new Set(["score"]);
  for (const t of paired)
    for (const k of Object.keys(t.head.metrics))
      if (k in t.base.metrics)
        names.add(k);
  for (const name of names) {
    const pairs = paired.flatMap((t) => {
      const b = name === "score" ? t.base.score : t.base.metrics[name];
      const h = name === "score" ? t.head.score : t.head.metrics[name];
      return b === void 0 || h === void 0 ? [] : [[b, h]];
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
      test: "wilcoxon",
      n: w.n,
      regression: w.p < alpha && diff < 0,
      improvement: w.p < alpha && diff > 0
    });
  }
  const reasons = [];
  for (const m of metrics)
    if (m.regression)
      reasons.push(`${m.name} fell from ${fmt(m.base)} to ${fmt(m.head)} (p = ${m.p.toPrecision(3)} < \u03B1 = ${alpha})`);
  if (options.passRateFloor !== void 0 && head.totals.passRate < options.passRateFloor) {
    reasons.push(`pass rate ${fmt(head.totals.passRate)} is below the floor of ${fmt(options.passRateFloor)}`);
  }
  const criticalFails = tests.filter((t) => t.critical && t.change === "newly-failing");
  for (const t of criticalFails)
    reasons.push(`critical test "${t.id}" newly fails`);
  const warnings = [];
  const now = options.now ?? /* @__PURE__ */ new Date();
  const ageDays = (now.getTime() - Date.parse(base.createdAt)) / 864e5;
  const staleDays = options.staleDays ?? 14;
  if (ageDays > staleDays)
    warnings.push(`the baseline is ${Math.floor(ageDays)} days old (older than ${staleDays}); refresh it from the base branch`);
  if (base.partial)
    warnings.push(`the baseline run was partial (${base.partialReason ?? "stopped early"})`);
  if (head.partial)
    warnings.push(`this run is partial (${head.partialReason ?? "stopped early"}): untested cases are not judged`);
  if (counts.removed > 0)
    warnings.push(`${counts.removed} baseline test(s) have no result in this run`);
  const baseline = { createdAt: base.createdAt, ageDays, stale: ageDays > staleDays };
  if (base.git?.sha)
    baseline.sha = base.git.sha;
  return { verdict: reasons.length ? "fail" : "pass", reasons, warnings, alpha, metrics, tests, counts, baseline };
}
function fmt(x) {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

// packages/eval/lib/internal/evaluate.js
import { stat, writeFile as writeFile2 } from "node:fs/promises";
import path5 from "node:path";

// packages/eval/lib/internal/baseline-store.js
import { createHash as createHash3 } from "node:crypto";
import { readFile as readFile3 } from "node:fs/promises";

// packages/eval/lib/internal/results-file.js
import { createWriteStream as createWriteStream2 } from "node:fs";
import { mkdir as mkdir3, readFile as readFile2 } from "node:fs/promises";
import path3 from "node:path";
import { finished as finished2 } from "node:stream/promises";

// packages/eval/lib/internal/results-log.js
import { closeSync, createWriteStream, openSync, readSync } from "node:fs";
import { mkdir as mkdir2 } from "node:fs/promises";
import path2 from "node:path";
import { finished } from "node:stream/promises";
var OUTPUT_EXCERPT = 1500;
var MESSAGE_EXCERPT = 1e3;
var REFS = /* @__PURE__ */ Symbol("slipway.eval.full-records");
var BATCH_BYTES = 64 * 1024;
var BATCH_MS = 200;
var ResultsLog = class _ResultsLog {
  file;
  out;
  bytes = 0;
  fd;
  pending = [];
  pendingBytes = 0;
  timer;
  constructor(file) {
    this.file = file;
    this.out = createWriteStream(file, { flags: "w", highWaterMark: 256 * 1024 });
  }
  /** Creates (or empties) the log file. */
  static async create(file) {
    await mkdir2(path2.dirname(file), { recursive: true });
    return new _ResultsLog(file);
  }
  /**
   * Writes the full result and returns the compact copy to keep, plus a promise to await when the
   * write buffer is full (back-pressure for the runner's workers).
   */
  append(test) {
    const line = `${JSON.stringify(test)}
`;
    const length = Buffer.byteLength(line);
    const ref = { log: this, offset: this.bytes, length };
    this.bytes += length;
    const compact = compactOf(test);
    attach(compact, [ref]);
    this.pending.push(line);
    this.pendingBytes += length;
    if (this.pendingBytes < BATCH_BYTES) {
      this.timer ??= setTimeout(() => this.writePending(), BATCH_MS).unref();
      return { compact };
    }
    if (this.writePending())
      return { compact };
    return { compact, drained: new Promise((resolve) => this.out.once("drain", () => resolve())) };
  }
  /** Hands the gathered lines to the stream; false when its buffer is full. */
  writePending() {
    if (this.timer)
      clearTimeout(this.timer);
    this.timer = void 0;
    if (this.pending.length === 0)
      return true;
    const chunk = this.pending.join("");
    this.pending = [];
    this.pendingBytes = 0;
    return this.out.write(chunk);
  }
  /** Resolves once everything appended so far is on disk (readable through {@link fullOf}). */
  flush() {
    this.writePending();
    return new Promise((resolve, reject) => this.out.write("", (error) => error ? reject(error) : resolve()));
  }
  read(offset, length) {
    return JSON.parse(this.readText(offset, length));
  }
  /** The record's line as written (with its newline). */
  readText(offset, length) {
    this.fd ??= openSync(this.file, "r");
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, offset + done);
      if (n === 0)
        throw new Error(`${this.file}: record at ${offset} is cut short (${done} of ${length} bytes)`);
      done += n;
    }
    return buffer.toString("utf8");
  }
  async close() {
    this.writePending();
    this.out.end();
    await finished(this.out);
    if (this.fd !== void 0)
      closeSync(this.fd);
    this.fd = void 0;
  }
};
function cut(text, max) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
function compactOf(t) {
  return {
    ...t,
    samples: t.samples.map((s, i) => {
      const c = {
        ...s,
        output: i === 0 ? cut(s.output, OUTPUT_EXCERPT) : "",
        assertions: s.assertions.map((a) => ({ ...a, message: a.pass ? "" : cut(a.message, MESSAGE_EXCERPT) }))
      };
      if (s.error !== void 0)
        c.error = cut(s.error, MESSAGE_EXCERPT);
      return c;
    })
  };
}
function attach(t, refs) {
  Object.defineProperty(t, REFS, { value: refs, enumerable: false, configurable: true });
}
function refsOf(t) {
  return t[REFS] ?? [];
}
function backedBy(t, parts) {
  const refs = parts.flatMap(refsOf);
  if (refs.length > 0)
    attach(t, refs);
  return t;
}
function fullOf(t) {
  const refs = refsOf(t);
  if (refs.length === 0)
    return t;
  return { ...t, samples: refs.flatMap((r) => r.log.read(r.offset, r.length).samples) };
}
function fullJson(t) {
  const refs = refsOf(t);
  const only = refs.length === 1 ? refs[0] : void 0;
  return only ? only.log.readText(only.offset, only.length).trimEnd() : JSON.stringify(fullOf(t));
}

// packages/eval/lib/internal/runner.js
import { setMaxListeners } from "node:events";

// packages/eval/lib/internal/providers/provider.js
import { spawn } from "node:child_process";

// packages/eval/lib/internal/providers/prices.js
var PRICE_TABLE = {
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "o3-mini": { input: 1.1, output: 4.4 },
  "claude-3-5-haiku-latest": { input: 0.8, output: 4 },
  "claude-3-5-sonnet-latest": { input: 3, output: 15 },
  "claude-sonnet-4-0": { input: 3, output: 15 },
  "text-embedding-3-small": { input: 0.02, output: 0 }
};
function costOf(price2, model, promptTokens, completionTokens) {
  const p = price2 ?? PRICE_TABLE[model];
  if (!p)
    return 0;
  return (promptTokens * p.input + completionTokens * p.output) / 1e6;
}

// packages/eval/lib/internal/providers/rate.js
var RateBucket = class {
  perMinute;
  level;
  last = performance.now();
  constructor(perMinute) {
    this.perMinute = perMinute;
    this.level = perMinute;
  }
  async take(n, signal) {
    const want = Math.min(n, this.perMinute);
    for (; ; ) {
      const now = performance.now();
      this.level = Math.min(this.perMinute, this.level + (now - this.last) / 6e4 * this.perMinute);
      this.last = now;
      if (this.level >= want) {
        this.level -= want;
        return;
      }
      await abortableSleep(Math.ceil((want - this.level) / this.perMinute * 6e4), signal);
    }
  }
};

// packages/eval/lib/internal/providers/transport.js
import http from "node:http";
import https from "node:https";
var agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 })
};
var urls = /* @__PURE__ */ new Map();
function parsed(url) {
  let u = urls.get(url);
  if (!u) {
    u = new URL(url);
    if (urls.size < 64)
      urls.set(url, u);
  }
  return u;
}
function send(url, init) {
  return new Promise((resolve, reject) => {
    const u = parsed(url);
    const lib = u.protocol === "https:" ? https : http;
    const headers = { ...init.headers };
    if (init.body !== void 0)
      headers["content-length"] = Buffer.byteLength(init.body);
    const req = lib.request(u, { method: init.method, headers, agent: u.protocol === "https:" ? agents.https : agents.http, signal: init.signal }, (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: res,
        text: () => (
          // Events rather than for-await: the async iterator costs a few % of a cheap call's CPU.
          new Promise((done, fail) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.once("end", () => done(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
            res.once("error", fail);
            res.once("close", () => {
              if (!res.complete)
                fail(init.signal?.aborted ? init.signal.reason : Object.assign(new Error("the response was cut short"), { code: "ECONNRESET" }));
            });
          })
        )
      });
    });
    req.once("error", (error) => reject(init.signal?.aborted ? init.signal.reason ?? error : error));
    req.end(init.body);
  });
}

// packages/eval/lib/internal/providers/provider.js
function createProvider(config, log) {
  const slots = new Slots(config.concurrency);
  const rpm = config.rpm ? new RateBucket(config.rpm) : void 0;
  const tpm = config.tpm ? new RateBucket(config.tpm) : void 0;
  const call = config.type === "openai" ? openaiCall(config) : config.type === "anthropic" ? anthropicCall(config) : config.type === "http" ? httpCall(config) : commandCall(config);
  const guarded = (fn, outer, tokens = 0) => slots.run(() => retry(async () => {
    await rpm?.take(1, outer);
    if (tpm && tokens > 0)
      await tpm.take(tokens, outer);
    return withDeadline(outer, config.timeoutMs, fn);
  }, {
    retries: config.retries,
    baseDelayMs: 250,
    ...outer ? { signal: outer } : {},
    onRetry: ({ attempt, delayMs, error }) => log?.debug(`${config.label}: retry ${attempt} in ${delayMs} ms after ${error.message}`)
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
        const body = await postJson(endpoint(config, "/embeddings"), { model: config.model, input: texts }, authHeaders(config), s);
        const data = [...body.data ?? []].sort((a, b) => a.index - b.index);
        if (data.length !== texts.length)
          throw new Error(`${config.label}: embeddings returned ${data.length} vectors for ${texts.length} inputs`);
        return data.map((d) => d.embedding);
      }, signal);
    }
  };
}
var Slots = class {
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
    } finally {
      const next = this.waiting.shift();
      if (next)
        next();
      else
        this.active--;
    }
  }
};
async function withDeadline(outer, ms, fn) {
  if (outer?.aborted)
    throw outer.reason;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`the call timed out after ${ms} ms`, "TimeoutError")), ms);
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}
function authHeaders(config) {
  const key = config.apiKey ? config.apiKeyHeader ? { [config.apiKeyHeader]: config.apiKey } : { authorization: `Bearer ${config.apiKey}` } : {};
  return { ...config.headers, ...key };
}
function endpoint(config, path7) {
  const query = config.query ? new URLSearchParams(config.query).toString() : "";
  return `${config.baseUrl}${path7}${query ? `?${query}` : ""}`;
}
async function postJson(url, body, headers, signal) {
  const res = await send(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal });
  if (!ok(res))
    throw await httpError(url, res);
  return JSON.parse(await res.text());
}
function ok(res) {
  return res.status >= 200 && res.status < 300;
}
async function httpError(url, res) {
  const text = await res.text().catch(() => "");
  let detail = text.slice(0, 300);
  try {
    const parsed2 = JSON.parse(text);
    detail = typeof parsed2.error === "string" ? parsed2.error : parsed2.error?.message ?? detail;
  } catch {
  }
  const retryAfter = res.headers["retry-after"];
  return new HttpError(`${new URL(url).pathname} answered ${res.status}: ${detail}`, res.status, typeof retryAfter === "string" ? retryAfter : void 0);
}
function openaiCall(config) {
  const url = endpoint(config, "/chat/completions");
  return async (messages, params, signal) => {
    const started = performance.now();
    const body = { model: config.model, messages, ...params, ...config.stream ? { stream: true, stream_options: { include_usage: true } } : {} };
    const res = await send(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders(config) },
      body: JSON.stringify(body),
      signal
    });
    if (!ok(res))
      throw await httpError(url, res);
    if (!config.stream) {
      const json = JSON.parse(await res.text());
      return {
        output: json.choices?.[0]?.message?.content ?? "",
        latencyMs: performance.now() - started,
        promptTokens: json.usage?.prompt_tokens ?? 0,
        completionTokens: json.usage?.completion_tokens ?? 0
      };
    }
    let output = "";
    let ttftMs;
    let usage;
    for await (const data of sseData(res)) {
      if (data === "[DONE]")
        break;
      const chunk = JSON.parse(data);
      if (chunk.error)
        throw new HttpError(`stream error: ${chunk.error.message ?? "unknown"}`, 500);
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
      completionTokens: usage?.completion_tokens ?? 0
    };
    if (ttftMs !== void 0)
      r.ttftMs = ttftMs;
    return r;
  };
}
async function* sseEvents(res) {
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, "\n");
      let cut3 = buffer.indexOf("\n\n");
      while (cut3 >= 0) {
        const block2 = buffer.slice(0, cut3);
        buffer = buffer.slice(cut3 + 2);
        let event = "message";
        const data = [];
        for (const line of block2.split("\n")) {
          if (line.startsWith("event:"))
            event = line.slice(6).trim();
          else if (line.startsWith("data:"))
            data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length > 0)
          yield { event, data: data.join("\n") };
        cut3 = buffer.indexOf("\n\n");
      }
    }
  } catch (error) {
    if (error.name === "AbortError" || error.name === "TimeoutError")
      throw error;
    throw new HttpError(`stream broke: ${error.message}`, 502);
  }
}
async function* sseData(res) {
  for await (const { data } of sseEvents(res)) {
    const trimmed = data.trim();
    yield trimmed;
    if (trimmed === "[DONE]")
      return;
  }
  throw new HttpError("stream ended before [DONE]", 502);
}
var ANTHROPIC_STREAM_STATUS = {
  overloaded_error: 529,
  api_error: 500,
  rate_limit_error: 429,
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413
};
function anthropicCall(config) {
  const url = `${config.baseUrl}/messages`;
  return async (messages, params, signal) => {
    const started = performance.now();
    const system = messages.filter((m) => m.role === "system").map((m) => m.content).join("\n");
    const body = {
      model: config.model,
      max_tokens: 1024,
      ...params,
      ...system ? { system } : {},
      messages: messages.filter((m) => m.role !== "system"),
      ...config.stream ? { stream: true } : {}
    };
    const headers = { "content-type": "application/json", "anthropic-version": "2023-06-01", ...config.headers };
    if (config.apiKey)
      headers["x-api-key"] = config.apiKey;
    const res = await send(url, { method: "POST", headers, body: JSON.stringify(body), signal });
    if (!ok(res))
      throw await httpError(url, res);
    if (!config.stream) {
      const json = JSON.parse(await res.text());
      return {
        output: (json.content ?? []).filter((c) => c.type === "text").map((c) => c.text ?? "").join(""),
        latencyMs: performance.now() - started,
        promptTokens: json.usage?.input_tokens ?? 0,
        completionTokens: json.usage?.output_tokens ?? 0
      };
    }
    let output = "";
    let ttftMs;
    let input = 0;
    let outputTokens = 0;
    let stopped = false;
    for await (const { event, data } of sseEvents(res)) {
      const json = JSON.parse(data);
      const type = json.type ?? event;
      if (type === "error") {
        const kind = json.error?.type ?? "api_error";
        throw new HttpError(`stream error: ${kind}: ${json.error?.message ?? "unknown"}`, ANTHROPIC_STREAM_STATUS[kind] ?? 500);
      }
      if (type === "message_start") {
        input = json.message?.usage?.input_tokens ?? input;
        outputTokens = json.message?.usage?.output_tokens ?? outputTokens;
      } else if (type === "content_block_delta" && json.delta?.type === "text_delta" && json.delta.text) {
        ttftMs ??= performance.now() - started;
        output += json.delta.text;
      } else if (type === "message_delta") {
        outputTokens = json.usage?.output_tokens ?? outputTokens;
        input = json.usage?.input_tokens ?? input;
      } else if (type === "message_stop") {
        stopped = true;
        break;
      }
    }
    if (!stopped)
      throw new HttpError("stream ended before message_stop", 502);
    const r = { output, latencyMs: performance.now() - started, promptTokens: input, completionTokens: outputTokens };
    if (ttftMs !== void 0)
      r.ttftMs = ttftMs;
    return r;
  };
}
function promptText(messages) {
  return messages.length === 1 ? messages[0]?.content ?? "" : messages.map((m) => `${m.role}: ${m.content}`).join("\n");
}
function httpCall(config) {
  return async (messages, params, signal) => {
    const started = performance.now();
    const vars2 = { prompt: promptText(messages), messages, ...params };
    const url = config.url ?? "";
    const res = await send(url, {
      method: config.method ?? "POST",
      headers: { "content-type": "application/json", ...config.headers },
      body: JSON.stringify(renderDeep(config.body, vars2)),
      signal
    });
    if (!ok(res))
      throw await httpError(url, res);
    const text = await res.text();
    let output = text;
    try {
      output = jsonPath(JSON.parse(text), config.responsePath ?? "");
    } catch {
    }
    return {
      output: typeof output === "string" ? output : JSON.stringify(output ?? ""),
      latencyMs: performance.now() - started,
      promptTokens: 0,
      completionTokens: 0
    };
  };
}
function commandCall(config) {
  return (messages, _params, signal) => new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/bin/sh", ["-c", config.command ?? ""], { stdio: ["pipe", "pipe", "pipe"], signal });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => {
      out += c.toString();
    });
    child.stderr.on("data", (c) => {
      err += c.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0)
        resolve({ output: out.replace(/\n$/, ""), latencyMs: performance.now() - started, promptTokens: 0, completionTokens: 0 });
      else
        reject(new Error(`command exited ${code}: ${err.slice(-300)}`));
    });
    child.stdin.end(promptText(messages));
  });
}

// packages/eval/lib/internal/shard.js
import { createHash as createHash2 } from "node:crypto";
function parseShard(text, input = "shard") {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new InputError(input, `"${text}" is not i/n with 1 <= i <= n`, { hint: "e.g. 2/4 runs the second of four shards" });
  return { index, count };
}
function bucket(id, count) {
  return createHash2("sha256").update(id).digest().readUInt32BE(0) % count;
}
function selectShard(tests, shard, timings) {
  if (shard.count === 1)
    return [...tests];
  if (!timings || Object.keys(timings).length === 0)
    return tests.filter((t) => bucket(t.id, shard.count) === shard.index - 1);
  const known = Object.values(timings).sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)] ?? 1;
  const order = [...tests].sort((a, b) => (timings[b.id] ?? median) - (timings[a.id] ?? median) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array(shard.count).fill(0);
  const mine = /* @__PURE__ */ new Set();
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

// packages/eval/lib/internal/types.js
var RESULTS_SCHEMA = "slipway.eval.results/v1";

// packages/eval/lib/internal/runner.js
async function runSuite(rt, suite, options = {}) {
  const started = performance.now();
  const cache = new ResponseCache(options.cacheDir ?? ".slipway/eval-cache", options.cacheDir ? options.cacheMode ?? "use" : "off");
  const providers = suite.providers.map((p) => createProvider(options.concurrency && !p.concurrencySet ? { ...p, concurrency: options.concurrency } : p, rt.log));
  const judge2 = options.judge ? createProvider(options.judge, rt.log) : void 0;
  const embedder = options.embeddings ? createProvider(options.embeddings, rt.log) : void 0;
  let tests = options.shard ? selectShard(suite.tests, options.shard, options.timings) : suite.tests;
  if (options.only)
    tests = tests.filter((t) => options.only?.has(t.id));
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  let partialReason;
  const halt = (reason) => {
    if (stop.signal.aborted)
      return;
    partialReason = reason;
    stop.abort(new Error(reason));
  };
  options.signal?.addEventListener("abort", () => halt("cancelled"), { once: true });
  const timer = options.maxDurationMs ? setTimeout(() => halt(`time budget of ${budgetText(options.maxDurationMs ?? 0)} reached`), options.maxDurationMs) : void 0;
  timer?.unref();
  let spent = 0;
  const total = tests.length * providers.length;
  const progress = rt.progress(`eval ${suite.file}`, total);
  const services = () => ({
    ...judge2 ? {
      judge: async (prompt, vote) => {
        const key = ResponseCache.key({ judge: judge2.config.label, model: judge2.config.model, params: judge2.config.params, prompt, vote });
        const hit = await cache.get("judge", key);
        if (hit !== void 0)
          return hit;
        if (cache.mode === "only")
          throw new Error("judge verdict not in the cache (--cache-only)");
        const r = await judge2.complete([{ role: "user", content: prompt }], { signal: stop.signal });
        spent += r.cost;
        await cache.set("judge", key, r.output);
        return r.output;
      }
    } : {},
    ...embedder ? { embed: (texts) => embedder.embed(texts, stop.signal) } : {}
  });
  const offset = options.repeatOffset ?? 0;
  const results = [];
  const skipped = [];
  const jobs = tests.flatMap((test) => providers.map((provider) => ({ test, provider })));
  let next = 0;
  const worker = async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const { test, provider } = job;
      const count = options.repeats ?? test.repeat;
      const samples = await Promise.all(Array.from({ length: count }, (_, r) => (
        // Calls are bounded by each provider's slots; the worker pool bounds the tests in progress.
        (async () => {
          if (stop.signal.aborted)
            return partialReason ?? "stopped";
          const sample = await runSample(provider, test, suite, offset + r, cache, services(), stop.signal);
          if (typeof sample !== "string") {
            spent += sample.cost;
            if (options.maxCost !== void 0 && spent >= options.maxCost)
              halt(`cost budget of $${options.maxCost} reached`);
          }
          return sample;
        })()
      )));
      progress.tick();
      const result2 = toTestResult(test, provider.config.label, samples);
      if (options.log) {
        const { compact, drained } = options.log.append(result2);
        results.push(compact);
        if (drained)
          await drained;
      } else
        results.push(result2);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, (options.concurrency ?? 16) * 2) }, worker));
  if (timer)
    clearTimeout(timer);
  await options.log?.flush();
  progress.done();
  const order = new Map(suite.providers.map((p, i) => [p.label, i]));
  results.sort((a, b) => a.index - b.index || (order.get(a.provider) ?? 0) - (order.get(b.provider) ?? 0));
  for (const t of results)
    if (t.status === "skipped" && t.skipReason)
      skipped.push({ reason: t.skipReason, count: 1 });
  const out = {
    schema: RESULTS_SCHEMA,
    suite: { file: suite.file, description: suite.description, tests: suite.tests.length },
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    providers: suite.providers.map((p) => p.label),
    partial: partialReason !== void 0,
    totals: totalsOf(results, performance.now() - started, cache.hits),
    tests: results
  };
  if (partialReason)
    out.partialReason = partialReason;
  if (options.shard)
    out.shard = options.shard;
  if (options.git)
    out.git = options.git;
  return out;
}
function budgetText(ms) {
  return ms < 1e3 ? `${ms} ms` : ms < 12e4 ? `${Math.round(ms / 1e3)} s` : `${Math.round(ms / 6e4)} min`;
}
function renderMessages(messages, vars2) {
  return messages.map((m) => ({ role: m.role, content: renderTemplate(m.content, vars2) }));
}
async function runSample(provider, test, suite, repeat, cache, services, signal) {
  const prompt = suite.prompts.find((p) => p.id === test.promptId) ?? suite.prompts[0];
  const messages = renderMessages(prompt?.messages ?? [], { ...test.vars, ...test.expected !== void 0 ? { expected: test.expected } : {} });
  const c = provider.config;
  const key = cache.mode === "off" ? "" : ResponseCache.key({
    type: c.type,
    baseUrl: c.baseUrl,
    url: c.url,
    query: c.query,
    command: c.command,
    model: c.model,
    params: c.params,
    messages,
    seed: c.params.seed,
    repeat
  });
  let response = cache.mode === "off" ? void 0 : await cache.get("answers", key);
  const cached = response !== void 0;
  if (!response) {
    if (cache.mode === "only")
      return "not in the cache (--cache-only)";
    try {
      response = await provider.complete(messages, { signal });
    } catch (error) {
      if (signal.aborted)
        return String(signal.reason?.message ?? "stopped");
      return {
        output: "",
        pass: false,
        score: 0,
        assertions: [],
        latencyMs: 0,
        promptTokens: 0,
        completionTokens: 0,
        cost: 0,
        cached: false,
        error: error.message
      };
    }
    if (cache.mode === "use")
      await cache.set("answers", key, response);
  }
  const assertions = await Promise.all(test.assert.map((a) => runAssertion(a, response, test, services)));
  const weight = assertions.reduce((s, a) => s + a.weight, 0);
  const score = weight > 0 ? assertions.reduce((s, a) => s + a.score * a.weight, 0) / weight : 1;
  const pass = test.threshold !== void 0 ? score >= test.threshold : assertions.every((a) => a.pass);
  const sample = {
    output: response.output,
    pass,
    score,
    assertions,
    latencyMs: cached ? 0 : response.latencyMs,
    promptTokens: response.promptTokens,
    completionTokens: response.completionTokens,
    cost: cached ? 0 : response.cost,
    cached
  };
  if (response.ttftMs !== void 0 && !cached)
    sample.ttftMs = response.ttftMs;
  return sample;
}
function toTestResult(test, provider, outcomes) {
  const samples = outcomes.filter((s) => typeof s !== "string");
  const skipReason = outcomes.find((s) => typeof s === "string");
  const base = { index: test.index, id: test.id, description: test.description, provider, tags: test.tags, line: test.line, vars: test.vars };
  if (samples.length === 0) {
    return { ...base, status: "skipped", skipReason: skipReason ?? "not run", passRate: 0, score: 0, flaky: false, metrics: {}, samples: [] };
  }
  return { ...base, ...foldSamples(samples) };
}
function foldSamples(samples) {
  const ok2 = samples.filter((s) => s.error === void 0);
  const passes = samples.filter((s) => s.pass).length;
  const passRate = passes / samples.length;
  const metrics = {};
  const counts = {};
  for (const s of ok2)
    for (const a of s.assertions) {
      const name = a.metric ?? a.type;
      metrics[name] = (metrics[name] ?? 0) + a.score;
      counts[name] = (counts[name] ?? 0) + 1;
    }
  for (const k of Object.keys(metrics))
    metrics[k] = (metrics[k] ?? 0) / (counts[k] ?? 1);
  const status = ok2.length === 0 ? "error" : passRate >= 0.5 ? "pass" : "fail";
  return {
    status,
    passRate,
    score: samples.reduce((s, x) => s + x.score, 0) / samples.length,
    flaky: passes > 0 && passes < samples.length,
    metrics,
    samples
  };
}
function percentile(sorted, p) {
  if (sorted.length === 0)
    return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
function totalsOf(tests, durationMs, cacheHits) {
  const ran = tests.filter((t) => t.status !== "skipped");
  const samples = ran.flatMap((t) => t.samples);
  const latencies = samples.filter((s) => !s.cached && s.error === void 0).map((s) => s.latencyMs).sort((a, b) => a - b);
  const passed = ran.filter((t) => t.status === "pass").length;
  return {
    tests: tests.length,
    passed,
    failed: ran.filter((t) => t.status === "fail").length,
    errors: ran.filter((t) => t.status === "error").length,
    skipped: tests.length - ran.length,
    passRate: ran.length ? passed / ran.length : 0,
    cost: samples.reduce((s, x) => s + x.cost, 0),
    promptTokens: samples.reduce((s, x) => s + x.promptTokens, 0),
    completionTokens: samples.reduce((s, x) => s + x.completionTokens, 0),
    latencyP50: percentile(latencies, 0.5),
    latencyP95: percentile(latencies, 0.95),
    cacheHits: cacheHits ?? samples.filter((s) => s.cached).length,
    calls: samples.length,
    durationMs
  };
}

// packages/eval/lib/internal/results-file.js
async function writeResults(file, results) {
  await mkdir3(path3.dirname(file), { recursive: true });
  const out = createWriteStream2(file);
  const { tests, ...head } = results;
  const write = (s) => out.write(s) ? Promise.resolve() : new Promise((r) => out.once("drain", () => r()));
  await write(`${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "tests": [')}
`);
  for (const [i, t] of tests.entries())
    await write(`    ${fullJson(t)}${i < tests.length - 1 ? "," : ""}
`);
  out.end("  ]\n}\n");
  await finished2(out);
}
async function writeChunks(file, chunks) {
  await mkdir3(path3.dirname(file), { recursive: true });
  const out = createWriteStream2(file);
  for (const c of chunks)
    if (!out.write(c))
      await new Promise((r) => out.once("drain", () => r()));
  out.end();
  await finished2(out);
}
async function readResults(file, shown = file) {
  let text;
  try {
    text = await readFile2(file, "utf8");
  } catch (error) {
    const code = error.code;
    throw new ConfigError([{ location: { file: shown }, message: code === "ENOENT" ? "no such results file" : `cannot read it: ${code ?? String(error)}` }]);
  }
  return parseResults(text, shown);
}
function parseResults(text, shown) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ location: { file: shown }, message: `not a results file: ${error.message.split("\n")[0]}` }]);
  }
  const r = data;
  if (r.schema !== RESULTS_SCHEMA || !Array.isArray(r.tests)) {
    throw new ConfigError([
      { location: { file: shown }, message: `expected a results file with "schema": "${RESULTS_SCHEMA}", found ${JSON.stringify(r.schema ?? null)}` }
    ]);
  }
  return r;
}
function mergeResults(parts) {
  const first = parts[0];
  if (!first)
    throw new ConfigError([{ location: { file: "(merge)" }, message: "nothing to merge: give at least one results file" }]);
  for (const p of parts) {
    if (p.suite.file !== first.suite.file || p.suite.tests !== first.suite.tests) {
      throw new ConfigError([
        { location: { file: p.suite.file }, message: `shard of another suite (${p.suite.file}, ${p.suite.tests} tests) than ${first.suite.file}` }
      ]);
    }
  }
  const seen = /* @__PURE__ */ new Set();
  const tests = [];
  for (const p of parts)
    for (const t of p.tests) {
      const key = `${t.id}\0${t.provider}`;
      if (seen.has(key))
        continue;
      seen.add(key);
      tests.push(t);
    }
  const order = new Map(first.providers.map((p, i) => [p, i]));
  tests.sort((a, b) => a.index - b.index || (order.get(a.provider) ?? 0) - (order.get(b.provider) ?? 0));
  const reasons = parts.filter((p) => p.partial).map((p) => p.partialReason ?? "partial");
  const duration = Math.max(...parts.map((p) => p.totals.durationMs));
  const merged = {
    schema: RESULTS_SCHEMA,
    suite: first.suite,
    createdAt: parts.map((p) => p.createdAt).sort()[0] ?? first.createdAt,
    providers: first.providers,
    partial: reasons.length > 0,
    totals: totalsOf(tests, duration, parts.reduce((s, p) => s + p.totals.cacheHits, 0)),
    tests
  };
  if (reasons.length)
    merged.partialReason = [...new Set(reasons)].join("; ");
  if (first.git)
    merged.git = first.git;
  return merged;
}

// packages/eval/lib/internal/baseline-store.js
var INDEX_SCHEMA = "slipway.eval.index/v1";
var KEY_SCHEMA = "slipway.eval.key/v1";
var KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
function checkKey(key, input) {
  if (!KEY_PATTERN.test(key) || key.length > 200) {
    throw new UserError(`${input}: "${key}" is not a results key`, { hint: "use letters, digits, dot, dash, underscore and /, e.g. main or release/1.2" });
  }
  return key;
}
function sha256(bytes) {
  return `sha256:${createHash3("sha256").update(bytes).digest("hex")}`;
}
function objectKeyOf(digest) {
  const hex = digest.replace(/^sha256:/, "");
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new UserError(`"${digest}" is not an eval report digest`, { hint: "use sha256:<64 hex digits>" });
  return `eval/objects/${hex.slice(0, 2)}/${hex}.json`;
}
async function putObject(remote, bytes) {
  const digest = sha256(bytes);
  await remote.uploadBytes(objectKeyOf(digest), bytes, { md5: createHash3("md5").update(bytes).digest("hex"), size: bytes.length });
  return digest;
}
async function readObject(remote, key) {
  const chunks = [];
  for await (const c of await remote.open(key))
    chunks.push(c);
  return Buffer.concat(chunks);
}
async function getObject(remote, digest, what) {
  const key = objectKeyOf(digest);
  let bytes;
  try {
    bytes = await readObject(remote, key);
  } catch (error) {
    throw new UserError(`${what} ${digest} is not in ${remote.display} (${error.message.split("\n")[0]})`, {
      hint: "push it with the eval step's push-key (slipway eval run --push-key <key>) against this store"
    });
  }
  if (sha256(bytes) !== digest)
    throw new UserError(`${remote.display}/${key} does not match its digest: the store is corrupt`);
  return bytes;
}
async function pushResults(remote, files, options = {}) {
  const index = { schema: INDEX_SCHEMA, createdAt: (options.now ?? /* @__PURE__ */ new Date()).toISOString(), suites: {} };
  if (options.git)
    index.git = options.git;
  for (const f of files)
    index.suites[f.suite] = await putObject(remote, await readFile3(f.file));
  const digest = await putObject(remote, Buffer.from(`${JSON.stringify(index, null, 2)}
`));
  if (options.key) {
    const entry = { schema: KEY_SCHEMA, key: options.key, index: digest, at: index.createdAt };
    const bytes = Buffer.from(`${JSON.stringify(entry)}
`);
    const stamp = entry.at.replace(/[^0-9TZ]/g, "");
    const name = `eval/keys/${checkKey(options.key, "push-key")}/${stamp}-${createHash3("sha256").update(bytes).digest("hex").slice(0, 16)}.json`;
    await remote.uploadBytes(name, bytes, { md5: createHash3("md5").update(bytes).digest("hex"), size: bytes.length });
  }
  return digest;
}
async function resolveKey(remote, key) {
  const prefix = `eval/keys/${checkKey(key, "baseline")}/`;
  const entries = (await remote.list(prefix)).filter((k) => k.endsWith(".json") && !k.slice(prefix.length).includes("/")).sort();
  const newest = entries.at(-1);
  if (!newest)
    throw new UserError(`baseline store:${key}: no eval results were pushed under "${key}" in ${remote.display}`, {
      hint: `run the eval step with push-key: ${key} (e.g. on pushes to the base branch) first`
    });
  const entry = JSON.parse((await readObject(remote, newest)).toString("utf8"));
  if (entry.schema !== KEY_SCHEMA || typeof entry.index !== "string")
    throw new UserError(`${remote.display}/${newest}: not an eval key entry`);
  return entry.index;
}
async function fetchResults(remote, indexDigest, suite, shown) {
  const index = JSON.parse((await getObject(remote, indexDigest, "eval report")).toString("utf8"));
  if (index.schema !== INDEX_SCHEMA || typeof index.suites !== "object" || index.suites === null)
    throw new UserError(`${shown}: ${indexDigest} is not an eval results index`);
  const digest = index.suites[suite];
  if (!digest)
    throw new UserError(`${shown}: the baseline run has no results for suite "${suite}"`, {
      hint: `it has: ${Object.keys(index.suites).join(", ") || "none"}; a new suite needs one push before it can be compared`
    });
  return parseResults((await getObject(remote, digest, `results of ${suite}`)).toString("utf8"), `${shown} (${suite})`);
}
async function liveReportDigest(rt, environment, releaseStoreUrl, s3 = {}) {
  const { openReleaseStore } = await import("./lib-FV4IMW4C.js");
  const store = await openReleaseStore(rt, releaseStoreUrl, s3);
  try {
    const live = currentRelease(await store.history(environment));
    if (!live)
      throw new UserError(`baseline env:${environment}: no release is live in "${environment}" (release store ${releaseStoreUrl})`, {
        hint: "deploy a release there first, or use a results file or store:<key> as the baseline"
      });
    const release = await store.getRelease(live.releaseId);
    const digest = release?.eval?.reportDigest;
    if (!digest)
      throw new UserError(`baseline env:${environment}: the live release ${live.releaseId} has no eval report`, {
        hint: "record the eval step's report-digest output as eval.reportDigest in the release record"
      });
    return { digest, release: live.releaseId };
  } finally {
    await store.close();
  }
}

// packages/eval/lib/internal/load-suite.js
import { createHash as createHash4 } from "node:crypto";
import { readFile as readFile4 } from "node:fs/promises";
import path4 from "node:path";
var import_yaml2 = __toESM(require_dist(), 1);

// packages/eval/lib/internal/fast-yaml.js
var import_yaml = __toESM(require_dist(), 1);

// packages/eval/lib/internal/yaml-subset.js
var Bail = class extends Error {
};
var bail = () => {
  throw new Bail();
};
var KEY = /^([A-Za-z_$][\w.$-]*|"(?:[^"\\]|\\["\\/bfnrt])*"|'(?:[^']|'')*')/;
function resolvePlain(text, flow) {
  const s = text.trim();
  if (s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL")
    return null;
  if (s === "true" || s === "True" || s === "TRUE")
    return true;
  if (s === "false" || s === "False" || s === "FALSE")
    return false;
  if (/^(0|-?[1-9][0-9]{0,14})$/.test(s))
    return Number(s);
  if (/^-?(0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/.test(s) && Number(s) !== 0)
    return Number(s);
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
function flowValue(s, i, inFlow) {
  while (s[i] === " ")
    i++;
  const c = s[i];
  if (c === "{" || c === "[") {
    const close = c === "{" ? "}" : "]";
    const out = c === "{" ? {} : [];
    i++;
    for (; ; ) {
      while (s[i] === " ")
        i++;
      if (s[i] === close)
        return [out, i + 1];
      if (Array.isArray(out)) {
        const [v, j2] = flowValue(s, i, true);
        out.push(v);
        i = j2;
      } else {
        const m = KEY.exec(s.slice(i));
        if (!m)
          return bail();
        const key = m[0].startsWith('"') || m[0].startsWith("'") ? quoted(m[0]) : m[0];
        i += m[0].length;
        while (s[i] === " ")
          i++;
        if (s[i] !== ":" || s[i + 1] !== " " && s[i + 1] !== void 0)
          bail();
        if (key in out)
          bail();
        const [v, j2] = flowValue(s, i + 1, true);
        out[key] = v;
        i = j2;
      }
      while (s[i] === " ")
        i++;
      if (s[i] === ",")
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
    while (j < s.length && !",]}".includes(s[j]))
      j++;
  else
    j = s.length;
  return [resolvePlain(s.slice(i, j), inFlow), j];
}
function inline(text) {
  const [v, end] = flowValue(text, 0, false);
  if (text.slice(end).trim() !== "")
    bail();
  return v;
}
function block(lines, at, indent) {
  const first = lines[at];
  if (!first)
    return bail();
  if (first.text === "-" || first.text.startsWith("- ")) {
    const out2 = [];
    let i2 = at;
    while (i2 < lines.length && lines[i2]?.indent === indent && (lines[i2]?.text === "-" || lines[i2]?.text.startsWith("- "))) {
      const rest = (lines[i2]?.text ?? "").slice(1).trimStart();
      if (rest === "") {
        const nested = lines[i2 + 1];
        if (!nested || nested.indent <= indent) {
          out2.push(null);
          i2++;
          continue;
        }
        const [v, j] = block(lines, i2 + 1, nested.indent);
        out2.push(v);
        i2 = j;
        continue;
      }
      const col = indent + ((lines[i2]?.text.length ?? 0) - rest.length);
      if (KEY.test(rest) && /^([A-Za-z_$][\w.$-]*|"[^"]*"|'[^']*'):(\s|$)/.test(rest)) {
        const sub = [{ indent: col, text: rest }, ...lines.slice(i2 + 1)];
        const [v, j] = block(sub, 0, col);
        out2.push(v);
        i2 = i2 + j;
        continue;
      }
      out2.push(inline(rest));
      i2++;
      if (i2 < lines.length && (lines[i2]?.indent ?? 0) > indent)
        bail();
    }
    return [out2, i2];
  }
  const out = {};
  let i = at;
  while (i < lines.length && lines[i]?.indent === indent) {
    const text = lines[i]?.text ?? "";
    if (text.startsWith("- "))
      break;
    const m = KEY.exec(text);
    if (!m || text[m[0].length] !== ":" || text[m[0].length + 1] !== " " && text.length !== m[0].length + 1)
      return bail();
    const key = m[0].startsWith('"') || m[0].startsWith("'") ? quoted(m[0]) : m[0];
    if (key in out || key === "<<")
      bail();
    const rest = text.slice(m[0].length + 1).trim();
    i++;
    if (rest === "") {
      const next = lines[i];
      if (next && (next.indent > indent || next.indent === indent && (next.text === "-" || next.text.startsWith("- ")))) {
        const [v, j] = block(lines, i, next.indent);
        out[key] = v;
        i = j;
      } else
        out[key] = null;
    } else {
      out[key] = inline(rest);
      if (i < lines.length && (lines[i]?.indent ?? 0) > indent)
        bail();
    }
  }
  return [out, i];
}
function parseYamlSubset(text) {
  if (/[#\t&*!|>%@`]|^---|^\.\.\./m.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/'(?:[^']|'')*'/g, "''")))
    return void 0;
  const lines = [];
  for (const raw of text.split("\n")) {
    if (raw.trim() === "")
      continue;
    const t = raw.replace(/\r$/, "");
    const indent = t.length - t.trimStart().length;
    lines.push({ indent, text: t.trim() });
  }
  if (lines.length === 0)
    return void 0;
  try {
    const [v, end] = block(lines, 0, lines[0]?.indent ?? 0);
    return end === lines.length ? v : void 0;
  } catch (error) {
    if (error instanceof Bail)
      return void 0;
    throw error;
  }
}

// packages/eval/lib/internal/fast-yaml.js
function parseSuiteInPieces(text) {
  const lines = text.split("\n");
  if (lines.some((l) => /^(---|\.\.\.)(\s|$)/.test(l)))
    return void 0;
  const start = lines.findIndex((l) => /^tests:\s*(#.*)?$/.test(l));
  if (start < 0)
    return void 0;
  const isFiller = (l) => /^\s*(#.*)?$/.test(l);
  let k = start + 1;
  while (k < lines.length && isFiller(lines[k] ?? ""))
    k++;
  const first = /^(\s*)- /.exec(lines[k] ?? "");
  if (!first)
    return void 0;
  const indent = first[1] ?? "";
  const itemStart = new RegExp(`^${indent}- `);
  const items = [];
  let end = lines.length;
  for (let i = k; i < lines.length; i++) {
    const l = lines[i] ?? "";
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
      if (lead === 0 && indent.length === 0 && !l.startsWith("-") && /^[A-Za-z_$"'][^:]*:/.test(l)) {
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
      return void 0;
    }
  }
  const headText = [...lines.slice(0, start), "tests: []", ...lines.slice(end)].join("\n");
  const head = (0, import_yaml.parseDocument)(headText);
  if (head.errors.length > 0)
    return void 0;
  const data = head.toJS();
  if (!data || typeof data !== "object" || Array.isArray(data))
    return void 0;
  const tests = [];
  const testLines = [];
  for (let b = 0; b < items.length; b += 16) {
    const batch = items.slice(b, b + 16);
    const chunk = lines.slice(batch[0]?.from ?? 0, batch.at(-1)?.to ?? 0).map((l) => l.startsWith(indent) ? l.slice(indent.length) : l).join("\n");
    let value = parseYamlSubset(chunk);
    if (value === void 0) {
      const doc = (0, import_yaml.parseDocument)(chunk);
      if (doc.errors.length > 0)
        return void 0;
      value = doc.toJS();
    }
    if (!Array.isArray(value) || value.length !== batch.length)
      return void 0;
    tests.push(...value);
    for (const item of batch)
      testLines.push(item.from + 1);
  }
  data.tests = tests;
  return { data, testLines };
}

// packages/eval/lib/internal/suite-schema.js
var vars = external_exports.record(external_exports.string(), external_exports.unknown());
var ASSERTION_TYPES = [
  "equals",
  "contains",
  "icontains",
  "contains-any",
  "contains-all",
  "icontains-any",
  "icontains-all",
  "regex",
  "starts-with",
  "is-json",
  "contains-json",
  "json-schema",
  "is-valid-json-schema",
  "javascript",
  "latency",
  "ttft",
  "cost",
  "tokens",
  "levenshtein",
  "bleu",
  "rouge-1",
  "rouge-2",
  "rouge-l",
  "rouge-n",
  "chrf",
  "similar",
  "llm-rubric",
  "is-refusal",
  "no-secrets",
  "no-pii"
];
var typeName2 = external_exports.string().refine((t) => ASSERTION_TYPES.includes(t.replace(/^not-/, "")), {
  message: `unknown assertion type; allowed: ${ASSERTION_TYPES.join(", ")} (each may be prefixed with not-)`
});
var assertionSchema = external_exports.object({
  type: typeName2.describe("What to check; `not-` inverts it."),
  value: external_exports.unknown().optional().describe("What the check compares against: text, a list, a regex, a JS expression, a schema, a rubric."),
  threshold: external_exports.number().optional().describe("Score (or ms, USD, tokens) the check must reach or stay under."),
  weight: external_exports.number().min(0).optional().describe("Weight of this check in the test score (default 1)."),
  metric: external_exports.string().optional().describe("Name the score is reported under."),
  provider: external_exports.string().optional().describe("llm-rubric / similar: the judge or embeddings provider id."),
  votes: external_exports.number().int().min(1).max(15).optional().describe("llm-rubric: ask the judge k times and take the majority."),
  mode: external_exports.enum(["sentence", "corpus"]).optional()
}).strict();
var price = external_exports.object({ input: external_exports.number().min(0), output: external_exports.number().min(0) }).strict().describe("USD per million tokens.");
var providerObjectSchema = external_exports.object({
  id: external_exports.string().min(1).describe("`openai:chat:<model>`, `azure:chat:<deployment>`, `anthropic:messages:<model>`, `http`, `exec:<command>`, or a name of yours."),
  label: external_exports.string().optional().describe("The name shown in reports and used to pair results; defaults to id."),
  type: external_exports.enum(["openai", "anthropic", "http", "command"]).optional(),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: documents the suite's ${VAR} syntax
  baseUrl: external_exports.string().optional().describe("Base URL including /v1 for OpenAI-compatible servers. `${VAR}` reads the environment."),
  model: external_exports.string().optional(),
  apiKeyEnv: external_exports.string().optional().describe("Environment variable holding the API key (never the key itself)."),
  params: external_exports.record(external_exports.string(), external_exports.unknown()).optional().describe("Request parameters: temperature, max_tokens, seed, \u2026"),
  stream: external_exports.boolean().optional().describe("Stream the answer to measure time to first token (default true)."),
  concurrency: external_exports.number().int().min(1).max(1024).optional(),
  rpm: external_exports.number().positive().optional().describe("Requests per minute."),
  tpm: external_exports.number().positive().optional().describe("Tokens per minute."),
  timeout: external_exports.number().int().positive().optional().describe("Milliseconds for one call."),
  retries: external_exports.number().int().min(0).max(10).optional(),
  price: price.optional(),
  // http provider
  url: external_exports.string().optional(),
  method: external_exports.string().optional(),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: documents the suite's ${VAR} syntax
  headers: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("Extra request headers (any provider); `${VAR}` reads the environment."),
  query: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("openai: query parameters on every call, e.g. Azure OpenAI `api-version`."),
  apiKeyHeader: external_exports.string().min(1).optional().describe("openai: send the key in this header (Azure OpenAI: `api-key`) instead of `Authorization: Bearer`."),
  body: external_exports.unknown().optional(),
  responsePath: external_exports.string().optional().describe("http: where the answer is in the JSON response, e.g. `choices.0.message.content`."),
  // command provider
  command: external_exports.string().optional(),
  // promptfoo
  config: external_exports.record(external_exports.string(), external_exports.unknown()).optional().describe("promptfoo style: apiBaseUrl, apiKeyEnvar, temperature, max_tokens, \u2026")
}).strict();
var message = external_exports.object({ role: external_exports.enum(["system", "user", "assistant"]), content: external_exports.string() }).strict();
var promptSchema = external_exports.union([
  external_exports.string().min(1),
  external_exports.object({
    id: external_exports.string().optional(),
    label: external_exports.string().optional(),
    raw: external_exports.string().optional(),
    messages: external_exports.array(message).min(1).optional()
  }).strict()
]);
var testSchema = external_exports.object({
  id: external_exports.string().min(1).optional().describe("Stable id that pairs this test with its baseline; defaults to a hash of description and vars."),
  description: external_exports.string().optional(),
  vars: vars.optional(),
  expected: external_exports.string().optional().describe("Reference answer for metrics (`{{expected}}` in templates)."),
  tags: external_exports.array(external_exports.string()).optional().describe("unit, integration, regression, inference, critical, or your own."),
  assert: external_exports.array(assertionSchema).optional(),
  threshold: external_exports.number().min(0).max(1).optional().describe("Weighted score the test needs to pass (default: every check passes)."),
  repeat: external_exports.number().int().min(1).max(100).optional(),
  options: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
}).strict();
var defaults = external_exports.object({
  vars: vars.optional(),
  assert: external_exports.array(assertionSchema).optional(),
  threshold: external_exports.number().min(0).max(1).optional(),
  tags: external_exports.array(external_exports.string()).optional(),
  options: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
}).strict();
var suiteSchema = external_exports.object({
  $schema: external_exports.string().optional(),
  description: external_exports.string().optional(),
  prompts: external_exports.array(promptSchema).min(1).describe("Templates with {{variables}}, chat messages, or file:// paths."),
  providers: external_exports.array(external_exports.union([external_exports.string().min(1), providerObjectSchema])).min(1),
  tests: external_exports.array(testSchema).min(1),
  defaults: defaults.optional(),
  defaultTest: defaults.optional().describe("promptfoo name for defaults."),
  repeat: external_exports.number().int().min(1).max(100).optional(),
  evaluateOptions: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  sharing: external_exports.unknown().optional()
}).strict();

// packages/eval/lib/internal/load-suite.js
async function loadSuite(file, options = {}) {
  const shown = options.displayPath ?? displayPath(file);
  let text;
  try {
    text = await readFile4(file, "utf8");
  } catch (error) {
    const code = error.code;
    throw new ConfigError([{ location: { file: shown }, message: `cannot read the suite: ${code === "ENOENT" ? "no such file" : String(error)}` }]);
  }
  const pieces = parseSuiteInPieces(text);
  const quick = pieces ? suiteSchema.safeParse(pieces.data) : void 0;
  const data = quick?.success ? quick.data : parseYamlWithSchema(suiteSchema, text, shown);
  const lines = quick?.success && pieces ? { ...itemLines(text, true), tests: pieces.testLines } : itemLines(text);
  const env = options.env ?? process.env;
  const dir = path4.dirname(file);
  const problems = [];
  const at = (key, i) => ({ file: shown, line: lines[key]?.[i] ?? 1 });
  const prompts = [];
  for (const [i, p] of data.prompts.entries()) {
    try {
      prompts.push(await resolvePrompt(p, i, dir));
    } catch (error) {
      problems.push({ location: at("prompts", i), message: `prompts[${i}]: ${error.message}` });
    }
  }
  const providers = [];
  for (const [i, p] of data.providers.entries()) {
    try {
      providers.push(resolveProvider(p, env, options.setSecret));
    } catch (error) {
      problems.push({ location: at("providers", i), message: `providers[${i}]: ${error.message}` });
    }
  }
  const labels = /* @__PURE__ */ new Set();
  for (const [i, p] of providers.entries()) {
    if (labels.has(p.label))
      problems.push({ location: at("providers", i), message: `providers[${i}]: label "${p.label}" is used twice; give each a label` });
    labels.add(p.label);
  }
  const tests = expandTests(data, prompts, lines.tests ?? [], options.repeat ?? data.repeat ?? 1);
  const seen = /* @__PURE__ */ new Map();
  for (const t of tests) {
    const first = seen.get(t.id);
    if (first !== void 0)
      problems.push({ location: { file: shown, line: t.line }, message: `tests: id "${t.id}" is also used on line ${first}; ids must be unique` });
    else
      seen.set(t.id, t.line);
  }
  if (problems.length > 0)
    throw new ConfigError(problems);
  return { file: shown, description: data.description ?? "", prompts, providers, tests };
}
function expandTests(data, prompts, lines, defaultRepeat) {
  const defaults2 = data.defaults ?? data.defaultTest ?? {};
  const out = [];
  for (const [i, t] of data.tests.entries()) {
    const vars2 = { ...defaults2.vars ?? {}, ...t.vars ?? {} };
    const baseId = t.id ?? `t-${createHash4("sha256").update(JSON.stringify([t.description ?? "", vars2])).digest("hex").slice(0, 12)}`;
    for (const prompt of prompts) {
      const test = {
        index: out.length,
        id: prompts.length > 1 ? `${baseId}@${prompt.id}` : baseId,
        description: t.description ?? baseId,
        promptId: prompt.id,
        vars: vars2,
        tags: [.../* @__PURE__ */ new Set([...defaults2.tags ?? [], ...t.tags ?? []])],
        assert: [...defaults2.assert ?? [], ...t.assert ?? []],
        repeat: t.repeat ?? defaultRepeat,
        line: lines[i] ?? 1
      };
      const expected = t.expected ?? (typeof vars2.expected === "string" ? vars2.expected : void 0);
      if (expected !== void 0)
        test.expected = expected;
      const threshold = t.threshold ?? defaults2.threshold;
      if (threshold !== void 0)
        test.threshold = threshold;
      out.push(test);
    }
  }
  return out;
}
async function resolvePrompt(p, i, dir) {
  if (typeof p === "string") {
    if (!p.startsWith("file://"))
      return { id: `prompt-${i + 1}`, messages: [{ role: "user", content: p }] };
    const rel = p.slice("file://".length);
    const text = await readFile4(path4.resolve(dir, rel), "utf8").catch(() => {
      throw new Error(`cannot read ${rel} (paths are relative to the suite file)`);
    });
    return { id: path4.basename(rel), messages: parseMessagesFile(text) };
  }
  const id = p.id ?? p.label ?? `prompt-${i + 1}`;
  if (p.messages)
    return { id, messages: p.messages };
  if (p.raw)
    return { id, messages: parseMessagesFile(p.raw) };
  throw new Error("a prompt needs `messages` or `raw`");
}
function parseMessagesFile(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed2 = JSON.parse(trimmed);
      if (Array.isArray(parsed2) && parsed2.every((m) => typeof m?.content === "string" && typeof m?.role === "string"))
        return parsed2;
    } catch {
    }
  }
  return [{ role: "user", content: text }];
}
var DEFAULT_OPENAI = "https://api.openai.com/v1";
function expand(value, env) {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => {
    const v = env[name];
    if (v === void 0 || v === "")
      throw new Error(`environment variable ${name} is not set`);
    return v;
  });
}
function resolveProvider(spec, env, setSecret) {
  const s = typeof spec === "string" ? { id: spec } : spec;
  const cfg = s.config ?? {};
  const [scheme = "", kind = "", ...rest] = s.id.split(":");
  let type = s.type;
  let model = s.model ?? (typeof cfg.model === "string" ? cfg.model : void 0);
  const azure = scheme === "azure" || scheme === "azureopenai";
  if (!type) {
    if (scheme === "openai" || azure)
      type = "openai";
    else if (scheme === "anthropic")
      type = "anthropic";
    else if (scheme === "http" || scheme === "https")
      type = "http";
    else if (scheme === "exec")
      type = "command";
    else if (s.url)
      type = "http";
    else if (s.command)
      type = "command";
    else
      type = "openai";
  }
  if (!model && (scheme === "openai" || scheme === "anthropic"))
    model = kind === "chat" || kind === "messages" ? rest.join(":") : [kind, ...rest].join(":");
  if (!model && azure)
    model = kind === "chat" ? rest.join(":") : [kind, ...rest].join(":");
  if (model)
    model = expand(model, env);
  const apiKeyEnv = s.apiKeyEnv ?? (typeof cfg.apiKeyEnvar === "string" ? cfg.apiKeyEnvar : type === "anthropic" ? "ANTHROPIC_API_KEY" : azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY");
  const apiKey = env[apiKeyEnv];
  if (apiKey)
    setSecret?.(apiKey);
  const { apiBaseUrl, apiKeyEnvar: _a, model: _m, stream: cfgStream, apiHost, apiVersion, ...cfgParams } = cfg;
  const azureBase = azure && typeof apiHost === "string" ? `https://${apiHost.replace(/^https?:\/\//, "").replace(/\/+$/, "")}/openai/deployments/${model ?? ""}` : void 0;
  const rawBase = s.baseUrl ?? (typeof apiBaseUrl === "string" ? apiBaseUrl : azureBase);
  const baseUrl = rawBase ? expand(rawBase, env).replace(/\/+$/, "") : type === "anthropic" ? "https://api.anthropic.com/v1" : env.OPENAI_BASE_URL ?? DEFAULT_OPENAI;
  const out = {
    label: s.label ?? s.id,
    type,
    model: model ?? "",
    baseUrl,
    params: { ...cfgParams, ...s.params ?? {} },
    // A promptfoo-style provider (with `config:`) does not stream unless asked, as in promptfoo.
    stream: s.stream ?? (s.config ? cfgStream === true : true),
    concurrency: s.concurrency ?? 8,
    timeoutMs: s.timeout ?? 6e4,
    retries: s.retries ?? 3
  };
  if (apiKey)
    out.apiKey = apiKey;
  if (s.concurrency !== void 0)
    out.concurrencySet = true;
  if (s.headers && type !== "http")
    out.headers = Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k, expand(v, env)]));
  const query = { ...azure ? { "api-version": typeof apiVersion === "string" ? apiVersion : "2024-10-21" } : {}, ...s.query ?? {} };
  if (Object.keys(query).length > 0)
    out.query = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, expand(v, env)]));
  const keyHeader = s.apiKeyHeader ?? (azure ? "api-key" : void 0);
  if (keyHeader)
    out.apiKeyHeader = keyHeader;
  if (s.rpm !== void 0)
    out.rpm = s.rpm;
  if (s.tpm !== void 0)
    out.tpm = s.tpm;
  if (s.price)
    out.price = s.price;
  if (type === "http") {
    const url = s.url ?? (scheme === "http" || scheme === "https" ? s.id : void 0);
    if (!url)
      throw new Error("an http provider needs `url`");
    out.url = expand(url, env);
    out.method = s.method ?? "POST";
    out.headers = Object.fromEntries(Object.entries(s.headers ?? {}).map(([k, v]) => [k, expand(v, env)]));
    out.body = s.body ?? { prompt: "{{prompt}}" };
    out.responsePath = s.responsePath ?? "";
  }
  if (type === "command") {
    const command = s.command ?? (scheme === "exec" ? s.id.slice("exec:".length) : void 0);
    if (!command)
      throw new Error("a command provider needs `command`");
    out.command = command;
  }
  if ((type === "openai" || type === "anthropic") && !out.model)
    throw new Error(`provider "${s.id}" needs a model (\`model:\` or ${type}:chat:<model>)`);
  return out;
}
function itemLines(text, headOnly = false) {
  const counter = new import_yaml2.LineCounter();
  const source = headOnly ? text.slice(0, Math.max(0, text.search(/^tests:/m))) : text;
  const doc = (0, import_yaml2.parseDocument)(source, { lineCounter: counter });
  const out = {};
  if (!(0, import_yaml2.isMap)(doc.contents))
    return out;
  for (const pair of doc.contents.items) {
    const key = String(pair.key?.value ?? "");
    if (!(0, import_yaml2.isSeq)(pair.value))
      continue;
    out[key] = pair.value.items.map((item) => {
      const offset = item?.range?.[0];
      return offset === void 0 ? 1 : counter.linePos(offset).line;
    });
  }
  return out;
}
function displayPath(file) {
  const rel = path4.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

// packages/eval/lib/internal/report-html.js
function embed(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
function histogram(values, bins = 10) {
  const counts = new Array(bins).fill(0);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
function renderHtml(head, comparison, base) {
  return [...htmlChunks(head, comparison, base)].join("");
}
function* htmlChunks(head, comparison, base) {
  const baseById = new Map((base?.tests ?? []).map((t) => [`${t.id}\0${t.provider}`, t]));
  const changeById = new Map((comparison?.tests ?? []).map((t) => [t.id, t.change]));
  const row = (compact) => {
    const t = fullOf(compact);
    const found = baseById.get(`${t.id}\0${t.provider}`) ?? (base && base.providers.length === 1 ? base.tests.find((x) => x.id === t.id) : void 0);
    const b = found ? fullOf(found) : void 0;
    return {
      id: t.id,
      description: t.description,
      provider: t.provider,
      status: t.status,
      change: changeById.get(t.id) ?? "",
      score: t.score,
      baseScore: b?.score ?? null,
      latency: t.samples[0]?.latencyMs ?? 0,
      tags: t.tags,
      head: t.samples[0]?.output ?? "",
      base: b?.samples[0]?.output ?? "",
      failures: t.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)).slice(0, 10)
    };
  };
  const data = {
    suite: head.suite.file,
    verdict: comparison?.verdict ?? (head.totals.failed + head.totals.errors === 0 ? "pass" : "fail"),
    reasons: comparison?.reasons ?? [],
    warnings: comparison?.warnings ?? [],
    metrics: comparison?.metrics ?? [],
    totals: head.totals,
    histHead: histogram(head.tests.filter((t) => t.status !== "skipped").map((t) => t.score)),
    histBase: base ? histogram(base.tests.filter((t) => t.status !== "skipped").map((t) => t.score)) : null
  };
  const [before, after] = PAGE.split(DATA_SLOT);
  yield `${before}${embed(data).slice(0, -1)},"rows":[`;
  for (const [i, t] of head.tests.entries())
    yield `${i > 0 ? "," : ""}${embed(row(t))}`;
  yield `]}${after}`;
}
var DATA_SLOT = "\0data\0";
var PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Slipway eval report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328}
h1{font-size:20px}.pass{color:#1a7f37}.fail{color:#cf222e}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f6f8fa;user-select:none}th[data-dir="asc"]::after{content:" \u25B2"}th[data-dir="desc"]::after{content:" \u25BC"}
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
<script type="application/json" id="data">${DATA_SLOT}</script>
<script>
(function(){
var D=JSON.parse(document.getElementById('data').textContent);
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=String(text);if(cls)e.className=cls;return e;}
function f(x){return x==null?'':(Math.round(x*1000)/1000).toString();}
var t=document.getElementById('title');t.textContent='Eval '+(D.verdict==='pass'?'passed':'failed')+': '+D.suite;t.className=D.verdict;
D.reasons.forEach(function(r){document.getElementById('reasons').appendChild(el('li',r,'fail'));});
D.warnings.forEach(function(w){document.getElementById('warnings').appendChild(el('li','\u26A0 '+w));});
var mb=document.querySelector('#metrics tbody');
D.metrics.forEach(function(m){var tr=document.createElement('tr');[m.name,f(m.base),f(m.head),f(m.diff),'['+f(m.ci[0])+', '+f(m.ci[1])+']',m.p<0.001?'<0.001':f(m.p)].forEach(function(c){tr.appendChild(el('td',c));});if(m.regression)tr.className='fail';mb.appendChild(tr);});
function chart(title,counts,cls){var max=Math.max.apply(null,counts.concat([1]));var ns='http://www.w3.org/2000/svg';var svg=document.createElementNS(ns,'svg');svg.setAttribute('width','260');svg.setAttribute('height','140');svg.setAttribute('role','img');svg.setAttribute('aria-label',title);
counts.forEach(function(c,i){var r=document.createElementNS(ns,'rect');var h=Math.round(c/max*110);r.setAttribute('x',String(i*26));r.setAttribute('y',String(120-h));r.setAttribute('width','22');r.setAttribute('height',String(h));r.setAttribute('class',cls);var tt=document.createElementNS(ns,'title');tt.textContent=(i/10)+'\u2013'+((i+1)/10)+': '+c;r.appendChild(tt);svg.appendChild(r);});
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

// packages/eval/lib/internal/report-junit.js
function xml(text) {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function renderJunit(results) {
  return [...junitChunks(results)].join("");
}
function* junitChunks(results) {
  const t = results.totals;
  const providers = [...new Set(results.tests.map((x) => x.provider))];
  yield `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="slipway eval" tests="${results.tests.length}" failures="${t.failed}" errors="${t.errors}" skipped="${t.skipped}" time="${(t.durationMs / 1e3).toFixed(3)}">
`;
  for (const provider of providers) {
    const tests = results.tests.filter((x) => x.provider === provider);
    const count = (s) => tests.filter((x) => x.status === s).length;
    yield `  <testsuite name="${xml(`${results.suite.file} (${provider})`)}" tests="${tests.length}" failures="${count("fail")}" errors="${count("error")}" skipped="${count("skipped")}">
`;
    for (const compact of tests) {
      const r = compact.status === "fail" || compact.status === "error" ? fullOf(compact) : compact;
      const time = (r.samples.reduce((s, x) => s + x.latencyMs, 0) / 1e3).toFixed(3);
      const head = `    <testcase classname="${xml(`${results.suite.file}.${provider}`)}" name="${xml(r.id)}" file="${xml(results.suite.file)}" line="${r.line}" time="${time}">`;
      if (r.status === "skipped")
        yield `${head}
      <skipped message="${xml(r.skipReason ?? "not run")}"/>
    </testcase>
`;
      else if (r.status === "error")
        yield `${head}
      <error message="${xml(r.samples.find((s) => s.error)?.error ?? "provider error")}"/>
    </testcase>
`;
      else if (r.status === "fail") {
        const failed = r.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`));
        const message2 = failed[0] ?? `score ${r.score.toFixed(3)} below threshold`;
        const output = r.samples[0]?.output ?? "";
        yield `${head}
      <failure message="${xml(message2)}" type="assertion">${xml(`${failed.join("\n")}

output:
${output}`)}</failure>
    </testcase>
`;
      } else
        yield `${head}</testcase>
`;
    }
    yield "  </testsuite>\n";
  }
  yield "</testsuites>\n";
}

// packages/eval/lib/internal/report-markdown.js
var COMMENT_MARKER = "<!-- slipway:eval -->";
var COMMENT_LIMIT = 65536;
var pct = (x) => `${(x * 100).toFixed(1)}%`;
var num = (x) => Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
var signed = (x, f) => x > 0 ? `+${f(x)}` : x < 0 ? `\u2212${f(-x)}` : "\xB10";
function cut2(text, max) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
function cell(text, max = 400) {
  return escapeMarkdown(cut2(text, max)) || "_(empty)_";
}
function wordDiff(before, after) {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  if (a.length * b.length > 25e4)
    return { base: cell(before), head: cell(after) };
  const w = b.length + 1;
  const dp = new Int32Array((a.length + 1) * w);
  const at = (i2, j2) => dp[i2 * w + j2] ?? 0;
  for (let i2 = a.length - 1; i2 >= 0; i2--)
    for (let j2 = b.length - 1; j2 >= 0; j2--)
      dp[i2 * w + j2] = a[i2] === b[j2] ? at(i2 + 1, j2 + 1) + 1 : Math.max(at(i2 + 1, j2), at(i2, j2 + 1));
  let i = 0;
  let j = 0;
  const left = [];
  const right = [];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      left.push(escapeMarkdown(a[i] ?? ""));
      right.push(escapeMarkdown(b[j] ?? ""));
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || at(i, j + 1) >= at(i + 1, j))) {
      const word = b[j++] ?? "";
      right.push(/^\s+$/.test(word) ? escapeMarkdown(word) : `**${escapeMarkdown(word)}**`);
    } else {
      const word = a[i++] ?? "";
      left.push(/^\s+$/.test(word) ? escapeMarkdown(word) : `~~${escapeMarkdown(word)}~~`);
    }
  }
  return { base: cut2(left.join(""), 1500) || "_(empty)_", head: cut2(right.join(""), 1500) || "_(empty)_" };
}
function regressionBlock(t) {
  const b = t.base?.samples[0]?.output ?? "";
  const h = t.head?.samples[0]?.output ?? "";
  const d = wordDiff(cut2(b, 1200), cut2(h, 1200));
  const failed = (t.head?.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)) ?? []).slice(0, 5);
  const why = failed.length ? `

${failed.map((f) => `- ${cell(f, 300)}`).join("\n")}` : "";
  const tag = t.critical ? " **critical**" : "";
  return `<details><summary>${cell(t.id, 120)} \u2014 ${cell(t.description, 160)}${tag} (score ${num(t.base?.score ?? 0)} \u2192 ${num(t.head?.score ?? 0)})</summary>

${markdownTable(["base", "head"], [[d.base, d.head]])}${why}

</details>`;
}
function renderComment(head, comparison, options = {}) {
  const limit2 = options.limit ?? COMMENT_LIMIT;
  const t = head.totals;
  const parts = [COMMENT_MARKER];
  if (comparison) {
    const icon = comparison.verdict === "pass" ? "\u2705" : "\u274C";
    parts.push(`## ${icon} Eval ${comparison.verdict === "pass" ? "passed" : "failed"}: ${escapeMarkdown(head.suite.file)}`);
    if (comparison.reasons.length)
      parts.push(comparison.reasons.map((r) => `- ${escapeMarkdown(r)}`).join("\n"));
  } else {
    const ok2 = t.failed === 0 && t.errors === 0;
    parts.push(`## ${ok2 ? "\u2705" : "\u274C"} Eval ${escapeMarkdown(head.suite.file)}: ${t.passed}/${t.tests - t.skipped} passed (no baseline)`);
  }
  const warnings = [...comparison?.warnings ?? [], ...head.partial && !comparison ? [`partial run: ${head.partialReason ?? ""}`] : []];
  if (warnings.length)
    parts.push(warnings.map((w) => `> \u26A0\uFE0F ${escapeMarkdown(w)}`).join("\n>\n"));
  if (comparison) {
    const rows = comparison.metrics.map((m) => {
      const isRate = m.name === "pass rate";
      const f = isRate ? pct : num;
      const flag = m.regression ? " \u{1F53B}" : m.improvement ? " \u{1F53A}" : "";
      return [
        escapeMarkdown(m.name),
        f(m.base),
        f(m.head),
        `${signed(m.diff, f)}${flag}`,
        `[${signed(m.ci[0], f)}, ${signed(m.ci[1], f)}]`,
        m.p < 1e-3 ? "<0.001" : m.p.toFixed(3)
      ];
    });
    parts.push(markdownTable(["metric", "base", "head", "change", "95% CI", "p"], rows, ["left", "right", "right", "right", "right", "right"]));
    const c = comparison.counts;
    parts.push(`**Tests:** ${c["newly-failing"]} newly failing \xB7 ${c["newly-passing"]} newly passing \xB7 ${c.flaky} flaky \xB7 ${c.unchanged} unchanged \xB7 ${c.new} new \xB7 ${c.removed} removed`);
  } else {
    parts.push(`**Tests:** ${t.passed} passed \xB7 ${t.failed} failed \xB7 ${t.errors} errors \xB7 ${t.skipped} skipped`);
  }
  const footer = [];
  footer.push(`**Cost** $${t.cost.toFixed(4)} \xB7 **latency** p50 ${t.latencyP50.toFixed(0)} ms, p95 ${t.latencyP95.toFixed(0)} ms \xB7 **tokens** ${t.promptTokens} in, ${t.completionTokens} out \xB7 **cache hits** ${t.cacheHits}/${t.calls}`);
  if (comparison) {
    const age = comparison.baseline.ageDays < 1 ? `${Math.round(comparison.baseline.ageDays * 24)} h` : `${Math.floor(comparison.baseline.ageDays)} days`;
    footer.push(`**Baseline** ${options.baselineSource ? `${escapeMarkdown(cut2(options.baselineSource, 200))}, ` : ""}${comparison.baseline.sha ? `${escapeMarkdown(comparison.baseline.sha.slice(0, 7))}, ` : ""}${age} old${comparison.baseline.stale ? " \u26A0\uFE0F stale" : ""}`);
  }
  for (const n of options.notes ?? [])
    footer.push(`> ${escapeMarkdown(n)}`);
  const pointer = options.reportUrl ? `[Full report](${encodeURI(options.reportUrl)})` : "Full report: the `eval-report` artifact of this run";
  footer.push(pointer);
  const tail = `

${footer.join("\n\n")}
`;
  const regressions = comparison ? comparison.tests.filter((x) => x.change === "newly-failing" || x.change === "flaky" && x.scoreDiff < 0 || x.change === "unchanged" && x.scoreDiff < -1e-9).sort((a, b) => Number(b.critical) - Number(a.critical) || (a.change === "newly-failing" ? -1 : 0) - (b.change === "newly-failing" ? -1 : 0) || a.scoreDiff - b.scoreDiff) : head.tests.filter((x) => x.status === "fail" || x.status === "error").map((x) => ({ id: x.id, description: x.description, line: x.line, tags: x.tags, change: "unchanged", critical: false, head: x, scoreDiff: 0 }));
  let body = parts.join("\n\n");
  const top = options.topRegressions ?? 10;
  const shown = [];
  for (const r of regressions.slice(0, top)) {
    const block2 = regressionBlock(r);
    if (body.length + block2.length + tail.length + 200 > limit2)
      break;
    shown.push(block2);
    body += `

${block2}`;
  }
  if (shown.length)
    body = body.replace(shown[0] ?? "", `### Top ${comparison ? "regressions" : "failures"} (${shown.length} of ${regressions.length})

${shown[0]}`);
  const out = body + tail;
  if (out.length <= limit2)
    return out;
  const note = `

_Cut to ${limit2} characters._ ${pointer}
`;
  return out.slice(0, limit2 - note.length) + note;
}

// packages/eval/lib/internal/evaluate.js
async function evaluate2(rt, options) {
  if (options.suites.length === 0)
    throw new InputError("suites", "no suite to run", { hint: "list suite files in slipway.yml (eval.suites) or pass --suite" });
  const outDir = path5.resolve(rt.cwd, options.outDir ?? ".slipway/eval");
  if (options.pushKey && options.shard)
    throw new InputError("push-key", "cannot push one shard", { hint: "push from the merge step (command: merge)" });
  if (options.pushKey)
    checkKey(options.pushKey, "push-key");
  const baseline = baselineSource(rt, options);
  const env = options.env ?? process.env;
  const setSecret = (v) => rt.setSecret(v);
  const judge2 = options.judge ? resolveProvider(options.judge, env, setSecret) : void 0;
  const embeddings = options.embeddings ? resolveProvider(options.embeddings, env, setSecret) : void 0;
  const outcomes = [];
  const logs = [];
  try {
    for (const suitePath of options.suites)
      outcomes.push(await evaluateSuite(rt, suitePath, options, { outDir, env, judge: judge2, embeddings, baseline, logs }));
  } finally {
    await Promise.all(logs.map((l) => l.close()));
  }
  return publish(rt, conclude(outcomes, outDir, options), options, baseline);
}
async function evaluateSuite(rt, suitePath, options, ctx) {
  const { outDir, env, judge: judge2, embeddings, baseline } = ctx;
  const setSecret = (v) => rt.setSecret(v);
  const file = path5.resolve(rt.cwd, suitePath);
  const suite = await loadSuite(file, {
    env,
    setSecret,
    displayPath: path5.relative(rt.cwd, file) || suitePath,
    ...options.repeats ? { repeat: options.repeats } : {}
  });
  if (options.timeoutMs)
    for (const p of suite.providers)
      p.timeoutMs = options.timeoutMs;
  const timings = options.shard && options.shardTimings ? await timingsFrom(rt, options.shardTimings) : void 0;
  const run = (only, offset, repeats) => runSuite(rt, suite, {
    ...options.concurrency ? { concurrency: options.concurrency } : {},
    ...repeats ? { repeats } : {},
    ...options.cacheDir ? { cacheDir: path5.resolve(rt.cwd, options.cacheDir), cacheMode: options.cacheMode ?? "use" } : {},
    ...options.maxCost !== void 0 ? { maxCost: options.maxCost } : {},
    ...options.maxDurationMs !== void 0 ? { maxDurationMs: options.maxDurationMs } : {},
    ...options.shard ? { shard: options.shard } : {},
    ...timings ? { timings } : {},
    ...judge2 ? { judge: judge2 } : {},
    ...embeddings ? { embeddings } : {},
    ...only ? { only } : {},
    ...offset ? { repeatOffset: offset } : {},
    ...options.signal ? { signal: options.signal } : {},
    ...options.git ? { git: options.git } : {},
    log
  });
  const name = path5.basename(suitePath).replace(/\.(ya?ml|json)$/, "");
  const log = await ResultsLog.create(path5.join(outDir, `${name}.results.jsonl`));
  ctx.logs.push(log);
  let all = await run();
  let { base, head } = await splitBaseline(rt, all, options.baseline, name, baseline);
  let comparison = base ? compare(base, head, options) : void 0;
  if (comparison && options.adaptiveRepeats && options.adaptiveRepeats > 1) {
    const doubtful = new Set(comparison.tests.filter((t) => t.change === "flaky" || t.change === "newly-failing" || t.change === "newly-passing").map((t) => t.id));
    const have = Math.max(1, ...all.tests.map((t) => t.samples.length));
    if (doubtful.size > 0 && have < options.adaptiveRepeats) {
      rt.log.info(`adaptive repeats: ${doubtful.size} borderline test(s) get ${options.adaptiveRepeats - have} more sample(s)`);
      const more = await run(doubtful, have, options.adaptiveRepeats - have);
      all = mergeSamples(all, more);
      ({ base, head } = await splitBaseline(rt, all, options.baseline, name, baseline));
      comparison = base ? compare(base, head, options) : void 0;
    }
  }
  if (base && options.baseline?.startsWith("provider:"))
    await writeResults(path5.join(outDir, `${name}.baseline.results.json`), base);
  return writeReports(outDir, name, head, base, comparison, options.reportUrl, base ? baseline.described ?? options.baseline : void 0);
}
async function mergeShards(rt, files, options) {
  if (files.length === 0)
    throw new InputError("inputs", "no shard results to merge", { hint: "pass the results files of every shard" });
  const outDir = path5.resolve(rt.cwd, options.outDir ?? ".slipway/eval");
  const parts = await Promise.all(files.map((f) => readResults(path5.resolve(rt.cwd, f), f)));
  const head = mergeResults(parts);
  const name = path5.basename(head.suite.file).replace(/\.(ya?ml|json)$/, "");
  const baseline = baselineSource(rt, { ...options, suites: [] });
  const { base } = await splitBaseline(rt, head, options.baseline?.startsWith("provider:") ? void 0 : options.baseline, name, baseline);
  const comparison = base ? compare(base, head, { ...options, suites: [] }) : void 0;
  const outcome = await writeReports(outDir, name, head, base, comparison, options.reportUrl, base ? baseline.described ?? options.baseline : void 0);
  return publish(rt, conclude([outcome], outDir, { ...options, suites: [] }), { ...options, suites: [] }, baseline);
}
async function publish(rt, result2, options, baseline) {
  try {
    if (baseline.described)
      result2.baselineSource = baseline.described;
    if (!options.pushKey)
      return result2;
    const remote = await baseline.remote("push-key");
    const files = result2.suites.map((s) => ({ suite: suiteName(s.files.results), file: s.files.results }));
    result2.reportDigest = await pushResults(remote, files, { key: options.pushKey, ...options.git ? { git: options.git } : {} });
    rt.log.info(`pushed eval results to ${remote.display} under ${options.pushKey} (${result2.reportDigest})`);
    return result2;
  } finally {
    await baseline.close();
  }
}
function suiteName(resultsFile) {
  return path5.basename(resultsFile).replace(/\.results\.json$/, "");
}
function baselineSource(rt, options) {
  const stores = options.stores ?? {};
  let opened;
  let index;
  const self = {
    remote(input) {
      const url = stores.store;
      if (!url)
        throw new InputError(input, "needs an artifact store", {
          hint: "set artifacts.remote in slipway.yml or the remote input (file://\u2026 or s3://bucket/prefix)"
        });
      opened ??= import("./lib-FV4IMW4C.js").then(({ openRemote }) => openRemote(rt, url, stores.s3 ?? {}, 'input "remote"'));
      return opened;
    },
    index(spec) {
      index ??= (async () => {
        if (spec.startsWith("store:")) {
          const key = spec.slice("store:".length);
          const digest = await resolveKey(await self.remote("baseline"), key);
          self.described = `store:${key} (${digest})`;
          return digest;
        }
        const environment = spec.slice("env:".length);
        const live = await liveReportDigest(rt, environment, stores.releaseStore ?? ".slipway/state", stores.s3 ?? {});
        self.described = `env:${environment}: release ${live.release} (${live.digest})`;
        return live.digest;
      })();
      return index;
    },
    async close() {
      if (opened)
        await (await opened.catch(() => void 0))?.close();
    }
  };
  return self;
}
async function writeReports(outDir, name, head, base, comparison, reportUrl, baselineSource2) {
  const files = {
    results: path5.join(outDir, `${name}.results.json`),
    junit: path5.join(outDir, `${name}.junit.xml`),
    markdown: path5.join(outDir, `${name}.md`),
    html: path5.join(outDir, `${name}.html`)
  };
  await writeResults(files.results, head);
  await writeChunks(files.junit, junitChunks(head));
  await writeChunks(files.html, htmlChunks(head, comparison, base));
  await writeFile2(files.markdown, renderComment(head, comparison, { ...reportUrl ? { reportUrl } : {}, ...baselineSource2 ? { baselineSource: baselineSource2 } : {} }));
  const outcome = { suite: head.suite.file, results: head, files };
  if (baselineSource2)
    outcome.baselineSource = baselineSource2;
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
    else if (options.passRateFloor !== void 0 && o.results.totals.passRate < options.passRateFloor)
      reasons.push(`${o.suite}: pass rate ${o.results.totals.passRate.toFixed(3)} is below the floor of ${options.passRateFloor}`);
    else if (options.passRateFloor === void 0 && (o.results.totals.failed > 0 || o.results.totals.errors > 0))
      reasons.push(`${o.suite}: ${o.results.totals.failed} failed, ${o.results.totals.errors} errors (no baseline to compare with)`);
  }
  const ran = outcomes.flatMap((o) => o.results.tests);
  const totals = totalsOf(ran, 0);
  const markdown = outcomes.map((o, i) => {
    const md = renderComment(o.results, o.comparison, {
      ...options.reportUrl ? { reportUrl: options.reportUrl } : {},
      ...o.baselineSource ? { baselineSource: o.baselineSource } : {},
      limit: Math.floor(65536 / outcomes.length) - 64
    });
    return i === 0 ? md : md.replace(`${COMMENT_MARKER}

`, "");
  }).join("\n\n---\n\n");
  return { verdict: reasons.length ? "fail" : "pass", passRate: totals.passRate, reasons, markdown, reportPath: outDir, suites: outcomes };
}
function compare(base, head, o) {
  return compareResults(base, head, {
    ...o.alpha !== void 0 ? { alpha: o.alpha } : {},
    ...o.passRateFloor !== void 0 ? { passRateFloor: o.passRateFloor } : {},
    ...o.staleDays !== void 0 ? { staleDays: o.staleDays } : {}
  });
}
async function splitBaseline(rt, all, baseline, name, source) {
  if (!baseline || baseline === "none")
    return { head: all };
  if (baseline.startsWith("store:") || baseline.startsWith("env:")) {
    const digest = await source.index(baseline);
    const remote = await source.remote("baseline");
    return { base: await fetchResults(remote, digest, name, `baseline ${baseline}`), head: all };
  }
  if (baseline.startsWith("provider:")) {
    const label = baseline.slice("provider:".length);
    if (!all.providers.includes(label))
      throw new InputError("baseline", `no provider labelled "${label}" in the suite`, { hint: `use one of: ${all.providers.join(", ")}` });
    const pick = (keep) => {
      const tests = all.tests.filter((t) => keep(t.provider));
      return { ...all, providers: all.providers.filter(keep), tests, totals: totalsOf(tests, all.totals.durationMs) };
    };
    return { base: pick((p) => p === label), head: pick((p) => p !== label) };
  }
  let file = path5.resolve(rt.cwd, baseline);
  const info = await stat(file).catch(() => void 0);
  if (info?.isDirectory())
    file = path5.join(file, `${name}.results.json`);
  return { base: await readResults(file, path5.relative(rt.cwd, file) || baseline), head: all };
}
function mergeSamples(first, more) {
  const extra = new Map(more.tests.map((t) => [`${t.id}\0${t.provider}`, t]));
  const tests = first.tests.map((t) => {
    const m = extra.get(`${t.id}\0${t.provider}`);
    if (!m || m.samples.length === 0)
      return t;
    return backedBy({ ...t, ...foldSamples([...t.samples, ...m.samples]) }, [t, m]);
  });
  return { ...first, tests, totals: totalsOf(tests, first.totals.durationMs + more.totals.durationMs, first.totals.cacheHits + more.totals.cacheHits) };
}
async function timingsFrom(rt, file) {
  const past = await readResults(path5.resolve(rt.cwd, file), file);
  const out = {};
  for (const t of past.tests)
    out[t.id] = (out[t.id] ?? 0) + t.samples.reduce((s, x) => s + x.latencyMs, 0);
  return out;
}

// packages/eval/lib/internal/options.js
import path6 from "node:path";
var EVAL_INPUTS = {
  config: { kind: "string", description: "path to slipway.yml" },
  suites: { kind: "list", description: "suite files (comma or newline separated)" },
  baseline: { kind: "string", description: "a results file or folder, store:<key>, env:<environment>, or provider:<label>" },
  remote: { kind: "string", description: "artifact store for store: baselines and push-key (default artifacts.remote)" },
  "push-key": { kind: "string", description: "push the results to the artifact store under this key, e.g. main" },
  state: { kind: "string", description: "release history for env: baselines (default deploy.state, else .slipway/state)" },
  alpha: { kind: "number", min: 1e-6, max: 0.5, description: "significance level, e.g. 0.05" },
  "pass-rate-floor": { kind: "number", min: 0, max: 1, description: "minimum pass rate, 0 to 1" },
  repeats: { kind: "integer", min: 1, max: 100, description: "samples per test" },
  "adaptive-repeats": { kind: "integer", min: 2, max: 100, description: "most samples for borderline tests" },
  concurrency: { kind: "integer", min: 1, max: 1024, description: "calls in flight" },
  timeout: { kind: "duration", min: 1, description: "timeout of one model call, e.g. 60s" },
  shard: { kind: "string", pattern: /^\d+\/\d+$/, patternHint: "i/n, e.g. 2/4", description: "i/n" },
  "shard-timings": { kind: "string", description: "a results file whose test durations balance the shards" },
  cache: { kind: "enum", values: ["use", "off", "only"], description: "use, off or only" },
  "cache-dir": { kind: "string", description: "response cache folder" },
  "max-cost": { kind: "number", min: 0, description: "USD budget" },
  "max-duration": { kind: "duration", min: 1, description: "time budget, e.g. 10m" },
  judge: { kind: "string", description: "judge provider id" },
  embeddings: { kind: "string", description: "embeddings provider id" },
  "out-dir": { kind: "string", description: "report folder" },
  "report-url": { kind: "string", description: "link to the full report" }
};
async function evalOptionsFromInputs(rt, extra = {}) {
  const inputs = readInputs(rt, EVAL_INPUTS);
  const configFile = inputs.config ?? extra.config;
  const loaded = await loadConfig({ dir: rt.cwd, ...configFile ? { file: configFile } : {} });
  const c = loaded.config.eval ?? {};
  const fromConfig = (p) => path6.relative(rt.cwd, path6.resolve(loaded.dir, p)) || ".";
  const suites = inputs.suites?.length ? inputs.suites : (c.suites ?? []).map(fromConfig);
  const o = { suites };
  const set = (key, value) => {
    if (value !== void 0)
      o[key] = value;
  };
  const named = (b) => /^(provider|store|env):/.test(b);
  const baseline = inputs.baseline ?? (c.baseline && !named(c.baseline) ? fromConfig(c.baseline) : c.baseline);
  set("baseline", baseline);
  const local = (url, dir) => /^s3:\/\//i.test(url) ? url : path6.resolve(dir, url.replace(/^file:\/\//i, ""));
  const stores = {};
  const store = inputs.remote ? local(inputs.remote, rt.cwd) : loaded.config.artifacts?.remote ? local(loaded.config.artifacts.remote, loaded.dir) : void 0;
  if (store)
    stores.store = store;
  const releaseStore = inputs.state ? local(inputs.state, rt.cwd) : local(loaded.config.deploy?.state ?? ".slipway/state", loaded.config.deploy?.state ? loaded.dir : rt.cwd);
  stores.releaseStore = releaseStore;
  const s3 = loaded.config.artifacts?.s3;
  if (s3)
    stores.s3 = Object.fromEntries(Object.entries(s3).filter(([, v]) => v !== void 0));
  o.stores = stores;
  set("pushKey", inputs["push-key"]);
  set("alpha", inputs.alpha ?? c.alpha);
  set("passRateFloor", inputs["pass-rate-floor"] ?? c.passRateFloor);
  set("repeats", inputs.repeats ?? c.repeats);
  set("adaptiveRepeats", inputs["adaptive-repeats"] ?? c.adaptiveRepeats);
  set("staleDays", c.staleDays);
  set("concurrency", inputs.concurrency ?? c.concurrency);
  set("timeoutMs", inputs.timeout ?? (c.timeout ? parseDuration("eval.timeout", c.timeout) : void 0));
  if (inputs.shard)
    o.shard = parseShard(inputs.shard);
  set("shardTimings", inputs["shard-timings"]);
  const mode = inputs.cache ?? c.cache ?? "use";
  o.cacheMode = mode;
  if (mode !== "off")
    o.cacheDir = inputs["cache-dir"] ?? (c.cacheDir ? fromConfig(c.cacheDir) : ".slipway/eval-cache");
  set("maxCost", inputs["max-cost"] ?? c.budgets?.cost);
  set("maxDurationMs", inputs["max-duration"] ?? (c.budgets?.time ? parseDuration("eval.budgets.time", c.budgets.time) : void 0));
  set("judge", inputs.judge ?? c.judge);
  set("embeddings", inputs.embeddings ?? c.embeddings);
  set("outDir", inputs["out-dir"] ?? (c.outDir ? fromConfig(c.outDir) : void 0));
  set("reportUrl", inputs["report-url"]);
  if (extra.git)
    o.git = extra.git;
  return o;
}

// packages/eval/lib/internal/step.js
var STEP_INPUTS = {
  inputs: { kind: "list", description: "shard results files" },
  "github-token": { kind: "secret", description: "a token" },
  comment: { kind: "boolean", default: "true" },
  check: { kind: "boolean", default: "true" },
  "check-name": { kind: "string", default: "slipway eval" }
};
async function runEvalStep(rt, deps) {
  const own = readInputs(rt, STEP_INPUTS);
  const mode = deps.mode ?? readInputs(rt, { command: { kind: "enum", values: ["run", "merge"], default: "run", description: "run or merge" } }).command;
  const options = await evalOptionsFromInputs(rt, deps.git ? { git: deps.git } : {});
  if (deps.runUrl)
    options.reportUrl ??= deps.runUrl;
  const notes = [];
  if (mode === "run" && options.cacheMode === "use" && options.cacheDir !== void 0 && await deps.fromFork?.()) {
    options.cacheMode = "only";
    notes.push("Pull request from a fork: no secrets, so answers were replayed from the response cache only.");
    rt.log.info("fork pull request: replaying cached answers only (cache: only)");
  }
  const persist = mode === "run" && options.cacheDir !== void 0;
  if (persist && options.cacheDir)
    await deps.restoreCache?.(options.cacheDir);
  const result2 = mode === "merge" ? await mergeShards(rt, own.inputs ?? [], options) : await evaluate2(rt, options);
  if (persist && options.cacheDir && options.cacheMode === "use")
    await deps.saveCache?.(options.cacheDir);
  const skipped = result2.suites.flatMap((s) => s.results.tests.filter((t) => t.status === "skipped"));
  const { commentUrl } = await deps.publish({
    marker: COMMENT_MARKER,
    markdown: result2.markdown,
    conclusion: result2.verdict === "pass" ? "success" : "failure",
    title: evalTitle(result2),
    annotations: evalAnnotations(result2),
    comment: own.comment,
    check: own.check,
    checkName: own["check-name"],
    notes: [
      ...notes,
      ...skipped.length ? [`${skipped.length} test(s) not run: ${[...new Set(skipped.map((t) => t.skipReason ?? "not run"))].join("; ")}.`] : []
    ]
  }, own["github-token"] ?? "");
  rt.setOutput("verdict", result2.verdict);
  rt.setOutput("pass-rate", result2.passRate.toFixed(4));
  rt.setOutput("report-path", result2.reportPath);
  rt.setOutput("results-file", result2.suites[0]?.files.results ?? "");
  rt.setOutput("comment-url", commentUrl);
  rt.setOutput("report-digest", result2.reportDigest ?? "");
  if (result2.verdict === "fail")
    throw new GateError(`eval gate failed: ${result2.reasons.join("; ")}`, { hint: `see ${result2.reportPath}` });
  return result2;
}

export {
  evalAnnotations,
  evalTitle,
  validateJsonSchema,
  levenshtein,
  tokenize13a,
  corpusBleu,
  sentenceBleu,
  chrf,
  rougeN,
  rougeL,
  cosine,
  runAssertion,
  ResponseCache,
  mcnemarExact,
  wilcoxon,
  bootstrapMeanCi,
  compareResults,
  createProvider,
  parseShard,
  selectShard,
  RESULTS_SCHEMA,
  runSuite,
  writeResults,
  readResults,
  mergeResults,
  ASSERTION_TYPES,
  suiteSchema,
  loadSuite,
  resolveProvider,
  renderHtml,
  renderJunit,
  COMMENT_MARKER,
  COMMENT_LIMIT,
  renderComment,
  evaluate2 as evaluate,
  mergeShards,
  EVAL_INPUTS,
  evalOptionsFromInputs,
  STEP_INPUTS,
  runEvalStep
};
