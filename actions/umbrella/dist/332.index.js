export const id = 332;
export const ids = [332,122];
export const modules = {

/***/ 2332:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployCanary: () => (/* reexport */ deployCanary),
  readDeployInputs: () => (/* reexport */ readDeployInputs),
  readRollbackInputs: () => (/* reexport */ readRollbackInputs),
  rollbackDeployment: () => (/* reexport */ rollbackDeployment)
});

// UNUSED EXPORTS: AlphaSpender, CanaryJudge, ConflictError, FolderRolloutStore, GatewayRouter, GatewayStatsSource, ManualClock, MemoryRouter, OUTCOME_SEVERITY, OnlineEvalSource, PrometheusSource, canaryStepSchema, canaryStrategySchema, combineSources, durationToMs, gatewayPrometheusMetrics, mannWhitneyTest, median, metricSchema, mirrorDecisions, normalCdf, normalQuantile, normalSf, quantile, rollback, rolloutMarkdown, runCanary, spentAlpha, systemClock, tokenF1, twoProportionTest, wilcoxonSignedRankTest

// EXTERNAL MODULE: ./packages/config/lib/index.js + 9 modules
var lib = __webpack_require__(6371);
;// CONCATENATED MODULE: ./packages/delivery/lib/analysis/metric.js


/** Worst first: the worst outcome of any metric is the analysis outcome. */
const OUTCOME_SEVERITY = { error: 4, fail: 3, inconclusive: 2, running: 1, pass: 0 };
//# sourceMappingURL=metric.js.map
// EXTERNAL MODULE: ./packages/stats/lib/distributions.js
var distributions = __webpack_require__(2866);
;// CONCATENATED MODULE: ./packages/delivery/lib/analysis/sequential.js

/** Cumulative alpha spent by information fraction `t` in [0, 1]. */
function spentAlpha(t, alpha, kind) {
    const f = Math.min(1, Math.max(0, t));
    if (f === 0)
        return 0;
    switch (kind) {
        case 'pocock':
            // Spends early: a clearly bad canary is stopped at the first looks.
            return alpha * Math.log(1 + (Math.E - 1) * f);
        case 'linear':
            return alpha * f;
        case 'obrien-fleming': {
            // 2 - 2Φ(z_{α/2}/√t): almost nothing early, nearly all of alpha at the end.
            const z = (0,distributions/* normalQuantile */.Zl)(1 - alpha / 2);
            return Math.min(alpha, 2 * (0,distributions/* normalSf */.nG)(z / Math.sqrt(f)));
        }
    }
}
// Grid for the sub-density of the score S = z·√t; S never needs to go below -8 (mass < 1e-15).
const LOW = -8;
const HIGH = 10;
// Analyses with the same plan look at the same times: their boundaries are computed once.
const memo = new Map();
const MEMO_LIMIT = 4096;
/** Spends alpha across looks and gives each look its exact z boundary. */
class AlphaSpender {
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
    constructor(alpha, kind = 'pocock', resolution = 0.01) {
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
        return Number.isFinite(z) ? (0,distributions/* normalSf */.nG)(z) : 0;
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
        // Convolve the surviving mass with the Gaussian increment; only kernel values that matter.
        const reach = Math.ceil((9 * sd) / this.step);
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
            const cell = ((density[i] + density[i - 1]) / 2) * this.step;
            if (tail + cell >= target) {
                // Interpolate inside the cell so the boundary does not snap to the grid.
                const frac = (target - tail) / cell;
                const boundary = this.grid[i] - frac * this.step;
                return { boundary, crossed: target };
            }
            tail += cell;
        }
        return { boundary: LOW * Math.sqrt(t), crossed: tail };
    }
}
//# sourceMappingURL=sequential.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/analysis/tests.js

/**
 * Is the canary's event rate (errors, refusals) higher than stable's by more than `margin`
 * (absolute, e.g. 0.005 for half a point)? One-sided. With no margin: the exact conditional
 * binomial test (as `scipy.stats.binomtest(x_c, x_c + x_s, n_c / (n_c + n_s), alternative='greater')`),
 * calibrated at the handful of events a young canary has; with a margin, a Wald test on
 * Agresti–Caffo adjusted rates. Zero events stay finite in both.
 */
function twoProportionTest(stable, canary, margin = 0) {
    const effect = canary.trials && stable.trials ? canary.events / canary.trials - stable.events / stable.trials : 0;
    const base = { effect, nStable: stable.trials, nCanary: canary.trials };
    if (stable.trials === 0 || canary.trials === 0)
        return { ...base, pValue: 1, z: 0 };
    if (margin === 0) {
        // Conditional on the total number of events, the canary's share is Binomial(E, n_c / (n_c + n_s))
        // when the rates are equal: an exact test, where the z-test's normal tail is too thin at the
        // small counts of a young canary and rolls back good versions too often.
        const total = stable.events + canary.events;
        const p = (0,distributions/* binomialSf */.vD)(canary.events, total, canary.trials / (canary.trials + stable.trials));
        const z = -(0,distributions/* normalQuantile */.Zl)(Math.min(1 - 1e-16, Math.max(p, 1e-300)));
        return { ...base, pValue: p, z };
    }
    const ps = (stable.events + 1) / (stable.trials + 2);
    const pc = (canary.events + 1) / (canary.trials + 2);
    const se = Math.sqrt((ps * (1 - ps)) / (stable.trials + 2) + (pc * (1 - pc)) / (canary.trials + 2));
    const z = (pc - ps - margin) / se;
    return { ...base, pValue: (0,distributions/* normalSf */.nG)(z), z };
}
/**
 * Does the canary tend to take longer than stable, beyond a relative tolerance? Mann–Whitney U
 * on canary/(1+tolerance) against stable, one-sided, normal approximation with tie correction
 * (as scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=True)).
 */
function mannWhitneyTest(stable, canary, tolerance = 0) {
    const n1 = canary.length;
    const n2 = stable.length;
    const scaled = canary.map((x) => x / (1 + tolerance));
    const effect = n1 && n2 ? median(canary) / median(stable) - 1 : 0;
    if (n1 === 0 || n2 === 0)
        return { pValue: 1, z: 0, effect, nStable: n2, nCanary: n1 };
    // Sort each side as a typed array, then merge: no per-sample objects, so large windows stay cheap.
    const c = Float64Array.from(scaled).sort();
    const st = Float64Array.from(stable).sort();
    let rankSumCanary = 0;
    let tieTerm = 0;
    let i = 0;
    let j = 0;
    let rank = 0;
    while (i < n1 || j < n2) {
        const v = j >= n2 || (i < n1 && c[i] <= st[j]) ? c[i] : st[j];
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
    const u = rankSumCanary - (n1 * (n1 + 1)) / 2;
    const n = n1 + n2;
    const mean = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
    if (variance <= 0)
        return { pValue: 1, z: 0, effect, nStable: n2, nCanary: n1 };
    const z = (u - mean - 0.5) / Math.sqrt(variance);
    return { pValue: (0,distributions/* normalSf */.nG)(z), z, effect, nStable: n2, nCanary: n1 };
}
/**
 * Do paired scores (the same eval case answered by stable and by canary) drop by more than
 * `tolerance` points? Wilcoxon signed-rank on (stable - canary - tolerance), one-sided, zero
 * differences dropped, normal approximation with tie and continuity correction
 * (as scipy.stats.wilcoxon(zero_method='wilcox', correction=True, method='approx')).
 */
function wilcoxonSignedRankTest(pairs, tolerance = 0) {
    const diffs = pairs.map(([s, c]) => s - c - tolerance).filter((d) => d !== 0);
    const effect = pairs.length ? pairs.reduce((sum, [s, c]) => sum + (c - s), 0) / pairs.length : 0;
    const n = diffs.length;
    if (n === 0)
        return { pValue: 1, z: 0, effect, nStable: pairs.length, nCanary: pairs.length };
    const sorted = diffs.map((d) => ({ a: Math.abs(d), pos: d > 0 })).sort((x, y) => x.a - y.a);
    let wPlus = 0;
    let tieTerm = 0;
    for (let i = 0; i < n;) {
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
    const mean = (n * (n + 1)) / 4;
    const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
    const z = (wPlus - mean - 0.5) / Math.sqrt(variance);
    return { pValue: (0,distributions/* normalSf */.nG)(z), z, effect, nStable: pairs.length, nCanary: pairs.length };
}
function median(xs) {
    if (xs.length === 0)
        return Number.NaN;
    const s = Float64Array.from(xs).sort();
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function quantile(xs, q) {
    if (xs.length === 0)
        return Number.NaN;
    const s = Float64Array.from(xs).sort();
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
//# sourceMappingURL=tests.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/analysis/judge.js



/**
 * Judges a canary against stable, look after look, for the length of one analysis.
 * Each metric gets an equal share of alpha (Bonferroni) and spends it over time, so the chance
 * of rolling back a canary that is no worse stays below alpha however often we look.
 */
class CanaryJudge {
    options;
    metrics;
    spenders;
    counts = new Map();
    limits;
    constructor(metrics, options) {
        this.options = options;
        this.metrics = metrics.map((m) => lib.metricSchema.parse(m));
        const alpha = options.alpha ?? 0.05;
        const acting = Math.max(1, this.metrics.filter((m) => !m.dryRun).length);
        this.spenders = new Map(this.metrics.map((m) => [m.name, new AlphaSpender(alpha / acting, options.spending ?? 'pocock')]));
        this.limits = { fail: 0, error: 1, inconclusive: 0, ...options.limits };
    }
    /** Judges the observations gathered so far; `final` closes the analysis with pass or inconclusive. */
    look(observations, elapsedMs, final = elapsedMs >= this.options.plannedDurationMs) {
        const t = Math.min(1, elapsedMs / this.options.plannedDurationMs);
        const verdicts = this.metrics.map((m) => this.judgeMetric(m, observations[m.name], t, final));
        let outcome = final ? 'pass' : 'running';
        for (const v of verdicts) {
            if (v.dryRun || v.outcome === 'pass' || v.outcome === 'running')
                continue;
            const counts = this.counts.get(v.name) ?? { fail: 0, error: 0, inconclusive: 0 };
            counts[v.outcome]++;
            this.counts.set(v.name, counts);
            // An outcome decides the analysis once it happened more often than its limit allows.
            if (counts[v.outcome] > this.limits[v.outcome] && OUTCOME_SEVERITY[v.outcome] > OUTCOME_SEVERITY[outcome])
                outcome = v.outcome;
        }
        if (final && outcome === 'running')
            outcome = 'pass';
        return { outcome, elapsedMs, final, metrics: verdicts };
    }
    judgeMetric(m, obs, t, final) {
        const base = { name: m.name, dryRun: m.dryRun };
        if (obs === undefined || obs instanceof Error) {
            return { ...base, outcome: 'error', reason: obs ? `source failed: ${obs.message}` : 'no data from the source', nCanary: 0 };
        }
        if (obs.test !== m.test)
            return { ...base, outcome: 'error', reason: `expected ${m.test} data, got ${obs.test}`, nCanary: 0 };
        const level = this.spenders.get(m.name).levelAt(t);
        const { result, value } = compare(m, obs);
        const shared = { ...base, pValue: result.pValue, level, effect: result.effect, value, nCanary: result.nCanary };
        if (result.nCanary < m.minSample) {
            return final
                ? { ...shared, outcome: 'inconclusive', reason: `only ${result.nCanary} canary samples, ${m.minSample} needed` }
                : { ...shared, outcome: 'running', reason: `${result.nCanary}/${m.minSample} samples` };
        }
        if (m.max !== undefined && value > m.max)
            return { ...shared, outcome: 'fail', reason: `canary ${fmt(value)} is above the limit ${m.max}` };
        if (m.min !== undefined && value < m.min)
            return { ...shared, outcome: 'fail', reason: `canary ${fmt(value)} is below the limit ${m.min}` };
        if (result.pValue <= level) {
            return {
                ...shared,
                outcome: 'fail',
                reason: `canary worse than stable beyond tolerance ${m.tolerance} (effect ${fmt(result.effect)}, p=${result.pValue.toExponential(2)} ≤ ${level.toExponential(2)})`,
            };
        }
        return final
            ? { ...shared, outcome: 'pass', reason: `no significant regression (effect ${fmt(result.effect)}, p=${fmt(result.pValue)})` }
            : { ...shared, outcome: 'running', reason: `no regression so far (p=${fmt(result.pValue)})` };
    }
}
/** Runs the metric's test in its bad direction and computes the canary's own value. */
function compare(m, obs) {
    const worseIsHigher = m.direction === 'lower-is-better';
    switch (obs.test) {
        case 'proportion': {
            const flip = (p) => (worseIsHigher ? p : { events: p.trials - p.events, trials: p.trials });
            const value = obs.canary.trials ? obs.canary.events / obs.canary.trials : 0;
            return { result: twoProportionTest(flip(obs.stable), flip(obs.canary), m.tolerance), value };
        }
        case 'distribution': {
            // Higher-is-better values (tokens per second) are positive rates: their reciprocals turn
            // "lower by more than x%" into the same upper-tail test with the same relative tolerance.
            const inv = (xs) => xs.map((x) => 1 / x);
            const result = worseIsHigher ? mannWhitneyTest(obs.stable, obs.canary, m.tolerance) : mannWhitneyTest(inv(obs.stable), inv(obs.canary), m.tolerance);
            return { result, value: statOf(obs.canary, m.stat) };
        }
        case 'paired': {
            const pairs = worseIsHigher ? obs.pairs.map(([s, c]) => [c, s]) : obs.pairs;
            const mean = obs.pairs.length ? obs.pairs.reduce((sum, [, c]) => sum + c, 0) / obs.pairs.length : Number.NaN;
            return { result: wilcoxonSignedRankTest(pairs, m.tolerance), value: mean };
        }
    }
}
function statOf(xs, stat) {
    if (stat === 'mean')
        return xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
    if (stat === 'median')
        return median(xs);
    return quantile(xs, Number(stat.slice(1)) / 100);
}
function fmt(x) {
    return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2);
}
//# sourceMappingURL=judge.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var kit_lib = __webpack_require__(5610);
;// CONCATENATED MODULE: ./packages/gateway/lib/admin-client.js

/**
 * A client for a running gateway's admin API: what canary-promote uses to read routes, move
 * weights and read the stats it judges a canary on. Every call sends the admin token; errors
 * become {@link HttpError} with the gateway's reason.
 */
class GatewayAdminClient {
    token;
    actor;
    base;
    /** `adminUrl` is the admin listener's base URL, e.g. http://127.0.0.1:8081; `actor` is recorded with every change. */
    constructor(adminUrl, token, actor = 'slipway') {
        this.token = token;
        this.actor = actor;
        this.base = adminUrl.replace(/\/+$/, '');
    }
    async call(method, path, body) {
        const res = await fetch(`${this.base}${path}`, {
            method,
            headers: { authorization: `Bearer ${this.token}`, 'x-slipway-actor': this.actor, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(body !== undefined ? { body } : {}),
        });
        const text = await res.text();
        if (!res.ok) {
            let reason = text;
            try {
                reason = JSON.parse(text).error ?? text;
            }
            catch {
                // Not JSON: keep the text.
            }
            throw new kit_lib.HttpError(`gateway admin ${method} ${path}: ${res.status} ${reason}`, res.status, res.headers.get('retry-after') ?? undefined);
        }
        return JSON.parse(text);
    }
    /** The routes, their weights and each backend's health. */
    routes() {
        return this.call('GET', '/admin/routes');
    }
    /** Sets every weight of one route (basis points adding up to 10000); backends left out get 0. */
    setWeights(route, weights) {
        return this.call('PUT', `/admin/routes/${encodeURIComponent(route)}/weights`, JSON.stringify({ weights }));
    }
    /**
     * Per-variant counts, error rates and latency quantiles over the last `windowSeconds`.
     * `exclude` leaves out samples by assignment, e.g. `['override']` for the weighted split alone.
     */
    stats(windowSeconds = 60, recent = 20, exclude = []) {
        const skip = exclude.length ? `&exclude=${encodeURIComponent(exclude.join(','))}` : '';
        // Milliseconds, so a window that starts half a second ago does not reach back a whole second.
        return this.call('GET', `/admin/stats?window=${Math.max(1, Math.round(windowSeconds * 1000))}ms&recent=${recent}${skip}`);
    }
    /** Replaces the whole configuration (YAML or JSON text); refused with the reason when invalid. */
    replaceConfig(text) {
        return this.call('PUT', '/admin/config', text);
    }
    /** Every configuration change since start, with who made it. */
    async changes() {
        return (await this.call('GET', '/admin/changes')).changes;
    }
}
//# sourceMappingURL=admin-client.js.map
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(6921);
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/config.js




// gateway.yml: camelCase keys, every object strict, durations with units, weights in basis points.
const duration = schemas/* string */.YjP()
    .regex(/^(\d+(\.\d+)?(ms|s|m|h))+$/, 'a duration with a unit, such as 250ms, 30s or 10m')
    .meta({ examples: ['2s', '10m'] });
const config_name = schemas/* string */.YjP().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a lower-case name: letters, digits, ".", "_" or "-"');
const envName = schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, such as OPENAI_API_KEY');
const listen = schemas/* union */.KCZ([schemas/* number */.aig().int().min(0).max(65535), schemas/* string */.YjP().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'host:port, such as 127.0.0.1:8080')])
    .describe('A port, or host:port.');
const headerName = schemas/* string */.YjP()
    .regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name')
    .transform((h) => h.toLowerCase());
const stickyKey = schemas/* string */.YjP()
    .regex(/^(api-key|client-address|header:[A-Za-z0-9-]+)$/, 'one of api-key, client-address or header:<name>')
    .transform((k) => k.toLowerCase());
const backendSchema = schemas/* object */.Ikc({
    url: schemas/* url */.OZ5({ protocol: /^https?$/ }).describe('Base URL of the OpenAI-compatible API, including `/v1`.'),
    apiKeyEnv: envName.optional().describe('Environment variable holding the API key sent upstream as `Authorization: Bearer …`.'),
    timeouts: schemas/* object */.Ikc({
        connect: duration.default('2s').describe('Time to open the connection.'),
        firstByte: duration.default('60s').describe('Time to the first byte of the answer (the first token when streaming).'),
        total: duration.default('600s').describe('Time for the whole exchange.'),
    })
        .strict()
        .prefault({}),
    retries: schemas/* number */.aig().int().min(0).max(5).default(1).describe('Retries before the first byte (connection errors, 429, 5xx, first-byte timeout).'),
    models: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional().describe('Model-name mapping: the name clients send to the name this backend serves.'),
    price: schemas/* object */.Ikc({
        inputPerMillion: schemas/* number */.aig().min(0).describe('USD per million input tokens.'),
        outputPerMillion: schemas/* number */.aig().min(0).describe('USD per million output tokens.'),
    })
        .strict()
        .optional(),
    healthCheck: schemas/* object */.Ikc({
        path: schemas/* string */.YjP().startsWith('/').default('/models').describe('Path below the base URL answered with 2xx when healthy.'),
        interval: duration.default('10s'),
        timeout: duration.default('2s'),
    })
        .strict()
        .optional()
        .describe('Active health checks; an unhealthy backend is routed around like an ejected one.'),
})
    .strict();
const ruleSchema = schemas/* object */.Ikc({
    header: headerName.describe('Request header to test.'),
    equals: schemas/* string */.YjP().optional(),
    matches: schemas/* string */.YjP()
        .refine((s) => {
        try {
            new RegExp(s);
            return true;
        }
        catch {
            return false;
        }
    }, 'a valid regular expression')
        .optional(),
    variant: config_name.describe('Backend the matching requests go to.'),
})
    .strict();
const routeSchema = schemas/* object */.Ikc({
    name: config_name.describe('Route (experiment) name; part of the sticky hash.'),
    models: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional().describe('Request models this route serves; absent: every model.'),
    weights: schemas/* record */.g1P(config_name, schemas/* number */.aig().int().min(0).max(10_000)).describe('Share of traffic per backend in basis points; they add up to 10000.'),
    sticky: schemas/* array */.YOg(stickyKey)
        .default(['header:x-user-id', 'api-key', 'client-address'])
        .describe('Where the sticky key comes from, first present wins: `header:<name>`, `api-key`, `client-address`.'),
    rules: schemas/* array */.YOg(ruleSchema).default([]).describe('Header-match rules for A/B tests; the first match wins over the weights.'),
    fallback: schemas/* record */.g1P(config_name, config_name).default({}).describe('Where a failing or ejected backend\u2019s requests go, e.g. `canary: stable`.'),
    shadow: schemas/* object */.Ikc({
        variant: config_name.describe('Backend that receives the mirrored requests.'),
        sampleRate: schemas/* number */.aig().min(0).max(1).describe('Share of requests mirrored (0..1).'),
        captureText: schemas/* boolean */.zMY().default(false).describe('Keep the first 2000 characters of both answers for comparison.'),
    })
        .strict()
        .optional(),
})
    .strict();
/** The schema of `gateway.yml`. */
const config_gatewayConfigSchema = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(1).describe('Format version; only `1` exists.'),
    listen: listen.default('127.0.0.1:8080').describe('Where the OpenAI-compatible API listens.'),
    admin: schemas/* object */.Ikc({
        listen: listen.default('127.0.0.1:8081').describe('Admin API, /metrics and /healthz; loopback unless you say otherwise.'),
        tokenEnv: envName.default('SLIPWAY_GATEWAY_ADMIN_TOKEN').describe('The admin API is off unless this variable holds a token.'),
    })
        .strict()
        .prefault({}),
    overrideHeader: headerName.default('x-slipway-variant').describe('Header that sends a request to a named backend.'),
    clientKeysEnv: envName.optional().describe('Variable with comma-separated client keys; when set, clients must send one as a Bearer token.'),
    limits: schemas/* object */.Ikc({
        maxBodyBytes: schemas/* number */.aig()
            .int()
            .min(1)
            .default(4 * 1024 * 1024)
            .describe('Largest request body accepted (413 beyond).'),
    })
        .strict()
        .prefault({}),
    outlierDetection: schemas/* object */.Ikc({
        consecutiveFailures: schemas/* number */.aig().int().min(1).default(5),
        ejectFor: duration.default('30s').describe('Cool-down before an ejected backend gets traffic again.'),
    })
        .strict()
        .prefault({}),
    drainTimeout: duration.default('30s').describe('How long shutdown waits for requests in flight.'),
    accessLog: schemas/* enum */.k5n(['stdout', 'stderr', 'off']).default('stdout').describe('JSON access log (no prompt bodies).'),
    requestLog: schemas/* object */.Ikc({
        sampleRate: schemas/* number */.aig().min(0).max(1).describe('Share of requests whose bodies are logged, redacted.'),
        redact: schemas/* array */.YOg(schemas/* string */.YjP()).default([]).describe('Extra regular expressions to mask, beside e-mail addresses and keys.'),
    })
        .strict()
        .optional(),
    tracing: schemas/* object */.Ikc({
        otlpEndpoint: schemas/* url */.OZ5({ protocol: /^https?$/ })
            .describe('OTLP/HTTP endpoint, e.g. http://127.0.0.1:4318; spans are posted to <endpoint>/v1/traces as JSON.'),
        sampleRate: schemas/* number */.aig().min(0).max(1).default(1).describe('Share of requests traced when the caller sent no sampled traceparent.'),
        serviceName: schemas/* string */.YjP().min(1).default('slipway-gateway'),
    })
        .strict()
        .optional()
        .describe('OpenTelemetry traces: one span per request with the GenAI attributes; `traceparent` is continued and passed upstream.'),
    stats: schemas/* object */.Ikc({ maxSamples: schemas/* number */.aig().int().min(100).max(1_000_000).default(20_000).describe('Samples kept per variant for /admin/stats.') })
        .strict()
        .prefault({}),
    backends: schemas/* record */.g1P(config_name, backendSchema).refine((b) => Object.keys(b).length > 0, 'at least one backend'),
    routes: schemas/* array */.YOg(routeSchema).min(1),
})
    .strict()
    .superRefine((cfg, ctx) => {
    const known = new Set(Object.keys(cfg.backends));
    const list = [...known].join(', ');
    const names = new Set();
    cfg.routes.forEach((route, i) => {
        const at = ['routes', i];
        if (names.has(route.name))
            ctx.addIssue({ code: 'custom', path: [...at, 'name'], message: `route name "${route.name}" is used twice` });
        names.add(route.name);
        let sum = 0;
        for (const [backend, w] of Object.entries(route.weights)) {
            sum += w;
            if (!known.has(backend))
                ctx.addIssue({ code: 'custom', path: [...at, 'weights', backend], message: `unknown backend "${backend}"; backends: ${list}` });
        }
        if (sum !== 10_000)
            ctx.addIssue({ code: 'custom', path: [...at, 'weights'], message: `weights add up to ${sum}; they must add up to 10000 (basis points)` });
        route.rules.forEach((r, j) => {
            if (!known.has(r.variant))
                ctx.addIssue({ code: 'custom', path: [...at, 'rules', j, 'variant'], message: `unknown backend "${r.variant}"; backends: ${list}` });
            if ((r.equals === undefined) === (r.matches === undefined))
                ctx.addIssue({ code: 'custom', path: [...at, 'rules', j], message: 'a rule needs exactly one of equals or matches' });
        });
        for (const [from, to] of Object.entries(route.fallback)) {
            if (!known.has(from))
                ctx.addIssue({ code: 'custom', path: [...at, 'fallback', from], message: `unknown backend "${from}"; backends: ${list}` });
            if (!known.has(to))
                ctx.addIssue({ code: 'custom', path: [...at, 'fallback', from], message: `unknown backend "${to}"; backends: ${list}` });
            if (from === to)
                ctx.addIssue({ code: 'custom', path: [...at, 'fallback', from], message: 'a backend cannot fall back to itself' });
        }
        if (route.shadow && !known.has(route.shadow.variant))
            ctx.addIssue({ code: 'custom', path: [...at, 'shadow', 'variant'], message: `unknown backend "${route.shadow.variant}"; backends: ${list}` });
    });
})
    .meta({ title: 'gateway.yml', description: 'Slipway gateway: backends, routes with weights, sticky keys, rules, fallback and shadow.' });
/** The JSON Schema of `gateway.yml`, for editors (`# yaml-language-server: $schema=…`). */
function gatewayConfigJsonSchema() {
    return z.toJSONSchema(config_gatewayConfigSchema, { target: 'draft-2020-12', io: 'input' });
}
/** Parses and validates `gateway.yml` text (YAML or JSON); throws a ConfigError naming file:line:col. */
function config_parseGatewayConfig(text, file = 'gateway.yml') {
    return parseYamlWithSchema(config_gatewayConfigSchema, text, file);
}
/** Reads and validates a `gateway.yml`. */
async function loadGatewayConfig(file) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new ConfigError([
            { location: { file }, message: `cannot read the gateway configuration: ${code === 'ENOENT' ? 'no such file' : error.message}` },
        ]);
    }
    return config_parseGatewayConfig(text, file);
}
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Milliseconds in a duration such as `1m30s` (already validated by the schema). */
function config_durationMs(text) {
    let total = 0;
    for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
        total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
    return total;
}
/** `8080` or `host:8080` as host and port (a bare port listens on loopback). */
function config_parseListen(value) {
    if (typeof value === 'number')
        return { host: '127.0.0.1', port: value };
    const i = value.lastIndexOf(':');
    return { host: value.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(value.slice(i + 1)) };
}
//# sourceMappingURL=config.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/state.js


