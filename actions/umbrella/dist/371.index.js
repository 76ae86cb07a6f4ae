export const id = 371;
export const ids = [371];
export const modules = {

/***/ 6371:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CONFIG_FILE_NAMES: () => (/* reexport */ CONFIG_FILE_NAMES),
  artifactsSchema: () => (/* reexport */ artifactsSchema),
  buildSchema: () => (/* reexport */ buildSchema),
  canaryStepSchema: () => (/* reexport */ canaryStepSchema),
  canaryStrategySchema: () => (/* reexport */ canaryStrategySchema),
  closest: () => (/* reexport */ closest),
  configJsonSchema: () => (/* reexport */ configJsonSchema),
  configSchema: () => (/* reexport */ configSchema),
  deploySchema: () => (/* reexport */ deploySchema),
  evalSchema: () => (/* reexport */ evalSchema),
  gatewayRouterSchema: () => (/* reexport */ gatewayRouterSchema),
  loadConfig: () => (/* reexport */ loadConfig),
  metricSchema: () => (/* reexport */ metricSchema),
  monitorSchema: () => (/* reexport */ monitorSchema),
  parseConfig: () => (/* reexport */ parseConfig),
  parseYamlWithSchema: () => (/* reexport */ parseYamlWithSchema),
  trainSchema: () => (/* reexport */ trainSchema),
  validateConfig: () => (/* reexport */ validateConfig)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(6921);
;// CONCATENATED MODULE: ./packages/config/lib/deploy.js

// The rollout schema lives here, beside the rest of slipway.yml, so the config package stays at the
// bottom of the dependency graph; @slipway/delivery re-exports and runs it.
const duration = schemas/* string */.YjP().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a duration with a unit, such as 30s or 5m');
/**
 * One metric of a canary analysis: what it compares and how much worse the canary may be.
 * `tolerance` is in the metric's own terms: absolute rate for proportions (0.005 = half a
 * point), relative for distributions (0.1 = 10% slower), points for paired scores.
 */
const metricSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().regex(/^[a-z][a-z0-9_-]*$/i, 'a name like error-rate'),
    test: schemas/* enum */.k5n(['proportion', 'distribution', 'paired'])
        .describe('proportion: error/refusal rates; distribution: latencies, lengths; paired: eval scores by case.'),
    direction: schemas/* enum */.k5n(['lower-is-better', 'higher-is-better']).default('lower-is-better'),
    tolerance: schemas/* number */.aig().min(0).default(0).describe('How much worse the canary may be before it counts as a regression.'),
    minSample: schemas/* number */.aig().int().min(1).default(100).describe('Canary samples needed before any verdict; fewer is inconclusive, never a failure.'),
    max: schemas/* number */.aig().optional().describe("Absolute limit on the canary's own value (rate, `stat` of a distribution, mean score)."),
    min: schemas/* number */.aig().optional().describe("Absolute floor on the canary's own value."),
    stat: schemas/* enum */.k5n(['mean', 'median', 'p90', 'p95', 'p99']).default('p95').describe('Which statistic of a distribution `max`/`min` apply to.'),
    dryRun: schemas/* boolean */.zMY().default(false).describe('Evaluate and report, but never act on it.'),
})
    .strict();
/** One step of a canary: move traffic, wait, or judge. */
const canaryStepSchema = schemas/* union */.KCZ([
    schemas/* object */.Ikc({ setWeight: schemas/* number */.aig().min(0).max(100).describe('Percent of traffic on the canary.') }).strict(),
    schemas/* object */.Ikc({ pause: schemas/* union */.KCZ([duration, schemas/* literal */.euz('approval')]).describe('Wait this long, or until approved.') }).strict(),
    schemas/* object */.Ikc({
        analysis: schemas/* object */.Ikc({
            duration: duration.describe('How long this analysis watches the canary.'),
            interval: duration.default('30s').describe('Time between looks.'),
            warmup: duration.default('0s').describe('Time before the first measurement counts.'),
        })
            .strict(),
    })
        .strict(),
]);
/** A canary rollout: steps, the metrics every analysis step judges, and how strict it is. */
const canaryStrategySchema = schemas/* object */.Ikc({
    steps: schemas/* array */.YOg(canaryStepSchema).min(1),
    metrics: schemas/* array */.YOg(metricSchema).min(1),
    alpha: schemas/* number */.aig().gt(0).lt(0.5).default(0.01).describe('Family-wise false-rollback rate of each analysis step, however often it looks.'),
    spending: schemas/* enum */.k5n(['pocock', 'obrien-fleming', 'linear'])
        .default('pocock')
        .describe('How alpha is spent over an analysis: pocock stops bad canaries earliest.'),
    limits: schemas/* object */.Ikc({ fail: schemas/* number */.aig().int().min(0).default(0), error: schemas/* number */.aig().int().min(0).default(1), inconclusive: schemas/* number */.aig().int().min(0).default(0) })
        .strict()
        .default({ fail: 0, error: 1, inconclusive: 0 })
        .describe('How many looks of each outcome a metric may have before it decides the analysis.'),
    onInconclusive: schemas/* enum */.k5n(['pause', 'rollback', 'promote']).default('pause').describe('What an inconclusive analysis does.'),
})
    .strict();
