import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  GatewayAdminClient,
  rollbackDeployment
} from "./chunk-TUZRWNSS.js";
import {
  logGamma,
  median,
  mulberry32
} from "./chunk-YV4XVOQ2.js";
import {
  durationToMs
} from "./chunk-2XW6KGEI.js";
import {
  FolderRolloutStore
} from "./chunk-HHQKCUDB.js";
import {
  loadConfig
} from "./chunk-TLULELRW.js";
import "./chunk-KJFXNCKF.js";
import {
  createCheckRun,
  createClient,
  readGitHubContext
} from "./chunk-2QBGQJ63.js";
import "./chunk-KLXUE6LA.js";
import "./chunk-DKPQSRRK.js";
import "./chunk-YBT4ARCR.js";
import "./chunk-LUQ2JWWH.js";
import {
  GateError,
  HttpError,
  InputError,
  UserError,
  escapeMarkdown,
  markdownTable,
  readInputs,
  retry
} from "./chunk-V3AZTN5L.js";
import "./chunk-I2UBCO3D.js";

// packages/monitor/lib/inputs.js
function readMonitorInputs(rt) {
  const i = readInputs(rt, {
    environment: { kind: "string", pattern: /^[a-z0-9][a-z0-9._-]*$/i, patternHint: "letters, digits, dot, dash, underscore" },
    config: { kind: "string" },
    source: { kind: "enum", values: ["gateway", "prometheus"] },
    "prometheus-url": { kind: "url" },
    "gateway-admin-url": { kind: "url" },
    "gateway-token": { kind: "secret" },
    route: { kind: "string" },
    state: { kind: "string" },
    window: { kind: "string", pattern: /^(\d+(\.\d+)?(ms|s|m|h|d))+$/, patternHint: "a duration such as 5m or 1h" },
    "request-log": { kind: "string" },
    reference: { kind: "string" },
    "drift-window": { kind: "string", pattern: /^(\d+(\.\d+)?(ms|s|m|h|d))+$/, patternHint: "a duration such as 1h" },
    "on-breach": { kind: "enum", values: ["none", "rollback"] },
    "fail-on": { kind: "enum", values: ["breach", "warn", "never"], default: "breach" },
    "github-token": { kind: "secret" },
    "webhook-url": { kind: "secret" },
    "out-dir": { kind: "string" }
  });
  return {
    failOn: i["fail-on"],
    ...i.environment ? { environment: i.environment } : {},
    ...i.config ? { configFile: i.config } : {},
    ...i.source ? { source: i.source } : {},
    ...i["prometheus-url"] ? { prometheusUrl: i["prometheus-url"].href } : {},
    ...i["gateway-admin-url"] ? { gatewayAdminUrl: i["gateway-admin-url"].href } : {},
    ...i["gateway-token"] ? { gatewayToken: i["gateway-token"] } : {},
    ...i.route ? { route: i.route } : {},
    ...i.state ? { stateDir: i.state } : {},
    ...i.window ? { window: i.window } : {},
    ...i["request-log"] ? { requestLog: i["request-log"] } : {},
    ...i.reference ? { reference: i.reference } : {},
    ...i["drift-window"] ? { driftWindow: i["drift-window"] } : {},
    ...i["on-breach"] ? { onBreach: i["on-breach"] } : {},
    ...i["github-token"] ? { githubToken: i["github-token"] } : {},
    ...i["webhook-url"] ? { webhookUrl: i["webhook-url"] } : {},
    ...i["out-dir"] ? { outDir: i["out-dir"] } : {}
  };
}

// packages/monitor/lib/internal/alerts/issue.js
function incidentMarker(environment) {
  return `<!-- slipway:monitor-incident environment=${environment.replace(/[^\w.-]/g, "_")} -->`;
}
function why(error) {
  const status = error.status;
  return `HTTP ${status ?? "?"}: ${(error.message ?? String(error)).split("\n")[0]}`;
}
async function upsertIncident(ctx, input, log) {
  if (!ctx.token)
    return { done: false, reason: "no GitHub token (set the `github-token` input)" };
  const gh = createClient(ctx);
  const base = { owner: ctx.owner, repo: ctx.repo };
  const marker = incidentMarker(input.environment);
  try {
    let open;
    for (let page = 1; page <= 10 && !open; page++) {
      const { data: data2 } = await gh.rest.issues.listForRepo({ ...base, state: "open", labels: input.labels[0] ?? "", per_page: 100, page });
      open = data2.find((i) => !i.pull_request && i.body?.includes(marker));
      if (data2.length < 100)
        break;
    }
    const body = `${marker}
${input.body}`;
    if (input.verdict === "ok") {
      if (!open)
        return { done: false, reason: "no open incident" };
      await gh.rest.issues.createComment({ ...base, issue_number: open.number, body: `Recovered: the last run was **ok**.

${input.body}` });
      await gh.rest.issues.update({ ...base, issue_number: open.number, state: "closed", state_reason: "completed" });
      return { done: true, action: "closed", id: open.number, url: open.html_url, issue: open.number };
    }
    if (open) {
      await gh.rest.issues.update({ ...base, issue_number: open.number, title: input.title, body });
      await gh.rest.issues.createComment({ ...base, issue_number: open.number, body: input.body });
      return { done: true, action: "updated", id: open.number, url: open.html_url, issue: open.number };
    }
    const { data } = await gh.rest.issues.create({ ...base, title: input.title, body, labels: input.labels });
    return { done: true, action: "created", id: data.number, url: data.html_url, issue: data.number };
  } catch (error) {
    log?.warn(`incident issue skipped: ${why(error)}`);
    return { done: false, reason: why(error) };
  }
}

// packages/monitor/lib/internal/alerts/webhook.js
function slackEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
async function postWebhook(url, headline, lines, log) {
  const text = `${slackEscape(headline)}
${lines.map((l) => `\u2022 ${slackEscape(l)}`).join("\n")}`;
  const payload = { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } }] };
  try {
    await retry(async () => {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
      if (!res.ok)
        throw new HttpError(`webhook answered ${res.status}`, res.status, res.headers.get("retry-after") ?? void 0);
    }, { retries: 2, baseDelayMs: 300 });
    return true;
  } catch (error) {
    log.warn(`alert webhook failed: ${error.message}`);
    return false;
  }
}

// packages/monitor/lib/internal/stats/tests.js
function ksStatistic(a, b) {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v)
      i++;
    while (j < y.length && y[j] <= v)
      j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}