function state_buildState(config, backends, version, env) {
    let clientKeys;
    if (config.clientKeysEnv) {
        const keys = (env[config.clientKeysEnv] ?? '')
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean);
        if (keys.length === 0)
            throw new Error(`clientKeysEnv: the environment variable ${config.clientKeysEnv} holds no keys`);
        clientKeys = keys.map(state_digest);
    }
    return {
        version,
        config,
        routes: config.routes.map(compileRoute),
        backends,
        clientKeys,
        overrideHeader: config.overrideHeader,
        maxBodyBytes: config.limits.maxBodyBytes,
    };
}
function state_digest(value) {
    return createHash('sha256').update(value).digest();
}
/** Compares a presented secret to known digests without leaking, by timing, how much of it matched. */
function state_secretMatches(presented, known) {
    if (presented === undefined)
        return false;
    const d = state_digest(presented);
    let ok = false;
    for (const k of known)
        if (timingSafeEqual(d, k))
            ok = true;
    return ok;
}
/** The token of an `Authorization: Bearer …` header. */
function state_bearer(header) {
    if (!header)
        return undefined;
    const m = /^Bearer\s+(.+)$/i.exec(header);
    return m?.[1]?.trim();
}
//# sourceMappingURL=state.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/admin.js



function json(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
}
function problem(res, status, message, extra = {}) {
    json(res, status, { error: message, ...extra });
}
function readBody(req, limit) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size <= limit)
                chunks.push(c);
        });
        req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
/** Who asked: a short, printable name from `X-Slipway-Actor`, else "admin-token". */
function actorOf(req) {
    const raw = req.headers['x-slipway-actor'];
    const actor = typeof raw === 'string' && /^[\w.@:/ -]{1,80}$/.test(raw) ? raw : 'admin-token';
    return { actor, remote: req.socket.remoteAddress ?? 'unknown' };
}
function windowOf(url, fallback) {
    const w = url.searchParams.get('window') ?? fallback;
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(w))
        throw new ConfigError([{ location: { file: 'window' }, message: `window=${JSON.stringify(w)}: expected a duration such as 60s or 5m` }]);
    return durationMs(w);
}
/**
 * The admin listener: `/healthz` and `/metrics` always; `/admin/*` only when a token is set, and
 * then only for requests bearing it (compared in constant time).
 */
