export const id = 122;
export const ids = [122];
export const modules = {

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

/***/ })

};