function kolmogorovSf(t) {
  if (t <= 0)
    return 1;
  if (t < 1) {
    const w = Math.exp(-Math.PI * Math.PI / (8 * t * t));
    let s2 = 0;
    for (let k = 1; k < 20; k += 2)
      s2 += w ** (k * k);
    return 1 - Math.sqrt(2 * Math.PI) / t * s2;
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * t * t);
    s += term;
    if (Math.abs(term) < 1e-16)
      break;
  }
  return Math.max(0, Math.min(1, 2 * s));
}
function ksTest(a, b) {
  const d = ksStatistic(a, b);
  const en = a.length * b.length / (a.length + b.length);
  const s = Math.sqrt(en);
  return { statistic: d, pValue: kolmogorovSf((s + 0.12 + 0.11 / s) * d) };
}
function gammaQ(s, x) {
  if (x <= 0)
    return 1;
  const lg = logGamma(s);
  if (x < s + 1) {
    let term = 1 / s;
    let sum = term;
    for (let n = 1; n < 1e3; n++) {
      term *= x / (s + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16)
        break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + s * Math.log(x) - lg));
  }
  let b = x + 1 - s;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1e3; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300)
      d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300)
      c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16)
      break;
  }
  return Math.min(1, Math.exp(-x + s * Math.log(x) - lg) * h);
}
function chiSquareSf(x, df) {
  return gammaQ(df / 2, x / 2);
}
function chiSquareTest(a, b) {
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const na = keys.reduce((s, k) => s + (a[k] ?? 0), 0);
  const nb = keys.reduce((s, k) => s + (b[k] ?? 0), 0);
  const n = na + nb;
  if (na === 0 || nb === 0)
    return void 0;
  const kept = [];
  const merged = [];
  let other = [0, 0];
  for (const k of keys) {
    const ca = a[k] ?? 0;
    const cb = b[k] ?? 0;
    const total = ca + cb;
    if (total * na / n < 5 || total * nb / n < 5) {
      merged.push(k);
      other = [other[0] + ca, other[1] + cb];
    } else
      kept.push([ca, cb]);
  }
  if (merged.length > 0) {
    const total = other[0] + other[1];
    if (total * na / n >= 5 && total * nb / n >= 5)
      kept.push(other);
    else if (kept.length > 0 && total > 0) {
      const smallest = kept.reduce((m, c) => c[0] + c[1] < m[0] + m[1] ? c : m);
      smallest[0] += other[0];
      smallest[1] += other[1];
    }
  }
  if (kept.length < 2)
    return void 0;
  let x2 = 0;
  for (const [ca, cb] of kept) {
    const total = ca + cb;
    const ea = total * na / n;
    const eb = total * nb / n;
    x2 += (ca - ea) ** 2 / ea + (cb - eb) ** 2 / eb;
  }
  const df = kept.length - 1;
  return { statistic: x2, pValue: chiSquareSf(x2, df), df, merged };
}
function psi(reference, current, bins = 10) {
  const sorted = Float64Array.from(reference).sort();
  const edges = [];
  for (let i = 1; i < bins; i++) {
    const e = sorted[Math.floor(i * sorted.length / bins)];
    if (edges.length === 0 || e > edges.at(-1))
      edges.push(e);
  }
  const count = (xs) => {
    const c = new Array(edges.length + 1).fill(0);
    for (const x of xs) {
      let k = 0;
      while (k < edges.length && x >= edges[k])
        k++;
      c[k] = c[k] + 1;
    }
    return Object.fromEntries(c.map((v, i) => [String(i), v]));
  };
  return psiCounts(count(reference), count(current));
}
function psiCounts(reference, current) {
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(reference), ...Object.keys(current)])];
  const nr = keys.reduce((s, k) => s + (reference[k] ?? 0), 0);
  const nc = keys.reduce((s, k) => s + (current[k] ?? 0), 0);
  if (nr === 0 || nc === 0)
    return 0;
  let total = 0;
  for (const k of keys) {
    const r = Math.max(reference[k] ?? 0, 0.5) / nr;
    const c = Math.max(current[k] ?? 0, 0.5) / nc;
    total += (c - r) * Math.log(c / r);
  }
  return total;
}
function holm(pValues) {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
function rocAuc(scores, labels) {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => scores[x] - scores[y]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]])
      j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]] === 1) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0)
    return 0.5;
  return (rankSumPos - pos * (pos + 1) / 2) / (pos * neg);
}

// packages/monitor/lib/internal/stats/permutation.js
function shuffle(labels, rand) {
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = labels[i];
    labels[i] = labels[j];
    labels[j] = t;
  }
}
function permutationTest(n0, n1, statistic, o) {
  const labels = new Uint8Array(n0 + n1);
  labels.fill(1, n0);
  const observed = statistic(labels);
  const rand = mulberry32(o.seed ?? 1);
  const max = o.maxPermutations ?? 2e3;
  const stopAfter = o.stopAfterHits ?? 20;
  const nulls = [];
  let hits = 0;
  while (nulls.length < max && hits < stopAfter) {
    shuffle(labels, rand);
    const s = statistic(labels);
    nulls.push(s);
    if (s >= observed - 1e-12)
      hits++;
  }
  nulls.sort((a, b) => a - b);
  const alpha = o.alpha ?? 0.01;
  const threshold = nulls[Math.min(nulls.length - 1, Math.floor((1 - alpha) * nulls.length))] ?? observed;
  return { statistic: observed, pValue: (hits + 1) / (nulls.length + 1), threshold, permutations: nulls.length };
}
function pairedPermutationTest(n0, n1, statistics, o) {
  const labels = new Uint8Array(n0 + n1);
  labels.fill(1, n0);
  const [a0, b0] = statistics(labels);
  const rand = mulberry32(o.seed ?? 1);
  const pilot = 100;
  const firsts = [];
  const seconds = [];
  for (let i = 0; i < pilot; i++) {
    shuffle(labels, rand);
    const [a, b] = statistics(labels);
    firsts.push(a);
    seconds.push(b);
  }
  const moments = (xs) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) || 1e-9;
    return { m, sd };
  };
  const ma = moments(firsts);
  const mb = moments(seconds);
  const combined = (a, b) => Math.max((a - ma.m) / ma.sd, (b - mb.m) / mb.sd);
  const observed = combined(a0, b0);
  const max = Math.max(o.maxPermutations ?? 2e3, pilot + 99);
  const stopAfter = o.stopAfterHits ?? 20;
  let hits = 0;
  let counted = 0;
  while (pilot + counted < max && hits < stopAfter) {
    shuffle(labels, rand);
    const [a, b] = statistics(labels);
    firsts.push(a);
    counted++;
    if (combined(a, b) >= observed - 1e-12)
      hits++;
  }
  firsts.sort((x, y) => x - y);
  const alpha = o.alpha ?? 0.01;
  const threshold = firsts[Math.min(firsts.length - 1, Math.floor((1 - alpha) * firsts.length))] ?? a0;
  return { statistic: a0, pValue: (hits + 1) / (counted + 1), threshold, permutations: pilot + counted };
}
function topShare(scores, labels, share = 0.1) {
  const n = scores.length;
  const k = Math.max(1, Math.round(n * share));
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => scores[y] - scores[x]);
  let ones = 0;
  for (let i = 0; i < k; i++)
    if (labels[idx[i]] === 1)
      ones++;
  return ones / k;
}
function tokenize(text) {
  const out = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(w) && w.length > 2) {
      for (let i = 0; i + 1 < w.length; i++)
        out.push(w.slice(i, i + 2));
    } else
      out.push(w);
  }
  return out;
}
function tfidf(texts) {
  const tokenized = texts.map(tokenize);
  const df = /* @__PURE__ */ new Map();
  for (const doc of tokenized)
    for (const t of new Set(doc))
      df.set(t, (df.get(t) ?? 0) + 1);
  const index = /* @__PURE__ */ new Map();
  for (const [t, c] of df)
    if (c >= 2)
      index.set(t, index.size);
  const idf = new Float64Array(index.size);
  for (const [t, i] of index)
    idf[i] = Math.log((1 + texts.length) / (1 + (df.get(t) ?? 0))) + 1;
  const offsets = new Uint32Array(texts.length + 1);
  const terms = [];
  const weights = [];
  tokenized.forEach((doc, d) => {
    const tf = /* @__PURE__ */ new Map();
    for (const t of doc) {
      const i = index.get(t);
      if (i !== void 0)
        tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    let norm = 0;
    const start = terms.length;
    for (const [i, c] of tf) {
      const w = (1 + Math.log(c)) * idf[i];
      terms.push(i);
      weights.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < weights.length; k++)
      weights[k] = weights[k] / norm;
    offsets[d + 1] = terms.length;
  });
  return { offsets, terms: Uint32Array.from(terms), weights: Float64Array.from(weights), vocabulary: index.size };
}
function classifierDriftTest(reference, current, o = {}) {
  const docs = tfidf([...reference, ...current]);
  const n = reference.length + current.length;
  const k = o.folds ?? 5;
  const v = docs.vocabulary;
  const fold = Uint8Array.from({ length: n }, (_, i) => i % k);
  const sums = Array.from({ length: k * 2 }, () => new Float64Array(v));
  const mass = new Float64Array(k * 2);
  const scores = new Float64Array(n);
  const weight = new Float64Array(v);
  const tot0 = new Float64Array(v);
  const tot1 = new Float64Array(v);
  const smoothing = 0.1;
  const auc = (labels) => {
    for (const s of sums)
      s.fill(0);
    mass.fill(0);
    for (let d = 0; d < n; d++) {
      const slot = fold[d] * 2 + labels[d];
      const s = sums[slot];
      for (let e = docs.offsets[d]; e < docs.offsets[d + 1]; e++) {
        const w = docs.weights[e];
        const term = docs.terms[e];
        s[term] = s[term] + w;
        mass[slot] = mass[slot] + w;
      }
    }
    let total0 = 0;
    let total1 = 0;
    for (let f = 0; f < k; f++) {
      total0 += mass[f * 2];
      total1 += mass[f * 2 + 1];
    }
    tot0.fill(0);
    tot1.fill(0);
    for (let f = 0; f < k; f++) {
      const s0 = sums[f * 2];
      const s1 = sums[f * 2 + 1];
      for (let t = 0; t < v; t++) {
        tot0[t] = tot0[t] + s0[t];
        tot1[t] = tot1[t] + s1[t];
      }
    }
    for (let f = 0; f < k; f++) {
      const m0 = total0 - mass[f * 2] + smoothing * v;
      const m1 = total1 - mass[f * 2 + 1] + smoothing * v;
      const s0 = sums[f * 2];
      const s1 = sums[f * 2 + 1];
      for (let t = 0; t < v; t++) {
        const c0 = smoothing + tot0[t] - s0[t];
        const c1 = smoothing + tot1[t] - s1[t];
        weight[t] = Math.log(c1 / m1) - Math.log(c0 / m0);
      }
      for (let d = f; d < n; d += k) {
        let s = 0;
        for (let e = docs.offsets[d]; e < docs.offsets[d + 1]; e++)
          s += docs.weights[e] * weight[docs.terms[e]];
        scores[d] = s;
      }
    }
    return [rocAuc(scores, labels), topShare(scores, labels)];
  };
  return pairedPermutationTest(reference.length, current.length, auc, o);
}
function mmdTest(reference, current, o = {}) {
  const all = [...reference, ...current];
  const n = all.length;
  const d2 = new Float64Array(n * n);
  const sample = [];
  for (let i = 0; i < n; i++) {
    const a = all[i];
    for (let j = i + 1; j < n; j++) {
      const b = all[j];
      let s = 0;
      for (let t = 0; t < a.length; t++)
        s += (a[t] - (b[t] ?? 0)) ** 2;
      d2[i * n + j] = s;
      d2[j * n + i] = s;
      if ((i * n + j) % 7 === 0)
        sample.push(s);
    }
  }
  sample.sort((x, y) => x - y);
  const width = sample[Math.floor(sample.length / 2)] || 1;
  const kernel = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++)
    kernel[i] = Math.exp(-d2[i] / width);
  const n0 = reference.length;
  const n1 = current.length;
  const statistic = (labels) => {
    let xx = 0;
    let yy = 0;
    let xy = 0;
    for (let i = 0; i < n; i++) {
      const li = labels[i];
      const row = i * n;
      for (let j = i + 1; j < n; j++) {
        const kv = kernel[row + j];
        if (li !== labels[j])
          xy += kv;
        else if (li === 0)
          xx += kv;
        else
          yy += kv;
      }
    }
    return 2 * xx / (n0 * (n0 - 1)) + 2 * yy / (n1 * (n1 - 1)) - 2 * xy / (n0 * n1);
  };
  return permutationTest(n0, n1, statistic, { maxPermutations: 500, ...o });
}