async function admin_handleAdmin(target, req, res) {
    const url = new URL(req.url ?? '/', 'http://admin');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
        return json(res, target.draining() ? 503 : 200, { status: target.draining() ? 'draining' : 'ok', version: target.version() });
    }
    if (url.pathname === '/metrics' && method === 'GET') {
        const text = target.metrics();
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
        return;
    }
    if (!url.pathname.startsWith('/admin/'))
        return problem(res, 404, `no such admin path: ${url.pathname}`);
    if (!target.adminToken) {
        req.resume();
        return problem(res, 404, 'the admin API is off: set the variable named by admin.tokenEnv (default SLIPWAY_GATEWAY_ADMIN_TOKEN) to a token');
    }
    if (!secretMatches(bearer(req.headers.authorization), target.adminToken)) {
        req.resume();
        return problem(res, 401, 'missing or wrong admin token: send Authorization: Bearer <token>');
    }
    try {
        const who = actorOf(req);
        if (url.pathname === '/admin/routes' && method === 'GET')
            return json(res, 200, target.routes());
        if (url.pathname === '/admin/config' && method === 'GET')
            return json(res, 200, { version: target.version(), config: target.config() });
        if (url.pathname === '/admin/stats' && method === 'GET') {
            const recent = Math.min(1000, Math.max(0, Number(url.searchParams.get('recent') ?? 20) || 0));
            const exclude = (url.searchParams.get('exclude') ?? '').split(',').filter((x) => x !== '');
            return json(res, 200, target.stats(windowOf(url, '60s'), recent, exclude));
        }
        if (url.pathname === '/admin/shadow' && method === 'GET') {
            const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
            return json(res, 200, target.shadow(windowOf(url, '5m'), limit));
        }
        if (url.pathname === '/admin/changes' && method === 'GET')
            return json(res, 200, { changes: target.changes() });
        const weights = /^\/admin\/routes\/([^/]+)\/weights$/.exec(url.pathname);
        if (weights && (method === 'PUT' || method === 'POST')) {
            const text = await readBody(req, target.maxBodyBytes);
            if (text === undefined)
                return problem(res, 413, 'body too large');
            let body;
            try {
                body = JSON.parse(text);
            }
            catch {
                return problem(res, 400, 'the body must be JSON: {"weights": {"stable": 9000, "canary": 1000}}');
            }
            const wanted = body?.weights;
            if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted))
                return problem(res, 400, 'the body must be JSON: {"weights": {"stable": 9000, "canary": 1000}}');
            const name = decodeURIComponent(weights[1] ?? '');
            const config = structuredClone(target.config());
            const route = config.routes.find((r) => r.name === name);
            if (!route)
                return problem(res, 404, `no route named ${JSON.stringify(name)}; routes: ${config.routes.map((r) => r.name).join(', ')}`);
            // Keep the order the route already has: the bucket layout (and so every sticky user) depends on it.
            const merged = {};
            for (const k of Object.keys(route.weights))
                merged[k] = k in wanted ? wanted[k] : 0;
            for (const [k, v] of Object.entries(wanted))
                if (!(k in merged))
                    merged[k] = v;
            route.weights = merged;
            const change = await target.apply(config, 'PUT /admin/routes/weights', who, 'set-weights');
            return json(res, 200, { version: change.version, route: name, weights: merged, change });
        }
        if (url.pathname === '/admin/config' && (method === 'PUT' || method === 'POST')) {
            const text = await readBody(req, target.maxBodyBytes);
            if (text === undefined)
                return problem(res, 413, 'body too large');
            const change = await target.applyText(text, 'PUT /admin/config', who, 'replace-config');
            return json(res, 200, { version: change.version, change });
        }
        return problem(res, 404, `no such admin endpoint: ${method} ${url.pathname}`);
    }
    catch (error) {
        if (error instanceof ConfigError) {
            return problem(res, 400, `refused, the running configuration is unchanged: ${error.message}`, {
                problems: error.problems.map((p) => ({ ...p.location, message: p.message })),
            });
        }
        return problem(res, 500, `admin request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
}
//# sourceMappingURL=admin.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/metrics.js
/**
 * Prometheus metrics named after the OpenTelemetry GenAI semantic conventions, in Prometheus form
 * (dots to underscores, unit suffix): `gen_ai.client.operation.duration` becomes
 * `gen_ai_client_operation_duration_seconds`. Every series carries the variant (what routing chose)
 * and the backend (what served it; they differ after a fallback).
 */
/** Seconds; up to 600 s, as long generations take. */
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];
/** Per-token and per-chunk times. */
const FINE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
/** The buckets the conventions recommend for token counts. */
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];
class Histogram {
    buckets;
    counts;
    sum = 0;
    count = 0;
    constructor(buckets) {
        this.buckets = buckets;
        this.counts = new Float64Array(buckets.length);
    }
    observe(v) {
        this.sum += v;
        this.count++;
        const b = this.buckets;
        for (let i = 0; i < b.length; i++) {
            if (v <= b[i]) {
                this.counts[i] = this.counts[i] + 1;
                return;
            }
        }
    }
}
const HISTOGRAMS = {
    gen_ai_client_operation_duration_seconds: ['GenAI operation duration, as the client sees it through the gateway.', SECONDS_BUCKETS],
    gen_ai_server_request_duration_seconds: ['Backend request duration, to the last byte.', SECONDS_BUCKETS],
    gen_ai_server_time_to_first_token_seconds: ['Time to the first streamed token (successful streams).', SECONDS_BUCKETS],
    gen_ai_client_operation_time_to_first_chunk_seconds: ['Time to the first chunk of a streamed answer.', SECONDS_BUCKETS],
    gen_ai_server_time_per_output_token_seconds: ['Time per output token after the first (successful streams).', FINE_BUCKETS],
    gen_ai_client_operation_time_per_output_chunk_seconds: ['Mean time between chunks of a streamed answer.', FINE_BUCKETS],
    gen_ai_client_token_usage: ['Input and output tokens per operation (gen_ai_token_type).', TOKEN_BUCKETS],
};
const COUNTERS = {
    slipway_gateway_requests_total: 'Requests by variant, backend, operation and status class.',
    slipway_gateway_errors_total: 'Failed requests by error class (error_type).',
    slipway_gateway_tokens_total: 'Tokens by type (input, output).',
    slipway_gateway_cost_usd_total: 'Cost in US dollars, from the backends\u2019 configured prices.',
    slipway_gateway_retries_total: 'Upstream attempts retried before the first byte.',
    slipway_gateway_fallbacks_total: 'Requests served by a fallback backend.',
    slipway_gateway_shadow_requests_total: 'Mirrored (shadow) requests by outcome.',
    slipway_gateway_ejections_total: 'Outlier ejections of a backend.',
    slipway_gateway_config_reloads_total: 'Configuration changes applied or refused (result).',
};
/** Label sets are built once per key and cached: observing is a map lookup and a loop. */
function labelText(labels) {
    return Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
        .join(',');
}
class metrics_Metrics {
    histograms = new Map();
    counters = new Map();
    /** Gauges are read when scraped. */
    gauges = [];
    constructor() {
        for (const [name, [help, buckets]] of Object.entries(HISTOGRAMS))
            this.histograms.set(name, { help, buckets, series: new Map() });
        for (const [name, help] of Object.entries(COUNTERS))
            this.counters.set(name, { help, series: new Map() });
    }
    observe(name, key, labels, value) {
        const fam = this.histograms.get(name);
        let s = fam.series.get(key);
        if (!s) {
            s = { labels: labelText(labels()), h: new Histogram(fam.buckets) };
            fam.series.set(key, s);
        }
        s.h.observe(value);
    }
    inc(name, key, labels, by = 1) {
        const fam = this.counters.get(name);
        let s = fam.series.get(key);
        if (!s) {
            s = { labels: labelText(labels()), value: 0 };
            fam.series.set(key, s);
        }
        s.value += by;
    }
    gauge(name, help, read) {
        this.gauges.push({ name, help, read });
    }
    /** The Prometheus text exposition format, version 0.0.4. */
    render() {
        const out = [];
        for (const [name, fam] of this.histograms) {
            out.push(`# HELP ${name} ${fam.help}`, `# TYPE ${name} histogram`);
            for (const { labels, h } of fam.series.values()) {
                let cumulative = 0;
                const sep = labels ? `${labels},` : '';
                fam.buckets.forEach((le, i) => {
                    cumulative += h.counts[i];
                    out.push(`${name}_bucket{${sep}le="${le}"} ${cumulative}`);
                });
                out.push(`${name}_bucket{${sep}le="+Inf"} ${h.count}`, `${name}_sum{${labels}} ${h.sum}`, `${name}_count{${labels}} ${h.count}`);
            }
        }
        for (const [name, fam] of this.counters) {
            out.push(`# HELP ${name} ${fam.help}`, `# TYPE ${name} counter`);
            for (const { labels, value } of fam.series.values())
                out.push(`${name}{${labels}} ${value}`);
        }
        for (const g of this.gauges) {
            out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
            for (const { labels, value } of g.read())
                out.push(`${g.name}{${labelText(labels)}} ${value}`);
        }
        return `${out.join('\n')}\n`;
    }
}
//# sourceMappingURL=metrics.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/forwarding.js
/** Headers that describe one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
    'connection',
    'keep-alive',
    'proxy-connection',
    'proxy-authenticate',
    'proxy-authorization',
    'te',
    'trailer',
    'transfer-encoding',
    'upgrade',
]);
const forwarding_OPERATIONS = {
    '/v1/chat/completions': 'chat',
    '/v1/completions': 'text_completion',
    '/v1/embeddings': 'embeddings',
    '/v1/models': 'models',
};
/** An OpenAI-style error envelope, so clients' error handling works unchanged. */
function forwarding_sendError(res, status, type, message, extra = {}) {
    if (res.headersSent) {
        res.destroy();
        return;
    }
    const body = JSON.stringify({ error: { message, type, param: null, code: type } });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
}
function forwarding_errorClass(status) {
    if (status < 400)
        return undefined;
    if (status === 429)
        return 'rate_limited';
    if (status >= 500)
        return 'upstream_5xx';
    return 'upstream_4xx';
}
function forwarding_retryableStatus(status) {
    return status === 429 || status >= 500;
}
function forwarding_parseBody(body, operation) {
    if (!body || operation === 'other' || operation === 'models')
        return { json: undefined, model: undefined, stream: false };
    try {
        const json = JSON.parse(body.toString('utf8'));
        if (typeof json !== 'object' || json === null || Array.isArray(json))
            return { json: undefined, model: undefined, stream: false };
        const o = json;
        return { json: o, model: typeof o.model === 'string' ? o.model : undefined, stream: o.stream === true };
    }
    catch {
        // Not JSON: the backend will say so in its own words.
        return { json: undefined, model: undefined, stream: false };
    }
}
function forwarding_upstreamPath(backend, clientPath) {
    // Clients call /v1/…; the backend's base URL already ends in its own /v1 (or another prefix).
    return clientPath.startsWith('/v1/') || clientPath === '/v1' ? backend.basePath + clientPath.slice(3) : backend.basePath + clientPath;
}
function forwarding_bodyFor(backend, body, parsed) {
    const mapped = parsed.model !== undefined ? backend.config.models?.[parsed.model] : undefined;
    if (mapped === undefined || !parsed.json)
        return body;
    return Buffer.from(JSON.stringify({ ...parsed.json, model: mapped }));
}
function forwarding_headersFor(state, backend, req, body, id, pairId, traceparent) {
    const out = {};
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
        const k = raw[i].toLowerCase();
        if (HOP_BY_HOP.has(k) || k === 'host' || k === 'content-length' || k === state.overrideHeader)
            continue;
        if (k === 'authorization' && (backend.authorization !== undefined || state.clientKeys !== undefined))
            continue;
        const v = raw[i + 1];
        const prev = out[k];
        out[k] = prev === undefined ? v : `${String(prev)}, ${v}`;
    }
    out.host = backend.url.host;
    if (backend.authorization)
        out.authorization = backend.authorization;
    if (body)
        out['content-length'] = body.length;
    out['x-request-id'] ??= id;
    if (pairId)
        out['x-slipway-pair-id'] = pairId;
    if (traceparent)
        out.traceparent = traceparent;
    return out;
}
function forwarding_responseHeaders(up, extra, draining) {
    const out = {};
    const raw = up.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
        const k = raw[i].toLowerCase();
        if (HOP_BY_HOP.has(k))
            continue;
        const v = raw[i + 1];
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [String(prev), v];
    }
    Object.assign(out, extra);
    if (draining)
        out.connection = 'close';
    return out;
}
//# sourceMappingURL=forwarding.js.map
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/observe.js

const TEXT_LIMIT = 2000;
const BODY_LIMIT = (/* unused pure expression or super */ null && (1024 * 1024));
/** A chunk carries output text: a non-empty `"content":"…"` (chat) or `"text":"…"` (completions). */
function hasText(payload) {
    const c = payload.indexOf('"content":"');
    if (c !== -1 && payload.charCodeAt(c + 11) !== 34)
        return true;
    const t = payload.indexOf('"text":"');
    return t !== -1 && payload.charCodeAt(t + 8) !== 34;
}
function readUsage(obs, json) {
    const usage = /"usage":\{([^}]*)\}/.exec(json)?.[1];
    if (!usage)
        return;
    const prompt = /"prompt_tokens":(\d+)/.exec(usage)?.[1];
    const completion = /"completion_tokens":(\d+)/.exec(usage)?.[1];
    if (prompt !== undefined)
        obs.inputTokens = Number(prompt);
    if (completion !== undefined)
        obs.outputTokens = Number(completion);
}
function appendText(obs, payload) {
    if ((obs.text?.length ?? 0) >= TEXT_LIMIT)
        return;
    try {
        const parsed = JSON.parse(payload);
        const c = parsed.choices?.[0];
        const piece = c?.delta?.content ?? c?.message?.content ?? c?.text ?? '';
        obs.text = ((obs.text ?? '') + piece).slice(0, TEXT_LIMIT);
    }
    catch {
        // Not JSON: nothing to compare.
    }
}
/**
 * Watches a Server-Sent Events stream chunk by chunk without holding it back: it notes the first
 * token, `[DONE]`, error events and the usage chunk. Only lines are parsed, never the whole body.
 */
class observe_SseObserver {
    captureText;
    obs = { contentChunks: 0, done: false, errorEvent: false };
    // Markers and numbers are ASCII, so latin1 (one char a byte, no split characters) is enough to
    // find them, and cheaper than UTF-8; only captured text needs real decoding.
    decoder;
    pending = '';
    constructor(captureText) {
        this.captureText = captureText;
        this.decoder = captureText ? new StringDecoder('utf8') : undefined;
    }
    chunk(data) {
        const decoded = this.decoder ? this.decoder.write(data) : data.toString('latin1');
        const text = this.pending === '' ? decoded : this.pending + decoded;
        let start = 0;
        for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
            if (nl > start)
                this.line(text, start, nl);
            start = nl + 1;
        }
        this.pending = start === text.length ? '' : text.slice(start);
        // A runaway line without newline would grow forever; a real event is far smaller.
        if (this.pending.length > BODY_LIMIT)
            this.pending = '';
    }
    line(text, start, end) {
        if (!text.startsWith('data:', start))
            return;
        const payload = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end).trimEnd();
        if (payload === '[DONE]') {
            this.obs.done = true;
            return;
        }
        if (payload.startsWith('{"error"') || /^\{\s*"error"\s*:/.test(payload)) {
            this.obs.errorEvent = true;
            return;
        }
        if (hasText(payload)) {
            this.obs.contentChunks++;
            if (this.obs.firstTokenAt === undefined)
                this.obs.firstTokenAt = performance.now();
            if (this.captureText)
                appendText(this.obs, payload);
        }
        if (payload.includes('"usage":{'))
            readUsage(this.obs, payload);
    }
}
/** Keeps a bounded copy of a JSON answer to read its usage (and text) once it ends. */
class observe_JsonObserver {
    captureText;
    obs = { contentChunks: 0, done: false, errorEvent: false };
    chunks = [];
    size = 0;
    constructor(captureText) {
        this.captureText = captureText;
    }
    chunk(data) {
        if (this.size + data.length > BODY_LIMIT)
            return;
        this.chunks.push(data);
        this.size += data.length;
    }
    /** The body kept so far, as text. */
    body() {
        return Buffer.concat(this.chunks, this.size).toString('utf8');
    }
    end() {
        const body = this.body();
        // Usage sits at the end of OpenAI answers: search only the tail of big ones.
        readUsage(this.obs, body.length > 4096 ? body.slice(-4096) : body);
        if (this.obs.inputTokens === undefined && body.length > 4096)
            readUsage(this.obs, body);
        if (this.captureText)
            appendText(this.obs, body);
    }
}
//# sourceMappingURL=observe.js.map
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/upstream.js



class upstream_AttemptError extends Error {
    kind;
    name = 'AttemptError';
    constructor(kind, message) {
        super(message);
        this.kind = kind;
    }
}
/**
 * Sends one request and resolves once the answer's first body byte is in (or it ended empty), so
 * a caller can still retry elsewhere: nothing has been sent to the client yet. Connect and first-byte
 * timeouts reject with an {@link AttemptError}.
 */
function upstream_attempt(backend, method, path, headers, body) {
    let req;
    const promise = new Promise((resolve, reject) => {
        let settled = false;
        const fail = (kind, message) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            req?.destroy();
            reject(new upstream_AttemptError(kind, message));
        };
        const timer = setTimeout(() => fail('first_byte_timeout', `${backend.name}: no answer within ${backend.firstByteMs} ms`), backend.firstByteMs);
        req = backend.transport.request({
            protocol: backend.url.protocol,
            hostname: backend.url.hostname,
            port: backend.url.port,
            method,
            path,
            headers,
            agent: backend.agent,
        });
        req.on('socket', (socket) => {
            if (!socket.connecting)
                return;
            const connectTimer = setTimeout(() => fail('connect_timeout', `${backend.name}: no connection within ${backend.connectMs} ms`), backend.connectMs);
            socket.once('connect', () => clearTimeout(connectTimer));
            socket.once('close', () => clearTimeout(connectTimer));
        });
        req.on('error', (e) => {
            fail(e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' ? 'connect' : 'reset', `${backend.name}: ${e.code ?? e.message}`);
        });
        req.on('response', (res) => {
            const abort = () => {
                res.destroy();
                req?.destroy();
            };
            const onData = (chunk) => {
                res.off('data', onData);
                res.off('end', onEnd);
                res.pause();
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                resolve({ res, first: chunk, ended: false, firstByteAt: performance.now(), abort });
            };
            const onEnd = () => {
                res.off('data', onData);
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                resolve({ res, first: undefined, ended: true, firstByteAt: performance.now(), abort });
            };
            res.on('data', onData);
            res.on('end', onEnd);
            res.on('error', () => fail('reset', `${backend.name}: the answer broke off before its first byte`));
        });
        req.end(body);
    });
    return Object.assign(promise, { cancel: () => req?.destroy() });
}
function closeIdle(agent) {
    for (const sockets of Object.values(agent.freeSockets))
        for (const socket of sockets ?? [])
            socket.destroy();
}
/** Creates and updates backends across reloads, and runs their health checks. */
class upstream_BackendPool {
    log;
    env;
    backends = new Map();
    constructor(log, env) {
        this.log = log;
        this.env = env;
    }
    get(name) {
        return this.backends.get(name);
    }
    all() {
        return [...this.backends.values()];
    }
    /** Builds the backends of a new config, keeping agents and health of those whose URL did not change. Throws on a missing key. */
    prepare(configs) {
        const next = new Map();
        for (const [name, config] of Object.entries(configs)) {
            const apiKey = config.apiKeyEnv ? this.env[config.apiKeyEnv] : undefined;
            if (config.apiKeyEnv && !apiKey)
                throw new Error(`backends.${name}.apiKeyEnv: the environment variable ${config.apiKeyEnv} is not set`);
            const old = this.backends.get(name);
            const url = new URL(config.url);
            const same = old && old.url.href === url.href;
            const transport = url.protocol === 'https:' ? https : http;
            next.set(name, {
                name,
                config,
                url,
                basePath: url.pathname.replace(/\/+$/, ''),
                agent: same ? old.agent : new transport.Agent({ keepAlive: true, scheduling: 'lifo', keepAliveMsecs: 10_000 }),
                transport,
                authorization: apiKey ? `Bearer ${apiKey}` : undefined,
                apiKey,
                connectMs: durationMs(config.timeouts.connect),
                firstByteMs: durationMs(config.timeouts.firstByte),
                totalMs: durationMs(config.timeouts.total),
                retries: config.retries,
                consecutiveFailures: same ? old.consecutiveFailures : 0,
                ejectedUntil: same ? old.ejectedUntil : 0,
                healthy: same ? old.healthy : true,
                inFlight: 0,
                healthTimer: undefined,
            });
        }
        return next;
    }
    /** Makes `next` (from {@link prepare}) the live set; backends dropped or replaced close once idle. */
    commit(next) {
        for (const [name, old] of this.backends) {
            if (old.healthTimer)
                clearInterval(old.healthTimer);
            const kept = next.get(name);
            // Streams on a replaced backend may run for minutes: close only its idle connections, now and later.
            if (!kept || kept.agent !== old.agent) {
                closeIdle(old.agent);
                setTimeout(() => closeIdle(old.agent), 60_000).unref();
            }
        }
        this.backends.clear();
        for (const [name, b] of next) {
            this.backends.set(name, b);
            this.startHealthCheck(b);
        }
    }
    startHealthCheck(b) {
        const hc = b.config.healthCheck;
        if (!hc)
            return;
        const timeout = durationMs(hc.timeout);
        const check = () => {
            const req = b.transport.request({
                protocol: b.url.protocol,
                hostname: b.url.hostname,
                port: b.url.port,
                path: b.basePath + hc.path,
                method: 'GET',
                agent: b.agent,
                timeout,
                headers: b.authorization ? { authorization: b.authorization } : {},
            }, (res) => {
                res.resume();
                this.setHealth(b, (res.statusCode ?? 500) < 400);
            });
            req.on('timeout', () => req.destroy(new Error('timeout')));
            req.on('error', () => this.setHealth(b, false));
            req.end();
        };
        b.healthTimer = setInterval(check, durationMs(hc.interval));
        b.healthTimer.unref();
        check();
    }
    setHealth(b, healthy) {
        if (b.healthy !== healthy)
            this.log.warn(`gateway: backend ${b.name} is now ${healthy ? 'healthy' : 'unhealthy'} (health check)`);
        b.healthy = healthy;
    }
    /** Stops health checks and closes every connection. */
    close() {
        for (const b of this.backends.values()) {
            if (b.healthTimer)
                clearInterval(b.healthTimer);
            b.agent.destroy();
        }
    }
}
//# sourceMappingURL=upstream.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/shadow.js



