import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  DeploymentMirror,
  createClient,
  readGitHubContext
} from "./chunk-GQTYVFXW.js";
import {
  GatewayAdminClient
} from "./chunk-BU3NVWCM.js";
import {
  durationToMs,
  parseStrategy,
  systemClock
} from "./chunk-KF4PDUCQ.js";
import {
  FolderRolloutStore
} from "./chunk-HHQKCUDB.js";
import {
  binomialSf,
  median,
  normalQuantile,
  normalSf,
  quantile
} from "./chunk-YV4XVOQ2.js";
import {
  canaryStrategySchema,
  loadConfig,
  metricSchema,
  parseYamlWithSchema,
  rollingStrategySchema
} from "./chunk-FZWWJKAS.js";
import {
  FolderReleaseStore,
  currentRelease,
  lastHealthyRelease,
  sealRelease
} from "./chunk-EAOUHZ3V.js";
import {
  ConfigError,
  GateError,
  HttpError,
  InputError,
  UserError,
  escapeMarkdown,
  mapLimit,
  markdownTable,
  readInputs,
  retry
} from "./chunk-66CZKWGL.js";

// packages/delivery/lib/analysis/metric.js
var OUTCOME_SEVERITY = { error: 4, fail: 3, inconclusive: 2, running: 1, pass: 0 };

// packages/delivery/lib/analysis/sequential.js
function spentAlpha(t, alpha, kind) {
  const f = Math.min(1, Math.max(0, t));
  if (f === 0)
    return 0;
  switch (kind) {
    case "pocock":
      return alpha * Math.log(1 + (Math.E - 1) * f);
    case "linear":
      return alpha * f;
    case "obrien-fleming": {
      const z = normalQuantile(1 - alpha / 2);
      return Math.min(alpha, 2 * normalSf(z / Math.sqrt(f)));
    }
  }
}
var LOW = -8;
var HIGH = 10;
var memo = /* @__PURE__ */ new Map();
var MEMO_LIMIT = 4096;
var AlphaSpender = class {
  alpha;
  kind;
  spent = 0;
  key;
  lastT = 0;
  /** Sub-density of S at the last look over the grid, restricted to paths that never crossed. */
  density;
  lastBoundary = Number.POSITIVE_INFINITY;
  step;
  grid;
  constructor(alpha, kind = "pocock", resolution = 0.01) {
    this.alpha = alpha;
    this.kind = kind;
    this.step = resolution;
    this.key = `${alpha}|${kind}|${resolution}`;
    const n = Math.round((HIGH - LOW) / resolution) + 1;
    this.grid = Float64Array.from({ length: n }, (_, i) => LOW + i * resolution);
  }
  /**
   * The one-sided nominal p-value a look at information fraction `t` may reject at, i.e.
   * P(Z > boundary). Zero when no alpha is left or time did not move.
   */
  levelAt(t) {
    const z = this.boundaryAt(t);
    return Number.isFinite(z) ? normalSf(z) : 0;
  }
  /** The z boundary for a look at information fraction `t` (Infinity: this look cannot reject). */
  boundaryAt(t) {
    const tt = Math.min(1, Math.max(0, t));
    if (tt <= this.lastT)
      return Number.POSITIVE_INFINITY;
    this.key += `|${tt}`;
    let look = memo.get(this.key);
    if (!look) {
      const target = spentAlpha(tt, this.alpha, this.kind) - this.spent;
      const next = this.propagate(tt);
      look = { ...this.cut(next, target, tt), density: next };
      if (memo.size >= MEMO_LIMIT)
        memo.clear();
      memo.set(this.key, look);
    }
    const { boundary, crossed } = look;
    this.density = look.density;
    this.spent += crossed;
    this.lastT = tt;
    this.lastBoundary = boundary;
    return boundary / Math.sqrt(tt);
  }
  get total() {
    return this.spent;
  }
  /** Density of S at `t` over the grid, from the last look's surviving density (or from 0). */
  propagate(t) {
    const out = new Float64Array(this.grid.length);
    const dt = t - this.lastT;
    const sd = Math.sqrt(dt);
    const norm = 1 / (sd * Math.sqrt(2 * Math.PI));
    if (!this.density) {
      for (let i = 0; i < out.length; i++) {
        const x = this.grid[i];
        out[i] = norm * Math.exp(-(x * x) / (2 * dt));
      }
      return out;
    }
    const reach = Math.ceil(9 * sd / this.step);
    const kernel = new Float64Array(2 * reach + 1);
    for (let k = -reach; k <= reach; k++)
      kernel[k + reach] = norm * Math.exp(-((k * this.step) ** 2) / (2 * dt)) * this.step;
    const src = this.density;
    for (let j = 0; j < src.length; j++) {
      const mass = src[j];
      if (mass === 0 || this.grid[j] > this.lastBoundary)
        continue;
      const lo = Math.max(0, j - reach);
      const hi = Math.min(out.length - 1, j + reach);
      for (let i = lo; i <= hi; i++)
        out[i] = out[i] + mass * kernel[i - j + reach];
    }
    return out;
  }
  /** Finds the boundary whose upper-tail mass is `target`; keeps the density below it for the next look. */
  cut(density, target, t) {
    if (target <= 0)
      return { boundary: Number.POSITIVE_INFINITY, crossed: 0 };
    let tail = 0;
    for (let i = density.length - 1; i > 0; i--) {
      const cell = (density[i] + density[i - 1]) / 2 * this.step;
      if (tail + cell >= target) {
        const frac = (target - tail) / cell;
        const boundary = this.grid[i] - frac * this.step;
        return { boundary, crossed: target };
      }
      tail += cell;
    }
    return { boundary: LOW * Math.sqrt(t), crossed: tail };
  }
};

// packages/delivery/lib/analysis/tests.js
function twoProportionTest(stable, canary, margin = 0) {
  const effect = canary.trials && stable.trials ? canary.events / canary.trials - stable.events / stable.trials : 0;
  const base = { effect, nStable: stable.trials, nCanary: canary.trials };
  if (stable.trials === 0 || canary.trials === 0)
    return { ...base, pValue: 1, z: 0 };
  if (margin === 0) {
    const total = stable.events + canary.events;
    const p = binomialSf(canary.events, total, canary.trials / (canary.trials + stable.trials));
    const z2 = -normalQuantile(Math.min(1 - 1e-16, Math.max(p, 1e-300)));
    return { ...base, pValue: p, z: z2 };
  }
  const ps = (stable.events + 1) / (stable.trials + 2);
  const pc = (canary.events + 1) / (canary.trials + 2);
  const se = Math.sqrt(ps * (1 - ps) / (stable.trials + 2) + pc * (1 - pc) / (canary.trials + 2));
  const z = (pc - ps - margin) / se;
  return { ...base, pValue: normalSf(z), z };
}
function mannWhitneyTest(stable, canary, tolerance = 0) {
  const n1 = canary.length;
  const n2 = stable.length;
  const scaled = canary.map((x) => x / (1 + tolerance));
  const effect = n1 && n2 ? median(canary) / median(stable) - 1 : 0;
  if (n1 === 0 || n2 === 0)
    return { pValue: 1, z: 0, effect, nStable: n2, nCanary: n1 };
  const c = Float64Array.from(scaled).sort();
  const st = Float64Array.from(stable).sort();
  let rankSumCanary = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let rank = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || i < n1 && c[i] <= st[j] ? c[i] : st[j];
    let inC = 0;
    let inS = 0;
    while (i < n1 && c[i] === v) {
      i++;
      inC++;
    }
    while (j < n2 && st[j] === v) {
      j++;
      inS++;
    }
    const t = inC + inS;
    rankSumCanary += inC * (rank + (t + 1) / 2);
    rank += t;
    tieTerm += t ** 3 - t;
  }
  const u = rankSumCanary - n1 * (n1 + 1) / 2;
  const n = n1 + n2;
  const mean = n1 * n2 / 2;
  const variance = n1 * n2 / 12 * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0)
    return { pValue: 1, z: 0, effect, nStable: n2, nCanary: n1 };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { pValue: normalSf(z), z, effect, nStable: n2, nCanary: n1 };
}
function wilcoxonSignedRankTest(pairs, tolerance = 0) {
  const diffs = pairs.map(([s, c]) => s - c - tolerance).filter((d) => d !== 0);
  const effect = pairs.length ? pairs.reduce((sum, [s, c]) => sum + (c - s), 0) / pairs.length : 0;
  const n = diffs.length;
  if (n === 0)
    return { pValue: 1, z: 0, effect, nStable: pairs.length, nCanary: pairs.length };
  const sorted = diffs.map((d) => ({ a: Math.abs(d), pos: d > 0 })).sort((x, y) => x.a - y.a);
  let wPlus = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && sorted[j + 1].a === sorted[i].a)
      j++;
    const rank = (i + j + 2) / 2;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++)
      if (sorted[k].pos)
        wPlus += rank;
    i = j + 1;
  }
  const mean = n * (n + 1) / 4;
  const variance = n * (n + 1) * (2 * n + 1) / 24 - tieTerm / 48;
  const z = (wPlus - mean - 0.5) / Math.sqrt(variance);
  return { pValue: normalSf(z), z, effect, nStable: pairs.length, nCanary: pairs.length };
}