/** Our gateway as the traffic router. */
const gatewayRouterSchema = schemas/* object */.Ikc({
    adminUrl: schemas/* url */.OZ5().describe('Admin listener of the gateway, e.g. http://127.0.0.1:8081.'),
    route: schemas/* string */.YjP().min(1).describe('The route whose weights move.'),
    stable: schemas/* string */.YjP().min(1).default('stable').describe('Backend name of the stable version.'),
    canary: schemas/* string */.YjP().min(1).default('canary').describe('Backend name of the canary version.'),
    tokenEnv: schemas/* string */.YjP()
        .regex(/^[A-Z_][A-Z0-9_]*$/)
        .default('SLIPWAY_GATEWAY_ADMIN_TOKEN')
        .describe('Environment variable holding the admin token.'),
})
    .strict();
//# sourceMappingURL=deploy.js.map
;// CONCATENATED MODULE: ./packages/config/lib/internal/format-issue.js
/** What the user wrote, short enough for one line. */
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return `a list of ${value.length}`;
    if (typeof value === 'object')
        return 'a mapping';
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
function dottedPath(path) {
    return path.reduce((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
}
function valueAt(root, path) {
    let v = root;
    for (const seg of path) {
        if (v === null || typeof v !== 'object')
            return undefined;
        v = v[seg];
    }
    return v;
}
const TYPE_NAMES = {
    int: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
};
/**
 * One zod issue as a sentence: which key, what was found, and what is allowed.
 * `allowedKeys` lists the keys of the object an unknown key was found in.
 */
function formatIssue(issue, root, allowedKeys) {
    const where = dottedPath(issue.path) || 'the top level';
    const found = describeValue(valueAt(root, issue.path));
    switch (issue.code) {
        case 'unrecognized_keys': {
            const allowed = allowedKeys(issue.path);
            const key = issue.keys[0] ?? '';
            const guess = closest(key, allowed);
            return `unknown key "${key}" in ${where}${guess ? ` (did you mean "${guess}"?)` : ''}; allowed keys: ${allowed.join(', ')}`;
        }
        case 'invalid_type': {
            const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
            if (valueAt(root, issue.path) === undefined)
                return `${where} is required: set it to ${expected}`;
            return `${where}: expected ${expected}, found ${found}`;
        }
        case 'invalid_value':
            if (valueAt(root, issue.path) === undefined) {
                return `${where} is required: set it to ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
            }
            return `${where}: found ${found}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        case 'too_small':
            return `${where}: found ${found}; ${issue.origin === 'array' || issue.origin === 'string' ? 'length ' : ''}must be at least ${String(issue.minimum)}`;
        case 'too_big':
            return `${where}: found ${found}; ${issue.origin === 'array' || issue.origin === 'string' ? 'length ' : ''}must be at most ${String(issue.maximum)}`;
        case 'invalid_format':
            return `${where}: found ${found}; expected ${issue.format === 'regex' ? issue.message : `a valid ${issue.format}`}`;
        default:
            return `${where}: ${issue.message} (found ${found})`;
    }
}
/** The allowed word nearest to `word`, when it is close enough to be a typo. */
function closest(word, candidates) {
    let best;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    for (const c of candidates) {
        const d = levenshtein(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}
function levenshtein(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) {
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = cur;
    }
    return prev[b.length];
}
//# sourceMappingURL=format-issue.js.map
// EXTERNAL MODULE: ./node_modules/zod/v4/core/json-schema-processors.js
var json_schema_processors = __webpack_require__(8439);
;// CONCATENATED MODULE: ./packages/config/lib/schema.js


// Keys are camelCase; action inputs are their kebab-case twins (`jobs`, `prometheus-url`).
// Every object is strict: a misspelt key is an error, not a silently ignored setting.
const schema_duration = schemas/* string */.YjP()
    .regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a duration with a unit, such as 90s, 5m or 1h30m')
    .meta({ examples: ['90s', '5m'] });
const remoteUrl = schemas/* string */.YjP()
    .regex(/^(file|s3):\/\/.+/, 'a remote URL: file://path or s3://bucket/prefix')
    .meta({ examples: ['file://../slipway-remote', 's3://my-bucket/models'] });
const relPath = schemas/* string */.YjP().min(1);
const artifactsSchema = schemas/* object */.Ikc({
    remote: remoteUrl.optional().describe('Where artifact content is stored. `file://…` (relative to this file) or `s3://bucket/prefix`.'),
    paths: schemas/* array */.YOg(relPath).optional().describe('Files and folders to version outside git; each gets a `.dvc` pointer beside it.'),
    jobs: schemas/* number */.aig().int().min(1).max(256).optional().describe('Parallel transfers.'),
    cache: relPath.optional().describe('Local object cache folder (default `.slipway/cache`).'),
    s3: schemas/* object */.Ikc({
        region: schemas/* string */.YjP().min(1).optional().describe('AWS region of the bucket (default: the credential chain, else us-east-1).'),
        endpoint: schemas/* url */.OZ5().optional().describe('Custom endpoint of an S3-compatible store (MinIO, R2, Ceph).'),
        pathStyle: schemas/* boolean */.zMY().optional().describe('Address the bucket by path, not by host name (default true with a custom endpoint).'),
        sse: schemas/* enum */.k5n(['AES256', 'aws:kms', 'aws:kms:dsse']).optional().describe('Server-side encryption for uploaded objects.'),
        sseKmsKeyId: schemas/* string */.YjP().min(1).optional().describe('KMS key for `sse: aws:kms`.'),
    })
        .strict()
        .optional()
        .describe('Options for an `s3://` remote.'),
})
    .strict()
    .describe('Model and data files versioned outside git (artifact-sync).');
const evalSchema = schemas/* object */.Ikc({
    suites: schemas/* array */.YOg(relPath).optional().describe('Eval suite files to run.'),
    concurrency: schemas/* number */.aig().int().min(1).max(1024).optional().describe('Requests in flight per provider.'),
    timeout: schema_duration.optional().describe('Timeout for one model call.'),
    baseline: schemas/* string */.YjP().min(1).optional().describe('Baseline: a results file or folder, or `provider:<label>` for a baseline provider run in the same job.'),
    alpha: schemas/* number */.aig().gt(0).lt(1).optional().describe('Significance level of the regression tests (default 0.05).'),
    passRateFloor: schemas/* number */.aig().min(0).max(1).optional().describe('The gate fails when the pass rate is below this (0–1).'),
    repeats: schemas/* number */.aig().int().min(1).max(100).optional().describe('Samples per test for non-deterministic models.'),
    adaptiveRepeats: schemas/* number */.aig().int().min(2).max(100).optional().describe('Rerun only borderline tests up to this many samples.'),
    staleDays: schemas/* number */.aig().int().min(1).optional().describe('Warn when the baseline is older than this many days (default 14).'),
    cache: schemas/* enum */.k5n(['use', 'off', 'only']).optional().describe('Response cache: use, off (--no-cache), only (--cache-only: replay, never call a model).'),
    cacheDir: relPath.optional().describe('Response cache folder (default `.slipway/eval-cache`).'),
    outDir: relPath.optional().describe('Where results and reports are written (default `.slipway/eval`).'),
    judge: schemas/* string */.YjP().min(1).optional().describe('Judge provider for llm-rubric, e.g. `openai:chat:gpt-4o-mini`.'),
    embeddings: schemas/* string */.YjP().min(1).optional().describe('Embeddings provider for semantic similarity.'),
    budgets: schemas/* object */.Ikc({
        cost: schemas/* number */.aig().positive().optional().describe('Stop cleanly once this many USD are spent.'),
        time: schema_duration.optional().describe('Stop cleanly after this long.'),
    })
        .strict()
        .optional()
        .describe('Budgets that stop a run cleanly with partial results.'),
})
    .strict()
    .describe('LLM regression tests that gate pull requests (eval).');
const copySpec = schemas/* union */.KCZ([
    relPath,
    schemas/* object */.Ikc({ source: relPath.describe('File or folder, relative to slipway.yml.'), dest: schemas/* string */.YjP().min(1).describe('Path in the image.') }).strict(),
]);
const buildSchema = schemas/* object */.Ikc({
    engine: schemas/* enum */.k5n(['auto', 'assemble', 'buildah', 'buildx']).optional().describe('How the image is built.'),
    image: schemas/* string */.YjP().min(1).optional().describe('Image reference to push, e.g. `ghcr.io/acme/support-bot`.'),
    dockerfile: relPath.optional().describe('Dockerfile for the buildah and buildx engines.'),
    context: relPath.optional().describe('Build context folder.'),
    tags: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a tag: letters, digits, _ . -'))
        .optional()
        .describe('Tags to push the image under, besides the one in `image`.'),
    base: schemas/* string */.YjP().min(1).optional().describe('assemble: base image reference (tag or `@sha256:` digest), or `scratch` (default).'),
    app: schemas/* array */.YOg(copySpec).optional().describe('assemble: app files and folders, one layer. A string `p` goes to `/app/p`.'),
    weights: schemas/* array */.YOg(copySpec).optional().describe('assemble: model weight files and folders, one layer per file. A string `p` goes to `/models/p`.'),
    entrypoint: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('assemble: the image entrypoint.'),
    cmd: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('assemble: default arguments.'),
    env: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), schemas/* string */.YjP())
        .optional()
        .describe('assemble: environment variables.'),
    ports: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* number */.aig().int().min(1).max(65535), schemas/* string */.YjP().regex(/^\d{1,5}(\/(tcp|udp))?$/)]))
        .optional()
        .describe('assemble: exposed ports, e.g. 8080 or 8080/udp.'),
    user: schemas/* string */.YjP().min(1).optional().describe('assemble: user (and group) the process runs as.'),
    workdir: schemas/* string */.YjP().min(1).optional().describe('assemble: working directory.'),
    labels: schemas/* record */.g1P(schemas/* string */.YjP().min(1), schemas/* string */.YjP()).optional().describe('Image labels (the OCI source, revision and created labels are added).'),
    platform: schemas/* string */.YjP()
        .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'os/architecture[/variant]')
        .optional()
        .describe('Target platform, e.g. `linux/amd64`.'),
    buildArgs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional().describe('buildah/buildx: build arguments.'),
    layout: relPath.optional().describe('Also write the image as an OCI layout folder here.'),
    insecureRegistries: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional().describe('Registries reached over plain HTTP (loopback ones always are).'),
    concurrency: schemas/* number */.aig().int().min(1).max(64).optional().describe('Layers uploaded in parallel (default 4).'),
    attest: schemas/* boolean */.zMY().optional().describe('Attach an SPDX SBOM and SLSA provenance to pushed images (default true).'),
    sign: schemas/* boolean */.zMY().optional().describe('Sign pushed images with cosign when it is installed and `COSIGN_KEY` or an OIDC token is there (default true).'),
})
    .strict()
    .describe('The container image of the LLM service (container-build).');