let inFlight = 0;
/** Mirrored requests in flight now. */
function shadow_shadowsInFlight() {
    return inFlight;
}
/** Mirrors a request to the shadow backend; its answer is recorded and thrown away, never shown to the client. */
function shadow_shadow(ctx, state, target, req, url, body, parsed, id, pairId, route, captureText) {
    inFlight++;
    const started = performance.now();
    const outBody = bodyFor(target, body, parsed);
    const done = (status, error, obs) => {
        inFlight--;
        const ok = error === undefined;
        ctx.metrics.inc('slipway_gateway_shadow_requests_total', `${target.name}|${ok}`, () => ({ slipway_backend: target.name, outcome: ok ? 'ok' : 'error' }));
        ctx.stats.recordPair(pairId, route, 'shadow', {
            variant: target.name,
            status,
            ok,
            ...(error !== undefined ? { error } : {}),
            latencyMs: performance.now() - started,
            outputTokens: obs?.outputTokens ?? (parsed.stream ? (obs?.contentChunks ?? 0) : 0),
            ...(obs?.text !== undefined ? { text: obs.text } : {}),
        });
    };
    attempt(target, req.method ?? 'POST', upstreamPath(target, url), headersFor(state, target, req, outBody, `${id}-shadow`, pairId), outBody).then((answer) => {
        const up = answer.res;
        const status = up.statusCode ?? 502;
        const observer = parsed.stream && status === 200 ? new SseObserver(captureText) : new JsonObserver(captureText);
        if (answer.first)
            observer.chunk(answer.first);
        const end = () => {
            if (observer instanceof JsonObserver)
                observer.end();
            let error = errorClass(status);
            if (error === undefined && observer instanceof SseObserver)
                error = observer.obs.errorEvent ? 'stream_error' : observer.obs.done ? undefined : 'stream_cut';
            done(status, error, observer.obs);
        };
        if (answer.ended || up.readableEnded)
            return end();
        up.on('data', (c) => observer.chunk(c));
        up.once('end', end);
        up.once('close', () => {
            if (!up.complete)
                done(status, 'stream_cut', observer.obs);
        });
        up.resume();
    }, (error) => done(502, error instanceof AttemptError ? error.kind : 'reset', undefined));
}
//# sourceMappingURL=shadow.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/proxy.js








function available(b, now) {
    return b?.healthy === true && b.ejectedUntil <= now;
}
/** Serves one client request: authenticate, read, route, forward with retries and fallback, pass the answer through, record. */
function proxy_handleRequest(ctx, req, res) {
    const started = performance.now();
    const state = ctx.state();
    const id = randomUUID();
    if (state.clientKeys && !secretMatches(bearer(req.headers.authorization), state.clientKeys)) {
        req.resume();
        sendError(res, 401, 'invalid_api_key', 'gateway: missing or unknown client key; send Authorization: Bearer <key>');
        return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > state.maxBodyBytes) {
        req.resume();
        sendError(res, 413, 'request_too_large', `gateway: request body of ${declared} bytes is over the limit of ${state.maxBodyBytes}`, { connection: 'close' });
        return;
    }
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c) => {
        if (tooLarge)
            return;
        size += c.length;
        if (size > state.maxBodyBytes) {
            tooLarge = true;
            sendError(res, 413, 'request_too_large', `gateway: request body is over the limit of ${state.maxBodyBytes} bytes`, { connection: 'close' });
            return;
        }
        chunks.push(c);
    });
    req.on('end', () => {
        if (tooLarge)
            return;
        const body = chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
        forward(ctx, state, req, res, id, started, body);
    });
}
function forward(ctx, state, req, res, id, started, body) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const operation = OPERATIONS[path] ?? 'other';
    const parsed = parseBody(body, operation);
    const route = routeFor(state.routes, parsed.model) ?? state.routes[0];
    if (!route) {
        sendError(res, 404, 'not_found', `gateway: no route serves model ${JSON.stringify(parsed.model)}`);
        return;
    }
    const { variant, reason } = assign(route, req.headers, req.socket.remoteAddress, state.overrideHeader, state.backends);
    const trace = ctx.tracer?.begin(req.headers.traceparent);
    const now = Date.now();
    let backend = state.backends.get(variant);
    let usedFallback = false;
    const fallbackOf = (b) => {
        const name = route.config.fallback[b.name];
        return name === undefined ? undefined : state.backends.get(name);
    };
    // An ejected or unhealthy backend hands its traffic to its fallback, unless a human asked for it by name.
    if (!available(backend, now) && reason !== 'override') {
        const fb = fallbackOf(backend);
        if (available(fb, now)) {
            backend = fb;
            usedFallback = true;
        }
    }
    const shadowCfg = route.config.shadow;
    const pairId = shadowCfg &&
        operation !== 'other' &&
        operation !== 'models' &&
        shadowCfg.variant !== backend.name &&
        Math.random() < shadowCfg.sampleRate &&
        shadowsInFlight() < ctx.maxShadowInFlight
        ? randomUUID()
        : undefined;
    if (ctx.requestLog && ctx.requestLogRate > 0 && body && Math.random() < ctx.requestLogRate)
        ctx.requestLog(id, body.toString('utf8'));
    let finished = false;
    let current;
    let upstream;
    let clientGone = false;
    let retries = 0;
    const totalTimer = setTimeout(() => {
        if (finished)
            return;
        current?.cancel();
        upstream?.abort();
        if (!res.headersSent)
            sendError(res, 504, 'timeout', `gateway: ${backend.name} did not finish within ${backend.totalMs} ms`);
        else
            res.destroy();
        finish(res.headersSent ? 200 : 504, 'timeout_total', undefined);
    }, backend.totalMs);
    res.on('close', () => {
        if (finished)
            return;
        clientGone = true;
        current?.cancel();
        upstream?.abort();
        finish(res.headersSent ? res.statusCode : 499, 'client_abort', undefined);
    });
    const fail = (b) => {
        b.consecutiveFailures++;
        if (b.consecutiveFailures >= ctx.ejectAfter && b.ejectedUntil <= Date.now()) {
            b.ejectedUntil = Date.now() + ctx.ejectForMs;
            b.consecutiveFailures = 0;
            ctx.onEject(b);
        }
    };
    const finish = (status, error, obs, countFailure = true) => {
        if (finished)
            return;
        finished = true;
        clearTimeout(totalTimer);
        backend.inFlight--;
        const latencyMs = performance.now() - started;
        const ttftMs = obs?.firstTokenAt !== undefined ? obs.firstTokenAt - started : undefined;
        const inputTokens = obs?.inputTokens ?? 0;
        const outputTokens = obs?.outputTokens ?? (parsed.stream ? (obs?.contentChunks ?? 0) : 0);
        const ok = error === undefined;
        if (ok)
            backend.consecutiveFailures = 0;
        else if (countFailure && error !== 'client_abort' && error !== 'upstream_4xx' && error !== 'rate_limited')
            fail(backend);
        record(ctx, {
            at: Date.now(),
            id,
            variant,
            backend: backend.name,
            route: route.name,
            operation,
            status,
            ok,
            ...(error !== undefined ? { error } : {}),
            latencyMs,
            ...(ttftMs !== undefined ? { ttftMs } : {}),
            inputTokens,
            outputTokens,
            stream: parsed.stream,
            assignment: reason,
        }, backend, obs, reason, retries, usedFallback, pairId, path);
        if (trace && ctx.tracer) {
            ctx.tracer.end(trace, {
                operation,
                model: parsed.model,
                serverAddress: backend.url.hostname,
                serverPort: Number(backend.url.port || (backend.url.protocol === 'https:' ? 443 : 80)),
                status,
                error,
                inputTokens,
                outputTokens,
                ttftMs,
                variant,
                backend: backend.name,
                route: route.name,
                assignment: reason,
                stream: parsed.stream,
            });
        }
        if (pairId) {
            ctx.stats.recordPair(pairId, route.name, 'primary', {
                variant: backend.name,
                status,
                ok,
                ...(error !== undefined ? { error } : {}),
                latencyMs,
                outputTokens,
                ...(obs?.text !== undefined ? { text: obs.text } : {}),
            });
        }
    };
    const pass = (answer) => {
        upstream = answer;
        const up = answer.res;
        const status = up.statusCode ?? 502;
        const observer = parsed.stream && status === 200
            ? new SseObserver(pairId !== undefined && shadowCfg?.captureText === true)
            : new JsonObserver(pairId !== undefined && shadowCfg?.captureText === true);
        const extra = { 'x-slipway-variant': variant, 'x-slipway-backend': backend.name, 'x-slipway-request-id': id };
        if (pairId)
            extra['x-slipway-pair-id'] = pairId;
        const headers = responseHeaders(up, extra, ctx.draining());
        // Error bodies may quote the key we sent: never let it reach the client.
        const redactKey = status >= 400 && backend.apiKey !== undefined;
        if (redactKey)
            delete headers['content-length'];
        res.writeHead(status, headers);
        const write = (chunk) => {
            // Pass the chunk on first, look at it after: the client never waits for the bookkeeping.
            const out = redactKey
                ? Buffer.from(chunk
                    .toString('utf8')
                    .split(backend.apiKey)
                    .join('***'))
                : chunk;
            if (!res.write(out)) {
                up.pause();
                res.once('drain', () => up.resume());
            }
            observer.chunk(chunk);
        };
        const end = () => {
            if (observer instanceof JsonObserver)
                observer.end();
            const obs = observer.obs;
            if (observer instanceof SseObserver && obs.firstTokenAt === undefined && obs.contentChunks === 0)
                obs.firstTokenAt = answer.firstByteAt;
            let error = errorClass(status);
            if (error === undefined && observer instanceof SseObserver) {
                if (obs.errorEvent)
                    error = 'stream_error';
                else if (!obs.done)
                    error = 'stream_cut';
            }
            finish(status, error, obs);
        };
        // A body that fits in its first chunk may have ended while the attempt held it paused:
        // then headers and body leave in one write.
        if (answer.ended || up.readableEnded) {
            if (answer.first)
                observer.chunk(answer.first);
            const out = answer.first && redactKey
                ? Buffer.from(answer.first
                    .toString('utf8')
                    .split(backend.apiKey)
                    .join('***'))
                : answer.first;
            res.end(out);
            end();
            return;
        }
        if (answer.first)
            write(answer.first);
        up.on('data', write);
        up.once('end', () => {
            res.end();
            end();
        });
        up.once('close', () => {
            if (up.complete || finished)
                return;
            // The backend cut the answer: cut the client's too, so it cannot mistake half an answer for a whole one.
            res.destroy();
            const obs = observer.obs;
            finish(status, observer instanceof SseObserver ? 'stream_cut' : 'upstream_reset', obs);
        });
        up.resume();
    };
    const tryOnce = () => {
        if (clientGone || finished)
            return;
        const outBody = bodyFor(backend, body, parsed);
        const call = attempt(backend, req.method ?? 'GET', upstreamPath(backend, url), headersFor(state, backend, req, outBody, id, pairId, trace && ctx.tracer?.header(trace)), outBody);
        current = call;
        call.then((answer) => {
            if (clientGone || finished) {
                answer.abort();
                return;
            }
            const status = answer.res.statusCode ?? 502;
            if (retryableStatus(status)) {
                if (retries < backend.retries) {
                    answer.abort();
                    fail(backend);
                    retries++;
                    ctx.metrics.inc('slipway_gateway_retries_total', backend.name, () => ({ backend: backend.name }));
                    setTimeout(tryOnce, 5 + Math.random() * 20 * retries);
                    return;
                }
                const fb = usedFallback ? undefined : fallbackOf(backend);
                if (status >= 500 && fb && available(fb, Date.now())) {
                    answer.abort();
                    fail(backend);
                    switchTo(fb);
                    return;
                }
            }
            pass(answer);
        }, (error) => {
            if (clientGone || finished)
                return;
            const kind = error instanceof AttemptError ? error.kind : 'reset';
            fail(backend);
            if (retries < backend.retries) {
                retries++;
                ctx.metrics.inc('slipway_gateway_retries_total', backend.name, () => ({ backend: backend.name }));
                setTimeout(tryOnce, kind === 'reset' ? 0 : 5 + Math.random() * 20 * retries);
                return;
            }
            const fb = usedFallback ? undefined : fallbackOf(backend);
            if (fb && available(fb, Date.now())) {
                switchTo(fb);
                return;
            }
            const timeout = kind === 'connect_timeout' || kind === 'first_byte_timeout';
            sendError(res, timeout ? 504 : 502, kind, `gateway: backend ${backend.name} failed: ${error instanceof Error ? error.message : String(error)}`);
            // Counted as a failure already above.
            finish(timeout ? 504 : 502, kind, undefined, false);
        });
    };
    const switchTo = (fb) => {
        backend.inFlight--;
        backend = fb;
        backend.inFlight++;
        usedFallback = true;
        retries = 0;
        tryOnce();
    };
    backend.inFlight++;
    tryOnce();
    if (pairId && shadowCfg) {
        const target = state.backends.get(shadowCfg.variant);
        if (target)
            shadow(ctx, state, target, req, url, body, parsed, id, pairId, route.name, shadowCfg.captureText);
    }
}
//# sourceMappingURL=proxy.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/tracing.js



const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;
const STATUS_UNSET = 0;
function attr(key, value) {
    if (value === undefined)
        return [];
    if (typeof value === 'string')
        return [{ key, value: { stringValue: value } }];
    if (typeof value === 'boolean')
        return [{ key, value: { boolValue: value } }];
    return Number.isInteger(value) ? [{ key, value: { intValue: String(value) } }] : [{ key, value: { doubleValue: value } }];
}
/** Wall-clock nanoseconds now, from a monotonic clock anchored once (spans need absolute times). */
const anchorNs = BigInt(Date.now()) * 1000000n - process.hrtime.bigint();
const nowNs = () => anchorNs + process.hrtime.bigint();
/**
 * Exports one span per request over OTLP/HTTP (JSON encoding) with the GenAI attributes, batched
 * every second or every 512 spans. Export failures are logged (at most once a minute) and never
 * touch the traffic.
 */
class tracing_OtlpTracer {
    serviceName;
    sampleRate;
    log;
    buffer = [];
    timer;
    lastWarning = 0;
    url;
    agent;
    inFlight = [];
    constructor(endpoint, serviceName, sampleRate, log) {
        this.serviceName = serviceName;
        this.sampleRate = sampleRate;
        this.log = log;
        this.url = new URL(`${endpoint.replace(/\/+$/, '')}/v1/traces`);
        this.agent = new (this.url.protocol === 'https:' ? https : http).Agent({ keepAlive: true });
    }
    /** Starts a request's trace context from its `traceparent` header (sampled as the caller said, else by rate). */
    begin(traceparent) {
        const m = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
        const valid = m && m[1] !== '0'.repeat(32) && m[2] !== '0'.repeat(16);
        return {
            traceId: valid ? m[1] : randomBytes(16).toString('hex'),
            spanId: randomBytes(8).toString('hex'),
            parentSpanId: valid ? m[2] : undefined,
            startNs: nowNs(),
            sampled: valid ? (Number.parseInt(m[3], 16) & 1) === 1 : Math.random() < this.sampleRate,
        };
    }
    /** The `traceparent` to send upstream: our span is the backend's parent. */
    header(ctx) {
        return `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}`;
    }
    end(ctx, s) {
        if (!ctx.sampled)
            return;
        this.buffer.push({
            traceId: ctx.traceId,
            spanId: ctx.spanId,
            ...(ctx.parentSpanId ? { parentSpanId: ctx.parentSpanId } : {}),
            name: s.model ? `${s.operation} ${s.model}` : s.operation,
            kind: SPAN_KIND_CLIENT,
            startTimeUnixNano: String(ctx.startNs),
            endTimeUnixNano: String(nowNs()),
            attributes: [
                ...attr('gen_ai.operation.name', s.operation),
                ...attr('gen_ai.request.model', s.model),
                ...attr('gen_ai.usage.input_tokens', s.inputTokens),
                ...attr('gen_ai.usage.output_tokens', s.outputTokens),
                ...attr('gen_ai.response.time_to_first_chunk', s.ttftMs === undefined ? undefined : s.ttftMs / 1000),
                ...attr('server.address', s.serverAddress),
                ...attr('server.port', s.serverPort),
                ...attr('http.response.status_code', s.status),
                ...attr('error.type', s.error),
                ...attr('slipway.variant', s.variant),
                ...attr('slipway.backend', s.backend),
                ...attr('slipway.route', s.route),
                ...attr('slipway.assignment', s.assignment),
                ...attr('slipway.stream', s.stream),
            ],
            status: s.error ? { code: STATUS_ERROR, message: s.error } : { code: STATUS_UNSET },
        });
        if (this.buffer.length >= 512)
            this.flush();
        else if (!this.timer) {
            this.timer = setTimeout(() => this.flush(), 1000);
            this.timer.unref();
        }
    }
    /** Sends what is buffered now. */
    flush() {
        clearTimeout(this.timer);
        this.timer = undefined;
        if (this.buffer.length === 0)
            return Promise.all(this.inFlight).then(() => undefined);
        const spans = this.buffer;
        this.buffer = [];
        const body = JSON.stringify({
            resourceSpans: [
                {
                    resource: { attributes: attr('service.name', this.serviceName) },
                    scopeSpans: [{ scope: { name: '@slipway/gateway', version: '0.1.0' }, spans }],
                },
            ],
        });
        const sent = new Promise((resolve) => {
            const req = (this.url.protocol === 'https:' ? https : http).request(this.url, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
                res.resume();
                if ((res.statusCode ?? 500) >= 300)
                    this.warn(`the collector answered ${res.statusCode}`);
                res.on('end', () => resolve());
            });
            req.on('timeout', () => req.destroy(new Error('timeout')));
            req.on('error', (e) => {
                this.warn(e.message);
                resolve();
            });
            req.end(body);
        });
        this.inFlight.push(sent);
        void sent.then(() => {
            this.inFlight = this.inFlight.filter((p) => p !== sent);
        });
        return Promise.all(this.inFlight).then(() => undefined);
    }
    warn(reason) {
        if (Date.now() - this.lastWarning < 60_000)
            return;
        this.lastWarning = Date.now();
        this.log.warn(`gateway: could not export spans to ${this.url.href}: ${reason} (spans are dropped; traffic is unaffected)`);
    }
    async close() {
        await this.flush();
        this.agent.destroy();
    }
}
//# sourceMappingURL=tracing.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/internal/gateway.js