// packages/delivery/lib/analysis/judge.js
var CanaryJudge = class {
  options;
  metrics;
  spenders;
  counts = /* @__PURE__ */ new Map();
  limits;
  constructor(metrics, options) {
    this.options = options;
    this.metrics = metrics.map((m) => metricSchema.parse(m));
    const alpha = options.alpha ?? 0.05;
    const acting = Math.max(1, this.metrics.filter((m) => !m.dryRun).length);
    this.spenders = new Map(this.metrics.map((m) => [m.name, new AlphaSpender(alpha / acting, options.spending ?? "pocock")]));
    this.limits = { fail: 0, error: 1, inconclusive: 0, ...options.limits };
  }
  /** Judges the observations gathered so far; `final` closes the analysis with pass or inconclusive. */
  look(observations, elapsedMs, final = elapsedMs >= this.options.plannedDurationMs) {
    const t = Math.min(1, elapsedMs / this.options.plannedDurationMs);
    const verdicts = this.metrics.map((m) => this.judgeMetric(m, observations[m.name], t, final));
    let outcome = final ? "pass" : "running";
    for (const v of verdicts) {
      if (v.dryRun || v.outcome === "pass" || v.outcome === "running")
        continue;
      const counts = this.counts.get(v.name) ?? { fail: 0, error: 0, inconclusive: 0 };
      counts[v.outcome]++;
      this.counts.set(v.name, counts);
      if (counts[v.outcome] > this.limits[v.outcome] && OUTCOME_SEVERITY[v.outcome] > OUTCOME_SEVERITY[outcome])
        outcome = v.outcome;
    }
    if (final && outcome === "running")
      outcome = "pass";
    return { outcome, elapsedMs, final, metrics: verdicts };
  }
  judgeMetric(m, obs, t, final) {
    const base = { name: m.name, dryRun: m.dryRun };
    if (obs === void 0 || obs instanceof Error) {
      return { ...base, outcome: "error", reason: obs ? `source failed: ${obs.message}` : "no data from the source", nCanary: 0 };
    }
    if (obs.test !== m.test)
      return { ...base, outcome: "error", reason: `expected ${m.test} data, got ${obs.test}`, nCanary: 0 };
    const level = this.spenders.get(m.name).levelAt(t);
    const { result, value } = compare(m, obs);
    const shared2 = { ...base, pValue: result.pValue, level, effect: result.effect, value, nCanary: result.nCanary };
    if (result.nCanary < m.minSample) {
      return final ? { ...shared2, outcome: "inconclusive", reason: `only ${result.nCanary} canary samples, ${m.minSample} needed` } : { ...shared2, outcome: "running", reason: `${result.nCanary}/${m.minSample} samples` };
    }
    if (m.max !== void 0 && value > m.max)
      return { ...shared2, outcome: "fail", reason: `canary ${fmt(value)} is above the limit ${m.max}` };
    if (m.min !== void 0 && value < m.min)
      return { ...shared2, outcome: "fail", reason: `canary ${fmt(value)} is below the limit ${m.min}` };
    if (result.pValue <= level) {
      return {
        ...shared2,
        outcome: "fail",
        reason: `canary worse than stable beyond tolerance ${m.tolerance} (effect ${fmt(result.effect)}, p=${result.pValue.toExponential(2)} \u2264 ${level.toExponential(2)})`
      };
    }
    return final ? { ...shared2, outcome: "pass", reason: `no significant regression (effect ${fmt(result.effect)}, p=${fmt(result.pValue)})` } : { ...shared2, outcome: "running", reason: `no regression so far (p=${fmt(result.pValue)})` };
  }
};
function compare(m, obs) {
  const worseIsHigher = m.direction === "lower-is-better";
  switch (obs.test) {
    case "proportion": {
      const flip = (p) => worseIsHigher ? p : { events: p.trials - p.events, trials: p.trials };
      const value = obs.canary.trials ? obs.canary.events / obs.canary.trials : 0;
      return { result: twoProportionTest(flip(obs.stable), flip(obs.canary), m.tolerance), value };
    }
    case "distribution": {
      const inv = (xs) => xs.map((x) => 1 / x);
      const result = worseIsHigher ? mannWhitneyTest(obs.stable, obs.canary, m.tolerance) : mannWhitneyTest(inv(obs.stable), inv(obs.canary), m.tolerance);
      return { result, value: statOf(obs.canary, m.stat) };
    }
    case "paired": {
      const pairs = worseIsHigher ? obs.pairs.map(([s, c]) => [c, s]) : obs.pairs;
      const mean = obs.pairs.length ? obs.pairs.reduce((sum, [, c]) => sum + c, 0) / obs.pairs.length : Number.NaN;
      return { result: wilcoxonSignedRankTest(pairs, m.tolerance), value: mean };
    }
  }
}
function statOf(xs, stat) {
  if (stat === "mean")
    return xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
  if (stat === "median")
    return median(xs);
  return quantile(xs, Number(stat.slice(1)) / 100);
}
function fmt(x) {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2);
}

// packages/delivery/lib/capability.js
import { readFile } from "node:fs/promises";
import path2 from "node:path";

// packages/delivery/lib/combine.js
function combineSources(...sources) {
  return {
    async collect(window) {
      const results = await Promise.allSettled(sources.map((s) => s.collect(window)));
      const out = {};
      for (const r of results) {
        if (r.status === "fulfilled")
          Object.assign(out, r.value);
      }
      const failure = results.find((r) => r.status === "rejected");
      if (failure && Object.keys(out).length === 0)
        throw failure.reason;
      return out;
    }
  };
}