const deploySchema = schemas/* object */.Ikc({
    environment: schemas/* string */.YjP().min(1).optional().describe('Target environment, e.g. `production`.'),
    router: schemas/* enum */.k5n(['gateway', 'kubernetes', 'sagemaker']).optional().describe('What moves the traffic.'),
    strategy: schemas/* enum */.k5n(['canary', 'blue-green', 'rolling']).optional().describe('How the new version takes over.'),
    canary: canaryStrategySchema.optional().describe('Steps and metrics of a canary rollout.'),
    gateway: gatewayRouterSchema.optional().describe('The gateway that moves the traffic (router: gateway).'),
    state: schemas/* string */.YjP().min(1).optional().describe('Where rollout state and release history live: a folder (default `.slipway/state`).'),
})
    .strict()
    .describe('Progressive delivery and rollback (canary-promote, rollback).');
const monitorSchema = schemas/* object */.Ikc({
    source: schemas/* enum */.k5n(['gateway', 'prometheus']).optional().describe('Where metrics are read from.'),
    prometheusUrl: schemas/* url */.OZ5().optional().describe('Prometheus HTTP API base URL.'),
    window: schema_duration.optional().describe('How far back each check looks.'),
})
    .strict()
    .describe('SLOs, drift and alerts on live traffic (monitor).');