function listenOn(server, where) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(where.port, where.host, () => {
            server.off('error', reject);
            resolve(server.address());
        });
    });
}
function hostFor(a) {
    return a.family === 'IPv6' ? `[${a.address}]` : a.address;
}
/**
 * Starts the gateway: the OpenAI-compatible listener and the admin listener. Resolves once both
 * listen. Bad keys in the environment are reported before anything listens.
 */
async function startGateway(options) {
    const env = options.env ?? process.env;
    const log = options.log;
    const pool = new BackendPool(log, env);
    const metrics = new Metrics();
    const stats = new StatsStore(options.config.stats.maxSamples);
    const changes = [];
    let draining = false;
    let inFlight = 0;
    const source = options.configFile ?? 'gateway.yml';
    const build = (config, version) => {
        try {
            const backends = pool.prepare(config.backends);
            return buildState(config, backends, version, env);
        }
        catch (error) {
            throw new ConfigError([{ location: { file: source }, message: error.message }]);
        }
    };
    let state = build(options.config, 1);
    pool.commit(state.backends);
    const adminTokenValue = env[options.config.admin.tokenEnv];
    const adminToken = adminTokenValue ? [digest(adminTokenValue)] : undefined;
    const accessLog = options.accessLog ??
        (options.config.accessLog === 'off'
            ? undefined
            : ((stream) => (line) => {
                stream.write(`${line}\n`);
            })(options.config.accessLog === 'stderr' ? process.stderr : process.stdout));
    const redact = redactor(options.config.requestLog?.redact ?? []);
    const record = (change) => {
        changes.push(change);
        if (changes.length > 1000)
            changes.shift();
        metrics.inc('slipway_gateway_config_reloads_total', String(change.applied), () => ({ result: change.applied ? 'applied' : 'refused' }));
        const line = `gateway: config ${change.applied ? `v${change.version} applied` : 'change refused'} (${change.action} by ${change.actor} from ${change.remote}): ${change.summary}`;
        if (change.applied)
            log.info(line);
        else
            log.warn(line);
    };
    const describe = (prev, next) => {
        const parts = [];
        for (const r of next.routes) {
            const old = prev.routes.find((o) => o.name === r.name);
            const w = (x) => Object.entries(x)
                .map(([k, v]) => `${k}=${v}`)
                .join(' ');
            if (!old)
                parts.push(`route ${r.name} added (${w(r.weights)})`);
            else if (JSON.stringify(old.weights) !== JSON.stringify(r.weights))
                parts.push(`route ${r.name} weights ${w(old.weights)} -> ${w(r.weights)}`);
        }
        for (const o of prev.routes)
            if (!next.routes.some((r) => r.name === o.name))
                parts.push(`route ${o.name} removed`);
        const backends = (c) => Object.keys(c.backends).sort().join(',');
        if (backends(prev) !== backends(next))
            parts.push(`backends ${backends(prev)} -> ${backends(next)}`);
        return parts.join('; ') || 'no routing change';
    };
    // Changes apply one at a time, so two admins cannot interleave half of each.
    let queue = Promise.resolve();
    const applyConfig = (parse, who, action) => {
        const run = queue.then(() => {
            const prev = state;
            try {
                const config = parse();
                const next = build(config, prev.version + 1);
                pool.commit(next.backends);
                state = next; // The swap: one assignment; requests in flight keep the snapshot they started with.
                const change = {
                    at: new Date().toISOString(),
                    ...who,
                    action,
                    applied: true,
                    version: next.version,
                    summary: describe(prev.config, config),
                };
                record(change);
                return change;
            }
            catch (error) {
                const summary = error instanceof Error ? error.message.split('\n')[0] : String(error);
                record({ at: new Date().toISOString(), ...who, action, applied: false, version: prev.version, summary: summary ?? 'invalid' });
                throw error;
            }
        });
        queue = run.catch(() => undefined);
        return run;
    };
    const applyObject = (next, src, who, action) => applyConfig(() => {
        const r = gatewayConfigSchema.safeParse(next);
        if (r.success)
            return r.data;
        throw new ConfigError(r.error.issues.map((i) => ({ location: { file: src }, message: `${i.path.join('.') || 'config'}: ${i.message}` })));
    }, who, action);
    const applyText = (text, src, who, action) => applyConfig(() => parseGatewayConfig(text, src), who, action);
    const ctx = {
        state: () => state,
        metrics,
        stats,
        accessLog,
        requestLog: options.config.requestLog ? (id, body) => log.info(JSON.stringify({ requestLog: true, id, body: redact(body) })) : undefined,
        requestLogRate: options.config.requestLog?.sampleRate ?? 0,
        draining: () => draining,
        ejectAfter: options.config.outlierDetection.consecutiveFailures,
        ejectForMs: durationMs(options.config.outlierDetection.ejectFor),
        onEject: (b) => {
            metrics.inc('slipway_gateway_ejections_total', b.name, () => ({ slipway_backend: b.name }));
            log.warn(`gateway: backend ${b.name} ejected for ${options.config.outlierDetection.ejectFor} after ${options.config.outlierDetection.consecutiveFailures} consecutive failures`);
        },
        maxShadowInFlight: 256,
        tracer: options.config.tracing
            ? new OtlpTracer(options.config.tracing.otlpEndpoint, options.config.tracing.serviceName, options.config.tracing.sampleRate, log)
            : undefined,
    };
    metrics.gauge('slipway_gateway_backend_available', 'Whether a backend takes traffic (1) or is ejected or unhealthy (0).', () => pool.all().map((b) => ({ labels: { slipway_backend: b.name }, value: b.healthy && b.ejectedUntil <= Date.now() ? 1 : 0 })));
    metrics.gauge('slipway_gateway_requests_in_flight', 'Requests being served.', () => [{ labels: {}, value: inFlight }]);
    metrics.gauge('slipway_gateway_route_weight_basis_points', 'Configured weight per route and backend.', () => state.config.routes.flatMap((r) => Object.entries(r.weights).map(([b, w]) => ({ labels: { slipway_route: r.name, slipway_backend: b }, value: w }))));
    metrics.gauge('slipway_gateway_config_version', 'Version of the configuration serving now.', () => [{ labels: {}, value: state.version }]);
    const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
        inFlight++;
        res.once('close', () => inFlight--);
        handleRequest(ctx, req, res);
    });
    server.on('clientError', (_err, socket) => {
        if (socket.writable)
            socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    });
    const target = {
        config: () => state.config,
        version: () => state.version,
        apply: applyObject,
        applyText,
        routes: () => ({
            version: state.version,
            routes: state.config.routes.map((r) => ({
                name: r.name,
                weights: r.weights,
                models: r.models ?? null,
                rules: r.rules,
                fallback: r.fallback,
                shadow: r.shadow ?? null,
                sticky: r.sticky,
            })),
            backends: Object.fromEntries([...state.backends.values()].map((b) => [
                b.name,
                {
                    url: b.url.href,
                    healthy: b.healthy,
                    ejected: b.ejectedUntil > Date.now(),
                    ejectedUntil: b.ejectedUntil > Date.now() ? new Date(b.ejectedUntil).toISOString() : null,
                    inFlight: b.inFlight,
                },
            ])),
        }),
        stats: (w, recent, exclude) => ({ version: state.version, ...stats.report(w, recent, exclude) }),
        shadow: (w, limit) => ({ pairs: stats.shadowPairs(w, limit) }),
        changes: () => changes,
        metrics: () => metrics.render(),
        draining: () => draining,
        adminToken,
        maxBodyBytes: options.config.limits.maxBodyBytes,
    };
    const admin = createServer((req, res) => {
        handleAdmin(target, req, res).catch((e) => {
            log.error(`gateway: admin request failed: ${String(e)}`);
            if (!res.headersSent)
                res.writeHead(500).end();
        });
    });
    const mainAddr = await listenOn(server, options.listen ?? parseListen(options.config.listen));
    let adminAddr;
    try {
        adminAddr = await listenOn(admin, options.adminListen ?? parseListen(options.config.admin.listen));
    }
    catch (error) {
        server.close();
        pool.close();
        throw error;
    }
    record({
        at: new Date().toISOString(),
        actor: 'startup',
        remote: 'local',
        action: 'start',
        applied: true,
        version: 1,
        summary: `routes ${options.config.routes
            .map((r) => `${r.name} (${Object.entries(r.weights)
            .map(([b, w]) => `${b}=${w}`)
            .join(' ')})`)
            .join('; ')}; backends ${Object.keys(options.config.backends).join(', ')}`,
    });
    if (!adminToken)
        log.info(`gateway: admin API off (set ${options.config.admin.tokenEnv} to turn it on); /metrics and /healthz stay available`);
    let watcher;
    if (options.watch && options.configFile) {
        const file = path.resolve(options.configFile);
        let timer;
        let lastText;
        const reloadFromFile = async () => {
            const text = await readFile(file, 'utf8').catch(() => undefined);
            if (text === undefined || text === lastText)
                return;
            lastText = text;
            await applyText(text, options.configFile, { actor: 'file-watch', remote: 'local' }, 'file-reload').catch(() => undefined);
        };
        lastText = await readFile(file, 'utf8').catch(() => undefined);
        // Editors replace files by rename, so watch the folder and filter by name.
        watcher = watch(path.dirname(file), (_event, name) => {
            if (name !== path.basename(file))
                return;
            clearTimeout(timer);
            timer = setTimeout(() => void reloadFromFile(), 100);
        });
    }
    let stopping;
    const stop = () => {
        stopping ??= (async () => {
            draining = true;
            watcher?.close();
            const closed = new Promise((resolve) => server.close(() => resolve()));
            server.closeIdleConnections();
            const deadline = Date.now() + durationMs(state.config.drainTimeout);
            while (inFlight > 0 && Date.now() < deadline)
                await new Promise((r) => setTimeout(r, 20));
            server.closeAllConnections();
            await closed;
            await new Promise((resolve) => {
                admin.close(() => resolve());
                admin.closeAllConnections();
            });
            pool.close();
            await ctx.tracer?.close();
        })();
        return stopping;
    };
    return {
        url: `http://${hostFor(mainAddr)}:${mainAddr.port}/v1`,
        adminUrl: `http://${hostFor(adminAddr)}:${adminAddr.port}`,
        config: () => state.config,
        version: () => state.version,
        reload: (next, actor = 'library') => applyObject(next, 'reload', { actor, remote: 'local' }, 'replace-config'),
        stats,
        metrics,
        changes: () => changes,
        stop,
    };
}
//# sourceMappingURL=gateway.js.map
;// CONCATENATED MODULE: ./packages/gateway/lib/index.js




//# sourceMappingURL=index.js.map
// EXTERNAL MODULE: ./packages/github/lib/index.js + 6 modules
var github_lib = __webpack_require__(6122);
// EXTERNAL MODULE: ./packages/release/lib/index.js + 5 modules
var release_lib = __webpack_require__(6025);
;// CONCATENATED MODULE: ./packages/delivery/lib/combine.js
/** Asks several sources at once and merges what they report; a source that fails reports its error under its metrics. */
function combineSources(...sources) {
    return {
        async collect(window) {
            const results = await Promise.allSettled(sources.map((s) => s.collect(window)));
            const out = {};
            for (const r of results) {
                if (r.status === 'fulfilled')
                    Object.assign(out, r.value);
            }
            const failure = results.find((r) => r.status === 'rejected');
            // Metrics nobody reported stay absent, so the judge names them as "no data from the source".
            if (failure && Object.keys(out).length === 0)
                throw failure.reason;
            return out;
        },
    };
}
//# sourceMappingURL=combine.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/clock.js
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
/** A clock that advances only when slept on: tests of long rollouts run instantly. */
class ManualClock {
    t;
    constructor(t = Date.parse('2026-11-27T12:00:00Z')) {
        this.t = t;
    }
    now() {
        return this.t;
    }
    async sleep(ms) {
        this.t += ms;
    }
}
//# sourceMappingURL=clock.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/strategy.js


/** Milliseconds of a duration string the schema has already checked. */
function durationToMs(text) {
    const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    return [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)].reduce((sum, m) => sum + Number(m[1]) * units[m[2]], 0);
}
//# sourceMappingURL=strategy.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/controller.js




const quiet = { debug() { }, info() { }, warn() { }, error() { } };
/**
 * Rolls a release out by the strategy's steps, judging the canary at each analysis step, and
 * promotes it or rolls it back. Every transition is saved (compare-and-swap) before the next one,
 * so a controller killed at any point can be run again with the same arguments: it continues
 * where the last one stopped, and a finished rollout is reported, not repeated.
 */