// packages/delivery/lib/controller.js
var quiet = { debug() {
}, info() {
}, warn() {
}, error() {
} };
async function runCanary(o) {
  const strategy = parseStrategy(canaryStrategySchema, o.strategy, "canary strategy", "see docs/delivery.md for the strategy format");
  const clock = o.clock ?? systemClock;
  const log = o.log ?? quiet;
  const iso = () => new Date(clock.now()).toISOString();
  let state = await o.store.load(o.environment);
  const retirePending = (s) => s.status === "promoted" && strategy.retire !== void 0 && !s.retiredAt;
  if (state && state.releaseId === o.releaseId && (state.status === "promoted" || state.status === "rolled-back") && !retirePending(state)) {
    log.info(`release ${short(o.releaseId)} already ${state.status} in ${o.environment}; nothing to do`);
    return { result: state.status, state };
  }
  if (state && state.releaseId !== o.releaseId && (state.status === "running" || state.status === "paused")) {
    throw new UserError(`a rollout of ${short(state.releaseId)} is still ${state.status} in ${o.environment}`, {
      hint: "finish it, or roll it back first (slipway rollback)"
    });
  }
  if (!state || state.releaseId !== o.releaseId) {
    state = await o.store.save({
      environment: o.environment,
      releaseId: o.releaseId,
      status: "running",
      stepIndex: 0,
      weight: await o.router.canaryWeight(),
      startedAt: iso(),
      stepStartedAt: iso(),
      decisions: [],
      strategy: "canary",
      ...o.replaces ? { replaces: o.replaces } : {},
      revision: state?.revision ?? 0
    });
    await appendHistory(o, "in-progress", iso(), "rollout started");
  }
  const record = async (decision, change = {}) => {
    const cur = state;
    const full = { at: iso(), step: cur.stepIndex, weight: change.weight ?? cur.weight, ...decision };
    state = await o.store.save({ ...cur, ...change, decisions: [...cur.decisions, full] });
    await o.onDecision?.(full, state);
    log.info(`${o.environment}: ${full.action} at ${full.weight}% \u2014 ${full.reason}`);
  };
  if (state.status === "promoted")
    return retire(o, strategy, state, record, clock);
  if (state.status === "paused") {
    const pausedAt = Date.parse(state.decisions.at(-1)?.at ?? state.stepStartedAt);
    const timeout = strategy.approvalTimeout === void 0 ? void 0 : durationToMs(strategy.approvalTimeout);
    if (!o.approved && (timeout === void 0 || clock.now() - pausedAt < timeout))
      return { result: "paused", state };
    if (o.approved) {
      await record({ action: "hold", reason: "approved: continuing" }, { status: "running", stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    } else if (strategy.onApprovalTimeout === "promote") {
      await record({ action: "hold", outcome: "inconclusive", reason: `no approval within ${strategy.approvalTimeout}: continuing as onApprovalTimeout says` }, { status: "running", stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    } else {
      await o.router.rollback();
      const why = `no approval within ${strategy.approvalTimeout}: rolled back as onApprovalTimeout says`;
      await record({ action: "rollback", outcome: "inconclusive", reason: why }, { status: "rolled-back", weight: 0 });
      await appendHistory(o, "rolled-back", iso(), why);
      return { result: "rolled-back", state };
    }
  }
  while (state.stepIndex < strategy.steps.length) {
    const step = strategy.steps[state.stepIndex];
    if ("setWeight" in step) {
      await o.router.setCanaryWeight(step.setWeight);
      await record({ action: "weight", reason: `canary weight set to ${step.setWeight}%` }, { weight: step.setWeight, stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    } else if ("pause" in step) {
      if (step.pause === "approval") {
        await record({ action: "pause", reason: "waiting for approval" }, { status: "paused" });
        return { result: "paused", state };
      }
      const until = Date.parse(state.stepStartedAt) + durationToMs(step.pause);
      if (until > clock.now())
        await clock.sleep(until - clock.now());
      await record({ action: "pause", reason: `paused ${step.pause}` }, { stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    } else {
      const outcome = await analyse(o, strategy, step.analysis, state, clock, (look) => record({ action: "look", outcome: look.outcome, reason: lookReason(look), metrics: look.metrics.map(slim) }));
      if (outcome === "fail" || outcome === "error" || outcome === "inconclusive" && strategy.onInconclusive === "rollback") {
        await o.router.rollback();
        await record({ action: "rollback", outcome, reason: `analysis ${outcome}: rolled back` }, { status: "rolled-back", weight: 0 });
        await appendHistory(o, "rolled-back", iso(), `analysis ${outcome} at step ${state.stepIndex + 1}`);
        return { result: "rolled-back", state };
      }
      if (outcome === "inconclusive" && strategy.onInconclusive === "pause") {
        await record({ action: "hold", outcome, reason: "analysis inconclusive: waiting for approval" }, { status: "paused" });
        return { result: "paused", state };
      }
      await record({ action: "advance", reason: `analysis ${outcome}: next step` }, { stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    }
  }
  await o.router.promote();
  await record({ action: "promote", reason: "every step passed: promoted" }, { status: "promoted", weight: 100 });
  await appendHistory(o, "promoted", iso(), "every analysis passed");
  return retire(o, strategy, state, record, clock);
}
async function retire(o, strategy, state, record, clock) {
  if (!strategy.retire || state.retiredAt)
    return { result: "promoted", state };
  const promotedAt = Date.parse(state.decisions.findLast((d) => d.action === "promote")?.at ?? state.stepStartedAt);
  const until = promotedAt + durationToMs(strategy.retire.after);
  if (until > clock.now())
    await clock.sleep(until - clock.now());
  const latest = await o.store.load(o.environment);
  if (latest && (latest.revision !== state.revision || latest.status !== "promoted"))
    return { result: latest.status === "promoted" ? "promoted" : "rolled-back", state: latest };
  const drained = o.router.retire ? await o.router.retire(durationToMs(strategy.retire.drain)) : { drained: true, detail: `router ${o.router.name} has nothing to drain` };
  const old = state.replaces;
  const reason = `retired ${old ? old.replace(/^sha256:/, "").slice(0, 12) : "the old version"} after the rollback window: ${drained.detail}`;
  await record({ action: "retire", reason }, { retiredAt: new Date(clock.now()).toISOString() });
  if (old)
    await o.history?.append({ environment: o.environment, releaseId: old, outcome: "retired", at: new Date(clock.now()).toISOString(), reason });
  return { result: "promoted", state: await o.store.load(o.environment) ?? state };
}
async function analyse(o, strategy, spec, state, clock, onLook) {
  const duration = durationToMs(spec.duration);
  const interval = Math.max(1, durationToMs(spec.interval));
  const start = Date.parse(state.stepStartedAt) + durationToMs(spec.warmup);
  const judge = new CanaryJudge(strategy.metrics, { alpha: strategy.alpha, spending: strategy.spending, plannedDurationMs: duration, limits: strategy.limits });
  for (let elapsed = interval; ; elapsed = Math.min(duration, elapsed + interval)) {
    const at = start + elapsed;
    if (at > clock.now())
      await clock.sleep(at - clock.now());
    let observations;
    try {
      observations = await o.source.collect({ since: start, until: at });
    } catch (error) {
      observations = Object.fromEntries(strategy.metrics.map((m) => [m.name, error instanceof Error ? error : new Error(String(error))]));
    }
    const look = judge.look(observations, elapsed, elapsed >= duration);
    await onLook(look);
    if (look.outcome !== "running")
      return look.outcome;
  }
}
async function appendHistory(o, outcome, at, reason) {
  await o.history?.append({ environment: o.environment, releaseId: o.releaseId, outcome, at, reason });
}
function lookReason(look) {
  const bad = look.metrics.filter((m) => m.outcome !== "running" && m.outcome !== "pass");
  return bad.length ? bad.map((m) => `${m.name}: ${m.reason}`).join("; ") : `${look.outcome} (${look.metrics.map((m) => `${m.name} n=${m.nCanary}`).join(", ")})`;
}
function slim(m) {
  const out = { name: m.name, outcome: m.outcome, nCanary: m.nCanary, reason: m.reason };
  if (m.value !== void 0 && Number.isFinite(m.value))
    out.value = m.value;
  if (m.effect !== void 0 && Number.isFinite(m.effect))
    out.effect = m.effect;
  if (m.pValue !== void 0)
    out.pValue = m.pValue;
  if (m.level !== void 0)
    out.level = m.level;
  return out;
}
function short(id) {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

// packages/delivery/lib/github-mirror.js
function mirrorDecisions(mirror, deployment) {
  let id;
  let tried = false;
  return async (d, s) => {
    if (!tried) {
      tried = true;
      id = await mirror.start({
        environment: s.environment,
        ref: deployment.ref,
        releaseId: s.releaseId,
        payload: { slipway: 1 },
        description: `${s.strategy === "rolling" ? "rolling release" : "canary"} of ${s.releaseId.slice(7, 19)}`
      });
    }
    if (id === void 0)
      return;
    const url = deployment.environmentUrl;
    if (d.action === "weight")
      await mirror.status(id, "in_progress", `canary ${d.weight}%`, url);
    else if (d.action === "batch")
      await mirror.status(id, "in_progress", `rolling ${d.weight}%: ${d.reason}`, url);
    else if (d.action === "retire") {
      const old = s.replaces ? await mirror.find(s.environment, s.replaces) : void 0;
      if (old !== void 0)
        await mirror.status(old, "inactive", d.reason);
    } else if (d.action === "promote")
      await mirror.status(id, "success", "promoted: every analysis passed", url);
    else if (d.action === "rollback")
      await mirror.status(id, "failure", `rolled back: ${d.reason}`, url);
    else if ((d.action === "hold" || d.action === "pause") && s.status === "paused")
      await mirror.status(id, "in_progress", `paused at ${d.weight}%: ${d.reason}`, url);
    else if (d.action === "hold")
      await mirror.status(id, "in_progress", `approved: continuing from ${d.weight}%`, url);
  };
}

// packages/delivery/lib/online-eval.js
var OnlineEvalSource = class {
  o;
  pairs = [];
  windowStart = Number.NaN;
  next = 0;
  constructor(o) {
    this.o = o;
  }
  async collect({ since }) {
    if (since !== this.windowStart) {
      this.windowStart = since;
      this.pairs = [];
    }
    const batch = Array.from({ length: Math.min(this.o.perLook ?? 10, this.o.cases.length) }, () => this.o.cases[this.next++ % this.o.cases.length]);
    const variants = this.o.variants ?? { stable: "stable", canary: "canary" };
    const score = this.o.score ?? tokenF1;
    const scored = await mapLimit(batch, this.o.concurrency ?? 1, async (c) => {
      const s = await this.ask(c, variants.stable);
      const k = await this.ask(c, variants.canary);
      return [score(s, c.expected), score(k, c.expected)];
    });
    this.pairs.push(...scored);
    return { [this.o.metric ?? "eval-score"]: { test: "paired", pairs: this.pairs } };
  }
  async ask(c, variant) {
    const res = await fetch(`${this.o.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", [this.o.overrideHeader ?? "x-slipway-variant"]: variant },
      body: JSON.stringify({ model: this.o.model ?? "default", messages: c.messages, temperature: 0 })
    });
    if (!res.ok)
      return "";
    const body = await res.json();
    return body.choices?.[0]?.message?.content ?? "";
  }
};
function words(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, " ").split(" ").filter(Boolean);
}
function tokenF1(answer, expected) {
  const a = words(answer);
  const e = words(expected);
  if (a.length === 0 || e.length === 0)
    return a.length === e.length ? 1 : 0;
  const counts = /* @__PURE__ */ new Map();
  for (const t of e)
    counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0)
    return 0;
  const p = common / a.length;
  const r = common / e.length;
  return 2 * p * r / (p + r);
}

// packages/delivery/lib/prometheus/source.js
function gatewayPrometheusMetrics() {
  return {
    "error-rate": {
      test: "proportion",
      events: 'sum(increase(slipway_gateway_errors_total{slipway_variant="$variant"}[$window])) or vector(0)',
      trials: 'sum(increase(slipway_gateway_requests_total{slipway_variant="$variant"}[$window])) or vector(0)'
    },
    latency: {
      test: "distribution",
      histogram: 'sum by (le) (increase(gen_ai_client_operation_duration_seconds_bucket{slipway_variant="$variant"}[$window]))'
    }
  };
}
var PrometheusSource = class {
  o;
  constructor(o) {
    this.o = o;
  }
  async collect({ since }) {
    const now = (this.o.now ?? Date.now)();
    const windowSeconds = Math.max(this.o.minWindowSeconds ?? 10, Math.ceil((now - since) / 1e3));
    const variants = this.o.variants ?? { stable: "stable", canary: "canary" };
    const q = (template, variant) => template.replaceAll("$variant", variant).replaceAll("$window", `${windowSeconds}s`);
    const out = {};
    await Promise.all(Object.entries(this.o.metrics).map(async ([name, m]) => {
      try {
        if (m.test === "proportion") {
          const [se, st, ce, ct] = await Promise.all([
            this.scalar(q(m.events, variants.stable)),
            this.scalar(q(m.trials, variants.stable)),
            this.scalar(q(m.events, variants.canary)),
            this.scalar(q(m.trials, variants.canary))
          ]);
          out[name] = {
            test: "proportion",
            stable: { events: Math.round(se), trials: Math.round(st) },
            canary: { events: Math.round(ce), trials: Math.round(ct) }
          };
        } else {
          const [s, c] = await Promise.all([this.histogram(q(m.histogram, variants.stable)), this.histogram(q(m.histogram, variants.canary))]);
          out[name] = { test: "distribution", stable: s, canary: c };
        }
      } catch (error) {
        out[name] = error instanceof Error ? error : new Error(String(error));
      }
    }));
    return out;
  }
  async query(expr) {
    return retry(async () => {
      const res = await fetch(`${this.o.url.replace(/\/+$/, "")}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = await res.json().catch(() => ({}));
      if (!res.ok || body.status !== "success") {
        throw new HttpError(`prometheus query failed (${res.status}): ${body.error ?? "no answer"}: ${expr}`, res.status, res.headers.get("retry-after") ?? void 0);
      }
      const data = body.data;
      if (data?.resultType === "scalar")
        return [{ metric: {}, value: data.result }];
      if (data?.resultType !== "vector")
        throw new Error(`prometheus answered a ${data?.resultType ?? "missing"} for ${expr}; use an instant vector query`);
      return data.result;
    }, { retries: 2, baseDelayMs: 200 });
  }
  async scalar(expr) {
    const result = await this.query(expr);
    const v = Number(result[0]?.value[1] ?? 0);
    return Number.isFinite(v) ? v : 0;
  }
  /** Bucket counts (cumulative in Prometheus) to samples at each bucket's upper bound. */
  async histogram(expr) {
    const buckets = (await this.query(expr)).map((r) => ({ le: r.metric.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(r.metric.le), count: Math.round(Number(r.value[1])) })).filter((b) => Number.isFinite(b.count)).sort((a, b) => a.le - b.le);
    const cap = this.o.maxSamples ?? 5e3;
    const total = buckets.at(-1)?.count ?? 0;
    const scale = total > cap ? cap / total : 1;
    const samples = [];
    let previous = 0;
    let lastFinite = 0;
    for (const b of buckets) {
      const n = Math.round((b.count - previous) * scale);
      previous = b.count;
      const value = Number.isFinite(b.le) ? b.le : lastFinite * 2 || 1;
      if (Number.isFinite(b.le))
        lastFinite = b.le;
      for (let i = 0; i < n; i++)
        samples.push(value);
    }
    return samples;
  }
};

// packages/delivery/lib/report.js
function rolloutMarkdown(state, title = `Rollout of ${state.releaseId.replace(/^sha256:/, "").slice(0, 12)} to ${state.environment}`) {
  const start = Date.parse(state.startedAt);
  const secs = (d) => Math.round((Date.parse(d.at) - start) / 100) / 10;
  const looks = state.decisions.filter((d) => d.action === "look" && d.metrics);
  const icon = state.status === "promoted" ? "\u2705" : state.status === "rolled-back" ? "\u23EA" : "\u23F8\uFE0F";
  const out = [`### ${icon} ${escapeMarkdown(title)}: ${state.status}`, ""];
  if (state.decisions.length > 1)
    out.push(chart(state, secs), "");
  const rows = state.decisions.map((d) => [
    `${secs(d)} s`,
    d.action,
    `${d.weight}%`,
    d.outcome ?? "",
    escapeMarkdown(d.metrics ? d.metrics.map((m) => `${m.name} ${m.outcome}${m.pValue !== void 0 ? ` p=${m.pValue.toPrecision(2)}` : ""} n=${m.nCanary}`).join("; ") : d.reason)
  ]);
  const keep = rows.filter((_, i) => {
    const d = state.decisions[i];
    return d.action !== "look" || d.outcome !== "running" || i === rows.length - 1 || state.decisions[i + 1]?.action !== "look";
  });
  out.push(markdownTable(["time", "action", "weight", "outcome", "evidence"], keep, ["right", "left", "right", "left", "left"]));
  out.push("", `${looks.length} looks in all; every decision is stored with the rollout state.`);
  return `${out.join("\n")}
`;
}
function chart(state, secs) {
  const points = state.decisions.map((d) => ({ x: secs(d), w: d.weight }));
  const xs = points.map((p) => p.x.toFixed(1));
  const names = [...new Set(state.decisions.flatMap((d) => d.metrics?.map((m) => m.name) ?? []))];
  const lines = names.map((name) => {
    let last = 0;
    const ys = state.decisions.map((d) => {
      const m = d.metrics?.find((x) => x.name === name);
      if (m?.pValue !== void 0)
        last = Math.min(10, -Math.log10(Math.max(m.pValue, 1e-10)));
      return (last * 10).toFixed(1);
    });
    return `    line [${ys.join(", ")}]`;
  });
  return [
    "```mermaid",
    "xychart-beta",
    `    title "canary weight (%) and evidence of regression per metric (10 \xD7 -log10 p): ${names.join(", ")}"`,
    `    x-axis "seconds" [${xs.join(", ")}]`,
    '    y-axis "value" 0 --> 100',
    `    bar [${points.map((p) => p.w).join(", ")}]`,
    ...lines,
    "```"
  ].join("\n");
}

// packages/delivery/lib/rollback.js
var short2 = (id) => id.replace(/^sha256:/, "").slice(0, 12);
async function rollback(o) {
  const clock = o.clock ?? systemClock;
  const started = clock.now();
  const state = await o.store.load(o.environment);
  const history = o.history ? await o.history.history(o.environment) : [];
  if (!state && history.length === 0) {
    throw new UserError(`nothing has been deployed to ${o.environment}`, { hint: "check the environment name" });
  }
  const live = state && (state.status === "running" || state.status === "paused" || state.status === "promoted") ? state : void 0;
  const restored = lastHealthyRelease(history, live?.releaseId)?.releaseId;
  if (o.to !== void 0 && o.to !== restored) {
    throw new UserError(`cannot roll ${o.environment} back to ${short2(o.to)}: the stable version serves ${restored ? short2(restored) : "an unrecorded release"}, the last healthy one`, { hint: `deploy ${o.to} again with canary-promote (release: ${o.to}) to put it back` });
  }
  if (live?.retiredAt) {
    throw new UserError(`the version before ${short2(live.releaseId)} in ${o.environment} was retired at ${live.retiredAt}: no instant rollback is left`, {
      hint: restored ? `deploy ${restored} again with canary-promote (release: ${restored})` : "deploy the previous release again with canary-promote"
    });
  }
  if (state?.strategy === "rolling") {
    if (!o.rolling)
      throw new UserError(`${o.environment} is a rolling release: its router has no rolling target to undo`, { hint: "set deploy.rolling" });
    await o.rolling.undo();
  } else
    await o.router.rollback();
  if (!live) {
    return { rolledBack: void 0, restored: lastHealthyRelease(history)?.releaseId, noop: true, elapsedMs: clock.now() - started };
  }
  const at = new Date(clock.now()).toISOString();
  const next = {
    ...live,
    status: "rolled-back",
    weight: 0,
    decisions: [...live.decisions, { at, step: live.stepIndex, action: "rollback", weight: 0, reason: o.reason }]
  };
  await o.store.save(next);
  await o.history?.append({ environment: o.environment, releaseId: live.releaseId, outcome: "rolled-back", at, reason: o.reason });
  return { rolledBack: live.releaseId, restored, noop: false, elapsedMs: clock.now() - started };
}

// packages/delivery/lib/rollback-follow-up.js
var short3 = (id) => id.replace(/^sha256:/, "").slice(0, 12);
async function openFollowUp(rt, o) {
  if (!o.token) {
    rt.log.warn(`rollback follow-up (${o.kind}) skipped: no github-token`);
    return void 0;
  }
  rt.setSecret(o.token);
  const ctx = await readGitHubContext(process.env, o.token);
  const gh = createClient(ctx);
  const rolledBack = o.result.rolledBack;
  const release = await o.history.getRelease(rolledBack).catch(() => void 0);
  const sha = release?.git.sha;
  const lines = [
    `Slipway rolled **${escapeMarkdown(o.environment)}** back: release \`${short3(rolledBack)}\`${sha ? ` (commit ${sha.slice(0, 12)})` : ""} no longer serves.`,
    "",
    `Reason: ${escapeMarkdown(o.reason)}`,
    `Now serving: ${o.result.restored ? `\`${short3(o.result.restored)}\`` : "the stable backend"}.`,
    "",
    `Run: ${ctx.runUrl}`
  ];
  try {
    if (o.kind === "revert-pr") {
      const why = sha ? await revertPr(gh, ctx, sha, o, lines).catch((error) => `GitHub refused it (${error.message.split("\n")[0]})`) : "the release record names no commit";
      if (why.startsWith("https://"))
        return why;
      lines.push("", `A revert pull request was not opened: ${why}.`);
    }
    const issue = await gh.rest.issues.create({
      owner: ctx.owner,
      repo: ctx.repo,
      title: `Rolled back ${o.environment}: release ${short3(rolledBack)}`,
      body: lines.join("\n")
    });
    return issue.data.html_url;
  } catch (error) {
    rt.log.warn(`rollback follow-up (${o.kind}) not written: ${error.message.split("\n")[0]}`);
    return void 0;
  }
}
async function revertPr(gh, ctx, sha, o, lines) {
  const repo = await gh.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
  const base = repo.data.default_branch;
  const head = await gh.rest.git.getRef({ owner: ctx.owner, repo: ctx.repo, ref: `heads/${base}` });
  if (head.data.object.sha !== sha)
    return `commit ${sha.slice(0, 12)} is not the tip of ${base} any more, so reverting it needs a merge: revert it by hand`;
  const commit = await gh.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: sha });
  const parent = commit.data.parents[0];
  if (!parent)
    return `commit ${sha.slice(0, 12)} has no parent`;
  const parentCommit = await gh.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: parent.sha });
  const revert = await gh.rest.git.createCommit({
    owner: ctx.owner,
    repo: ctx.repo,
    message: `Revert ${sha.slice(0, 12)}: rolled back in ${o.environment}

${o.reason}`,
    tree: parentCommit.data.tree.sha,
    parents: [sha]
  });
  const branch = `slipway/revert-${sha.slice(0, 12)}`;
  await gh.rest.git.createRef({ owner: ctx.owner, repo: ctx.repo, ref: `refs/heads/${branch}`, sha: revert.data.sha });
  const pr = await gh.rest.pulls.create({
    owner: ctx.owner,
    repo: ctx.repo,
    head: branch,
    base,
    title: `Revert ${sha.slice(0, 12)}: rolled back in ${o.environment}`,
    body: lines.join("\n")
  });
  return pr.data.html_url;
}

// packages/delivery/lib/rolling-controller.js
var quiet2 = { debug() {
}, info() {
}, warn() {
}, error() {
} };
function batchPlan(size, strategy) {
  if (size < 1)
    return [];
  const counts = [];
  if (strategy.batches !== void 0) {
    const n = Math.min(strategy.batches, size);
    for (let k = 1; k <= n; k++)
      counts.push(Math.round(k * size / n));
  } else {
    const step = strategy.batchSize ?? 1;
    for (let c = step; c < size + step; c += step)
      counts.push(Math.min(c, size));
  }
  return counts;
}
async function runRolling(o) {
  const strategy = parseStrategy(rollingStrategySchema, o.strategy, "rolling strategy", "see docs/delivery.md for deploy.rolling");
  const clock = o.clock ?? systemClock;
  const log = o.log ?? quiet2;
  const iso = () => new Date(clock.now()).toISOString();
  let state = await o.store.load(o.environment);
  if (state && state.releaseId === o.releaseId && (state.status === "promoted" || state.status === "rolled-back")) {
    log.info(`release ${short4(o.releaseId)} already ${state.status} in ${o.environment}; nothing to do`);
    return { result: state.status, state };
  }
  if (state && state.releaseId !== o.releaseId && (state.status === "running" || state.status === "paused")) {
    throw new UserError(`a rollout of ${short4(state.releaseId)} is still ${state.status} in ${o.environment}`, {
      hint: "finish it, or roll it back first (slipway rollback)"
    });
  }
  const size = await o.target.size();
  if (size < 1)
    throw new UserError(`${o.target.name}: nothing to replace (0 units)`, { hint: "check deploy.rolling and the target" });
  const plan = batchPlan(size, strategy);
  if (!state || state.releaseId !== o.releaseId) {
    state = await o.store.save({
      environment: o.environment,
      releaseId: o.releaseId,
      strategy: "rolling",
      status: "running",
      stepIndex: 0,
      weight: 0,
      startedAt: iso(),
      stepStartedAt: iso(),
      decisions: [],
      revision: state?.revision ?? 0
    });
    await appendHistory2(o, "in-progress", iso(), `rolling release started: ${plan.length} batches of ${size} units on ${o.target.name}`);
  }
  const record = async (decision, change = {}) => {
    const cur = state;
    const full = { at: iso(), step: cur.stepIndex, weight: change.weight ?? cur.weight, ...decision };
    state = await o.store.save({ ...cur, ...change, decisions: [...cur.decisions, full] });
    await o.onDecision?.(full, state);
    log.info(`${o.environment}: ${full.action} at ${full.weight}% \u2014 ${full.reason}`);
  };
  while (state.stepIndex < plan.length) {
    const batch = state.stepIndex;
    const count = plan[batch];
    const weight = Math.round(count / size * 100);
    const resumed = state.decisions.at(-1)?.action === "batch" && state.decisions.at(-1)?.step === batch;
    await o.target.updateTo(count);
    if (!resumed) {
      await record({ action: "batch", reason: `batch ${batch + 1}/${plan.length}: ${count} of ${size} units on the new version` }, { weight, stepStartedAt: iso() });
    }
    const verdict = await watchBatch(o.target, strategy, Date.parse(state.stepStartedAt), clock);
    if (!verdict.healthy) {
      await o.target.undo();
      await record({ action: "look", outcome: "fail", reason: verdict.reason });
      await record({ action: "rollback", outcome: "fail", reason: `batch ${batch + 1} unhealthy: undone` }, { status: "rolled-back", weight: 0 });
      await appendHistory2(o, "rolled-back", iso(), `batch ${batch + 1}/${plan.length} unhealthy: ${verdict.reason}`);
      return { result: "rolled-back", state };
    }
    await record({ action: "look", outcome: "pass", reason: verdict.reason });
    await record({ action: "advance", reason: `batch ${batch + 1} healthy: next` }, { stepIndex: batch + 1, stepStartedAt: iso() });
  }
  await record({ action: "promote", reason: `all ${size} units on the new version: promoted` }, { status: "promoted", weight: 100 });
  await appendHistory2(o, "promoted", iso(), "every batch was healthy");
  return { result: "promoted", state };
}
async function watchBatch(target, strategy, movedAt, clock) {
  const interval = Math.max(1, durationToMs(strategy.interval));
  const deadline = movedAt + durationToMs(strategy.timeout);
  const soak = durationToMs(strategy.soak);
  let healthySince;
  for (; ; ) {
    const h = await target.health();
    if (h.healthy) {
      healthySince ??= clock.now();
      if (clock.now() - healthySince >= soak)
        return { healthy: true, reason: h.reason };
    } else if (healthySince !== void 0) {
      return { healthy: false, reason: `turned unhealthy during the soak: ${h.reason}` };
    } else if (clock.now() >= deadline) {
      return { healthy: false, reason: `not healthy after ${strategy.timeout}: ${h.reason}` };
    }
    const next = healthySince === void 0 ? Math.min(deadline, clock.now() + interval) : Math.min(healthySince + soak, clock.now() + interval);
    await clock.sleep(Math.max(1, next - clock.now()));
  }
}
async function appendHistory2(o, outcome, at, reason) {
  await o.history?.append({ environment: o.environment, releaseId: o.releaseId, outcome, at, reason });
}
function short4(id) {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

// packages/delivery/lib/gateway/rolling.js
var GatewayRollingTarget = class {
  client;
  o;
  name;
  movedAt;
  now;
  constructor(client, o) {
    this.client = client;
    this.o = o;
    this.name = `gateway route ${o.route}`;
    this.now = o.now ?? Date.now;
    this.movedAt = this.now();
  }
  async size() {
    return this.o.backends.length;
  }
  async updated() {
    const route = await this.route();
    let n = 0;
    for (const pair of this.o.backends) {
      if ((route.weights[pair.from] ?? 0) === 0 && (route.weights[pair.to] ?? 0) > 0)
        n++;
      else
        break;
    }
    return n;
  }
  async updateTo(count) {
    await this.move((i) => i < count);
    this.movedAt = this.now();
  }
  async undo() {
    await this.move(() => false);
  }
  async health() {
    const view = await this.client.routes();
    const route = this.find(view.routes);
    const live = this.o.backends.filter((p) => (route.weights[p.to] ?? 0) > 0).map((p) => p.to);
    if (live.length === 0)
      return { healthy: true, reason: "no new backend takes traffic yet" };
    const down = live.filter((b) => {
      const state = view.backends[b];
      return !state || !state.healthy || state.ejected;
    });
    if (down.length) {
      const why = down.map((b) => `${b} ${view.backends[b] ? view.backends[b]?.ejected ? "ejected" : "failing health checks" : "not configured"}`);
      return { healthy: false, reason: why.join(", ") };
    }
    const windowSeconds = Math.max(1e-3, (this.now() - this.movedAt) / 1e3);
    const stats = await this.client.stats(windowSeconds, 0, ["override"]);
    const maxErrorRate = this.o.maxErrorRate ?? 0.05;
    const minRequests = this.o.minRequests ?? 0;
    const parts = [];
    for (const b of live) {
      const v = stats.variants[b];
      const requests = v?.requests ?? 0;
      const errors = v?.errors ?? 0;
      if (requests < minRequests)
        return { healthy: false, reason: `${b} served ${requests} of the ${minRequests} requests needed` };
      const rate = requests ? errors / requests : 0;
      if (rate > maxErrorRate)
        return { healthy: false, reason: `${b} error rate ${(rate * 100).toFixed(1)}% (${errors}/${requests}) above ${(maxErrorRate * 100).toFixed(1)}%` };
      parts.push(`${b} ${errors}/${requests} errors`);
    }
    return { healthy: true, reason: `healthy: ${parts.join(", ")}` };
  }
  /** Gives each pair its whole share on the new backend when `onNew(i)`, else on the old one. */
  async move(onNew) {
    const route = await this.route();
    const weights = { ...route.weights };
    this.o.backends.forEach((pair, i) => {
      const share = (weights[pair.from] ?? 0) + (weights[pair.to] ?? 0);
      weights[pair.from] = onNew(i) ? 0 : share;
      weights[pair.to] = onNew(i) ? share : 0;
    });
    await this.client.setWeights(this.o.route, weights);
  }
  async route() {
    return this.find((await this.client.routes()).routes);
  }
  find(routes) {
    const route = routes.find((r) => r.name === this.o.route);
    if (!route)
      throw new Error(`the gateway has no route "${this.o.route}" (it has: ${routes.map((r) => r.name).join(", ")})`);
    return route;
  }
};

// packages/delivery/lib/gateway/router.js
var GatewayRouter = class {
  client;
  options;
  name = "gateway";
  stable;
  canary;
  constructor(client, options) {
    this.client = client;
    this.options = options;
    this.stable = options.stable ?? "stable";
    this.canary = options.canary ?? "canary";
  }
  async canaryWeight() {
    const view = await this.client.routes();
    const route = view.routes.find((r) => r.name === this.options.route);
    if (!route)
      throw new Error(`the gateway has no route "${this.options.route}" (it has: ${view.routes.map((r) => r.name).join(", ")})`);
    return (route.weights[this.canary] ?? 0) / 100;
  }
  async setCanaryWeight(percent) {
    const bp = Math.round(percent * 100);
    await this.client.setWeights(this.options.route, { [this.stable]: 1e4 - bp, [this.canary]: bp });
  }
  async promote() {
    await this.client.setWeights(this.options.route, { [this.stable]: 0, [this.canary]: 1e4 });
  }
  async rollback() {
    await this.client.setWeights(this.options.route, { [this.stable]: 1e4, [this.canary]: 0 });
  }
  /** Confirms the old (stable) backend has no weight, then waits until the gateway has no request of it in flight. */
  async retire(drainMs, pollMs = 50) {
    const route = (await this.client.routes()).routes.find((r) => r.name === this.options.route);
    if ((route?.weights[this.stable] ?? 0) !== 0 || (route?.weights[this.canary] ?? 0) !== 1e4) {
      await this.client.setWeights(this.options.route, { [this.stable]: 0, [this.canary]: 1e4 });
    }
    const until = Date.now() + drainMs;
    for (; ; ) {
      const inFlight = (await this.client.routes()).backends[this.stable]?.inFlight ?? 0;
      if (inFlight === 0)
        return { drained: true, detail: `backend ${this.stable}: weight 0 on route ${this.options.route}, no request in flight` };
      if (Date.now() >= until)
        return { drained: false, detail: `backend ${this.stable}: weight 0, ${inFlight} request(s) still in flight after ${drainMs} ms` };
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
};

// packages/delivery/lib/gateway/source.js
var GatewayStatsSource = class {
  client;
  variants;
  now;
  constructor(client, variants = { stable: "stable", canary: "canary" }, now = Date.now) {
    this.client = client;
    this.variants = variants;
    this.now = now;
  }
  async collect({ since }) {
    const report = await this.client.stats(Math.max(1, (this.now() - since) / 1e3), 1e3, ["override"]);
    const stable = report.variants[this.variants.stable];
    const canary = report.variants[this.variants.canary];
    const ok = (xs) => (xs ?? []).filter((s) => s.ok && s.at >= since);
    const dist = (pick) => ({
      test: "distribution",
      stable: ok(stable?.recent).flatMap((s) => finiteOrNone(pick(s))),
      canary: ok(canary?.recent).flatMap((s) => finiteOrNone(pick(s)))
    });
    return {
      "error-rate": {
        test: "proportion",
        stable: { events: stable?.errors ?? 0, trials: stable?.requests ?? 0 },
        canary: { events: canary?.errors ?? 0, trials: canary?.requests ?? 0 }
      },
      latency: dist((s) => s.latencyMs),
      ttft: dist((s) => s.ttftMs),
      "output-tokens": dist((s) => s.outputTokens)
    };
  }
};
function finiteOrNone(v) {
  return v === void 0 || !Number.isFinite(v) ? [] : [v];
}

// packages/delivery/lib/select-router.js
var ROUTER_KINDS = ["gateway", "kubernetes", "sagemaker"];
async function selectRouter(rt, deploy, o, configFile = "slipway.yml") {
  const kind = o.router ?? deploy.router ?? "gateway";
  switch (kind) {
    case "gateway":
      return gatewayRouter(rt, deploy, o);
    case "sagemaker": {
      const settings = deploy.sagemaker;
      if (!settings) {
        throw new ConfigError([
          { location: { file: configFile }, message: "deploy.sagemaker is required with router: sagemaker (endpoint, stable and canary variant names)" }
        ]);
      }
      const { SageMakerRouter } = await import("./router-YFCL5WDK.js");
      return {
        kind,
        router: await SageMakerRouter.create(settings, rt.log),
        variants: { stable: settings.stable, canary: settings.canary }
      };
    }
    case "kubernetes": {
      const settings = deploy.kubernetes;
      if (!settings) {
        throw new ConfigError([
          {
            location: { file: configFile },
            message: "deploy.kubernetes is required with router: kubernetes (kind, name, stable, canary; deployments for a rolling release)"
          }
        ]);
      }
      const k = await import("./kubernetes-ZWOIFKPO.js");
      const chosen = k.kubernetesSelection(settings, rt.log, { configFile });
      return {
        kind,
        router: chosen.router,
        variants: chosen.variants,
        // The Deployment runs the image of the release being rolled out, when its record names one.
        rolling: (_strategy, release) => k.createKubernetesRollingTarget(settings, rt.log, { configFile, ...imageOf(release) })
      };
    }
  }
}
function gatewayRouter(rt, deploy, o) {
  const adminUrl = o.gatewayAdminUrl ?? deploy.gateway?.adminUrl;
  if (!adminUrl)
    throw new InputError("gateway-admin-url", "is required (or deploy.gateway.adminUrl in slipway.yml)", {
      hint: "the admin listener of slipway gateway, e.g. http://127.0.0.1:8081"
    });
  const route = o.route ?? deploy.gateway?.route;
  if (!route)
    throw new InputError("route", "is required (or deploy.gateway.route in slipway.yml)", { hint: "the gateway route whose weights move" });
  const tokenEnv = deploy.gateway?.tokenEnv ?? "SLIPWAY_GATEWAY_ADMIN_TOKEN";
  const token = o.gatewayToken ?? process.env[tokenEnv];
  if (!token)
    throw new InputError("gateway-token", `is not set, and neither is $${tokenEnv}`, { hint: "pass the gateway admin token from a secret" });
  rt.setSecret(token);
  const client = new GatewayAdminClient(adminUrl, token, process.env.GITHUB_ACTOR ? `github:${process.env.GITHUB_ACTOR}` : "slipway");
  const variants = { stable: deploy.gateway?.stable ?? "stable", canary: deploy.gateway?.canary ?? "canary" };
  return {
    kind: "gateway",
    router: new GatewayRouter(client, { route, ...variants }),
    variants,
    stats: new GatewayStatsSource(client, variants),
    rolling: (strategy) => {
      if (!strategy.backends) {
        throw new ConfigError([
          {
            location: { file: "slipway.yml" },
            message: "deploy.rolling.backends is required for a rolling release on the gateway: [{from: old backend, to: new backend}, \u2026]"
          }
        ]);
      }
      return new GatewayRollingTarget(client, { route, backends: strategy.backends, maxErrorRate: strategy.maxErrorRate, minRequests: strategy.minRequests });
    }
  };
}
function imageOf(release) {
  const image = release?.image;
  if (!image)
    return {};
  return { image: image.reference.includes("@") ? image.reference : `${image.reference}@${image.digest}` };
}

// packages/delivery/lib/select-store.js
import path from "node:path";
function isRemote(location) {
  return /^s3:\/\//i.test(location);
}
async function openDeliveryStores(rt, location, base, s3 = {}) {
  if (!isRemote(location)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^file:\/\//i.test(location)) {
      throw new UserError(`deploy.state: "${location}" is neither a folder nor s3://bucket/prefix`, {
        hint: "use a folder such as .slipway/state, or s3://bucket/prefix"
      });
    }
    const root = path.resolve(base, location.replace(/^file:\/\//i, ""));
    return { rollouts: new FolderRolloutStore(root), history: new FolderReleaseStore(root), display: root, close: async () => {
    } };
  }
  const { openReleaseStore, parseRemote } = await import("./lib-FW6PI5AF.js");
  const spec = parseRemote(location, base, "deploy.state", s3);
  if (spec.kind !== "s3")
    throw new UserError(`deploy.state: ${location} is not an s3:// URL`);
  const history = await openReleaseStore(rt, location, spec.s3);
  const { S3RolloutStore } = await import("./s3-state-M7EOPDBN.js");
  const rollouts = new S3RolloutStore({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3 });
  return {
    rollouts,
    history,
    display: rollouts.display,
    close: async () => {
      rollouts.close();
      await history.close();
    }
  };
}

// packages/delivery/lib/capability.js
async function deploymentMirror(rt, token) {
  if (!token || process.env.GITHUB_ACTIONS !== "true")
    return void 0;
  rt.setSecret(token);
  return new DeploymentMirror(await readGitHubContext(process.env, token), rt.log);
}
async function resolve(rt, o, needStrategy) {
  const loaded = await loadConfig({ dir: rt.cwd, ...o.configFile ? { file: o.configFile } : {} });
  const deploy = loaded.config.deploy ?? {};
  let strategy = deploy.canary;
  if (o.strategyFile) {
    const file = path2.resolve(rt.cwd, o.strategyFile);
    const text = await readFile(file, "utf8").catch(() => {
      throw new InputError("strategy", `cannot read ${o.strategyFile}`, { hint: "give the path of a YAML file with steps and metrics" });
    });
    strategy = parseYamlWithSchema(canaryStrategySchema, text, path2.relative(rt.cwd, file) || file);
  }
  const kind = o.strategy ?? deploy.strategy ?? "canary";
  if (needStrategy && kind !== "rolling" && !strategy) {
    throw new UserError(`no ${kind} strategy: set deploy.canary in slipway.yml or the strategy input`, { hint: "see docs/delivery.md for steps and metrics" });
  }
  const configFile = loaded.file ? path2.relative(rt.cwd, loaded.file) || loaded.file : "slipway.yml";
  const selected = await selectRouter(rt, deploy, o, configFile);
  const s3 = loaded.config.artifacts?.s3;
  const stores = await openDeliveryStores(rt, o.stateDir ?? deploy.state ?? ".slipway/state", o.stateDir ? rt.cwd : loaded.dir, {
    ...s3?.region ? { region: s3.region } : {},
    ...s3?.endpoint ? { endpoint: s3.endpoint } : {},
    ...s3?.pathStyle !== void 0 ? { pathStyle: s3.pathStyle } : {}
  });
  if (o.release !== void 0 && !/^sha256:[0-9a-f]{64}$/.test(o.release))
    throw new InputError("release", `"${o.release}" is not a release id`, { hint: "use the sha256:\u2026 id of a release record, or leave it empty" });
  const releaseId = o.release ?? (needStrategy ? await stores.history.putRelease(commitRelease()) : "");
  const monitor = loaded.config.monitor;
  const prometheusUrl = monitor?.source === "prometheus" ? monitor.prometheusUrl : void 0;
  return { strategy, prometheusUrl, selected, deploy, stores, releaseId };
}
function commitRelease() {
  const sha = process.env.GITHUB_SHA ?? "0".repeat(40);
  const ref = process.env.GITHUB_REF ?? "refs/heads/local";
  return sealRelease({ schemaVersion: 1, git: { sha, ref }, createdAt: (/* @__PURE__ */ new Date(0)).toISOString() }).release;
}
async function metricSource(rt, o, r) {
  const prometheusUrl = o.prometheusUrl ?? r.prometheusUrl;
  const stats = prometheusUrl ? new PrometheusSource({ url: prometheusUrl, metrics: gatewayPrometheusMetrics(), variants: r.selected.variants }) : r.selected.stats;
  if (!o.onlineEval) {
    if (!stats) {
      throw new InputError("prometheus-url", `router ${r.selected.kind} has no built-in metrics: give prometheus-url, online-eval, or both`, {
        hint: "or set monitor.source: prometheus and monitor.prometheusUrl in slipway.yml"
      });
    }
    return stats;
  }
  if (!o.gatewayUrl)
    throw new InputError("gateway-url", "is required with online-eval", { hint: "the gateway OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1" });
  const cases = (await readFile(path2.resolve(rt.cwd, o.onlineEval), "utf8").catch(() => {
    throw new InputError("online-eval", `cannot read ${o.onlineEval}`, { hint: "a JSONL file of {id, messages, expected}" });
  })).split("\n").filter((l) => l.trim() !== "").map((l, i) => {
    try {
      return JSON.parse(l);
    } catch {
      throw new UserError(`${o.onlineEval}:${i + 1}: not valid JSON`, { location: { file: o.onlineEval, line: i + 1 } });
    }
  });
  const online = new OnlineEvalSource({ baseUrl: o.gatewayUrl, cases });
  return stats ? combineSources(stats, online) : online;
}
async function deployCanary(rt, o) {
  const r = await resolve(rt, o, true);
  try {
    const mirror = await deploymentMirror(rt, o.githubToken);
    const onDecision = mirror ? { onDecision: mirrorDecisions(mirror, { ref: process.env.GITHUB_SHA ?? "HEAD", ...o.environmentUrl ? { environmentUrl: o.environmentUrl } : {} }) } : {};
    const kind = o.strategy ?? r.deploy.strategy ?? "canary";
    let run;
    if (kind === "rolling") {
      if (!r.selected.rolling)
        throw new UserError(`router ${r.selected.kind} cannot do rolling releases`, { hint: "use strategy canary, or router gateway / kubernetes" });
      const spec = r.deploy.rolling ?? rollingStrategySchema.parse({});
      const release = await r.stores.history.getRelease(r.releaseId).catch(() => void 0);
      const target = r.selected.rolling(spec, release);
      run = await runRolling({
        environment: o.environment,
        releaseId: r.releaseId,
        strategy: spec,
        target,
        store: r.stores.rollouts,
        history: r.stores.history,
        log: rt.log,
        ...onDecision
      });
    } else {
      const replaces = currentRelease(await r.stores.history.history(o.environment))?.releaseId;
      run = await runCanary({
        environment: o.environment,
        releaseId: r.releaseId,
        strategy: r.strategy,
        router: r.selected.router,
        source: await metricSource(rt, o, r),
        store: r.stores.rollouts,
        history: r.stores.history,
        log: rt.log,
        ...replaces && replaces !== r.releaseId ? { replaces } : {},
        ...o.approved ? { approved: true } : {},
        ...onDecision
      });
    }
    rt.setOutput("result", run.result);
    rt.setOutput("release", r.releaseId);
    rt.setOutput("weight", String(run.state.weight));
    await rt.appendSummary(rolloutMarkdown(run.state));
    if (run.result === "rolled-back") {
      const why = run.state.decisions.findLast((d) => d.action === "look" && (d.outcome === "fail" || d.outcome === "error" || d.outcome === "inconclusive")) ?? run.state.decisions.findLast((d) => d.action === "rollback");
      throw new GateError(`the ${kind === "rolling" ? "rolling release" : "canary"} was rolled back: ${why?.reason ?? "analysis failed"}`);
    }
    return { result: run.result, release: r.releaseId, weight: run.state.weight };
  } finally {
    await r.stores.close();
  }
}
async function rollbackDeployment(rt, o) {
  const r = await resolve(rt, o, false);
  try {
    const result = await rollback({
      environment: o.environment,
      router: r.selected.router,
      store: r.stores.rollouts,
      history: r.stores.history,
      reason: o.reason ?? "manual rollback",
      ...o.release ? { to: o.release } : {},
      ...r.selected.rolling && r.deploy.rolling ? { rolling: r.selected.rolling(r.deploy.rolling) } : {}
    });
    const mirror = await deploymentMirror(rt, o.githubToken);
    const deployment = mirror && result.rolledBack ? await mirror.find(o.environment, result.rolledBack) : void 0;
    if (mirror && deployment !== void 0)
      await mirror.status(deployment, "failure", `rolled back: ${o.reason ?? "manual rollback"}`);
    let followUp = "";
    if (o.followUp && o.followUp !== "none" && !result.noop) {
      followUp = await openFollowUp(rt, {
        kind: o.followUp,
        environment: o.environment,
        result,
        reason: o.reason ?? "manual rollback",
        token: o.githubToken,
        history: r.stores.history
      }) ?? "";
    }
    rt.setOutput("rolled-back", result.rolledBack ?? "");
    rt.setOutput("restored", result.restored ?? "");
    rt.setOutput("noop", String(result.noop));
    if (o.followUp !== void 0)
      rt.setOutput("follow-up", followUp);
    const what = result.noop ? "nothing was live: traffic confirmed on stable" : `rolled back ${result.rolledBack} in ${result.elapsedMs} ms`;
    rt.log.info(`${o.environment}: ${what}`);
    await rt.appendSummary(`### \u23EA Rollback of ${o.environment}

${what}; now serving ${result.restored ?? "the stable backend"}.
${followUp ? `
Follow-up: ${followUp}
` : ""}`);
    return result;
  } finally {
    await r.stores.close();
  }
}

// packages/delivery/lib/inputs.js
var environment = { kind: "string", required: true, pattern: /^[a-z0-9][a-z0-9._-]*$/i, patternHint: "letters, digits, dot, dash, underscore" };
var shared = {
  environment,
  config: { kind: "string" },
  router: { kind: "enum", values: ROUTER_KINDS },
  "gateway-admin-url": { kind: "url" },
  "gateway-token": { kind: "secret" },
  route: { kind: "string" },
  state: { kind: "string" },
  "github-token": { kind: "secret" }
};
function readDeployInputs(rt) {
  const i = readInputs(rt, {
    ...shared,
    release: { kind: "string" },
    strategy: { kind: "string" },
    "gateway-url": { kind: "url" },
    "prometheus-url": { kind: "url" },
    "online-eval": { kind: "string" },
    "environment-url": { kind: "url" },
    approved: { kind: "boolean", default: "false" }
  });
  return {
    ...sharedOptions(i),
    approved: i.approved,
    ...i.release ? { release: i.release } : {},
    ...i.strategy ? { strategyFile: i.strategy } : {},
    ...i["gateway-url"] ? { gatewayUrl: i["gateway-url"].href } : {},
    ...i["online-eval"] ? { onlineEval: i["online-eval"] } : {},
    ...i["prometheus-url"] ? { prometheusUrl: i["prometheus-url"].href } : {},
    ...i["environment-url"] ? { environmentUrl: i["environment-url"].href } : {}
  };
}
function readRollbackInputs(rt) {
  const i = readInputs(rt, {
    ...shared,
    reason: { kind: "string", default: "manual rollback" },
    release: { kind: "string", pattern: /^sha256:[0-9a-f]{64}$/, patternHint: "sha256: and 64 hex digits" },
    "follow-up": { kind: "enum", values: ["none", "issue", "revert-pr"], default: "none" }
  });
  return {
    ...sharedOptions(i),
    reason: i.reason,
    followUp: i["follow-up"],
    ...i.release ? { release: i.release } : {}
  };
}
function sharedOptions(i) {
  return {
    environment: i.environment,
    ...i.config ? { configFile: i.config } : {},
    ...i.router ? { router: i.router } : {},
    ...i["github-token"] ? { githubToken: i["github-token"] } : {},
    ...i["gateway-admin-url"] ? { gatewayAdminUrl: i["gateway-admin-url"].href } : {},
    ...i["gateway-token"] ? { gatewayToken: i["gateway-token"] } : {},
    ...i.route ? { route: i.route } : {},
    ...i.state ? { stateDir: i.state } : {}
  };
}

// packages/delivery/lib/router.js
var MemoryRouter = class {
  name = "memory";
  calls = [];
  weight = 0;
  async canaryWeight() {
    return this.weight;
  }
  async setCanaryWeight(percent) {
    this.weight = percent;
    this.calls.push(`weight ${percent}`);
  }
  async promote() {
    this.weight = 100;
    this.calls.push("promote");
  }
  async rollback() {
    this.weight = 0;
    this.calls.push("rollback");
  }
  async retire() {
    this.calls.push("retire");
    return { drained: true, detail: "memory router: nothing in flight" };
  }
};

export {
  OUTCOME_SEVERITY,
  spentAlpha,
  AlphaSpender,
  twoProportionTest,
  mannWhitneyTest,
  wilcoxonSignedRankTest,
  CanaryJudge,
  combineSources,
  runCanary,
  mirrorDecisions,
  OnlineEvalSource,
  tokenF1,
  gatewayPrometheusMetrics,
  PrometheusSource,
  rolloutMarkdown,
  rollback,
  openFollowUp,
  batchPlan,
  runRolling,
  GatewayRollingTarget,
  GatewayRouter,
  GatewayStatsSource,
  ROUTER_KINDS,
  selectRouter,
  isRemote,
  openDeliveryStores,
  deployCanary,
  rollbackDeployment,
  readDeployInputs,
  readRollbackInputs,
  MemoryRouter
};