// packages/monitor/lib/internal/drift/features.js
var SCRIPTS = [
  ["cjk", /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/gu],
  ["cyrillic", /[\u0400-\u04ff]/gu],
  ["arabic", /[\u0600-\u06ff]/gu],
  ["greek", /[\u0370-\u03ff]/gu],
  ["devanagari", /[\u0900-\u097f]/gu],
  ["hebrew", /[\u0590-\u05ff]/gu],
  ["latin", /[A-Za-z\u00c0-\u024f]/gu]
];
var STOPWORDS = {
  en: ["the", "and", "is", "to", "of", "my", "i", "you", "it", "what", "how", "do", "can", "are", "in", "for", "with", "where", "your", "this"],
  es: ["el", "la", "de", "que", "y", "en", "los", "mi", "es", "por", "para", "con", "una", "c\xF3mo", "d\xF3nde", "puedo", "las", "del", "no", "qu\xE9"],
  fr: ["le", "la", "de", "et", "les", "des", "est", "je", "mon", "ma", "pour", "que", "une", "comment", "o\xF9", "pas", "vous", "dans", "du", "est-ce"],
  de: ["der", "die", "und", "das", "ist", "ich", "nicht", "mein", "meine", "wie", "wo", "kann", "ein", "eine", "zu", "mit", "f\xFCr", "den", "sie", "es"],
  it: ["il", "di", "che", "e", "la", "non", "mio", "mia", "per", "come", "dove", "posso", "una", "un", "sono", "con", "del", "della", "\xE8", "gli"],
  pt: ["o", "a", "de", "que", "e", "do", "da", "meu", "minha", "n\xE3o", "para", "com", "uma", "como", "onde", "posso", "os", "um", "est\xE1", "voc\xEA"],
  nl: ["de", "het", "een", "en", "van", "ik", "mijn", "niet", "is", "hoe", "waar", "kan", "je", "dat", "voor", "met", "op", "te", "zijn", "wat"]
};
var STOP_INDEX = /* @__PURE__ */ new Map();
for (const [lang, words] of Object.entries(STOPWORDS))
  for (const w of words)
    STOP_INDEX.set(w, [...STOP_INDEX.get(w) ?? [], lang]);