const trainSchema = schemas/* object */.Ikc({
    command: schemas/* string */.YjP().min(1).optional().describe('The command that trains the model on the runner.'),
    data: schemas/* array */.YOg(relPath).optional().describe('Dataset files checked before training.'),
    output: relPath.optional().describe('Folder the trained model is written to.'),
})
    .strict()
    .describe('Training and fine-tuning jobs (fine-tune).');
/** The whole `slipway.yml`. */
const configSchema = schemas/* object */.Ikc({
    $schema: schemas/* string */.YjP().optional().describe('JSON Schema reference for editors.'),
    version: schemas/* literal */.euz(1).describe('Format version of this file. Only `1` exists.'),
    artifacts: artifactsSchema.optional(),
    eval: evalSchema.optional(),
    build: buildSchema.optional(),
    deploy: deploySchema.optional(),
    monitor: monitorSchema.optional(),
    train: trainSchema.optional(),
})
    .strict()
    .meta({ title: 'slipway.yml', description: 'Slipway configuration: one section per capability; action inputs override it.' });
//# sourceMappingURL=schema.js.map
;// CONCATENATED MODULE: ./packages/config/lib/json-schema.js


/** The JSON Schema of `slipway.yml`, for editors (`# yaml-language-server: $schema=…`) and the docs. */
function configJsonSchema() {
    return json_schema_processors/* toJSONSchema */.bl(configSchema, { target: 'draft-2020-12', io: 'input' });
}
//# sourceMappingURL=json-schema.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./packages/config/lib/internal/locate.js