async function runCanary(o) {
    const parsed = lib.canaryStrategySchema.safeParse(o.strategy);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new kit_lib.UserError(`canary strategy: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`, {
            hint: 'see docs/delivery.md for the strategy format',
        });
    }
    const strategy = parsed.data;
    const clock = o.clock ?? systemClock;
    const log = o.log ?? quiet;
    const iso = () => new Date(clock.now()).toISOString();
    let state = await o.store.load(o.environment);
    if (state && state.releaseId === o.releaseId && (state.status === 'promoted' || state.status === 'rolled-back')) {
        log.info(`release ${controller_short(o.releaseId)} already ${state.status} in ${o.environment}; nothing to do`);
        return { result: state.status, state };
    }
    if (state && state.releaseId !== o.releaseId && (state.status === 'running' || state.status === 'paused')) {
        throw new kit_lib.UserError(`a rollout of ${controller_short(state.releaseId)} is still ${state.status} in ${o.environment}`, {
            hint: 'finish it, or roll it back first (slipway rollback)',
        });
    }
    if (!state || state.releaseId !== o.releaseId) {
        state = await o.store.save({
            environment: o.environment,
            releaseId: o.releaseId,
            status: 'running',
            stepIndex: 0,
            weight: await o.router.canaryWeight(),
            startedAt: iso(),
            stepStartedAt: iso(),
            decisions: [],
            revision: state?.revision ?? 0,
        });
        await appendHistory(o, 'in-progress', iso(), 'rollout started');
    }
    const record = async (decision, change = {}) => {
        const cur = state;
        const full = { at: iso(), step: cur.stepIndex, weight: change.weight ?? cur.weight, ...decision };
        state = await o.store.save({ ...cur, ...change, decisions: [...cur.decisions, full] });
        await o.onDecision?.(full, state);
        log.info(`${o.environment}: ${full.action} at ${full.weight}% — ${full.reason}`);
    };
    if (state.status === 'paused') {
        if (!o.approved)
            return { result: 'paused', state };
        await record({ action: 'hold', reason: 'approved: continuing' }, { status: 'running', stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    }
    while (state.stepIndex < strategy.steps.length) {
        const step = strategy.steps[state.stepIndex];
        if ('setWeight' in step) {
            await o.router.setCanaryWeight(step.setWeight);
            await record({ action: 'weight', reason: `canary weight set to ${step.setWeight}%` }, { weight: step.setWeight, stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
        }
        else if ('pause' in step) {
            if (step.pause === 'approval') {
                await record({ action: 'pause', reason: 'waiting for approval' }, { status: 'paused' });
                return { result: 'paused', state };
            }
            const until = Date.parse(state.stepStartedAt) + durationToMs(step.pause);
            if (until > clock.now())
                await clock.sleep(until - clock.now());
            await record({ action: 'pause', reason: `paused ${step.pause}` }, { stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
        }
        else {
            const outcome = await analyse(o, strategy, step.analysis, state, clock, (look) => record({ action: 'look', outcome: look.outcome, reason: lookReason(look), metrics: look.metrics.map(slim) }));
            if (outcome === 'fail' || outcome === 'error' || (outcome === 'inconclusive' && strategy.onInconclusive === 'rollback')) {
                await o.router.rollback();
                await record({ action: 'rollback', outcome, reason: `analysis ${outcome}: rolled back` }, { status: 'rolled-back', weight: 0 });
                await appendHistory(o, 'rolled-back', iso(), `analysis ${outcome} at step ${state.stepIndex + 1}`);
                return { result: 'rolled-back', state };
            }
            if (outcome === 'inconclusive' && strategy.onInconclusive === 'pause') {
                await record({ action: 'hold', outcome, reason: 'analysis inconclusive: waiting for approval' }, { status: 'paused' });
                return { result: 'paused', state };
            }
            await record({ action: 'advance', reason: `analysis ${outcome}: next step` }, { stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
        }
    }
    await o.router.promote();
    await record({ action: 'promote', reason: 'every step passed: promoted' }, { status: 'promoted', weight: 100 });
    await appendHistory(o, 'promoted', iso(), 'every analysis passed');
    return { result: 'promoted', state };
}
/** Watches one analysis step to its verdict. */
async function analyse(o, strategy, spec, state, clock, onLook) {
    const duration = durationToMs(spec.duration);
    const interval = Math.max(1, durationToMs(spec.interval));
    const start = Date.parse(state.stepStartedAt) + durationToMs(spec.warmup);
    const judge = new CanaryJudge(strategy.metrics, { alpha: strategy.alpha, spending: strategy.spending, plannedDurationMs: duration, limits: strategy.limits });
    for (let elapsed = interval;; elapsed = Math.min(duration, elapsed + interval)) {
        const at = start + elapsed;
        if (at > clock.now())
            await clock.sleep(at - clock.now());
        let observations;
        try {
            observations = await o.source.collect({ since: start, until: at });
        }
        catch (error) {
            observations = Object.fromEntries(strategy.metrics.map((m) => [m.name, error instanceof Error ? error : new Error(String(error))]));
        }
        const look = judge.look(observations, elapsed, elapsed >= duration);
        await onLook(look);
        if (look.outcome !== 'running')
            return look.outcome;
    }
}
async function appendHistory(o, outcome, at, reason) {
    await o.history?.append({ environment: o.environment, releaseId: o.releaseId, outcome, at, reason });
}
function lookReason(look) {
    const bad = look.metrics.filter((m) => m.outcome !== 'running' && m.outcome !== 'pass');
    return bad.length
        ? bad.map((m) => `${m.name}: ${m.reason}`).join('; ')
        : `${look.outcome} (${look.metrics.map((m) => `${m.name} n=${m.nCanary}`).join(', ')})`;
}
function slim(m) {
    const out = { name: m.name, outcome: m.outcome, nCanary: m.nCanary, reason: m.reason };
    if (m.value !== undefined && Number.isFinite(m.value))
        out.value = m.value;
    if (m.effect !== undefined && Number.isFinite(m.effect))
        out.effect = m.effect;
    if (m.pValue !== undefined)
        out.pValue = m.pValue;
    if (m.level !== undefined)
        out.level = m.level;
    return out;
}
function controller_short(id) {
    return id.replace(/^sha256:/, '').slice(0, 12);
}
//# sourceMappingURL=controller.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/gateway/router.js
/** Moves traffic through our gateway's admin API: weights in basis points on one route. */
class GatewayRouter {
    client;
    options;
    name = 'gateway';
    stable;
    canary;
    constructor(client, options) {
        this.client = client;
        this.options = options;
        this.stable = options.stable ?? 'stable';
        this.canary = options.canary ?? 'canary';
    }
    async canaryWeight() {
        const view = await this.client.routes();
        const route = view.routes.find((r) => r.name === this.options.route);
        if (!route)
            throw new Error(`the gateway has no route "${this.options.route}" (it has: ${view.routes.map((r) => r.name).join(', ')})`);
        return (route.weights[this.canary] ?? 0) / 100;
    }
    async setCanaryWeight(percent) {
        const bp = Math.round(percent * 100);
        await this.client.setWeights(this.options.route, { [this.stable]: 10_000 - bp, [this.canary]: bp });
    }
    async promote() {
        await this.client.setWeights(this.options.route, { [this.stable]: 0, [this.canary]: 10_000 });
    }
    async rollback() {
        await this.client.setWeights(this.options.route, { [this.stable]: 10_000, [this.canary]: 0 });
    }
}
//# sourceMappingURL=router.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/gateway/source.js
/**
 * Reads the gateway's stats API: request and error counts per variant, and the latest samples
 * (up to 1,000 a variant) for latency, time to first token and output tokens.
 * Metric names it knows: error-rate, latency, ttft, output-tokens.
 */
class GatewayStatsSource {
    client;
    variants;
    now;
    constructor(client, variants = { stable: 'stable', canary: 'canary' }, now = Date.now) {
        this.client = client;
        this.variants = variants;
        this.now = now;
    }
    async collect({ since }) {
        // Only the weighted split: override traffic (online evals, smoke tests) is a different mix.
        const report = await this.client.stats(Math.max(1, (this.now() - since) / 1000), 1000, ['override']);
        const stable = report.variants[this.variants.stable];
        const canary = report.variants[this.variants.canary];
        const ok = (xs) => (xs ?? []).filter((s) => s.ok && s.at >= since);
        const dist = (pick) => ({
            test: 'distribution',
            stable: ok(stable?.recent).flatMap((s) => finiteOrNone(pick(s))),
            canary: ok(canary?.recent).flatMap((s) => finiteOrNone(pick(s))),
        });
        return {
            'error-rate': {
                test: 'proportion',
                stable: { events: stable?.errors ?? 0, trials: stable?.requests ?? 0 },
                canary: { events: canary?.errors ?? 0, trials: canary?.requests ?? 0 },
            },
            latency: dist((s) => s.latencyMs),
            ttft: dist((s) => s.ttftMs),
            'output-tokens': dist((s) => s.outputTokens),
        };
    }
}
function finiteOrNone(v) {
    return v === undefined || !Number.isFinite(v) ? [] : [v];
}
//# sourceMappingURL=source.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/github-mirror.js
/**
 * Turns rollout decisions into GitHub deployment statuses: "canary 10%" while it runs, success when
 * promoted, failure when rolled back. Returns the controller's `onDecision` hook.
 */
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
                description: `canary of ${s.releaseId.slice(7, 19)}`,
            });
        }
        if (id === undefined)
            return;
        const url = deployment.environmentUrl;
        if (d.action === 'weight')
            await mirror.status(id, 'in_progress', `canary ${d.weight}%`, url);
        else if (d.action === 'promote')
            await mirror.status(id, 'success', 'promoted: every analysis passed', url);
        else if (d.action === 'rollback')
            await mirror.status(id, 'failure', `rolled back: ${d.reason}`, url);
        else if ((d.action === 'hold' || d.action === 'pause') && s.status === 'paused')
            await mirror.status(id, 'in_progress', `paused at ${d.weight}%: ${d.reason}`, url);
        else if (d.action === 'hold')
            await mirror.status(id, 'in_progress', `approved: continuing from ${d.weight}%`, url);
    };
}
//# sourceMappingURL=github-mirror.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/online-eval.js

/**
 * An online eval: at each look, a few cases of the suite are asked of stable and of canary
 * through the gateway's override header (so a 0% canary can be judged too), scored, and
 * reported as pairs: the same question answered by both versions.
 */
class OnlineEvalSource {
    o;
    pairs = [];
    windowStart = Number.NaN;
    next = 0;
    constructor(o) {
        this.o = o;
    }
    async collect({ since }) {
        // A new analysis step starts a new window: pairs from earlier steps do not count.
        if (since !== this.windowStart) {
            this.windowStart = since;
            this.pairs = [];
        }
        const batch = Array.from({ length: Math.min(this.o.perLook ?? 10, this.o.cases.length) }, () => this.o.cases[this.next++ % this.o.cases.length]);
        const variants = this.o.variants ?? { stable: 'stable', canary: 'canary' };
        const score = this.o.score ?? tokenF1;
        // One at a time by default: eval requests queued beside user traffic would make the variant
        // they are a larger share of (the canary) look slower than it is.
        const scored = await (0,kit_lib.mapLimit)(batch, this.o.concurrency ?? 1, async (c) => {
            const s = await this.ask(c, variants.stable);
            const k = await this.ask(c, variants.canary);
            return [score(s, c.expected), score(k, c.expected)];
        });
        this.pairs.push(...scored);
        return { [this.o.metric ?? 'eval-score']: { test: 'paired', pairs: this.pairs } };
    }
    async ask(c, variant) {
        const res = await fetch(`${this.o.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [this.o.overrideHeader ?? 'x-slipway-variant']: variant },
            body: JSON.stringify({ model: this.o.model ?? 'default', messages: c.messages, temperature: 0 }),
        });
        // A failed answer scores zero: an erroring canary is a worse canary.
        if (!res.ok)
            return '';
        const body = (await res.json());
        return body.choices?.[0]?.message?.content ?? '';
    }
}
function words(text) {
    return text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}#]+/gu, ' ')
        .split(' ')
        .filter(Boolean);
}
/** Token-overlap F1 between an answer and the expected answer, as SQuAD scores them. */
function tokenF1(answer, expected) {
    const a = words(answer);
    const e = words(expected);
    if (a.length === 0 || e.length === 0)
        return a.length === e.length ? 1 : 0;
    const counts = new Map();
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
    return (2 * p * r) / (p + r);
}
//# sourceMappingURL=online-eval.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/prometheus/source.js

/** The metrics our gateway exports, in Prometheus form, for `error-rate` and `latency`. */
function gatewayPrometheusMetrics() {
    return {
        'error-rate': {
            test: 'proportion',
            events: 'sum(increase(slipway_gateway_errors_total{slipway_variant="$variant"}[$window])) or vector(0)',
            trials: 'sum(increase(slipway_gateway_requests_total{slipway_variant="$variant"}[$window])) or vector(0)',
        },
        latency: {
            test: 'distribution',
            histogram: 'sum by (le) (increase(gen_ai_client_operation_duration_seconds_bucket{slipway_variant="$variant"}[$window]))',
        },
    };
}
/** Reads canary and stable metrics from Prometheus's HTTP query API with the variant templated in. */
class PrometheusSource {
    o;
    constructor(o) {
        this.o = o;
    }
    async collect({ since }) {
        const now = (this.o.now ?? Date.now)();
        const windowSeconds = Math.max(this.o.minWindowSeconds ?? 10, Math.ceil((now - since) / 1000));
        const variants = this.o.variants ?? { stable: 'stable', canary: 'canary' };
        const q = (template, variant) => template.replaceAll('$variant', variant).replaceAll('$window', `${windowSeconds}s`);
        const out = {};
        await Promise.all(Object.entries(this.o.metrics).map(async ([name, m]) => {
            try {
                if (m.test === 'proportion') {
                    const [se, st, ce, ct] = await Promise.all([
                        this.scalar(q(m.events, variants.stable)),
                        this.scalar(q(m.trials, variants.stable)),
                        this.scalar(q(m.events, variants.canary)),
                        this.scalar(q(m.trials, variants.canary)),
                    ]);
                    // increase() extrapolates to the window's edges, so counts come back fractional.
                    out[name] = {
                        test: 'proportion',
                        stable: { events: Math.round(se), trials: Math.round(st) },
                        canary: { events: Math.round(ce), trials: Math.round(ct) },
                    };
                }
                else {
                    const [s, c] = await Promise.all([this.histogram(q(m.histogram, variants.stable)), this.histogram(q(m.histogram, variants.canary))]);
                    out[name] = { test: 'distribution', stable: s, canary: c };
                }
            }
            catch (error) {
                out[name] = error instanceof Error ? error : new Error(String(error));
            }
        }));
        return out;
    }
    async query(expr) {
        return (0,kit_lib.retry)(async () => {
            const res = await fetch(`${this.o.url.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(expr)}`);
            const body = (await res.json().catch(() => ({})));
            if (!res.ok || body.status !== 'success') {
                throw new kit_lib.HttpError(`prometheus query failed (${res.status}): ${body.error ?? 'no answer'}: ${expr}`, res.status, res.headers.get('retry-after') ?? undefined);
            }
            const data = body.data;
            // A scalar answer (`1`, or an expression the engine folds) is one [time, value] pair, not a vector.
            if (data?.resultType === 'scalar')
                return [{ metric: {}, value: data.result }];
            if (data?.resultType !== 'vector')
                throw new Error(`prometheus answered a ${data?.resultType ?? 'missing'} for ${expr}; use an instant vector query`);
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
        const buckets = (await this.query(expr))
            .map((r) => ({ le: r.metric.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(r.metric.le), count: Math.round(Number(r.value[1])) }))
            .filter((b) => Number.isFinite(b.count))
            .sort((a, b) => a.le - b.le);
        const cap = this.o.maxSamples ?? 5000;
        const total = buckets.at(-1)?.count ?? 0;
        const scale = total > cap ? cap / total : 1;
        const samples = [];
        let previous = 0;
        let lastFinite = 0;
        for (const b of buckets) {
            const n = Math.round((b.count - previous) * scale);
            previous = b.count;
            // Values above the largest finite bound are only known to be above it.
            const value = Number.isFinite(b.le) ? b.le : lastFinite * 2 || 1;
            if (Number.isFinite(b.le))
                lastFinite = b.le;
            for (let i = 0; i < n; i++)
                samples.push(value);
        }
        return samples;
    }
}
//# sourceMappingURL=source.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/report.js

/**
 * A rollout as Markdown for the job summary and the demo report: the result, the canary's
 * weight and each metric's p-value over time as a chart (Mermaid, which GitHub renders),
 * then every decision with its numbers.
 */
function rolloutMarkdown(state, title = `Rollout of ${state.releaseId.replace(/^sha256:/, '').slice(0, 12)} to ${state.environment}`) {
    const start = Date.parse(state.startedAt);
    const secs = (d) => Math.round((Date.parse(d.at) - start) / 100) / 10;
    const looks = state.decisions.filter((d) => d.action === 'look' && d.metrics);
    const icon = state.status === 'promoted' ? '✅' : state.status === 'rolled-back' ? '⏪' : '⏸️';
    const out = [`### ${icon} ${(0,kit_lib.escapeMarkdown)(title)}: ${state.status}`, ''];
    if (state.decisions.length > 1)
        out.push(chart(state, secs), '');
    const rows = state.decisions.map((d) => [
        `${secs(d)} s`,
        d.action,
        `${d.weight}%`,
        d.outcome ?? '',
        (0,kit_lib.escapeMarkdown)(d.metrics
            ? d.metrics.map((m) => `${m.name} ${m.outcome}${m.pValue !== undefined ? ` p=${m.pValue.toPrecision(2)}` : ''} n=${m.nCanary}`).join('; ')
            : d.reason),
    ]);
    // A long analysis has many looks; the table keeps the ones that changed something, and the last.
    const keep = rows.filter((_, i) => {
        const d = state.decisions[i];
        return d.action !== 'look' || d.outcome !== 'running' || i === rows.length - 1 || state.decisions[i + 1]?.action !== 'look';
    });
    out.push((0,kit_lib.markdownTable)(['time', 'action', 'weight', 'outcome', 'evidence'], keep, ['right', 'left', 'right', 'left', 'left']));
    out.push('', `${looks.length} looks in all; every decision is stored with the rollout state.`);
    return `${out.join('\n')}\n`;
}
function chart(state, secs) {
    const points = state.decisions.map((d) => ({ x: secs(d), w: d.weight }));
    const xs = points.map((p) => p.x.toFixed(1));
    const names = [...new Set(state.decisions.flatMap((d) => d.metrics?.map((m) => m.name) ?? []))];
    // -log10(p) of each metric, capped: the higher the line, the stronger the evidence of a regression.
    const lines = names.map((name) => {
        let last = 0;
        const ys = state.decisions.map((d) => {
            const m = d.metrics?.find((x) => x.name === name);
            if (m?.pValue !== undefined)
                last = Math.min(10, -Math.log10(Math.max(m.pValue, 1e-10)));
            return (last * 10).toFixed(1);
        });
        return `    line [${ys.join(', ')}]`;
    });
    return [
        '```mermaid',
        'xychart-beta',
        `    title "canary weight (%) and evidence of regression per metric (10 × -log10 p): ${names.join(', ')}"`,
        `    x-axis "seconds" [${xs.join(', ')}]`,
        '    y-axis "value" 0 --> 100',
        `    bar [${points.map((p) => p.w).join(', ')}]`,
        ...lines,
        '```',
    ].join('\n');
}
//# sourceMappingURL=report.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/rollback.js



/**
 * Sends all traffic back to stable at once, skipping analysis, and records why.
 * Idempotent: rolling back a rollout that is already rolled back changes nothing.
 */
async function rollback(o) {
    const clock = o.clock ?? systemClock;
    const started = clock.now();
    const state = await o.store.load(o.environment);
    const history = o.history ? await o.history.history(o.environment) : [];
    if (!state && history.length === 0) {
        throw new kit_lib.UserError(`nothing has been deployed to ${o.environment}`, { hint: 'check the environment name' });
    }
    const live = state && (state.status === 'running' || state.status === 'paused' || state.status === 'promoted') ? state : undefined;
    await o.router.rollback();
    if (!live) {
        return { rolledBack: undefined, restored: (0,release_lib/* lastHealthyRelease */.Nj)(history)?.releaseId, noop: true, elapsedMs: clock.now() - started };
    }
    const at = new Date(clock.now()).toISOString();
    const next = {
        ...live,
        status: 'rolled-back',
        weight: 0,
        decisions: [...live.decisions, { at, step: live.stepIndex, action: 'rollback', weight: 0, reason: o.reason }],
    };
    await o.store.save(next);
    await o.history?.append({ environment: o.environment, releaseId: live.releaseId, outcome: 'rolled-back', at, reason: o.reason });
    const restored = (0,release_lib/* lastHealthyRelease */.Nj)(o.history ? await o.history.history(o.environment) : [], live.releaseId)?.releaseId;
    return { rolledBack: live.releaseId, restored, noop: false, elapsedMs: clock.now() - started };
}
//# sourceMappingURL=rollback.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/state.js



/** Thrown when another controller changed the rollout since we read it. */
class ConflictError extends Error {
    name = 'ConflictError';
}
/** Rollout state as `rollouts/<env>.json` under a folder; CAS by an exclusive lock folder and a revision check. */
class FolderRolloutStore {
    root;
    constructor(root) {
        this.root = root;
    }
    file(environment) {
        return external_node_path_.join(this.root, 'rollouts', `${environment}.json`);
    }
    async load(environment) {
        try {
            return JSON.parse(await (0,promises_.readFile)(this.file(environment), 'utf8'));
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
    }
    async save(state) {
        const file = this.file(state.environment);
        await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
        const lock = `${file}.lock`;
        await acquire(lock);
        try {
            const current = await this.load(state.environment);
            const currentRevision = current?.revision ?? 0;
            if (currentRevision !== state.revision) {
                throw new ConflictError(`rollout of ${state.environment} changed under us (revision ${currentRevision}, expected ${state.revision}): another controller is running it`);
            }
            const next = { ...state, revision: state.revision + 1 };
            const tmp = `${file}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
            await (0,promises_.writeFile)(tmp, `${JSON.stringify(next, null, 2)}\n`);
            await (0,promises_.rename)(tmp, file);
            return next;
        }
        finally {
            await (0,promises_.rmdir)(lock).catch(() => undefined);
        }
    }
}
/** mkdir is atomic: whoever creates the folder holds the lock. A lock older than 30 s is a crashed holder's. */
async function acquire(lock) {
    for (let attempt = 0;; attempt++) {
        try {
            await (0,promises_.mkdir)(lock);
            return;
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
            const age = await (0,promises_.stat)(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
            if (age > 30_000)
                await (0,promises_.rmdir)(lock).catch(() => undefined);
            if (attempt > 200)
                throw new ConflictError(`lock ${lock} is held by another controller`);
            await new Promise((r) => setTimeout(r, 25));
        }
    }
}
//# sourceMappingURL=state.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/capability.js

















/** A mirror into GitHub Deployments when running in Actions with a token; undefined otherwise. */
async function deploymentMirror(rt, token) {
    if (!token || process.env.GITHUB_ACTIONS !== 'true')
        return undefined;
    rt.setSecret(token);
    return new github_lib.DeploymentMirror(await (0,github_lib.readGitHubContext)(process.env, token), rt.log);
}
async function resolve(rt, o, needStrategy) {
    const loaded = await (0,lib.loadConfig)({ dir: rt.cwd, ...(o.configFile ? { file: o.configFile } : {}) });
    const deploy = loaded.config.deploy ?? {};
    let strategy = deploy.canary;
    if (o.strategyFile) {
        const file = external_node_path_.resolve(rt.cwd, o.strategyFile);
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => {
            throw new kit_lib.InputError('strategy', `cannot read ${o.strategyFile}`, { hint: 'give the path of a YAML file with steps and metrics' });
        });
        strategy = (0,lib.parseYamlWithSchema)(lib.canaryStrategySchema, text, external_node_path_.relative(rt.cwd, file) || file);
    }
    if (needStrategy && !strategy) {
        throw new kit_lib.UserError('no canary strategy: set deploy.canary in slipway.yml or the strategy input', { hint: 'see docs/delivery.md for steps and metrics' });
    }
    const adminUrl = o.gatewayAdminUrl ?? deploy.gateway?.adminUrl;
    if (!adminUrl)
        throw new kit_lib.InputError('gateway-admin-url', 'is required (or deploy.gateway.adminUrl in slipway.yml)', {
            hint: 'the admin listener of slipway gateway, e.g. http://127.0.0.1:8081',
        });
    const route = o.route ?? deploy.gateway?.route;
    if (!route)
        throw new kit_lib.InputError('route', 'is required (or deploy.gateway.route in slipway.yml)', { hint: 'the gateway route whose weights move' });
    const tokenEnv = deploy.gateway?.tokenEnv ?? 'SLIPWAY_GATEWAY_ADMIN_TOKEN';
    const token = o.gatewayToken ?? process.env[tokenEnv];
    if (!token)
        throw new kit_lib.InputError('gateway-token', `is not set, and neither is $${tokenEnv}`, { hint: 'pass the gateway admin token from a secret' });
    rt.setSecret(token);
    const client = new GatewayAdminClient(adminUrl, token, process.env.GITHUB_ACTOR ? `github:${process.env.GITHUB_ACTOR}` : 'slipway');
    const stable = deploy.gateway?.stable ?? 'stable';
    const canary = deploy.gateway?.canary ?? 'canary';
    const router = new GatewayRouter(client, { route, stable, canary });
    const stateDir = external_node_path_.resolve(loaded.dir, o.stateDir ?? deploy.state ?? '.slipway/state');
    const releaseId = o.release ?? commitRelease();
    if (!/^sha256:[0-9a-f]{64}$/.test(releaseId))
        throw new kit_lib.InputError('release', `"${releaseId}" is not a release id`, { hint: 'use the sha256:… id of a release record, or leave it empty' });
    const monitor = loaded.config.monitor;
    const prometheusUrl = monitor?.source === 'prometheus' ? monitor.prometheusUrl : undefined;
    return { strategy: strategy, prometheusUrl, stable, canary, router, client, stateDir, releaseId, route };
}
/** A release record for the commit being deployed, when no release id was given. */
function commitRelease() {
    const sha = process.env.GITHUB_SHA ?? '0'.repeat(40);
    const ref = process.env.GITHUB_REF ?? 'refs/heads/local';
    return (0,release_lib/* sealRelease */.jv)({ schemaVersion: 1, git: { sha, ref }, createdAt: new Date(0).toISOString() }).id;
}
/**
 * Rolls the canary out and reports it: outputs `result`, `release`, `weight`, the rollout in the
 * job summary. A rollback is a failed gate (exit 1); a pause (waiting for approval) is not.
 */
async function deployCanary(rt, o) {
    const r = await resolve(rt, o, true);
    const variants = { stable: r.stable, canary: r.canary };
    const prometheusUrl = o.prometheusUrl ?? r.prometheusUrl;
    const stats = prometheusUrl
        ? new PrometheusSource({ url: prometheusUrl, metrics: gatewayPrometheusMetrics(), variants })
        : new GatewayStatsSource(r.client, variants);
    let source = stats;
    if (o.onlineEval) {
        if (!o.gatewayUrl)
            throw new kit_lib.InputError('gateway-url', 'is required with online-eval', { hint: 'the gateway OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1' });
        const cases = (await (0,promises_.readFile)(external_node_path_.resolve(rt.cwd, o.onlineEval), 'utf8'))
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l, i) => {
            try {
                return JSON.parse(l);
            }
            catch {
                throw new kit_lib.UserError(`${o.onlineEval}:${i + 1}: not valid JSON`, { location: { file: o.onlineEval, line: i + 1 } });
            }
        });
        source = combineSources(stats, new OnlineEvalSource({ baseUrl: o.gatewayUrl, cases }));
    }
    const mirror = await deploymentMirror(rt, o.githubToken);
    const run = await runCanary({
        environment: o.environment,
        releaseId: r.releaseId,
        strategy: r.strategy,
        router: r.router,
        source,
        store: new FolderRolloutStore(r.stateDir),
        history: new release_lib/* FolderReleaseStore */.p5(r.stateDir),
        log: rt.log,
        ...(o.approved ? { approved: true } : {}),
        ...(mirror
            ? { onDecision: mirrorDecisions(mirror, { ref: process.env.GITHUB_SHA ?? 'HEAD', ...(o.environmentUrl ? { environmentUrl: o.environmentUrl } : {}) }) }
            : {}),
    });
    rt.setOutput('result', run.result);
    rt.setOutput('release', r.releaseId);
    rt.setOutput('weight', String(run.state.weight));
    await rt.appendSummary(rolloutMarkdown(run.state));
    if (run.result === 'rolled-back') {
        const why = run.state.decisions.findLast((d) => d.action === 'look' && (d.outcome === 'fail' || d.outcome === 'error' || d.outcome === 'inconclusive'));
        throw new kit_lib.GateError(`the canary was rolled back: ${why?.reason ?? 'analysis failed'}`);
    }
    return { result: run.result, release: r.releaseId, weight: run.state.weight };
}
/** Sends all traffic back to stable now, and reports what was rolled back and what now serves. */
async function rollbackDeployment(rt, o) {
    const r = await resolve(rt, o, false);
    const result = await rollback({
        environment: o.environment,
        router: r.router,
        store: new FolderRolloutStore(r.stateDir),
        history: new release_lib/* FolderReleaseStore */.p5(r.stateDir),
        reason: o.reason ?? 'manual rollback',
    });
    const mirror = await deploymentMirror(rt, o.githubToken);
    const deployment = mirror && result.rolledBack ? await mirror.find(o.environment, result.rolledBack) : undefined;
    if (mirror && deployment !== undefined)
        await mirror.status(deployment, 'failure', `rolled back: ${o.reason ?? 'manual rollback'}`);
    rt.setOutput('rolled-back', result.rolledBack ?? '');
    rt.setOutput('restored', result.restored ?? '');
    rt.setOutput('noop', String(result.noop));
    const what = result.noop ? 'nothing was live: traffic confirmed on stable' : `rolled back ${result.rolledBack} in ${result.elapsedMs} ms`;
    rt.log.info(`${o.environment}: ${what}`);
    await rt.appendSummary(`### ⏪ Rollback of ${o.environment}\n\n${what}; now serving ${result.restored ?? 'the stable backend'}.\n`);
    return result;
}
//# sourceMappingURL=capability.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/inputs.js

const environment = { kind: 'string', required: true, pattern: /^[a-z0-9][a-z0-9._-]*$/i, patternHint: 'letters, digits, dot, dash, underscore' };
const shared = {
    environment,
    config: { kind: 'string' },
    'gateway-admin-url': { kind: 'url' },
    'gateway-token': { kind: 'secret' },
    route: { kind: 'string' },
    state: { kind: 'string' },
    'github-token': { kind: 'secret' },
};
/** The inputs of canary-promote (and of the root action's `command: canary-promote`), parsed once. */
function readDeployInputs(rt) {
    const i = (0,kit_lib.readInputs)(rt, {
        ...shared,
        release: { kind: 'string' },
        strategy: { kind: 'string' },
        'gateway-url': { kind: 'url' },
        'prometheus-url': { kind: 'url' },
        'online-eval': { kind: 'string' },
        'environment-url': { kind: 'url' },
        approved: { kind: 'boolean', default: 'false' },
    });
    return {
        ...sharedOptions(i),
        approved: i.approved,
        ...(i.release ? { release: i.release } : {}),
        ...(i.strategy ? { strategyFile: i.strategy } : {}),
        ...(i['gateway-url'] ? { gatewayUrl: i['gateway-url'].href } : {}),
        ...(i['online-eval'] ? { onlineEval: i['online-eval'] } : {}),
        ...(i['prometheus-url'] ? { prometheusUrl: i['prometheus-url'].href } : {}),
        ...(i['environment-url'] ? { environmentUrl: i['environment-url'].href } : {}),
    };
}
/** The inputs of rollback (and of `command: rollback`). */
function readRollbackInputs(rt) {
    const i = (0,kit_lib.readInputs)(rt, { ...shared, reason: { kind: 'string', default: 'manual rollback' } });
    return { ...sharedOptions(i), reason: i.reason };
}
function sharedOptions(i) {
    return {
        environment: i.environment,
        ...(i.config ? { configFile: i.config } : {}),
        ...(i['gateway-admin-url'] ? { gatewayAdminUrl: i['gateway-admin-url'].href } : {}),
        ...(i['gateway-token'] ? { gatewayToken: i['gateway-token'] } : {}),
        ...(i.route ? { route: i.route } : {}),
        ...(i.state ? { stateDir: i.state } : {}),
    };
}
//# sourceMappingURL=inputs.js.map
;// CONCATENATED MODULE: ./packages/delivery/lib/index.js




















//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6122:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DeploymentMirror: () => (/* reexport */ DeploymentMirror),
  createCheckRun: () => (/* reexport */ createCheckRun),
  createClient: () => (/* reexport */ createClient),
  githubStepDeps: () => (/* reexport */ githubStepDeps),
  plainText: () => (/* reexport */ plainText),
  publishReport: () => (/* reexport */ publishReport),
  readGitHubContext: () => (/* reexport */ readGitHubContext),
  restoreDir: () => (/* reexport */ restoreDir),
  saveDir: () => (/* reexport */ saveDir),
  upsertStickyComment: () => (/* reexport */ upsertStickyComment)
});

// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(844);
;// CONCATENATED MODULE: ./packages/github/lib/internal/cache-dir.js

/**
 * Restores a folder saved by an earlier run (`@actions/cache`), newest entry with `prefix` first.
 * Outside the Actions cache service (local runs, tests) it says so and returns undefined.
 */
async function restoreDir(dir, key, prefix, log) {
    if (!cache/* isFeatureAvailable */.w3()) {
        log.debug('the Actions cache service is not available here; starting with the local cache folder');
        return undefined;
    }
    try {
        const hit = await cache/* restoreCache */.P3([dir], key, [prefix]);
        log.info(hit ? `response cache restored from ${hit}` : 'no saved response cache yet');
        return hit;
    }
    catch (error) {
        log.warn(`response cache not restored: ${error.message}`);
        return undefined;
    }
}
/** Saves a folder under `key`; a failure is a warning (the run's results are already complete). */
async function saveDir(dir, key, log) {
    if (!cache/* isFeatureAvailable */.w3())
        return false;
    try {
        await cache/* saveCache */.Io([dir], key);
        return true;
    }
    catch (error) {
        log.warn(`response cache not saved: ${error.message}`);
        return false;
    }
}
//# sourceMappingURL=cache-dir.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./packages/github/lib/internal/context.js

/**
 * Reads `GITHUB_*` and the event payload. A fork PR is detected from the payload (head repo is not
 * the base repo): its token is read-only, so callers skip writes and say why.
 */
async function readGitHubContext(env = process.env, token = '') {
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '/').split('/');
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const ctx = {
        token,
        apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
        owner,
        repo,
        eventName: env.GITHUB_EVENT_NAME ?? '',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        runUrl: `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
    };
    let payload = {};
    if (env.GITHUB_EVENT_PATH)
        payload = JSON.parse(await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8').catch(() => '{}'));
    const pr = payload.pull_request;
    if (pr && typeof pr.number === 'number') {
        ctx.pullRequest = {
            number: pr.number,
            headSha: pr.head.sha,
            fromFork: (pr.head.repo?.full_name ?? '') !== pr.base.repo.full_name,
            title: pr.title ?? '',
        };
        // On pull_request events GITHUB_SHA is the merge commit; checks belong on the head commit.
        ctx.sha = pr.head.sha;
    }
    return ctx;
}
//# sourceMappingURL=context.js.map
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2785);
;// CONCATENATED MODULE: ./packages/github/lib/internal/publish.js

/** A GitHub REST client for the context's API URL and token. */
function createClient(ctx) {
    return (0,github/* getOctokit */.Q)(ctx.token, { baseUrl: ctx.apiUrl, request: { retries: 0 } });
}
/** Plain text for annotations and check titles: no mentions, no live links, no control characters. */
function plainText(text, max = 4000) {
    const clean = text
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
        .replace(/@/g, '@\u200b')
        .replace(/:\/\//g, ':/\u200b/');
    return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
function why(error) {
    const status = error.status;
    const message = error.message ?? String(error);
    if (status === 403 || status === 404)
        return `the token cannot write here (HTTP ${status}: ${message.split('\n')[0]}); on fork PRs GitHub gives a read-only token`;
    return `HTTP ${status ?? '?'}: ${message.split('\n')[0]}`;
}
function writable(ctx) {
    if (!ctx.token)
        return 'no GitHub token (set the `github-token` input)';
    if (ctx.pullRequest?.fromFork)
        return 'this pull request comes from a fork, whose token is read-only';
    return undefined;
}
/**
 * Creates or updates the one comment on the PR that carries `marker` (a hidden HTML comment),
 * so every push edits the same comment instead of adding another.
 */
async function upsertStickyComment(ctx, marker, body, log) {
    if (!ctx.pullRequest)
        return { done: false, reason: `no pull request on a ${ctx.eventName || 'local'} event` };
    const blocked = writable(ctx);
    if (blocked)
        return { done: false, reason: blocked };
    const gh = createClient(ctx);
    const base = { owner: ctx.owner, repo: ctx.repo };
    try {
        let existing;
        for (let page = 1; page <= 20 && existing === undefined; page++) {
            const { data } = await gh.rest.issues.listComments({ ...base, issue_number: ctx.pullRequest.number, per_page: 100, page });
            existing = data.find((c) => c.body?.includes(marker))?.id;
            if (data.length < 100)
                break;
        }
        if (existing !== undefined) {
            const { data } = await gh.rest.issues.updateComment({ ...base, comment_id: existing, body });
            return { done: true, action: 'updated', id: data.id, url: data.html_url };
        }
        const { data } = await gh.rest.issues.createComment({ ...base, issue_number: ctx.pullRequest.number, body });
        return { done: true, action: 'created', id: data.id, url: data.html_url };
    }
    catch (error) {
        log?.warn(`PR comment skipped: ${why(error)}`);
        return { done: false, reason: why(error) };
    }
}
/**
 * Creates a completed check run on the head commit. GitHub takes at most 50 annotations per
 * request, so the rest follow in updates of the same run.
 */
async function createCheckRun(ctx, input, log) {
    const blocked = writable(ctx);
    if (blocked)
        return { done: false, reason: blocked };
    const gh = createClient(ctx);
    const toApi = (a) => ({
        path: a.path,
        start_line: a.line,
        end_line: a.line,
        annotation_level: a.level,
        title: plainText(a.title, 255),
        message: plainText(a.message, 60_000),
    });
    const output = (batch) => ({
        title: plainText(input.title, 255),
        summary: input.summary.length > 65_535 ? `${input.summary.slice(0, 65_500)}\n\n_(cut)_` : input.summary,
        annotations: batch.map(toApi),
    });
    try {
        const { data } = await gh.rest.checks.create({
            owner: ctx.owner,
            repo: ctx.repo,
            name: input.name,
            head_sha: ctx.sha,
            status: 'completed',
            conclusion: input.conclusion,
            completed_at: new Date().toISOString(),
            ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
            output: output(input.annotations.slice(0, 50)),
        });
        for (let i = 50; i < input.annotations.length; i += 50) {
            await gh.rest.checks.update({ owner: ctx.owner, repo: ctx.repo, check_run_id: data.id, output: output(input.annotations.slice(i, i + 50)) });
        }
        return { done: true, action: 'created', id: data.id, url: data.html_url ?? '' };
    }
    catch (error) {
        log?.warn(`check run skipped: ${why(error)}`);
        return { done: false, reason: why(error) };
    }
}
//# sourceMappingURL=publish.js.map
;// CONCATENATED MODULE: ./packages/github/lib/internal/deployments.js

/**
 * Mirrors a rollout into GitHub Deployments, so the repository's Environments page shows what
 * runs: one deployment per release per environment, and a status for every step ("canary 10%",
 * "promoted", "rolled back"). Writes that GitHub refuses are reported, never thrown: the
 * rollout itself must not fail because a mirror could not be written.
 */
class DeploymentMirror {
    ctx;
    log;
    constructor(ctx, log) {
        this.ctx = ctx;
        this.log = log;
    }
    /** The deployment of this release in this environment, if one exists. */
    async find(environment, releaseId) {
        if (!this.ctx.token)
            return undefined;
        try {
            const { data } = await createClient(this.ctx).rest.repos.listDeployments({ owner: this.ctx.owner, repo: this.ctx.repo, environment, per_page: 50 });
            return data.find((x) => x.payload?.releaseId === releaseId)?.id;
        }
        catch (error) {
            return this.skip(reason(error));
        }
    }
    /**
     * The deployment of this release in this environment: found again when a resumed rollout
     * (another job, after an approval) starts, created otherwise. Undefined, with the reason
     * logged, when GitHub cannot be written.
     */
    async start(d) {
        if (!this.ctx.token)
            return this.skip('no GitHub token');
        const found = await this.find(d.environment, d.releaseId);
        if (found !== undefined)
            return found;
        try {
            const { data } = await createClient(this.ctx).rest.repos.createDeployment({
                owner: this.ctx.owner,
                repo: this.ctx.repo,
                ref: d.ref,
                environment: d.environment,
                payload: { ...d.payload, releaseId: d.releaseId },
                description: plainText(d.description, 140),
                auto_merge: false,
                // The commit already passed its checks to get here; GitHub would re-check them otherwise.
                required_contexts: [],
                production_environment: d.production ?? d.environment === 'production',
            });
            return 'id' in data ? data.id : this.skip(`GitHub did not create it: ${plainText(String(data.message ?? 'no reason'), 200)}`);
        }
        catch (error) {
            return this.skip(reason(error));
        }
    }
    /** Adds a status to a deployment created by {@link start}. */
    async status(id, state, description, environmentUrl) {
        if (!this.ctx.token)
            return { done: false, reason: 'no GitHub token' };
        try {
            const { data } = await createClient(this.ctx).rest.repos.createDeploymentStatus({
                owner: this.ctx.owner,
                repo: this.ctx.repo,
                deployment_id: id,
                state,
                description: plainText(description, 140),
                log_url: this.ctx.runUrl,
                ...(environmentUrl ? { environment_url: environmentUrl } : {}),
                // A promoted release marks the ones before it inactive, as the Environments page expects.
                auto_inactive: state === 'success',
            });
            return { done: true, action: `status ${state}`, id: data.id };
        }
        catch (error) {
            const why = reason(error);
            this.log?.warn(`GitHub deployment status not written: ${why}`);
            return { done: false, reason: why };
        }
    }
    skip(why) {
        this.log?.warn(`GitHub deployment not mirrored: ${why}`);
        return undefined;
    }
}
function reason(error) {
    const status = error.status;
    const message = (error.message ?? String(error)).split('\n')[0] ?? '';
    if (status === 403 || status === 404)
        return `the token cannot write deployments (HTTP ${status}: ${message}); give the job \`deployments: write\``;
    return `HTTP ${status ?? '?'}: ${message}`;
}
//# sourceMappingURL=deployments.js.map
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
;// CONCATENATED MODULE: ./packages/github/lib/internal/publish-report.js


/**
 * Publishes one report everywhere a reviewer looks: the sticky PR comment, a check run with
 * annotations, and the job summary. What cannot be written (fork PRs, no token, push events) is
 * skipped and said in the summary; annotations then go out as workflow commands instead.
 */
async function publishReport(rt, ctx, input) {
    const notes = [];
    let commentUrl = '';
    if (input.comment) {
        const c = await upsertStickyComment(ctx, input.marker, input.markdown, rt.log);
        if (c.done)
            commentUrl = c.url ?? '';
        else
            notes.push(`PR comment skipped: ${c.reason}.`);
    }
    let checked = false;
    if (input.check) {
        const c = await createCheckRun(ctx, {
            name: input.checkName,
            conclusion: input.conclusion,
            title: input.title,
            summary: input.markdown,
            annotations: input.annotations,
            detailsUrl: ctx.runUrl,
        }, rt.log);
        checked = c.done;
        if (!c.done)
            notes.push(`Check run skipped: ${c.reason}.`);
    }
    if (!checked) {
        for (const a of input.annotations.slice(0, 50)) {
            rt.annotate({ level: a.level === 'failure' ? 'error' : a.level, file: a.path, line: a.line, title: a.title, message: a.message });
        }
    }
    notes.push(...(input.notes ?? []));
    // Reasons can quote API error text: escaped like any other untrusted text.
    await rt.appendSummary(`${input.markdown}\n${notes.map((n) => `> ${(0,lib.escapeMarkdown)(n)}`).join('\n')}\n`);
    for (const n of notes)
        rt.log.info(n);
    return { commentUrl, notes };
}
//# sourceMappingURL=publish-report.js.map
;// CONCATENATED MODULE: ./packages/github/lib/internal/eval-deps.js



/**
 * Wires a report step to GitHub: the run's commit and URL, publishing through {@link publishReport},
 * and the response cache through the Actions cache. Structural types keep this package free of eval's.
 */
function githubStepDeps(rt, env = process.env) {
    const key = `slipway-eval-${env.GITHUB_SHA ?? 'local'}-${env.GITHUB_RUN_ID ?? ''}-${env.GITHUB_JOB ?? ''}`;
    return {
        git: { sha: env.GITHUB_SHA ?? '', ref: env.GITHUB_REF ?? '' },
        runUrl: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
        async publish(request, token) {
            const ctx = await readGitHubContext(env, token);
            const { commentUrl } = await publishReport(rt, ctx, request);
            return { commentUrl };
        },
        async restoreCache(dir) {
            await restoreDir(dir, key, 'slipway-eval-', rt.log);
        },
        async saveCache(dir) {
            await saveDir(dir, key, rt.log);
        },
    };
}
//# sourceMappingURL=eval-deps.js.map
;// CONCATENATED MODULE: ./packages/github/lib/index.js
/** Restores and saves a folder through the Actions cache service (the eval response cache). */

/** Reads the run's repository, commit, event and pull request (fork or not) from the runner. */


/** GitHub wiring for a report step: commit, run URL, publisher and cache. */

/** Sticky PR comment by hidden marker, check runs with batched annotations, plain-text escaping. */

/** Comment, check run and job summary in one call, skipping what the token cannot write. */

//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6025:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p5: () => (/* reexport */ FolderReleaseStore),
  Nj: () => (/* reexport */ lastHealthyRelease),
  jv: () => (/* reexport */ sealRelease)
});

// UNUSED EXPORTS: OUTCOMES, canonicalJson, contentDigest, currentRelease, historyEntrySchema, modelArtifactSchema, releaseSchema

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/release/lib/canonical-json.js

/**
 * Canonical JSON (RFC 8785 for the values we store): object keys sorted by UTF-16 code units,
 * no whitespace, numbers in ECMAScript's shortest form. Equal records always give equal bytes,
 * so a digest of this text is a stable content id.
 */
function canonicalJson(value) {
    if (value === null || typeof value === 'boolean' || typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw new TypeError(`canonical JSON cannot hold ${value}`);
        return JSON.stringify(value);
    }
    if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
    if (typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
/** `sha256:<hex>` of the canonical form. */
function contentDigest(value) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(canonicalJson(value)).digest('hex')}`;
}
//# sourceMappingURL=canonical-json.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(6921);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __webpack_require__(3759);
;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/iso.js



function datetime(params) {
    return api/* _isoDateTime */.G1(schemas/* ZodISODateTime */.You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}

;// CONCATENATED MODULE: ./packages/release/lib/record.js


const digest = schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex digits>');
/** One versioned file or folder, as artifact-sync records it (DVC's md5 and size). */
const modelArtifactSchema = schemas/* object */.Ikc({
    path: schemas/* string */.YjP().min(1),
    md5: schemas/* string */.YjP().regex(/^[0-9a-f]{32}(\.dir)?$/),
    size: schemas/* number */.aig().int().nonnegative(),
    nfiles: schemas/* number */.aig().int().nonnegative().optional(),
})
    .strict();
/**
 * What one release is made of. Each capability fills in its own part:
 * artifact-sync the models, eval the report, container-build the image.
 */
const releaseSchema = schemas/* object */.Ikc({
    schemaVersion: schemas/* literal */.euz(1),
    git: schemas/* object */.Ikc({ sha: schemas/* string */.YjP().regex(/^[0-9a-f]{7,64}$/), ref: schemas/* string */.YjP().min(1) }).strict(),
    models: schemas/* array */.YOg(modelArtifactSchema).default([]),
    /** Digests of prompt files and of the resolved configuration. */
    prompts: schemas/* record */.g1P(schemas/* string */.YjP(), digest).default({}),
    configDigest: digest.optional(),
    eval: schemas/* object */.Ikc({
        reportDigest: digest,
        scores: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* number */.aig()),
        passed: schemas/* boolean */.zMY(),
    })
        .strict()
        .optional(),
    image: schemas/* object */.Ikc({ reference: schemas/* string */.YjP().min(1), digest })
        .strict()
        .optional(),
    createdAt: datetime(),
})
    .strict();
/** Validates a release and returns it with its content id (the sha256 of its canonical JSON). */
function sealRelease(input) {
    const release = releaseSchema.parse(input);
    return { id: contentDigest(release), release };
}
/** How one stint of a release in an environment ended. */
const OUTCOMES = ['in-progress', 'promoted', 'rolled-back', 'aborted'];
/** One line of an environment's append-only history. */
const historyEntrySchema = schemas/* object */.Ikc({
    environment: schemas/* string */.YjP().regex(/^[a-z0-9][a-z0-9._-]*$/i),
    releaseId: digest,
    outcome: schemas/* enum */.k5n(OUTCOMES),
    at: datetime(),
    /** Why it ended this way: the analysis verdict, the alert, the user. */
    reason: schemas/* string */.YjP().optional(),
    /** Set by an entry that supersedes an earlier one of the same release (in-progress -> promoted). */
    previous: digest.optional(),
})
    .strict();
//# sourceMappingURL=record.js.map
;// CONCATENATED MODULE: ./packages/release/lib/folder-store.js






/**
 * The embedded-default {@link ReleaseStore}: `releases/<hex>.json` and
 * `environments/<env>.jsonl` (one entry a line, appended) under a folder.
 */
class FolderReleaseStore {
    root;
    constructor(root) {
        this.root = root;
    }
    async putRelease(release) {
        const id = contentDigest(release);
        const file = this.releaseFile(id);
        await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
        // Write beside, then rename: a reader never sees half a record.
        const tmp = `${file}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
        await (0,promises_.writeFile)(tmp, canonicalJson(release));
        await (0,promises_.rename)(tmp, file);
        return id;
    }
    async getRelease(id) {
        let text;
        try {
            text = await (0,promises_.readFile)(this.releaseFile(id), 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
        const release = releaseSchema.parse(JSON.parse(text));
        if (contentDigest(release) !== id)
            throw new Error(`release ${id} does not match its content: the store is corrupt`);
        return release;
    }
    async append(entry) {
        const valid = historyEntrySchema.parse(entry);
        const file = this.historyFile(valid.environment);
        await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
        // One write with O_APPEND per entry: concurrent appenders interleave whole lines.
        await (0,promises_.appendFile)(file, `${canonicalJson(valid)}\n`);
    }
    async history(environment) {
        const file = this.historyFile(environment);
        let text;
        try {
            text = await (0,promises_.readFile)(file, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return [];
            throw error;
        }
        return text
            .split('\n')
            .map((line, i) => ({ line, n: i + 1 }))
            .filter(({ line }) => line.trim() !== '')
            .map(({ line, n }) => {
            const parsed = historyEntrySchema.safeParse(safeJson(line));
            if (!parsed.success) {
                throw new lib.ConfigError([{ location: { file, line: n }, message: `not a valid history entry: ${parsed.error.issues[0]?.message ?? 'bad JSON'}` }]);
            }
            return parsed.data;
        });
    }
    releaseFile(id) {
        const hex = id.replace(/^sha256:/, '');
        if (!/^[0-9a-f]{64}$/.test(hex))
            throw new lib.UserError(`"${id}" is not a release id`, { hint: 'use sha256:<64 hex digits>' });
        return external_node_path_.join(this.root, 'releases', `${hex}.json`);
    }
    historyFile(environment) {
        if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment)) {
            throw new lib.UserError(`"${environment}" is not an environment name`, { hint: 'use letters, digits, dot, dash and underscore, e.g. production' });
        }
        return external_node_path_.join(this.root, 'environments', `${environment}.jsonl`);
    }
}
function safeJson(line) {
    try {
        return JSON.parse(line);
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=folder-store.js.map
;// CONCATENATED MODULE: ./packages/release/lib/history.js
/** The release live in an environment now: the newest promoted or in-progress entry, after rollbacks are applied. */
function currentRelease(entries) {
    return latestState(entries).findLast((e) => e.outcome === 'promoted' || e.outcome === 'in-progress');
}
/** The last release that was promoted and not later rolled back: what `rollback` returns to. */
function lastHealthyRelease(entries, excluding) {
    return latestState(entries).findLast((e) => e.outcome === 'promoted' && e.releaseId !== excluding);
}
/**
 * Folds the log into the latest state of each stint: a release's later entry (promoted,
 * rolled back, aborted) replaces its earlier one, keeping the position of the first.
 */
function latestState(entries) {
    const stints = [];
    for (const e of entries) {
        const open = stints.findLastIndex((s) => s.releaseId === e.releaseId && s.outcome === 'in-progress');
        if (open >= 0 && e.outcome !== 'in-progress')
            stints[open] = e;
        else if (e.outcome === 'rolled-back' || e.outcome === 'aborted') {
            const last = stints.findLastIndex((s) => s.releaseId === e.releaseId);
            if (last >= 0)
                stints[last] = e;
            else
                stints.push(e);
        }
        else
            stints.push(e);
    }
    return stints;
}
//# sourceMappingURL=history.js.map
;// CONCATENATED MODULE: ./packages/release/lib/index.js




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