function languageOf(text) {
  if (!text || text.trim() === "")
    return "empty";
  let best = "other";
  let bestCount = 0;
  for (const [name, re] of SCRIPTS) {
    const c = text.match(re)?.length ?? 0;
    if (c > bestCount) {
      best = name;
      bestCount = c;
    }
  }
  if (best !== "latin")
    return best;
  const votes = {};
  for (const m of text.toLowerCase().matchAll(/[\p{L}'-]+/gu))
    for (const lang of STOP_INDEX.get(m[0]) ?? [])
      votes[lang] = (votes[lang] ?? 0) + 1;
  const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top || top[1] === 0)
    return "latin-other";
  return second && second[1] === top[1] ? "latin-other" : top[0];
}
var REFUSALS = [
  /\bI(?:'m| am) (?:sorry|afraid),? (?:but )?I (?:can(?:not|'t)|won't|am unable|'m unable)/i,
  /\bI (?:can(?:not|'t)|won't|am not able to|'m not able to|am unable to|'m unable to) (?:help|assist|comply|provide|do that|answer|support)/i,
  /\bAs an AI(?: language model)?,? I/i,
  /\bI must decline\b/i,
  /\b(?:this|that) (?:request )?(?:violates|goes against) (?:my|our) (?:guidelines|policies|policy)/i
];
function refusalDetector(extra = []) {
  const patterns = [...REFUSALS, ...extra.map((p) => new RegExp(p, "i"))];
  return (text) => text !== void 0 && patterns.some((re) => re.test(text));
}
function countBy(items, key) {
  const out = {};
  for (const x of items) {
    const k = key(x);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

// packages/monitor/lib/internal/drift/check.js
function severityFromPsi(v) {
  return v >= 0.25 ? "major" : v >= 0.1 ? "moderate" : "minor";
}
function median2(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)];
}
function shares(counts) {
  const n = Object.values(counts).reduce((s, x) => s + x, 0) || 1;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round(v / n * 1e3) / 1e3]));
}
async function checkDrift(allReference, allCurrent, o = {}) {
  const started = performance.now();
  const reference = thin(allReference, o.maxSamples ?? 1e3);
  const current = thin(allCurrent, o.maxSamples ?? 1e3);
  const alpha = o.alpha ?? 0.01;
  const minSamples = o.minSamples ?? 50;
  const tests = [];
  const tooSmall = (name, side, test, a, b) => a < minSamples || b < minSamples ? {
    name,
    side,
    test,
    status: "insufficient",
    severity: "none",
    note: `sample too small: ${a} reference and ${b} current, ${minSamples} needed on each side`
  } : void 0;
  const numeric = (name, side, pick) => {
    const a = reference.flatMap((e) => finite(pick(e)));
    const b = current.flatMap((e) => finite(pick(e)));
    if (a.length === 0 && b.length === 0)
      return;
    const small = tooSmall(name, side, "ks", a.length, b.length);
    if (small)
      return void tests.push(small);
    const r = ksTest(a, b);
    const p = psi(a, b);
    tests.push({
      name,
      side,
      test: "ks",
      status: "ok",
      statistic: r.statistic,
      pValue: r.pValue,
      effect: { psi: p },
      severity: severityFromPsi(p),
      reference: { median: median2(a), n: a.length },
      current: { median: median2(b), n: b.length }
    });
  };
  numeric("prompt length (chars)", "input", (e) => e.promptChars ?? e.prompt?.length);
  numeric("input tokens", "input", (e) => e.inputTokens);
  numeric("output length (chars)", "output", (e) => e.outputChars ?? e.output?.length);
  numeric("output tokens", "output", (e) => e.outputTokens);
  const categorical = (name, side, a, b, rate) => {
    const na = Object.values(a).reduce((s, x) => s + x, 0);
    const nb = Object.values(b).reduce((s, x) => s + x, 0);
    const small = tooSmall(name, side, "chi-square", na, nb);
    if (small)
      return void tests.push(small);
    const r = chiSquareTest(a, b);
    const p = psiCounts(a, b);
    if (!r) {
      tests.push({
        name,
        side,
        test: "chi-square",
        status: "ok",
        severity: "none",
        effect: { psi: p },
        reference: shares(a),
        current: shares(b),
        note: "one category on both sides"
      });
      return;
    }
    const effect = { psi: p };
    let severity = severityFromPsi(p);
    if (rate !== void 0) {
      const ra = (a[rate] ?? 0) / na;
      const rb = (b[rate] ?? 0) / nb;
      effect.referenceRate = ra;
      effect.currentRate = rb;
      const diff = Math.abs(rb - ra);
      severity = diff >= 0.05 ? "major" : diff >= 0.02 ? "moderate" : "minor";
    }
    tests.push({
      name,
      side,
      test: "chi-square",
      status: "ok",
      statistic: r.statistic,
      pValue: r.pValue,
      effect,
      severity,
      reference: shares(a),
      current: shares(b),
      ...r.merged.length ? { note: `pooled (expected count under 5): ${r.merged.join(", ")}` } : {}
    });
  };
  const promptsA = reference.filter((e) => e.prompt !== void 0);
  const promptsB = current.filter((e) => e.prompt !== void 0);
  const outputsA = reference.filter((e) => e.output !== void 0);
  const outputsB = current.filter((e) => e.output !== void 0);
  if (promptsA.length + promptsB.length > 0)
    categorical("prompt language/script", "input", countBy(promptsA, (e) => languageOf(e.prompt)), countBy(promptsB, (e) => languageOf(e.prompt)));
  if (outputsA.length + outputsB.length > 0) {
    categorical("output language/script", "output", countBy(outputsA, (e) => languageOf(e.output)), countBy(outputsB, (e) => languageOf(e.output)));
    const refused = refusalDetector(o.refusalPatterns);
    const flag = (e) => refused(e.output) ? "refused" : "answered";
    categorical("refusal rate", "output", countBy(outputsA, flag), countBy(outputsB, flag), "refused");
  }
  const text = (name, side, a, b, seed2) => {
    if (a.length + b.length === 0)
      return;
    const small = tooSmall(name, side, "classifier", a.length, b.length);
    if (small)
      return void tests.push(small);
    const expected = tests.filter((t) => t.status !== "insufficient").length + 2 + (o.embed ? 2 : 0);
    const needed = Math.ceil(1.2 * expected / alpha);
    const r = classifierDriftTest(a, b, { alpha, seed: seed2, maxPermutations: Math.min(o.permutations ?? 2e3, Math.max(needed, 199)) });
    tests.push({
      name,
      side,
      test: "classifier",
      status: "ok",
      statistic: r.statistic,
      pValue: r.pValue,
      effect: { auc: r.statistic, aucThreshold: r.threshold },
      severity: r.statistic >= 0.75 ? "major" : r.statistic >= 0.6 ? "moderate" : "minor",
      note: `${r.permutations} permutations`
    });
  };
  const seed = o.seed ?? 1;
  text("prompt text (TF-IDF classifier)", "input", promptsA.map((e) => e.prompt), promptsB.map((e) => e.prompt), seed);
  text("output text (TF-IDF classifier)", "output", outputsA.map((e) => e.output), outputsB.map((e) => e.output), seed + 1);
  if (o.embed) {
    const cap = o.maxEmbedded ?? 300;
    for (const [name, side, a, b] of [
      ["prompt embeddings (MMD)", "input", promptsA.map((e) => e.prompt), promptsB.map((e) => e.prompt)],
      ["output embeddings (MMD)", "output", outputsA.map((e) => e.output), outputsB.map((e) => e.output)]
    ]) {
      if (a.length + b.length === 0)
        continue;
      const small = tooSmall(name, side, "mmd", a.length, b.length);
      if (small) {
        tests.push(small);
        continue;
      }
      const ea = await o.embed(a.slice(-cap));
      const eb = await o.embed(b.slice(-cap));
      const r = mmdTest(ea, eb, { alpha, seed, maxPermutations: Math.min(o.permutations ?? 2e3, 1e3) });
      tests.push({
        name,
        side,
        test: "mmd",
        status: "ok",
        statistic: r.statistic,
        pValue: r.pValue,
        severity: "moderate",
        note: `${r.permutations} permutations`
      });
    }
  }
  const ran = tests.filter((t) => t.pValue !== void 0);
  const adjusted = holm(ran.map((t) => t.pValue));
  ran.forEach((t, i) => {
    t.adjustedP = adjusted[i];
    if (adjusted[i] <= alpha)
      t.status = "drift";
    else
      t.severity = "none";
  });
  return { referenceSize: reference.length, currentSize: current.length, alpha, tests, elapsedMs: performance.now() - started };
}
function thin(xs, max) {
  if (xs.length <= max)
    return xs;
  const step = xs.length / max;
  return Array.from({ length: max }, (_, i) => xs[Math.floor(i * step)]);
}
function finite(v) {
  return v === void 0 || !Number.isFinite(v) ? [] : [v];
}

// packages/monitor/lib/internal/drift/log-source.js
import { readFile } from "node:fs/promises";
import path from "node:path";
var DAY_MS = 864e5;
async function readExchanges(file, cwd) {
  const full = path.resolve(cwd, file);
  const text = await readFile(full, "utf8").catch((error) => {
    throw new UserError(`cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`, {
      hint: "point drift.requestLog or drift.reference at a JSONL file (one JSON object a line)"
    });
  });
  const out = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "")
      return;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UserError(`${file}:${i + 1}: not valid JSON`, { location: { file, line: i + 1 }, hint: "each line must be one JSON object" });
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new UserError(`${file}:${i + 1}: expected a JSON object with prompt/output fields`, { location: { file, line: i + 1 } });
    const e = value;
    if (e.requestLog === true && typeof e.time !== "string")
      return;
    out.push({
      time: typeof e.time === "string" ? e.time : (/* @__PURE__ */ new Date(0)).toISOString(),
      ...typeof e.prompt === "string" ? { prompt: e.prompt } : {},
      ...typeof e.output === "string" ? { output: e.output } : {},
      ...typeof e.promptChars === "number" ? { promptChars: e.promptChars } : {},
      ...typeof e.outputChars === "number" ? { outputChars: e.outputChars } : {},
      ...typeof e.inputTokens === "number" ? { inputTokens: e.inputTokens } : {},
      ...typeof e.outputTokens === "number" ? { outputTokens: e.outputTokens } : {},
      ...typeof e.ok === "boolean" ? { ok: e.ok } : {},
      ...typeof e.variant === "string" ? { variant: e.variant } : {}
    });
  });
  return out;
}
async function exchangeSets(o) {
  const now = o.now ?? Date.now();
  let log;
  if (o.requestLog === "gateway") {
    if (!o.gateway)
      throw new UserError("drift.requestLog is gateway, but no gateway admin URL is set", { hint: "set gateway-admin-url or deploy.gateway.adminUrl" });
    const answer = await o.gateway.requests(Math.max(o.windowMs, DAY_MS * 7) / 1e3, 1e4);
    if (!answer.enabled)
      throw new UserError("the gateway has no request log", {
        hint: "add requestLog: { sampleRate: 0.05 } to gateway.yml so monitor can see prompts and answers"
      });
    log = answer.entries;
  } else
    log = await readExchanges(o.requestLog, o.cwd);
  log = log.filter((e) => e.ok !== false);
  const current = log.filter((e) => Date.parse(e.time) >= now - o.windowMs);
  let reference;
  let describe;
  if (o.reference === "first-day") {
    const start = o.since ?? Math.min(...log.map((e) => Date.parse(e.time)));
    const end = Math.min(start + DAY_MS, now - o.windowMs);
    reference = log.filter((e) => {
      const t = Date.parse(e.time);
      return t >= start && t < end;
    });
    describe = `first day of the log from ${Number.isFinite(start) ? new Date(start).toISOString() : "its start"}`;
  } else {
    reference = await readExchanges(o.reference, o.cwd);
    describe = o.reference;
  }
  return {
    reference,
    current,
    describe: { reference: describe, current: `${o.requestLog === "gateway" ? "gateway request log" : o.requestLog}, last ${Math.round(o.windowMs / 1e3)} s` }
  };
}