/**
 * The position of the value at `path` in a parsed YAML document, or of the deepest
 * ancestor that exists (a missing key is reported where its parent is).
 * With `atKey`, points at the last key itself rather than its value (for unknown keys).
 */
function locate(doc, counter, path, atKey = false) {
    let node = doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
        const segment = path[i];
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,dist/* isPair */.tO)(p) && (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === String(segment));
            if (!pair)
                break;
            const last = i === path.length - 1;
            if (last && atKey) {
                offset = rangeStart(pair.key) ?? offset;
                break;
            }
            node = pair.value;
            offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
            const item = node.items[segment];
            if (item === undefined)
                break;
            node = item;
            offset = rangeStart(item) ?? offset;
        }
        else {
            break;
        }
    }
    const pos = counter.linePos(offset);
    return { line: pos.line, column: pos.col };
}
function rangeStart(node) {
    return (0,dist/* isNode */.Ll)(node) && node.range ? node.range[0] : undefined;
}
//# sourceMappingURL=locate.js.map
;// CONCATENATED MODULE: ./packages/config/lib/internal/schema-walk.js
/** The keys an object schema allows at `path`, for "allowed keys: …" in messages. */
function keysAt(schema, path) {
    let node = schema;
    for (const seg of path) {
        node = node && child(unwrap(node), seg);
    }
    const obj = node && unwrap(node);
    const def = obj?._zod.def;
    return def?.type === 'object' && def.shape ? Object.keys(def.shape).filter((k) => !k.startsWith('$')) : [];
}
function unwrap(schema) {
    let s = schema;
    for (let def = s._zod.def; (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType; def = s._zod.def) {
        s = def.innerType;
    }
    return s;
}
function child(schema, seg) {
    const def = schema._zod.def;
    if (def.type === 'object')
        return def.shape?.[String(seg)];
    if (def.type === 'array')
        return def.element;
    return undefined;
}
//# sourceMappingURL=schema-walk.js.map
;// CONCATENATED MODULE: ./packages/config/lib/parse-yaml.js





/**
 * Parses YAML (or JSON) text and validates it against any zod schema, the way `slipway.yml` is:
 * the result is the schema's output, or a {@link ConfigError} listing every problem with
 * file, line and column, the value found and what is allowed. For capabilities with a file of
 * their own (`gateway.yml`).
 */
function parseYamlWithSchema(schema, text, file, notAMapping = 'the file must be a mapping of keys to values') {
    const counter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length > 0) {
        throw new lib.ConfigError(doc.errors.map((e) => ({
            location: { file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 },
            message: `invalid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        })));
    }
    const data = doc.toJS() ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new lib.ConfigError([{ location: { file, line: 1, column: 1 }, message: notAMapping }]);
    }
    const result = schema.safeParse(data);
    if (result.success)
        return result.data;
    const problems = result.error.issues.flatMap((issue) => {
        const split = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ ...issue, keys: [k] })) : [issue];
        // zod reports all unknown keys of one object in one issue; each deserves its own line.
        return split.map((one) => {
            const unknownKey = one.code === 'unrecognized_keys' ? (one.keys[0] ?? '') : undefined;
            const at = unknownKey === undefined ? locate(doc, counter, one.path) : locate(doc, counter, [...one.path, unknownKey], true);
            return { location: { file, line: at.line, column: at.column }, message: formatIssue(one, data, (p) => keysAt(schema, p)) };
        });
    });
    problems.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
    throw new lib.ConfigError(problems);
}
//# sourceMappingURL=parse-yaml.js.map
;// CONCATENATED MODULE: ./packages/config/lib/load.js





const CONFIG_FILE_NAMES = ['slipway.yml', 'slipway.yaml'];
/**
 * Parses and validates `slipway.yml` text. Throws a {@link ConfigError} listing every problem,
 * each with file, line and column, the value found and what is allowed.
 */
function parseConfig(text, file) {
    return parseYamlWithSchema(configSchema, text, file, 'the file must be a mapping of sections (version: 1, artifacts: …, eval: …)');
}
/**
 * Loads the configuration from `file`, or finds `slipway.yml` / `slipway.yaml` in `dir`.
 * With no file at all, returns the defaults (`{ version: 1 }`): every capability works without one.
 */
async function loadConfig(options = {}) {
    const dir = external_node_path_.resolve(options.dir ?? process.cwd());
    const candidates = options.file ? [external_node_path_.resolve(dir, options.file)] : CONFIG_FILE_NAMES.map((n) => external_node_path_.join(dir, n));
    for (const candidate of candidates) {
        let text;
        try {
            text = await (0,promises_.readFile)(candidate, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT' && !options.file)
                continue;
            const reason = error.code === 'ENOENT' ? 'no such file' : error.message;
            throw new lib.ConfigError([{ location: { file: displayPath(candidate) }, message: `cannot read the configuration: ${reason}` }]);
        }
        return { config: parseConfig(text, displayPath(candidate)), file: candidate, dir: external_node_path_.dirname(candidate) };
    }
    return { config: { version: 1 }, file: undefined, dir };
}
/** Paths in messages are relative to where the user stands, as editors and annotations expect. */
function displayPath(file) {
    const rel = external_node_path_.relative(process.cwd(), file);
    return rel && !rel.startsWith('..') ? rel : file;
}
//# sourceMappingURL=load.js.map
;// CONCATENATED MODULE: ./packages/config/lib/validate.js

/**
 * Checks `slipway.yml` and reports the outcome: the capability behind `command: validate-config`.
 * Problems are thrown as a ConfigError, which front ends turn into file:line:col annotations.
 */
async function validateConfig(rt, options) {
    const loaded = await loadConfig({ dir: rt.cwd, ...(options.file ? { file: options.file } : {}) });
    const sections = Object.keys(loaded.config).filter((k) => k !== 'version' && k !== '$schema');
    rt.log.info(loaded.file ? `${loaded.file}: valid (sections: ${sections.join(', ') || 'none'})` : 'no slipway.yml found: defaults apply');
    return { file: loaded.file, sections };
}
//# sourceMappingURL=validate.js.map
;// CONCATENATED MODULE: ./packages/config/lib/index.js







//# sourceMappingURL=index.js.map

/***/ })

};