// packages/monitor/lib/internal/embeddings.js
function openAiEmbedder(baseUrl, model, apiKey) {
  const url = `${baseUrl.replace(/\/+$/, "")}/embeddings`;
  return async (texts) => {
    const out = [];
    for (let i = 0; i < texts.length; i += 64) {
      const batch = texts.slice(i, i + 64);
      const data = await retry(async () => {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...apiKey ? { authorization: `Bearer ${apiKey}` } : {} },
          body: JSON.stringify({ model, input: batch })
        });
        if (!res.ok)
          throw new HttpError(`embeddings endpoint ${url} answered ${res.status}`, res.status, res.headers.get("retry-after") ?? void 0);
        return (await res.json()).data;
      });
      for (const d of [...data].sort((a, b) => a.index - b.index))
        out.push(d.embedding);
    }
    return out;
  };
}

// packages/monitor/lib/internal/stats/baseline.js
function robustZ(baseline, current, threshold = 4, minScale2) {
  const centre = median(baseline);
  const mad = median(baseline.map((x) => Math.abs(x - centre)));
  const scale = Math.max(1.4826 * mad, minScale2 ?? 0, Math.abs(centre) * 0.05, 1e-12);
  const score = (current - centre) / scale;
  return { method: "robust-z", score, centre, scale, anomalous: score > threshold };
}
function ewma(baseline, current, threshold = 4, lambda = 0.3, minScale2) {
  let centre = baseline[0] ?? current;
  for (const x of baseline.slice(1))
    centre = lambda * x + (1 - lambda) * centre;
  const mean = baseline.reduce((s, x) => s + x, 0) / Math.max(1, baseline.length);
  const variance = baseline.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, baseline.length - 1);
  const sd = Math.max(Math.sqrt(variance), minScale2 ?? 0, Math.abs(mean) * 0.05, 1e-12);
  const next = lambda * current + (1 - lambda) * centre;
  const scale = sd * Math.sqrt(lambda / (2 - lambda));
  const score = (next - centre) / scale;
  return { method: "ewma", score, centre, scale, anomalous: score > threshold };
}

// packages/monitor/lib/internal/slo/sources.js
var SLO_METRICS = ["latencyP95", "ttftP95", "errorRate", "tokensPerRequest", "costPerHour", "costPerDay"];
var PrometheusSloSource = class {
  url;
  selector;
  now;
  name = "prometheus";
  constructor(url, selector = "", now = Date.now) {
    this.url = url;
    this.selector = selector;
    this.now = now;
  }
  expressions(window) {
    const sel = this.selector ? `{${this.selector}}` : "";
    const rate = (m) => `sum(rate(${m}${sel}[${window}]))`;
    const p952 = (m) => `histogram_quantile(0.95, sum by (le) (rate(${m}_bucket${sel}[${window}]))) * 1000`;
    return {
      latencyP95: p952("gen_ai_client_operation_duration_seconds"),
      ttftP95: p952("gen_ai_client_operation_time_to_first_chunk_seconds"),
      errorRate: `(${rate("slipway_gateway_errors_total")} or vector(0)) / ${rate("slipway_gateway_requests_total")}`,
      tokensPerRequest: `${rate("slipway_gateway_tokens_total")} / ${rate("slipway_gateway_requests_total")}`,
      costPerHour: `${rate("slipway_gateway_cost_usd_total")} * 3600`,
      costPerDay: `${rate("slipway_gateway_cost_usd_total")} * 86400`,
      requests: `sum(increase(slipway_gateway_requests_total${sel}[${window}]))`
    };
  }
  async read(windowMs, baselineWindows) {
    const seconds = Math.max(1, Math.round(windowMs / 1e3));
    const exprs = this.expressions(`${seconds}s`);
    const end = this.now() / 1e3;
    const entries = await Promise.all(SLO_METRICS.map(async (m) => {
      const [current, baseline] = await Promise.all([
        this.instant(exprs[m], end),
        this.range(exprs[m], end - seconds * baselineWindows, end - seconds, seconds)
      ]);
      return [m, { current, baseline }];
    }));
    const requests = await this.instant(exprs.requests, end) ?? 0;
    return { requests: Math.round(requests), metrics: Object.fromEntries(entries) };
  }
  async call(path3) {
    return retry(async () => {
      const res = await fetch(`${this.url.replace(/\/+$/, "")}${path3}`);
      const body = await res.json().catch(() => ({}));
      if (!res.ok || body.status !== "success" || !body.data)
        throw new HttpError(`prometheus query failed (${res.status}): ${body.error ?? "no answer"}: ${decodeURIComponent(path3)}`, res.status);
      return body.data;
    }, { retries: 2, baseDelayMs: 200 });
  }
  async instant(expr, at) {
    const data = await this.call(`/api/v1/query?query=${encodeURIComponent(expr)}&time=${at}`);
    const first = data.result[0];
    return finite2(first?.value[1]);
  }
  async range(expr, start, end, step) {
    if (end <= start)
      return [];
    const data = await this.call(`/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=${step}`);
    const first = data.result[0];
    return (first?.values ?? []).flatMap(([, v]) => {
      const n = finite2(v);
      return n === void 0 ? [] : [n];
    });
  }
};
function finite2(v) {
  if (v === void 0)
    return void 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : void 0;
}
function p95(xs) {
  if (xs.length === 0)
    return void 0;
  xs.sort((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
}
var GatewaySloSource = class {
  client;
  prices;
  now;
  name = "gateway";
  constructor(client, prices, now = Date.now) {
    this.client = client;
    this.prices = prices;
    this.now = now;
  }
  async read(windowMs, baselineWindows) {
    const [report, prices] = await Promise.all([this.client.stats((baselineWindows + 1) * windowMs / 1e3, 1e3), this.prices()]);
    const samples = Object.values(report.variants).flatMap((v) => v.recent);
    const now = this.now();
    const windows = Array.from({ length: baselineWindows + 1 }, () => []);
    for (const s of samples) {
      const age = Math.floor((now - s.at) / windowMs);
      if (age >= 0 && age <= baselineWindows)
        windows[baselineWindows - age]?.push(s);
    }
    const cost = (s) => {
      const p = prices[s.backend];
      return p ? (s.inputTokens * p.inputPerMillion + s.outputTokens * p.outputPerMillion) / 1e6 : 0;
    };
    const hasPrices = Object.values(prices).some((p) => p !== void 0);
    const compute = (w) => {
      if (w.length === 0)
        return { latencyP95: void 0, ttftP95: void 0, errorRate: void 0, tokensPerRequest: void 0, costPerHour: void 0, costPerDay: void 0 };
      const spent = w.reduce((s, x) => s + cost(x), 0);
      const perSecond = spent / (windowMs / 1e3);
      return {
        latencyP95: p95(w.map((s) => s.latencyMs)),
        ttftP95: p95(w.flatMap((s) => s.ttftMs === void 0 ? [] : [s.ttftMs])),
        errorRate: w.filter((s) => !s.ok).length / w.length,
        tokensPerRequest: w.reduce((s, x) => s + x.inputTokens + x.outputTokens, 0) / w.length,
        costPerHour: hasPrices ? perSecond * 3600 : void 0,
        costPerDay: hasPrices ? perSecond * 86400 : void 0
      };
    };
    const values = windows.map(compute);
    const current = values.at(-1);
    const baseline = values.slice(0, -1).filter((_, i) => (windows[i]?.length ?? 0) > 0);
    const metrics = Object.fromEntries(SLO_METRICS.map((m) => [m, { current: current[m], baseline: baseline.flatMap((v) => v[m] === void 0 ? [] : [v[m]]) }]));
    return { requests: windows.at(-1)?.length ?? 0, metrics };
  }
};

// packages/monitor/lib/internal/slo/evaluate.js
var UNITS = {
  latencyP95: "ms",
  ttftP95: "ms",
  errorRate: "",
  tokensPerRequest: "tokens",
  costPerHour: "USD/h",
  costPerDay: "USD/day"
};
var MIN_SCALE = {
  latencyP95: { abs: 25, rel: 0.1 },
  ttftP95: { abs: 25, rel: 0.1 },
  errorRate: { abs: 0.01, rel: 0.1 },
  tokensPerRequest: { abs: 1, rel: 0.05 },
  costPerHour: { abs: 1e-3, rel: 0.25 },
  costPerDay: { abs: 0.01, rel: 0.25 }
};
function minScale(metric, baseline) {
  const sorted = [...baseline].sort((a, b) => a - b);
  const mid = Math.abs(sorted[Math.floor(sorted.length / 2)] ?? 0);
  return Math.max(MIN_SCALE[metric].abs, MIN_SCALE[metric].rel * mid);
}
function formatValue(metric, v) {
  if (v === void 0)
    return "no data";
  if (metric === "errorRate")
    return `${(v * 100).toFixed(2)}%`;
  if (metric === "costPerHour" || metric === "costPerDay")
    return `$${v.toFixed(v < 1 ? 4 : 2)}`;
  return `${v.toFixed(v < 10 ? 2 : 0)} ${UNITS[metric]}`;
}
function evaluateSlos(readings, o) {
  const findings = [];
  for (const metric of SLO_METRICS) {
    const { current, baseline } = readings.metrics[metric];
    const objective = o.objectives[metric];
    const unit = UNITS[metric];
    const f = { metric, unit, value: current, objective, level: "ok", baseline, reason: "" };
    if (readings.requests < o.minRequests) {
      f.level = "insufficient";
      f.reason = `sample too small: ${readings.requests} requests in the window, ${o.minRequests} needed`;
      findings.push(f);
      continue;
    }
    if (current === void 0) {
      if (objective === void 0)
        continue;
      f.level = "insufficient";
      f.reason = "no data in the window";
      findings.push(f);
      continue;
    }
    const reasons = [];
    if (objective !== void 0) {
      if (current > objective) {
        f.level = "breach";
        reasons.push(`${formatValue(metric, current)} is over the objective ${formatValue(metric, objective)}`);
      } else if (current > objective * o.warnAt) {
        f.level = "warn";
        reasons.push(`${formatValue(metric, current)} is past ${Math.round(o.warnAt * 100)}% of the objective ${formatValue(metric, objective)}`);
      } else
        reasons.push(`${formatValue(metric, current)} within ${formatValue(metric, objective)}`);
    }
    if (o.anomaly.method !== "off") {
      if (baseline.length >= o.anomaly.minBaseline) {
        const a = o.anomaly.method === "ewma" ? ewma(baseline, current, o.anomaly.threshold, 0.3, minScale(metric, baseline)) : robustZ(baseline, current, o.anomaly.threshold, minScale(metric, baseline));
        f.anomaly = a;
        if (a.anomalous) {
          reasons.push(`anomalous against the trailing ${baseline.length} windows (${a.method} ${a.score.toFixed(1)} > ${o.anomaly.threshold})`);
          if (f.level === "ok" || f.level === "warn" && o.anomaly.severity === "breach")
            f.level = o.anomaly.severity;
        }
      } else if (objective !== void 0 || baseline.length > 0) {
        reasons.push(`baseline too short for anomalies (${baseline.length} of ${o.anomaly.minBaseline} windows)`);
      }
    }
    if (objective === void 0 && !f.anomaly)
      continue;
    f.reason = reasons.join("; ");
    findings.push(f);
  }
  return findings;
}

// packages/monitor/lib/internal/report.js
var ICON = { ok: "\u2705", warn: "\u26A0\uFE0F", breach: "\u{1F6A8}", insufficient: "\u2796", drift: "\u26A0\uFE0F" };
function worst(levels) {
  return levels.includes("breach") ? "breach" : levels.includes("warn") ? "warn" : "ok";
}
function driftLevel(t) {
  if (t.status !== "drift")
    return "ok";
  return t.severity === "major" ? "breach" : "warn";
}
function num(x, digits = 3) {
  return x === void 0 ? "\u2013" : Number.isInteger(x) ? String(x) : x.toPrecision(digits);
}
function chartNumber(x) {
  return String(Math.round(x * 1e3) / 1e3);
}
function sloChart(f) {
  const points = [...f.baseline, ...f.value === void 0 ? [] : [f.value]];
  if (points.length < 2)
    return "";
  const labels = points.map((_, i) => i === points.length - 1 ? '"now"' : `"-${points.length - 1 - i}"`);
  const lines = [`    line [${points.map(chartNumber).join(", ")}]`];
  if (f.objective !== void 0)
    lines.push(`    line [${points.map(() => chartNumber(f.objective)).join(", ")}]`);
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${f.metric}${f.unit ? ` (${f.unit})` : ""}: trailing windows and now${f.objective !== void 0 ? ", objective" : ""}"`,
    `    x-axis [${labels.join(", ")}]`,
    ...lines,
    "```"
  ].join("\n");
}
function shareChart(t) {
  if (!t.reference || !t.current || t.test !== "chi-square")
    return "";
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(t.reference), ...Object.keys(t.current)])].slice(0, 12);
  const safe = (k) => `"${k.replace(/[^\w .-]/g, "_")}"`;
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${t.name.replace(/"/g, "")}: reference (first bar) and current shares"`,
    `    x-axis [${keys.map(safe).join(", ")}]`,
    '    y-axis "share" 0 --> 1',
    `    bar [${keys.map((k) => chartNumber(t.reference?.[k] ?? 0)).join(", ")}]`,
    `    bar [${keys.map((k) => chartNumber(t.current?.[k] ?? 0)).join(", ")}]`,
    "```"
  ].join("\n");
}
function effectText(t) {
  const e = t.effect ?? {};
  const parts = [];
  if (e.psi !== void 0)
    parts.push(`PSI ${e.psi.toFixed(3)}`);
  if (e.auc !== void 0)
    parts.push(`AUC ${e.auc.toFixed(3)} (null ${(e.aucThreshold ?? 0.5).toFixed(3)})`);
  if (e.referenceRate !== void 0)
    parts.push(`${(e.referenceRate * 100).toFixed(1)}% \u2192 ${((e.currentRate ?? 0) * 100).toFixed(1)}%`);
  if (t.test === "ks" && t.reference && t.current)
    parts.push(`median ${num(t.reference.median)} \u2192 ${num(t.current.median)}`);
  return parts.join(", ");
}
function reportMarkdown(r, extra = []) {
  const out = [`### ${ICON[r.verdict]} Monitor of ${escapeMarkdown(r.environment)}: **${r.verdict}**`, ""];
  out.push(`Window ${r.windowSeconds} s from ${r.source}, at ${r.at}.`, "");
  if (r.reasons.length)
    out.push(...r.reasons.map((x) => `- ${escapeMarkdown(x)}`), "");
  if (r.slos.length) {
    const rows = r.slos.map((f) => [
      ICON[f.level] ?? "",
      f.metric,
      escapeMarkdown(formatValue(f.metric, f.value)),
      f.objective === void 0 ? "\u2013" : escapeMarkdown(formatValue(f.metric, f.objective)),
      f.anomaly ? `${f.anomaly.method} ${f.anomaly.score.toFixed(1)}` : "\u2013",
      escapeMarkdown(f.reason)
    ]);
    out.push("#### SLOs", "", markdownTable(["", "metric", "now", "objective", "anomaly score", "why"], rows, ["center"]), "");
  }
  if (r.drift) {
    const d = r.drift;
    out.push("#### Drift", "", `${d.currentSize} current exchanges (${escapeMarkdown(d.current)}) against ${d.referenceSize} reference (${escapeMarkdown(d.reference)}); Holm-corrected, family-wise \u03B1 = ${d.alpha}; ${Math.round(d.elapsedMs)} ms.`, "");
    const rows = d.tests.map((t) => [
      ICON[t.status === "drift" ? driftLevel(t) : t.status] ?? "",
      escapeMarkdown(t.name),
      t.test,
      num(t.statistic),
      num(t.pValue),
      num(t.adjustedP),
      escapeMarkdown(effectText(t)),
      t.severity,
      escapeMarkdown(t.note ?? "")
    ]);
    out.push(markdownTable(["", "feature", "test", "statistic", "p", "adjusted p", "effect", "severity", "note"], rows, ["center"]), "");
  }
  const charts = [
    ...r.slos.filter((f) => f.level === "warn" || f.level === "breach" || f.objective !== void 0).map(sloChart),
    ...r.drift?.tests.filter((t) => t.status === "drift").map(shareChart) ?? []
  ].filter(Boolean);
  if (charts.length)
    out.push("<details><summary>Charts</summary>", "", ...charts.flatMap((c) => [c, ""]), "</details>", "");
  if (r.notes.length)
    out.push("**Not judged:**", "", ...r.notes.map((n) => `- ${escapeMarkdown(n)}`), "");
  out.push(...extra);
  return `${out.join("\n")}
`;
}
function ecsLines(r) {
  const base = {
    "@timestamp": r.at,
    "ecs.version": "8.11.0",
    "service.name": "slipway-monitor",
    "service.environment": r.environment,
    "event.kind": r.verdict === "ok" ? "metric" : "alert",
    "event.category": ["web"],
    "event.dataset": "slipway.monitor"
  };
  const level = (v) => v === "breach" ? "error" : v === "warn" ? "warn" : "info";
  const lines = [
    {
      ...base,
      "log.level": level(r.verdict),
      "event.action": "verdict",
      "event.outcome": r.verdict === "ok" ? "success" : "failure",
      // Each reason already names its own level ("breach: errorRate …"), so the verdict is not repeated before them.
      message: `monitor ${r.environment}: ${r.reasons.length ? r.reasons.join("; ") : r.verdict}`,
      "slipway.verdict": r.verdict
    },
    ...r.slos.map((f) => ({
      ...base,
      "log.level": level(f.level),
      "event.action": "slo",
      message: `${f.metric}: ${f.reason}`,
      "slipway.metric": f.metric,
      "slipway.value": f.value ?? null,
      "slipway.objective": f.objective ?? null,
      "slipway.level": f.level,
      "slipway.anomaly_score": f.anomaly?.score ?? null
    })),
    ...(r.drift?.tests ?? []).map((t) => ({
      ...base,
      "log.level": level(t.status === "drift" ? driftLevel(t) : "ok"),
      "event.action": "drift",
      message: `${t.name}: ${t.status}${t.note ? ` (${t.note})` : ""}`,
      "slipway.feature": t.name,
      "slipway.test": t.test,
      "slipway.p_value": t.pValue ?? null,
      "slipway.adjusted_p": t.adjustedP ?? null,
      "slipway.severity": t.severity
    }))
  ];
  return lines.map((l) => JSON.stringify(l));
}

// packages/monitor/lib/monitor.js
import { mkdir, writeFile } from "node:fs/promises";
import path2 from "node:path";
var DEFAULT_WINDOW = "5m";
async function runMonitor(rt, o) {
  const now = o.now ?? Date.now;
  const loaded = await loadConfig({ dir: rt.cwd, ...o.configFile ? { file: o.configFile } : {} });
  const m = loaded.config.monitor ?? {};
  const deploy = loaded.config.deploy ?? {};
  const environment = o.environment ?? m.environment ?? deploy.environment ?? "production";
  const windowText = o.window ?? m.window ?? DEFAULT_WINDOW;
  const windowMs = durationToMs(windowText);
  if (!(windowMs >= 1e3))
    throw new InputError("window", `"${windowText}" is shorter than a second`, { hint: "use a duration such as 5m" });
  const adminUrl = o.gatewayAdminUrl ?? deploy.gateway?.adminUrl;
  const tokenEnv = deploy.gateway?.tokenEnv ?? "SLIPWAY_GATEWAY_ADMIN_TOKEN";
  const token = o.gatewayToken ?? process.env[tokenEnv];
  if (token)
    rt.setSecret(token);
  const gateway = adminUrl && token ? new GatewayAdminClient(adminUrl, token, "slipway-monitor") : void 0;
  const prometheusUrl = o.prometheusUrl ?? m.prometheusUrl;
  const sourceName = o.source ?? m.source ?? (o.prometheusUrl ? "prometheus" : "gateway");
  let source;
  if (sourceName === "prometheus") {
    if (!prometheusUrl)
      throw new InputError("prometheus-url", "is required with source prometheus (or monitor.prometheusUrl)", { hint: "e.g. http://prometheus:9090" });
    source = new PrometheusSloSource(prometheusUrl, m.selector ?? "", now);
  } else {
    if (!gateway)
      throw new InputError("gateway-admin-url", `and a gateway token (input gateway-token or $${tokenEnv}) are required to read the gateway's stats`, {
        hint: "or set prometheus-url to read Prometheus instead"
      });
    source = new GatewaySloSource(gateway, async () => {
      const cfg = await gatewayConfig(gateway) ?? {};
      return Object.fromEntries(Object.entries(cfg).map(([k, b]) => [k, b.price]));
    }, now);
  }
  const slos = m.slos ?? {};
  const objectives = {
    ...slos.latencyP95 ? { latencyP95: durationToMs(slos.latencyP95) } : {},
    ...slos.ttftP95 ? { ttftP95: durationToMs(slos.ttftP95) } : {},
    ...slos.errorRate !== void 0 ? { errorRate: slos.errorRate } : {},
    ...slos.tokensPerRequest !== void 0 ? { tokensPerRequest: slos.tokensPerRequest } : {},
    ...slos.costPerHour !== void 0 ? { costPerHour: slos.costPerHour } : {},
    ...slos.costPerDay !== void 0 ? { costPerDay: slos.costPerDay } : {}
  };
  const baselineWindows = m.anomaly?.baselineWindows ?? 12;
  const readings = await rt.group(`SLOs from ${source.name}`, () => source.read(windowMs, baselineWindows).catch((error) => {
    if (UserError.is(error))
      throw error;
    const where = source.name === "prometheus" ? `Prometheus at ${prometheusUrl}` : `the gateway admin API at ${adminUrl}`;
    throw new UserError(`cannot read metrics from ${where}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: source.name === "prometheus" ? "check prometheus-url (monitor.prometheusUrl)" : "check gateway-admin-url and the admin token"
    });
  }));
  const findings = evaluateSlos(readings, {
    objectives,
    warnAt: slos.warnAt ?? 0.8,
    minRequests: slos.minRequests ?? 20,
    anomaly: { method: m.anomaly?.method ?? "robust-z", threshold: m.anomaly?.threshold ?? 4, severity: m.anomaly?.severity ?? "warn", minBaseline: 5 }
  });
  const requestLog = o.requestLog ?? m.drift?.requestLog;
  const referenceSpec = o.reference ?? m.drift?.reference;
  let drift;
  const notes = findings.filter((f) => f.level === "insufficient").map((f) => `${f.metric}: ${f.reason}`);
  if (requestLog && referenceSpec) {
    const stateDir = path2.resolve(loaded.dir, o.stateDir ?? deploy.state ?? ".slipway/state");
    const live = referenceSpec === "first-day" ? await new FolderRolloutStore(stateDir).load(environment).catch(() => void 0) : void 0;
    const sets = await exchangeSets({
      requestLog,
      reference: referenceSpec,
      windowMs: durationToMs(o.driftWindow ?? m.drift?.window ?? "1h"),
      // Paths from inputs are relative to the working directory; paths from slipway.yml to the file.
      cwd: o.requestLog || o.reference ? rt.cwd : loaded.dir,
      gateway,
      since: live ? Date.parse(live.startedAt) : void 0,
      now: now()
    });
    const embeddings = m.drift?.embeddings;
    const report2 = await rt.group("drift", () => checkDrift(sets.reference, sets.current, {
      ...m.drift?.alpha !== void 0 ? { alpha: m.drift.alpha } : {},
      ...m.drift?.minSamples !== void 0 ? { minSamples: m.drift.minSamples } : {},
      ...m.drift?.permutations !== void 0 ? { permutations: m.drift.permutations } : {},
      ...m.drift?.refusalPatterns ? { refusalPatterns: m.drift.refusalPatterns } : {},
      ...embeddings ? { embed: openAiEmbedder(embeddings.url, embeddings.model, embeddings.apiKeyEnv ? process.env[embeddings.apiKeyEnv] : void 0) } : {}
    }));
    drift = { ...report2, ...sets.describe };
    notes.push(...report2.tests.filter((t) => t.status === "insufficient").map((t) => `${t.name}: ${t.note ?? "sample too small"}`));
  } else if (requestLog || referenceSpec) {
    notes.push("drift: needs both a request log and a reference (drift.requestLog and drift.reference)");
  }
  const reasons = [
    ...findings.filter((f) => f.level === "warn" || f.level === "breach").map((f) => `${f.level}: ${f.metric}: ${f.reason}`),
    ...(drift?.tests ?? []).filter((t) => t.status === "drift").map((t) => `${driftLevel(t)}: drift of ${t.name} (${t.test}, adjusted p ${(t.adjustedP ?? 1).toPrecision(2)}, ${t.severity})`)
  ];
  const verdict = worst([...findings.map((f) => f.level), ...(drift?.tests ?? []).map(driftLevel)]);
  const report = {
    environment,
    verdict,
    at: new Date(now()).toISOString(),
    source: source.name,
    windowSeconds: windowMs / 1e3,
    slos: findings,
    drift,
    reasons,
    notes
  };
  const outDir = path2.resolve(rt.cwd, o.outDir ?? ".slipway/monitor");
  await mkdir(outDir, { recursive: true });
  const reportFile = path2.join(outDir, "report.json");
  await writeFile(reportFile, `${JSON.stringify(report, null, 2)}
`);
  const ecs = ecsLines(report);
  await writeFile(path2.join(outDir, "events.ndjson"), `${ecs.join("\n")}
`);
  const verdictLine = ecs[0] ?? "";
  if (verdict === "ok")
    rt.log.info(verdictLine);
  else
    rt.log.warn(verdictLine);
  let rolledBack;
  let rollbackError;
  const extra = [];
  if (verdict === "breach" && (o.onBreach ?? m.onBreach) === "rollback") {
    const why2 = `slipway monitor: ${reasons.filter((r) => r.startsWith("breach")).join("; ")}`.slice(0, 500);
    try {
      const result = await rollbackDeployment(rt, {
        environment,
        reason: why2,
        ...o.configFile ? { configFile: o.configFile } : {},
        ...adminUrl ? { gatewayAdminUrl: adminUrl } : {},
        ...token ? { gatewayToken: token } : {},
        ...o.route ? { route: o.route } : {},
        ...o.stateDir ? { stateDir: o.stateDir } : {},
        ...o.githubToken ? { githubToken: o.githubToken } : {}
      });
      rolledBack = result.rolledBack;
      extra.push(`**Rolled back:** ${result.noop ? "nothing was live; traffic confirmed on stable" : `${result.rolledBack} \u2192 ${result.restored ?? "the stable backend"}`}. Reason recorded: ${why2.replace(/[<>]/g, "")}`);
    } catch (error) {
      rollbackError = error;
      const message = error instanceof Error ? error.message : String(error);
      rt.log.error(`rollback of ${environment} failed: ${message}`);
      extra.push(`**Rollback failed:** ${escapeMarkdown(message)}`);
      reasons.push(`breach: the rollback failed: ${message}`);
    }
  }
  const markdown = reportMarkdown(report, extra);
  await rt.appendSummary(markdown);
  const github = o.github ?? (o.githubToken && process.env.GITHUB_ACTIONS === "true" ? await readGitHubContext(process.env, o.githubToken) : void 0);
  if (o.githubToken)
    rt.setSecret(o.githubToken);
  let incident;
  if (github) {
    if (m.alerts?.issue !== false) {
      incident = await upsertIncident(github, {
        environment,
        verdict,
        title: `Monitor: ${environment} ${verdict}${reasons[0] ? `: ${reasons[0].replace(/^\w+: /, "")}` : ""}`.slice(0, 200),
        body: markdown,
        labels: m.alerts?.labels ?? ["slipway-incident"]
      }, rt.log);
    }
    if (m.alerts?.check !== false) {
      await createCheckRun(github, {
        name: `slipway monitor (${environment})`,
        conclusion: verdict === "breach" ? "failure" : verdict === "warn" ? "neutral" : "success",
        title: `${environment}: ${verdict}`,
        summary: markdown,
        annotations: []
      }, rt.log);
    }
  }
  const webhookUrl = o.webhookUrl ?? (m.alerts?.webhookEnv ? process.env[m.alerts.webhookEnv] : void 0);
  if (webhookUrl && verdict !== "ok") {
    rt.setSecret(webhookUrl);
    const link = incident?.done ? [`incident: ${incident.url}`] : [];
    await postWebhook(webhookUrl, `Slipway monitor: ${environment} is ${verdict.toUpperCase()}${rolledBack ? " (rolled back)" : ""}`, [...reasons, ...link], rt.log);
  }
  rt.setOutput("verdict", verdict);
  rt.setOutput("breaches", String(reasons.filter((r) => r.startsWith("breach")).length));
  rt.setOutput("warnings", String(reasons.filter((r) => r.startsWith("warn")).length));
  rt.setOutput("report", reportFile);
  rt.setOutput("issue-url", incident?.done ? incident.url ?? "" : "");
  if (rolledBack === void 0)
    rt.setOutput("rolled-back", "");
  rt.log.info(`${environment}: ${verdict}${reasons.length ? ` (${reasons.length} finding${reasons.length === 1 ? "" : "s"})` : ""}`);
  if (rollbackError !== void 0)
    throw rollbackError;
  const failOn = o.failOn ?? "breach";
  if (failOn === "breach" && verdict === "breach" || failOn === "warn" && verdict !== "ok") {
    throw new GateError(`monitor of ${environment}: ${verdict}: ${reasons[0] ?? ""}${reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : ""}`);
  }
  return { verdict, report, incident, rolledBack, reportFile };
}
async function gatewayConfig(client) {
  const answer = await client.config().catch(() => void 0);
  return answer?.config.backends;
}
export {
  GatewaySloSource,
  PrometheusSloSource,
  SLO_METRICS,
  checkDrift,
  chiSquareSf,
  chiSquareTest,
  classifierDriftTest,
  ecsLines,
  evaluateSlos,
  ewma,
  exchangeSets,
  gammaQ,
  holm,
  incidentMarker,
  kolmogorovSf,
  ksStatistic,
  ksTest,
  languageOf,
  mmdTest,
  openAiEmbedder,
  postWebhook,
  psi,
  psiCounts,
  readExchanges,
  readMonitorInputs,
  refusalDetector,
  reportMarkdown,
  robustZ,
  rocAuc,
  runMonitor,
  tokenize,
  upsertIncident
};
