export const id = 559;
export const ids = [559];
export const modules = {

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

/***/ 1559:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readArtifactInputs: () => (/* reexport */ readArtifactInputs),
  runArtifactCommand: () => (/* reexport */ runArtifactCommand)
});

// UNUSED EXPORTS: ARTIFACT_INPUTS, IntegrityError, RemoteReleaseStore, addArtifacts, artifactStatus, buildDirObject, collectGarbage, compareCodePoints, formatBytes, formatPointer, idFromKey, objectKey, openReleaseStore, parseDirObject, parsePointer, parseRemote, pointersDigest, pullArtifacts, pushArtifacts, pythonJsonDumps, reportResult, runnerCacheKey

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./packages/store/lib/internal/fs-remote.js





/**
 * A remote in a folder (`file://…`): the embedded default. Writes go to a temporary name and are
 * renamed into place, so a reader or a racing writer sees a whole object or none.
 */
class FolderRemote {
    root;
    display;
    constructor(root) {
        this.root = root;
        this.display = `file://${root}`;
    }
    async check() {
        await (0,promises_.mkdir)(this.root, { recursive: true });
    }
    async has(keys) {
        const found = new Set();
        await (0,lib.mapLimit)(keys, 32, async (k) => {
            if (await exists(this.file(k)))
                found.add(k);
        });
        return found;
    }
    async list(prefix) {
        const out = [];
        const walk = async (rel) => {
            const entries = await (0,promises_.readdir)(external_node_path_.join(this.root, rel), { withFileTypes: true }).catch(() => []);
            for (const e of entries) {
                const child = rel ? `${rel}/${e.name}` : e.name;
                if (e.isDirectory())
                    await walk(child);
                else if (e.isFile() && !e.name.includes('.slipway-tmp-'))
                    out.push(child);
            }
        };
        await walk(prefix.replace(/\/$/, ''));
        return out;
    }
    async upload(key, file, info) {
        const target = this.file(key);
        if (await exists(target, info.size))
            return 'present';
        await (0,promises_.mkdir)(external_node_path_.dirname(target), { recursive: true });
        const tmp = `${target}.slipway-tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        try {
            await (0,promises_.copyFile)(file, tmp);
            await (0,promises_.rename)(tmp, target);
        }
        catch (error) {
            await (0,promises_.rm)(tmp, { force: true });
            throw error;
        }
        return 'uploaded';
    }
    async uploadBytes(key, bytes, info) {
        const target = this.file(key);
        if (await exists(target, info.size))
            return 'present';
        await (0,promises_.mkdir)(external_node_path_.dirname(target), { recursive: true });
        const tmp = `${target}.slipway-tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        await (0,promises_.writeFile)(tmp, bytes);
        await (0,promises_.rename)(tmp, target);
        return 'uploaded';
    }
    async open(key, start = 0) {
        const file = this.file(key);
        await (0,promises_.stat)(file); // a missing object fails here, not midway through a stream
        return (0,external_node_fs_.createReadStream)(file, { start, highWaterMark: 1024 * 1024 });
    }
    async delete(keys) {
        let n = 0;
        for (const k of keys) {
            try {
                await (0,promises_.unlink)(this.file(k));
                n++;
            }
            catch (error) {
                if (error.code !== 'ENOENT')
                    throw error;
            }
        }
        return n;
    }
    async close() { }
    file(key) {
        return external_node_path_.join(this.root, ...key.split('/'));
    }
}
async function exists(file, size) {
    try {
        const st = await (0,promises_.stat)(file);
        return size === undefined || st.size === size;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=fs-remote.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/hash-cache.js



/**
 * Remembers each file's MD5 under its path, size, mtime and inode, so an unchanged file is never
 * hashed twice. Lives in `.slipway/state/hashes.json`; a stale or foreign entry is just a miss.
 */
class HashCache {
    file;
    entries;
    dirty = false;
    constructor(file, entries) {
        this.file = file;
        this.entries = entries;
    }
    static async open(stateDir) {
        const file = external_node_path_.join(stateDir, 'hashes.json');
        const entries = new Map();
        try {
            const data = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
            for (const [k, v] of Object.entries(data))
                if (Array.isArray(v) && v.length === 4)
                    entries.set(k, v);
        }
        catch {
            // Missing or damaged: start empty, the next save repairs it.
        }
        return new HashCache(file, entries);
    }
    /** The remembered MD5 when `st` still describes the file that was hashed. */
    lookup(abs, st) {
        const e = this.entries.get(abs);
        if (!e)
            return undefined;
        return e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ino ? e[3] : undefined;
    }
    remember(abs, st, md5) {
        this.entries.set(abs, [st.size, st.mtimeMs, st.ino, md5]);
        this.dirty = true;
    }
    /** The file's MD5, from memory when unchanged, else hashed (and remembered). */
    async hash(abs, hasher, st) {
        const before = st ?? (0,external_node_fs_.statSync)(abs);
        const known = this.lookup(abs, before);
        if (known !== undefined)
            return { md5: known, size: before.size };
        const h = await hasher.hashFile(abs, before.size);
        // Changed while we read it: the hash describes no version on disk, so do not keep it.
        const after = (0,external_node_fs_.statSync)(abs);
        if (after.size === before.size && after.mtimeMs === before.mtimeMs && after.ino === before.ino)
            this.remember(abs, after, h.md5);
        return h;
    }
    async save() {
        if (!this.dirty)
            return;
        await (0,promises_.mkdir)(external_node_path_.dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await (0,promises_.writeFile)(tmp, JSON.stringify(Object.fromEntries(this.entries)));
        await (0,promises_.rename)(tmp, this.file);
        this.dirty = false;
    }
}
//# sourceMappingURL=hash-cache.js.map
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./packages/store/lib/internal/md5.js





/** Files at least this big are hashed on a worker thread; smaller ones cost less than the message. */
const WORKER_THRESHOLD = 4 * 2 ** 20;
const BUFFER_BYTES = 4 * 2 ** 20;
/** Below this, one read of the whole file is cheapest. */
const SMALL_FILE = 512 * 1024;
// The worker is plain CommonJS evaluated from a string: no file to locate next to a bundle.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(${BUFFER_BYTES});
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const h = createHash('md5');
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      size += n;
    }
    parentPort.postMessage({ id, md5: h.digest('hex'), size });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message), code: e && e.code });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;
/** MD5 of a buffer, hex. */
function md5Hex(data) {
    return (0,external_node_crypto_.createHash)('md5').update(data).digest('hex');
}
/**
 * Hashes files with MD5: small ones inline, big ones on a pool of worker threads with large reused
 * buffers (MD5 runs at ~0.6 GB/s a core; one core would bound a 1 GiB push).
 */
class Hasher {
    workers = [];
    queue = [];
    pending = new Map();
    nextId = 0;
    size;
    constructor(threads = Math.max(1, Math.min(4, external_node_os_.availableParallelism()))) {
        this.size = threads;
    }
    /** Hashes one file; `sizeHint` picks inline or a worker. */
    hashFile(file, sizeHint) {
        if (sizeHint < SMALL_FILE)
            return hashSmall(file);
        if (sizeHint < WORKER_THRESHOLD)
            return hashInline(file);
        return new Promise((resolve, reject) => {
            this.queue.push({ file, resolve, reject });
            this.pump();
        });
    }
    /** Stops the worker threads. Safe to call more than once. */
    async close() {
        const ws = this.workers;
        this.workers = [];
        await Promise.all(ws.map((w) => w.worker.terminate()));
    }
    pump() {
        while (this.queue.length > 0) {
            let slot = this.workers.findIndex((w) => !w.busy);
            if (slot < 0 && this.workers.length < this.size)
                slot = this.spawn();
            if (slot < 0)
                return;
            const job = this.queue.shift();
            const w = this.workers[slot];
            if (!job || !w)
                return;
            const id = this.nextId++;
            w.busy = true;
            this.pending.set(id, { resolve: job.resolve, reject: job.reject, slot });
            w.worker.postMessage({ id, file: job.file });
        }
    }
    spawn() {
        const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, { eval: true });
        const slot = this.workers.length;
        this.workers.push({ worker, busy: false });
        worker.on('message', (m) => {
            const p = this.pending.get(m.id);
            if (!p)
                return;
            this.pending.delete(m.id);
            const w = this.workers[p.slot];
            if (w)
                w.busy = false;
            if (m.error !== undefined)
                p.reject(Object.assign(new Error(m.error), { code: m.code }));
            else
                p.resolve({ md5: m.md5 ?? '', size: m.size ?? 0 });
            this.pump();
        });
        worker.on('error', (e) => {
            for (const [id, p] of this.pending) {
                if (p.slot === slot) {
                    this.pending.delete(id);
                    p.reject(e);
                }
            }
        });
        return slot;
    }
}
async function hashInline(file) {
    const fh = await (0,promises_.open)(file, 'r');
    try {
        const h = (0,external_node_crypto_.createHash)('md5');
        const buf = Buffer.allocUnsafe(256 * 1024);
        let size = 0;
        for (;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, null);
            if (bytesRead === 0)
                break;
            h.update(buf.subarray(0, bytesRead));
            size += bytesRead;
        }
        return { md5: h.digest('hex'), size };
    }
    finally {
        await fh.close();
    }
}
async function hashSmall(file) {
    // One synchronous read: for a small file the thread-pool round trips cost more than the read.
    const data = (0,external_node_fs_.readFileSync)(file);
    return { md5: md5Hex(data), size: data.length };
}
//# sourceMappingURL=md5.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/remote.js
/** The remote key of an object id (`<md5>` or `<md5>.dir`). */
function remote_objectKey(id) {
    return `files/md5/${id.slice(0, 2)}/${id.slice(2)}`;
}
/** The object id of a remote key, or undefined for a key outside the layout. */
function remote_idFromKey(key) {
    const m = /(?:^|\/)files\/md5\/([0-9a-f]{2})\/([0-9a-f]{30}(?:\.dir)?)$/.exec(key);
    return m ? `${m[1]}${m[2]}` : undefined;
}
//# sourceMappingURL=remote.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/object-cache.js





/**
 * The local object cache: the same `files/md5/<2>/<30>` layout as DVC 3's `.dvc/cache`, so one
 * can point at the other. Objects are written whole under a temporary name, then made
 * read-only and renamed into place.
 */
class ObjectCache {
    dir;
    /** Folders this run has already made: one mkdir per folder, not per object. */
    made = new Set();
    constructor(dir) {
        this.dir = dir;
    }
    pathOf(id) {
        return external_node_path_.join(this.dir, ...remote_objectKey(id).split('/'));
    }
    /**
     * The object's size when it is there (and has `size` bytes, when given), else undefined.
     * Synchronous on purpose: for thousands of small objects a promise per stat costs more than the stat.
     */
    sizeOf(id, size) {
        const st = (0,external_node_fs_.statSync)(this.pathOf(id), { throwIfNoEntry: false });
        if (!st || (size !== undefined && st.size !== size))
            return undefined;
        return st.size;
    }
    /** True when the object is there (and has `size` bytes, when given). */
    async has(id, size) {
        try {
            const st = await (0,promises_.stat)(this.pathOf(id));
            return size === undefined || st.size === size;
        }
        catch {
            return false;
        }
    }
    /** Copies `src` in (a reflink where the file system offers one); a no-op when present. */
    async insertFile(id, src, size) {
        if (await this.has(id, size))
            return;
        await this.place(id, (tmp) => (0,promises_.copyFile)(src, tmp, external_node_fs_.constants.COPYFILE_FICLONE));
    }
    insertBytes(id, bytes, knownAbsent = false) {
        if (!knownAbsent && this.sizeOf(id, bytes.length) !== undefined)
            return Promise.resolve();
        // Small and already in memory: synchronous calls beat a round of promises per file.
        const target = this.pathOf(id);
        const parent = external_node_path_.dirname(target);
        if (!this.made.has(parent)) {
            (0,external_node_fs_.mkdirSync)(parent, { recursive: true });
            this.made.add(parent);
        }
        const tmp = `${target}.slipway-tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        try {
            (0,external_node_fs_.writeFileSync)(tmp, bytes, { mode: 0o444 });
            (0,external_node_fs_.renameSync)(tmp, target);
        }
        catch (error) {
            (0,external_node_fs_.rmSync)(tmp, { force: true });
            return Promise.reject(error);
        }
        return Promise.resolve();
    }
    async read(id) {
        try {
            return await (0,promises_.readFile)(this.pathOf(id));
        }
        catch {
            return undefined;
        }
    }
    /** Every object id in the cache. */
    async ids() {
        const base = external_node_path_.join(this.dir, 'files', 'md5');
        const out = [];
        for (const d of await (0,promises_.readdir)(base).catch(() => [])) {
            if (!/^[0-9a-f]{2}$/.test(d))
                continue;
            for (const f of await (0,promises_.readdir)(external_node_path_.join(base, d)).catch(() => [])) {
                if (/^[0-9a-f]{30}(\.dir)?$/.test(f))
                    out.push(`${d}${f}`);
            }
        }
        return out;
    }
    async remove(id) {
        await (0,promises_.unlink)(this.pathOf(id)).catch(() => undefined);
    }
    async place(id, write) {
        const target = this.pathOf(id);
        await (0,promises_.mkdir)(external_node_path_.dirname(target), { recursive: true });
        const tmp = `${target}.slipway-tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        try {
            await write(tmp);
            // Read-only, as DVC keeps its cache: an editor that opens a linked copy cannot change history.
            await (0,promises_.chmod)(tmp, 0o444);
            await (0,promises_.rename)(tmp, target);
        }
        catch (error) {
            await (0,promises_.rm)(tmp, { force: true });
            throw error;
        }
    }
}
//# sourceMappingURL=object-cache.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/remote-index.js



/**
 * Keys this machine has seen on a remote (uploaded, listed or found by HEAD). A push or status
 * skips asking about them; `gc` on the remote clears the list. Append-only, so racing runs only add.
 */
class RemoteIndex {
    file;
    known;
    fresh = [];
    constructor(file, known) {
        this.file = file;
        this.known = known;
    }
    static async open(stateDir, remoteDisplay) {
        const file = external_node_path_.join(stateDir, 'remotes', `${(0,external_node_crypto_.createHash)('sha256').update(remoteDisplay).digest('hex').slice(0, 24)}.txt`);
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
        return new RemoteIndex(file, new Set(text.split('\n').filter(Boolean)));
    }
    add(keys) {
        for (const k of keys) {
            if (this.known.has(k))
                continue;
            this.known.add(k);
            this.fresh.push(k);
        }
    }
    async save() {
        if (this.fresh.length === 0)
            return;
        await (0,promises_.mkdir)(external_node_path_.dirname(this.file), { recursive: true });
        const lines = `${this.fresh.splice(0).join('\n')}\n`;
        await (0,promises_.appendFile)(this.file, lines);
    }
    async clear() {
        this.known.clear();
        this.fresh.length = 0;
        await (0,promises_.rm)(this.file, { force: true });
    }
}
//# sourceMappingURL=remote-index.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/settings.js




const REMOTE_HINT = 'pass --remote (action input "remote"), set artifacts.remote in slipway.yml, or set a default remote in .dvc/config (`dvc remote add -d name url`); e.g. file://../remote or s3://bucket/prefix';
/**
 * Reads the project's settings: `slipway.yml` first, then a default remote in `.dvc/config`.
 * An explicit `remote` (input or flag) wins over both, and is resolved against `root`.
 */
async function loadProjectSettings(root, explicit) {
    // The schema (zod) costs ~100 ms to load: read it only when there is a file to check.
    const hasFile = explicit.configFile !== undefined || ['slipway.yml', 'slipway.yaml'].some((n) => (0,external_node_fs_.existsSync)(external_node_path_.join(root, n)));
    const loaded = hasFile
        ? await (await __webpack_require__.e(/* import() */ 371).then(__webpack_require__.bind(__webpack_require__, 6371))).loadConfig({ dir: root, ...(explicit.configFile ? { file: explicit.configFile } : {}) })
        : { config: { version: 1 }, file: undefined, dir: root };
    const section = loaded.config.artifacts ?? {};
    const s3 = { ...stripUndefined(section.s3 ?? {}), ...stripUndefined(explicit.s3 ?? {}) };
    let remote;
    if (explicit.remote)
        remote = settings_parseRemote(explicit.remote, root, 'input "remote"', s3);
    else if (section.remote)
        remote = settings_parseRemote(section.remote, loaded.dir, `${loaded.file ?? 'slipway.yml'} artifacts.remote`, s3);
    else
        remote = await dvcDefaultRemote(root, s3);
    const settings = {
        paths: section.paths ?? [],
        cacheDir: explicit.cacheDir
            ? external_node_path_.resolve(root, explicit.cacheDir)
            : section.cache
                ? external_node_path_.resolve(loaded.dir, section.cache)
                : external_node_path_.join(root, '.slipway', 'cache'),
        s3,
    };
    if (remote)
        settings.remote = remote;
    if (section.jobs !== undefined)
        settings.jobs = section.jobs;
    return settings;
}
/** The remote, or a one-line error that says every way to set one. */
function requireRemote(settings) {
    if (!settings.remote)
        throw new lib.UserError('no remote is configured for artifacts', { hint: REMOTE_HINT });
    return settings.remote;
}
/** Parses `file://path`, `s3://bucket/prefix`, or a bare folder path (as `.dvc/config` allows). */
function settings_parseRemote(url, base, source, s3 = {}) {
    const u = url.trim();
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(u)?.[1]?.toLowerCase();
    if (scheme === 's3') {
        const rest = u.slice('s3://'.length);
        const slash = rest.indexOf('/');
        const bucket = slash < 0 ? rest : rest.slice(0, slash);
        const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
            throw new lib.UserError(`${source}: "${bucket}" in ${url} is not a valid S3 bucket name`, {
                hint: 'use s3://bucket/prefix with a 3–63 character lowercase bucket name',
            });
        }
        return { kind: 's3', bucket, prefix, source, s3 };
    }
    if (scheme === 'file') {
        const p = decodeURIComponent(u.slice('file://'.length));
        if (p === '')
            throw new lib.UserError(`${source}: ${url} names no folder`, { hint: 'use file://relative/path or file:///absolute/path' });
        return { kind: 'folder', root: external_node_path_.resolve(base, p), source };
    }
    if (scheme !== undefined) {
        throw new lib.UserError(`${source}: remote scheme "${scheme}://" is not supported`, { hint: 'use file://path or s3://bucket/prefix' });
    }
    if (u === '')
        throw new lib.UserError(`${source}: the remote is empty`, { hint: REMOTE_HINT });
    return { kind: 'folder', root: external_node_path_.resolve(base, u), source };
}
/** The `core.remote` of `.dvc/config` (and `.dvc/config.local`), with its url, endpointurl and region. */
async function dvcDefaultRemote(root, s3) {
    const sections = new Map();
    for (const name of ['config', 'config.local']) {
        const file = external_node_path_.join(root, '.dvc', name);
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
        if (text === undefined)
            continue;
        let current = '';
        for (const raw of text.split(/\r?\n/)) {
            const line = raw.trim();
            if (line === '' || line.startsWith('#') || line.startsWith(';'))
                continue;
            const header = /^\[\s*'?([^\]']+?)'?\s*\]$/.exec(line);
            if (header) {
                current = (header[1] ?? '').replace(/\s+/g, ' ').replace(/"/g, '');
                continue;
            }
            const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
            if (!kv)
                continue;
            const values = sections.get(current) ?? {};
            values[(kv[1] ?? '').trim().toLowerCase()] = (kv[2] ?? '').trim();
            sections.set(current, values);
        }
    }
    const name = sections.get('core')?.remote;
    if (!name)
        return undefined;
    const remote = sections.get(`remote ${name}`);
    const source = `.dvc/config remote "${name}"`;
    if (!remote?.url)
        throw new lib.UserError(`${source} is the default remote but has no url`, { hint: REMOTE_HINT });
    const opts = { ...s3 };
    if (remote.endpointurl && opts.endpoint === undefined)
        opts.endpoint = remote.endpointurl;
    if (remote.region && opts.region === undefined)
        opts.region = remote.region;
    return settings_parseRemote(remote.url, external_node_path_.join(root, '.dvc'), source, opts);
}
function stripUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
//# sourceMappingURL=settings.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/context.js










/** Everything one command run shares: the repository, its caches, and the remote when one is needed. */
class context_StoreContext {
    rt;
    root;
    settings;
    hashes;
    options;
    cache;
    stateDir;
    hasher = new Hasher();
    jobs;
    remotePromise;
    indexPromise;
    constructor(rt, root, settings, hashes, options) {
        this.rt = rt;
        this.root = root;
        this.settings = settings;
        this.hashes = hashes;
        this.options = options;
        this.cache = new ObjectCache(settings.cacheDir);
        this.stateDir = external_node_path_.join(root, '.slipway', 'state');
        this.jobs = options.jobs ?? settings.jobs ?? Math.min(64, 4 * external_node_os_.availableParallelism());
    }
    static async open(rt, options) {
        const root = rt.cwd;
        const explicit = {};
        if (options.remote !== undefined)
            explicit.remote = options.remote;
        if (options.configFile !== undefined)
            explicit.configFile = options.configFile;
        if (options.cacheDir !== undefined)
            explicit.cacheDir = options.cacheDir;
        if (options.s3 !== undefined)
            explicit.s3 = options.s3;
        const settings = await loadProjectSettings(root, explicit);
        const hashes = await HashCache.open(external_node_path_.join(root, '.slipway', 'state'));
        return new context_StoreContext(rt, root, settings, hashes, options);
    }
    madeDirs = new Map();
    /** `mkdir -p` once per folder for this run: thousands of files share a few folders. */
    ensureDir(dir) {
        let p = this.madeDirs.get(dir);
        if (!p) {
            p = (0,promises_.mkdir)(dir, { recursive: true });
            this.madeDirs.set(dir, p);
            // A failure is not remembered: the next caller tries again.
            p.catch(() => this.madeDirs.delete(dir));
        }
        return p;
    }
    /** True when a remote is configured, without connecting to it. */
    get hasRemote() {
        return this.settings.remote !== undefined;
    }
    get remoteDisplay() {
        const r = this.settings.remote;
        if (!r)
            return '';
        return r.kind === 'folder' ? `file://${r.root}` : `s3://${r.bucket}${r.prefix ? `/${r.prefix}` : ''}`;
    }
    /** What this machine knows the remote holds; read without connecting. */
    index() {
        this.indexPromise ??= (async () => {
            requireRemote(this.settings);
            return RemoteIndex.open(this.stateDir, this.remoteDisplay);
        })();
        return this.indexPromise;
    }
    /** The remote, connected (and checked: credentials, bucket) on first use only. */
    remote() {
        this.remotePromise ??= (async () => {
            const spec = requireRemote(this.settings);
            let remote;
            if (spec.kind === 'folder')
                remote = new FolderRemote(spec.root);
            else {
                // Whatever the credential chain reads from the environment must never reach a log.
                for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
                    const value = process.env[name];
                    if (value)
                        this.rt.setSecret(value);
                }
                // The SDK warns on every run under Node 20 (Actions runs node24); the warning is not the user's to act on.
                process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
                // The SDK is big: load it only when an S3 remote is actually used.
                const { S3Remote } = await Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(273)]).then(__webpack_require__.bind(__webpack_require__, 2273));
                remote = new S3Remote({
                    bucket: spec.bucket,
                    prefix: spec.prefix,
                    ...spec.s3,
                    jobs: this.jobs,
                    stateDir: this.stateDir,
                    log: this.rt.log,
                    ...(this.options.multipartThreshold !== undefined ? { multipartThreshold: this.options.multipartThreshold } : {}),
                    ...(this.options.partSize !== undefined ? { partSize: this.options.partSize } : {}),
                    ...(this.options.afterPart ? { afterPart: this.options.afterPart } : {}),
                });
            }
            await remote.check();
            return remote;
        })();
        return this.remotePromise;
    }
    /** Saves what this run learned and releases threads and sockets. */
    async close() {
        await this.hashes.save();
        await this.hasher.close();
        const index = await this.indexPromise?.catch(() => undefined);
        await index?.save();
        const remote = await this.remotePromise?.catch(() => undefined);
        await remote?.close();
        // Once there is state, the folder ignores itself, so `git add .` never picks up objects or hashes.
        const own = external_node_path_.join(this.root, '.slipway');
        if ((0,external_node_fs_.existsSync)(own))
            await (0,promises_.writeFile)(external_node_path_.join(own, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    }
}
//# sourceMappingURL=context.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/paths.js



/** Why a `.dir` relpath or pointer path is unsafe, or undefined when it is fine. */
function checkRelpath(p) {
    if (p === '')
        return 'is empty';
    if (p.includes('\0'))
        return 'contains a NUL byte';
    if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\'))
        return 'is absolute';
    const parts = p.split(/[\\/]/);
    if (parts.includes('..'))
        return 'climbs out with ".."';
    return undefined;
}
/**
 * Resolves a path the user named (CLI argument, input, config, pointer) inside `root`.
 * Refuses absolute paths, `..` that leaves the root, and symlinks whose target is outside it.
 */
async function paths_resolveInside(root, p, where) {
    const hint = 'name a path inside the repository, relative to its root, without ".."';
    if (external_node_path_.isAbsolute(p)) {
        // An absolute path that happens to lie inside the repository is accepted, as DVC does.
        const rel = external_node_path_.relative(root, p);
        if (rel.startsWith('..') || external_node_path_.isAbsolute(rel))
            throw new lib.UserError(`${where}: "${p}" is outside the repository ${root}`, { hint });
        return paths_resolveInside(root, rel, where);
    }
    const abs = external_node_path_.resolve(root, p);
    const rel = external_node_path_.relative(root, abs);
    if (rel === '' || rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || external_node_path_.isAbsolute(rel)) {
        throw new lib.UserError(`${where}: "${p}" ${rel === '' ? 'is the repository root itself' : 'escapes the repository'}`, { hint });
    }
    await assertNoSymlinkEscape(root, abs, where, p);
    return { abs, rel: rel.split(external_node_path_.sep).join('/') };
}
/** Follows the longest existing prefix of `abs` through symlinks and checks it stays in `root`. */
async function assertNoSymlinkEscape(root, abs, where, shown) {
    const realRoot = await (0,promises_.realpath)(root);
    let probe = abs;
    for (;;) {
        try {
            const real = await (0,promises_.realpath)(probe);
            const rel = external_node_path_.relative(realRoot, real);
            if (rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || external_node_path_.isAbsolute(rel)) {
                throw new lib.UserError(`${where}: "${shown}" leads through a symlink to ${real}, outside the repository`, {
                    hint: 'track the real files inside the repository instead of a link to them',
                });
            }
            return;
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
            const parent = external_node_path_.dirname(probe);
            if (parent === probe)
                return;
            probe = parent;
        }
    }
}
/** A POSIX relative path as the OS path below `base`. */
function fromPosix(base, rel) {
    return external_node_path_.join(base, ...rel.split('/'));
}
//# sourceMappingURL=paths.js.map
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./packages/store/lib/internal/pointer.js



const pointer_POINTER_SUFFIX = '.dvc';
/** True when `md5` names a folder's `.dir` object. */
function isDirHash(md5) {
    return md5.endsWith('.dir');
}
/**
 * The pointer text DVC 3 writes: `outs:` with keys in the order md5, size, nfiles, isexec, hash, path.
 * `hash: md5` is always written; without it DVC reads the file as the 2.x layout.
 */
function pointer_formatPointer(outs) {
    const lines = ['outs:'];
    for (const o of outs) {
        lines.push(`- md5: ${o.md5}`, `  size: ${o.size}`);
        if (o.nfiles !== undefined)
            lines.push(`  nfiles: ${o.nfiles}`);
        if (o.isexec)
            lines.push('  isexec: true');
        lines.push('  hash: md5', `  path: ${stringify(o.path).trimEnd()}`);
    }
    return `${lines.join('\n')}\n`;
}
/**
 * Parses a `.dvc` file. Every problem names the file and line; a pointer that would place
 * content outside its folder (absolute, `..`) is refused. Keys DVC adds that do not
 * affect content (`desc`, `meta`, `remote`, …) are accepted and ignored.
 */
function pointer_parsePointer(text, file) {
    const counter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: counter, uniqueKeys: true });
    const at = (offset) => ({ file, line: offset === undefined ? 1 : counter.linePos(offset).line });
    const fail = (offset, message) => {
        throw new lib.ConfigError([{ location: at(offset), message: `${message} (a .dvc pointer holds outs: [{md5, size, hash: md5, path}])` }]);
    };
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        throw new lib.ConfigError([{ location: { file, line: e?.linePos?.[0].line ?? 1 }, message: `invalid YAML in pointer: ${(e?.message ?? '').split('\n')[0]}` }]);
    }
    const root = doc.contents;
    if (!(0,dist/* isMap */.jh)(root))
        return fail(root?.range?.[0], 'not a pointer file: expected a mapping with "outs"');
    const outsNode = root.get('outs', true);
    if (!(0,dist/* isSeq */.oP)(outsNode) || outsNode.items.length === 0)
        return fail(keyOffset(root, 'outs'), '"outs" must be a non-empty list');
    const problems = [];
    const outs = [];
    for (const item of outsNode.items) {
        const start = item.range?.[0];
        if (!(0,dist/* isMap */.jh)(item)) {
            problems.push({ location: at(start), message: 'each entry of "outs" must be a mapping' });
            continue;
        }
        const value = (key) => {
            const node = item.get(key, true);
            return { node, v: (0,dist/* isScalar */.jn)(node) ? node.value : node === undefined ? undefined : null, offset: node?.range?.[0] ?? start };
        };
        const md5 = value('md5');
        const size = value('size');
        const nfiles = value('nfiles');
        const isexec = value('isexec');
        const hash = value('hash');
        const p = value('path');
        const before = problems.length;
        if (typeof md5.v !== 'string' || !/^[0-9a-f]{32}(\.dir)?$/.test(md5.v)) {
            problems.push({ location: at(md5.offset), message: `"md5" must be 32 lowercase hex digits (with ".dir" for a folder), found ${show(md5.v)}` });
        }
        if (typeof size.v !== 'number' || !Number.isSafeInteger(size.v) || size.v < 0) {
            problems.push({ location: at(size.offset), message: `"size" must be a whole number of bytes, found ${show(size.v)}` });
        }
        if (nfiles.v !== undefined && (typeof nfiles.v !== 'number' || !Number.isSafeInteger(nfiles.v) || nfiles.v < 0)) {
            problems.push({ location: at(nfiles.offset), message: `"nfiles" must be a whole number, found ${show(nfiles.v)}` });
        }
        if (isexec.v !== undefined && typeof isexec.v !== 'boolean') {
            problems.push({ location: at(isexec.offset), message: `"isexec" must be true or false, found ${show(isexec.v)}` });
        }
        if (hash.v === undefined) {
            problems.push({
                location: at(start),
                message: 'no "hash: md5": this pointer uses the DVC 2.x layout; run `dvc cache migrate --dvc-files` with DVC 3, or add the path again',
            });
        }
        else if (hash.v !== 'md5') {
            problems.push({ location: at(hash.offset), message: `"hash" must be md5, found ${show(hash.v)}` });
        }
        const pathProblem = typeof p.v === 'string' ? checkRelpath(p.v) : 'is missing';
        if (pathProblem)
            problems.push({ location: at(p.offset), message: `"path" ${pathProblem}${typeof p.v === 'string' ? `: "${p.v}"` : ''}` });
        if (problems.length > before)
            continue;
        const out = { md5: md5.v, size: size.v, path: p.v.replace(/\\/g, '/'), line: at(start).line };
        if (typeof nfiles.v === 'number')
            out.nfiles = nfiles.v;
        if (isexec.v === true)
            out.isexec = true;
        outs.push(out);
    }
    if (problems.length > 0)
        throw new lib.ConfigError(problems);
    return { outs };
}
function keyOffset(map, key) {
    const pair = map.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === key);
    return pair?.key?.range?.[0] ?? map.range?.[0];
}
function show(v) {
    return v === undefined ? 'nothing' : v === null ? 'a nested value' : JSON.stringify(v);
}
//# sourceMappingURL=pointer.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/python-json.js
/**
 * The bytes Python's `json.dumps(value, sort_keys=True)` produces, for the values a `.dir` object
 * holds (strings, numbers, booleans, null, lists, objects). DVC hashes those bytes, so every
 * separator and escape must match: `", "` and `": "`, `ensure_ascii` escapes in lowercase hex.
 */
function pythonJsonDumps(value) {
    if (value === null)
        return 'null';
    if (typeof value === 'string')
        return pythonString(value);
    if (typeof value === 'boolean')
        return value ? 'true' : 'false';
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw new TypeError('non-finite numbers have no JSON form');
        if (!Number.isInteger(value))
            throw new TypeError('only integers are serialised here: Python prints floats differently');
        return String(value);
    }
    if (Array.isArray(value))
        return `[${value.map(pythonJsonDumps).join(', ')}]`;
    if (typeof value === 'object') {
        const keys = Object.keys(value).sort(compareCodePoints);
        return `{${keys.map((k) => `${pythonString(k)}: ${pythonJsonDumps(value[k])}`).join(', ')}}`;
    }
    throw new TypeError(`cannot serialise a ${typeof value}`);
}
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SHORT_ESCAPES = { 34: '\\"', 92: '\\\\', 10: '\\n', 13: '\\r', 9: '\\t', 8: '\\b', 12: '\\f' };
/** A string as `ensure_ascii=True` writes it: printable ASCII as is, everything else `\uXXXX` per UTF-16 unit. */
function pythonString(s) {
    // Most names are plain printable ASCII: nothing to escape, no per-character work.
    if (PLAIN.test(s))
        return `"${s}"`;
    let out = '"';
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const short = SHORT_ESCAPES[c];
        if (short !== undefined)
            out += short;
        else if (c >= 0x20 && c <= 0x7e)
            out += s[i];
        else
            out += `\\u${c.toString(16).padStart(4, '0')}`;
    }
    return `${out}"`;
}
/** Orders strings by Unicode code point, as Python compares `str` (JavaScript's default compares UTF-16 units). */
function compareCodePoints(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y)
            continue;
        // Surrogates (astral code points) sort above every other BMP unit in code point order.
        const xs = x >= 0xd800 && x <= 0xdfff;
        const ys = y >= 0xd800 && y <= 0xdfff;
        if (xs !== ys)
            return xs ? 1 : -1;
        return x - y;
    }
    return a.length - b.length;
}
//# sourceMappingURL=python-json.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/dir-object.js




/**
 * Serialises a folder listing the way DVC 3 does: entries sorted by `relpath` in code point order,
 * then `json.dumps(…, sort_keys=True)`. The id is the MD5 of those bytes plus `.dir`.
 */
function buildDirObject(entries) {
    const sorted = entries.map((e) => ({ md5: e.md5, relpath: e.relpath })).sort((a, b) => compareCodePoints(a.relpath, b.relpath));
    // What pythonJsonDumps(sorted) gives, written directly: keys are always md5 then relpath.
    const bytes = Buffer.from(`[${sorted.map((e) => `{"md5": ${pythonString(e.md5)}, "relpath": ${pythonString(e.relpath)}}`).join(', ')}]`, 'utf8');
    return { id: `${(0,external_node_crypto_.createHash)('md5').update(bytes).digest('hex')}.dir`, bytes, entries: sorted };
}
/**
 * Reads a `.dir` object fetched from a cache or remote. Its bytes must hash to `id`, and every
 * `relpath` must stay inside the folder: a hostile remote must not write outside it.
 */
function dir_object_parseDirObject(id, bytes, source) {
    const actual = `${(0,external_node_crypto_.createHash)('md5').update(bytes).digest('hex')}.dir`;
    if (actual !== id) {
        throw new lib.UserError(`${source}: the .dir object ${id} is corrupt (its content hashes to ${actual}); nothing was written`, {
            hint: 'push it again from a machine that has the folder, or delete the damaged object',
        });
    }
    let data;
    try {
        data = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new lib.UserError(`${source}: the .dir object ${id} is not JSON`, { hint: 'push it again from a machine that has the folder' });
    }
    if (!Array.isArray(data))
        throw new lib.UserError(`${source}: the .dir object ${id} is not a list of entries`);
    const entries = data.map((raw, i) => {
        const e = raw;
        if (!e || typeof e.md5 !== 'string' || !/^[0-9a-f]{32}$/.test(e.md5) || typeof e.relpath !== 'string') {
            throw new lib.UserError(`${source}: entry ${i} of the .dir object ${id} needs "md5" (32 hex digits) and "relpath"`);
        }
        const problem = checkRelpath(e.relpath);
        if (problem) {
            throw new lib.UserError(`${source}: entry ${i} of the .dir object ${id} has relpath "${e.relpath}", which ${problem}; nothing was written`, {
                hint: 'the remote holds a hostile or damaged listing: delete it and push the folder again',
            });
        }
        return { md5: e.md5, relpath: e.relpath };
    });
    return { id, bytes, entries };
}
//# sourceMappingURL=dir-object.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/scan.js






/** Lists every file below `absDir` (following links that stay in the repository); temporary files are left out. */
async function scanDir(ctx, absDir) {
    const out = [];
    const walk = async (dir, rel) => {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        const files = [];
        for (const e of entries) {
            const abs = external_node_path_.join(dir, e.name);
            const relpath = rel ? `${rel}/${e.name}` : e.name;
            if (e.name.includes('.slipway-tmp-'))
                continue;
            if (e.isSymbolicLink()) {
                await assertNoSymlinkEscape(ctx.root, abs, 'tracked folder', external_node_path_.relative(ctx.root, abs));
                const st = await (0,promises_.stat)(abs);
                if (st.isDirectory())
                    await walk(abs, relpath);
                else if (st.isFile())
                    out.push({ relpath, abs, stats: st });
            }
            else if (e.isDirectory())
                await walk(abs, relpath);
            else if (e.isFile())
                files.push({ abs, relpath });
        }
        // Synchronous stats: thousands of small promises cost more main-thread time than the calls.
        for (const f of files)
            out.push({ ...f, stats: (0,external_node_fs_.statSync)(f.abs) });
    };
    await walk(absDir, '');
    return out;
}
/** Hashes a file or folder in the workspace (unchanged files come from the hash cache), or undefined when absent. */
async function scan_hashPath(ctx, abs) {
    let st;
    try {
        st = await (0,promises_.stat)(abs);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    if (st.isFile()) {
        const h = await ctx.hashes.hash(abs, ctx.hasher, st);
        const isexec = (st.mode & 0o111) !== 0;
        return { kind: 'file', md5: h.md5, size: h.size, ...(isexec ? { isexec } : {}), files: [{ relpath: '', abs, md5: h.md5, size: h.size }] };
    }
    if (!st.isDirectory())
        throw new lib.UserError(`${external_node_path_.relative(ctx.root, abs)} is neither a file nor a folder`, { hint: 'track regular files and folders only' });
    const scanned = await scanDir(ctx, abs);
    // Known files answer synchronously; only the rest pay for a promise and a read.
    const files = [];
    const misses = [];
    for (const f of scanned) {
        const md5 = ctx.hashes.lookup(f.abs, f.stats);
        if (md5 === undefined)
            misses.push(f);
        else
            files.push({ relpath: f.relpath, abs: f.abs, md5, size: f.stats.size });
    }
    const hashed = await (0,lib.mapLimit)(misses, Math.max(8, ctx.jobs), async (f) => {
        const h = await ctx.hashes.hash(f.abs, ctx.hasher, f.stats);
        return { relpath: f.relpath, abs: f.abs, md5: h.md5, size: h.size };
    });
    files.push(...hashed);
    const dir = buildDirObject(files);
    return { kind: 'folder', md5: dir.id, size: files.reduce((s, f) => s + f.size, 0), nfiles: files.length, dir, files };
}
//# sourceMappingURL=scan.js.map
;// CONCATENATED MODULE: ./packages/store/lib/result.js


function emptyTally() {
    return { objects: 0, bytes: 0 };
}
function result_newPathResult(t, status) {
    const r = {
        path: t.rel,
        pointer: t.pointerRel,
        kind: t.out.md5.endsWith('.dir') ? 'folder' : 'file',
        md5: t.out.md5,
        size: t.out.size,
        status,
        uploaded: emptyTally(),
        skipped: emptyTally(),
        downloaded: emptyTally(),
    };
    if (t.out.nfiles !== undefined)
        r.nfiles = t.out.nfiles;
    return r;
}
/** `sha256:<hex>` over the pointer files' paths and bytes, in path order. */
function result_pointersDigest(targets) {
    const unique = new Map(targets.map((t) => [t.pointerRel, t.pointerText]));
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const rel of [...unique.keys()].sort())
        h.update(`${rel}\0${unique.get(rel) ?? ''}\0`);
    return `sha256:${h.digest('hex')}`;
}
function result_finishResult(command, remote, paths, digest) {
    const sum = (pick) => paths.reduce((acc, p) => ({ objects: acc.objects + pick(p).objects, bytes: acc.bytes + pick(p).bytes }), emptyTally());
    return {
        command,
        remote,
        paths,
        uploaded: sum((p) => p.uploaded),
        skipped: sum((p) => p.skipped),
        downloaded: sum((p) => p.downloaded),
        digest,
        upToDate: paths.every((p) => ['up to date', 'pushed', 'pulled', 'added'].includes(p.status)),
    };
}
/** Sets the outputs every artifact command shares, and appends the per-path table to the job summary. */
async function reportResult(rt, result) {
    rt.setOutput('uploaded-objects', result.uploaded.objects);
    rt.setOutput('uploaded-bytes', result.uploaded.bytes);
    rt.setOutput('skipped-objects', result.skipped.objects);
    rt.setOutput('skipped-bytes', result.skipped.bytes);
    rt.setOutput('downloaded-objects', result.downloaded.objects);
    rt.setOutput('downloaded-bytes', result.downloaded.bytes);
    rt.setOutput('digest', result.digest);
    rt.setOutput('up-to-date', result.upToDate);
    const rows = result.paths.map((p) => [
        (0,lib.escapeMarkdown)(p.path),
        p.kind,
        String(p.nfiles ?? 1),
        formatBytes(p.size),
        (0,lib.escapeMarkdown)(p.status),
        tally(p.uploaded),
        tally(p.skipped),
        tally(p.downloaded),
    ]);
    const table = (0,lib.markdownTable)(['path', 'kind', 'files', 'size', 'status', 'uploaded', 'skipped', 'downloaded'], rows, [
        'left',
        'left',
        'right',
        'right',
        'left',
        'right',
        'right',
        'right',
    ]);
    const where = result.remote ? ` — remote ${(0,lib.inlineCode)(result.remote)}` : '';
    await rt.appendSummary(`### artifacts ${result.command}${where}\n\n${rows.length ? table : '_no tracked paths_'}\n`);
}
function tally(t) {
    return t.objects === 0 ? '–' : `${t.objects} (${formatBytes(t.bytes)})`;
}
/** Bytes in binary units, e.g. `1.5 MiB`. */
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
//# sourceMappingURL=result.js.map
;// CONCATENATED MODULE: ./packages/store/lib/add.js










/** Folders that hold Slipway's or git's own state: never tracked. */
const RESERVED = (/* unused pure expression or super */ null && (['.git', '.slipway', '.dvc']));
/**
 * `slipway artifacts add`: hashes each path (unchanged files come from the hash cache), copies the
 * content into the local object cache, writes a DVC 3 pointer `<path>.dvc` beside it and adds the
 * path to the `.gitignore` of its folder. Every path is checked before anything is written.
 */
async function addArtifacts(rt, options) {
    const paths = options.paths ?? [];
    if (paths.length === 0)
        throw new InputError('paths', 'name at least one file or folder to track', { hint: 'e.g. slipway artifacts add models/adapter' });
    const ctx = await StoreContext.open(rt, options);
    try {
        const resolved = [];
        for (const p of paths) {
            const r = await resolveInside(ctx.root, p, `path "${p}"`);
            if (RESERVED.some((d) => r.rel === d || r.rel.startsWith(`${d}/`)))
                throw new UserError(`path "${p}" is inside ${r.rel.split('/')[0]}/, which holds tool state`, { hint: 'track your own files and folders' });
            if (r.rel.endsWith(POINTER_SUFFIX))
                throw new UserError(`path "${p}" is a pointer file`, { hint: `name the tracked path: ${r.rel.slice(0, -POINTER_SUFFIX.length)}` });
            try {
                await stat(r.abs);
            }
            catch {
                throw new UserError(`path "${p}" does not exist`, { hint: 'check the spelling; paths are relative to the repository root' });
            }
            resolved.push(r);
        }
        const results = [];
        const texts = [];
        for (const r of resolved) {
            const progress = rt.progress(`hashing ${r.rel}`);
            const h = await hashPath(ctx, r.abs);
            if (!h)
                throw new UserError(`path "${r.rel}" disappeared while it was being added`);
            progress.setTotal(h.files.length);
            await runAll(h.files, 16, async (f) => {
                await ctx.cache.insertFile(f.md5, f.abs, f.size);
                progress.tick();
            });
            if (h.dir)
                await ctx.cache.insertBytes(h.dir.id, h.dir.bytes);
            progress.done(`${h.files.length} file(s)`);
            const out = {
                md5: h.md5,
                size: h.size,
                path: path.basename(r.abs),
                ...(h.nfiles !== undefined ? { nfiles: h.nfiles } : {}),
                ...(h.isexec ? { isexec: true } : {}),
            };
            const text = formatPointer([out]);
            const pointerAbs = `${r.abs}${POINTER_SUFFIX}`;
            await writeAtomic(pointerAbs, text);
            await ignoreInGit(path.dirname(r.abs), path.basename(r.abs));
            const pointerRel = `${r.rel}${POINTER_SUFFIX}`;
            texts.push({ pointerRel, pointerText: text });
            const tracked = { pointerFile: pointerAbs, pointerRel, pointerText: text, out: { ...out, line: 2 }, abs: r.abs, rel: r.rel };
            const result = newPathResult(tracked, 'added');
            results.push(result);
            rt.log.info(`added ${r.rel} (${h.kind}, ${h.files.length} file(s), md5 ${h.md5}) -> ${pointerRel}`);
        }
        return finishResult('add', '', results, pointersDigest(texts));
    }
    finally {
        await ctx.close();
    }
}
/** Writes beside and renames, so a pointer is never half written. */
async function writeAtomic(file, text) {
    const tmp = `${file}.slipway-tmp-${randomBytes(6).toString('hex')}`;
    try {
        await writeFile(tmp, text);
        await rename(tmp, file);
    }
    catch (error) {
        await rm(tmp, { force: true });
        throw error;
    }
}
/** Adds `/name` to `dir/.gitignore` unless a line already ignores it, as `dvc add` does. */
async function ignoreInGit(dir, name) {
    const file = path.join(dir, '.gitignore');
    const text = await readFile(file, 'utf8').catch(() => '');
    const entry = `/${name}`;
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    if (lines.includes(entry) || lines.includes(name) || lines.includes(`${entry}/`))
        return;
    await writeAtomic(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${entry}\n`);
}
//# sourceMappingURL=add.js.map
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./packages/store/lib/internal/objects.js







/**
 * The `.dir` object of a tracked folder: from the local cache, else from the workspace when it still
 * matches the pointer, else from the remote (verified and cached). Undefined when none has it and
 * `remote` is false.
 */
async function objects_loadDirObject(ctx, t, allowRemote, workspace) {
    const id = t.out.md5;
    const cached = await ctx.cache.read(id);
    if (cached)
        return dir_object_parseDirObject(id, cached, `local cache (${t.pointerRel})`);
    const ws = workspace ?? (await scan_hashPath(ctx, t.abs));
    if (ws?.dir && ws.md5 === id) {
        await ctx.cache.insertBytes(id, ws.dir.bytes);
        return ws.dir;
    }
    if (!allowRemote)
        return undefined;
    const remote = await ctx.remote();
    const chunks = [];
    try {
        for await (const c of await remote.open(remote_objectKey(id)))
            chunks.push(c);
    }
    catch (error) {
        if (objects_isMissing(error)) {
            throw new lib.UserError(`${t.pointerRel}:${t.out.line}: the folder listing ${id} of ${t.rel} is not on ${remote.display}`, {
                hint: 'push it from a machine that has the folder, or check the remote URL',
            });
        }
        throw error;
    }
    const dir = dir_object_parseDirObject(id, Buffer.concat(chunks), `${remote.display}/${remote_objectKey(id)}`);
    await ctx.cache.insertBytes(id, dir.bytes);
    (await ctx.index()).add([remote_objectKey(id)]);
    return dir;
}
/** Every object a push of `t` needs, each with a local source; fails naming the path when one is missing. */
async function objectsToPush(ctx, t) {
    const { md5, size } = t.out;
    if (!isDirHash(md5)) {
        return [{ id: md5, key: remote_objectKey(md5), size, source: (await localSource(ctx, t, md5, size, t.abs)).file }];
    }
    const workspace = ctx.cache.sizeOf(md5) !== undefined ? undefined : await scan_hashPath(ctx, t.abs);
    const dir = await objects_loadDirObject(ctx, t, false, workspace);
    if (!dir)
        throw missingLocally(t, md5);
    const files = await (0,lib.mapLimit)(dir.entries, 64, async (e) => {
        const source = await localSource(ctx, t, e.md5, undefined, fromPosix(t.abs, e.relpath));
        return { id: e.md5, key: remote_objectKey(e.md5), size: source.size, source: source.file };
    });
    return [...files, { id: md5, key: remote_objectKey(md5), size: dir.bytes.length, bytes: dir.bytes }];
}
async function localSource(ctx, t, id, size, workspaceFile) {
    const cached = ctx.cache.sizeOf(id, size);
    if (cached !== undefined)
        return { file: ctx.cache.pathOf(id), size: cached };
    const st = (0,external_node_fs_.statSync)(workspaceFile, { throwIfNoEntry: false });
    if (st?.isFile() && (await ctx.hashes.hash(workspaceFile, ctx.hasher, st)).md5 === id)
        return { file: workspaceFile, size: st.size };
    throw missingLocally(t, id);
}
function missingLocally(t, id) {
    return new lib.UserError(`${t.pointerRel}:${t.out.line}: object ${id} of ${t.rel} is neither in the local cache nor in the workspace`, {
        hint: `run \`slipway artifacts pull ${t.rel}\` or \`slipway artifacts add ${t.rel}\` again`,
    });
}
/** True for "no such object" from either kind of remote. */
function objects_isMissing(error) {
    const e = error;
    return e?.code === 'ENOENT' || e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
//# sourceMappingURL=objects.js.map
;// CONCATENATED MODULE: ./packages/store/lib/internal/targets.js





/** Folders never searched for pointers. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.slipway', '.dvc']);
/**
 * The pointers to act on: those for `paths` (a path or its `.dvc` file), else `artifacts.paths`
 * from `slipway.yml`, else every `.dvc` file in the repository.
 */
async function targets_findTargets(ctx, paths, where = 'path') {
    const named = paths && paths.length > 0 ? paths : ctx.settings.paths;
    const pointerFiles = [];
    if (named.length > 0) {
        for (const p of named) {
            const pointer = p.endsWith(pointer_POINTER_SUFFIX) ? p : `${p.replace(/[\\/]+$/, '')}${pointer_POINTER_SUFFIX}`;
            const r = await paths_resolveInside(ctx.root, pointer, `${where} "${p}"`);
            pointerFiles.push({ ...r, named: p });
        }
    }
    else {
        for (const rel of await findPointerFiles(ctx.root))
            pointerFiles.push({ abs: external_node_path_.join(ctx.root, rel), rel });
    }
    const out = [];
    const seen = new Set();
    for (const pf of pointerFiles) {
        if (seen.has(pf.abs))
            continue;
        seen.add(pf.abs);
        let text;
        try {
            text = await (0,promises_.readFile)(pf.abs, 'utf8');
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
            throw new lib.UserError(`${where} "${pf.named ?? pf.rel}" is not tracked: ${pf.rel} does not exist`, {
                hint: `run \`slipway artifacts add ${(pf.named ?? pf.rel).replace(/\.dvc$/, '')}\` first`,
            });
        }
        const pointer = pointer_parsePointer(text, pf.rel);
        for (const o of pointer.outs) {
            const target = external_node_path_.posix.join(external_node_path_.posix.dirname(pf.rel), o.path);
            const r = await paths_resolveInside(ctx.root, target, `${pf.rel}:${o.line}`);
            out.push({ pointerFile: pf.abs, pointerRel: pf.rel, pointerText: text, out: o, abs: r.abs, rel: r.rel });
        }
    }
    return out;
}
/** Every `.dvc` pointer file under `root`, sorted, skipping `.git`, `node_modules` and caches. */
async function findPointerFiles(root) {
    const found = [];
    const walk = async (rel) => {
        const entries = await (0,promises_.readdir)(external_node_path_.join(root, rel), { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
            const child = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory()) {
                if (!SKIP_DIRS.has(e.name))
                    await walk(child);
            }
            else if (e.isFile() && e.name.endsWith(pointer_POINTER_SUFFIX))
                found.push(child);
        }
    };
    await walk('');
    return found.sort();
}
//# sourceMappingURL=targets.js.map
;// CONCATENATED MODULE: ./packages/store/lib/gc.js









const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * `slipway artifacts gc`: removes objects no pointer references, in the workspace or in the given
 * git refs. A dry run unless `force`; a folder whose listing cannot be read stops it, since its
 * files would otherwise look unreferenced.
 */
async function collectGarbage(rt, options) {
    const ctx = await StoreContext.open(rt, options);
    try {
        const refs = options.refs ?? [];
        const tracked = await findTargets(ctx, undefined);
        for (const ref of refs)
            tracked.push(...(await pointersAtRef(ctx.root, ref)));
        const keep = new Set();
        for (const t of tracked) {
            keep.add(t.out.md5);
            if (!t.out.md5.endsWith('.dir'))
                continue;
            let dir = await loadDirObject(ctx, t, false).catch(() => undefined);
            if (!dir && ctx.hasRemote) {
                const remote = await ctx.remote();
                try {
                    const chunks = [];
                    for await (const c of await remote.open(objectKey(t.out.md5)))
                        chunks.push(c);
                    dir = parseDirObject(t.out.md5, Buffer.concat(chunks), remote.display);
                }
                catch (error) {
                    if (!isMissing(error))
                        throw error;
                }
            }
            if (!dir) {
                throw new UserError(`gc stopped: the listing ${t.out.md5} of ${t.rel} (${t.pointerRel}) is in neither the cache nor the remote`, {
                    hint: 'pull or push that folder first, or leave its ref out of --refs',
                });
            }
            for (const e of dir.entries)
                keep.add(e.md5);
        }
        const dryRun = options.force !== true;
        const cacheIds = await ctx.cache.ids();
        const cacheGarbage = cacheIds.filter((id) => !keep.has(id));
        if (!dryRun)
            for (const id of cacheGarbage)
                await ctx.cache.remove(id);
        const result = { dryRun, referenced: keep.size, cache: { unreferenced: cacheGarbage, removed: dryRun ? 0 : cacheGarbage.length } };
        if (options.cloud) {
            const remote = await ctx.remote();
            const keys = (await remote.list('files/md5/')).filter((k) => {
                const id = idFromKey(k);
                return id !== undefined && !keep.has(id);
            });
            let removed = 0;
            if (!dryRun) {
                removed = await remote.delete(keys);
                // The index may name deleted objects now; the next push rebuilds it from a listing.
                await (await ctx.index()).clear();
            }
            result.remote = { url: remote.display, unreferenced: keys, removed };
        }
        const verb = dryRun ? 'would remove' : 'removed';
        rt.log.info(`gc: ${keep.size} object(s) referenced; ${verb} ${cacheGarbage.length} from the cache${result.remote ? ` and ${result.remote.unreferenced.length} from ${result.remote.url}` : ''}`);
        if (dryRun && (cacheGarbage.length > 0 || (result.remote?.unreferenced.length ?? 0) > 0))
            rt.log.info('gc: dry run; pass --force to delete');
        return result;
    }
    finally {
        await ctx.close();
    }
}
/** The pointers committed at a git ref, read with `git ls-tree` and `git show` (nothing in the workspace changes). */
async function pointersAtRef(root, ref) {
    if (!/^[\w./@{}~^-]+$/.test(ref) || ref.startsWith('-'))
        throw new InputError('refs', `"${ref}" is not a git ref`, { hint: 'use a branch, tag or commit, e.g. main' });
    let listing;
    try {
        listing = (await run('git', ['ls-tree', '-r', '-z', '--name-only', ref], { cwd: root, maxBuffer: 256 * 2 ** 20 })).stdout;
    }
    catch (error) {
        throw new InputError('refs', `git cannot read "${ref}": ${String(error.stderr ?? error)
            .trim()
            .split('\n')[0]}`, {
            hint: 'name a ref that exists in this repository (git branch -a)',
        });
    }
    const out = [];
    for (const rel of listing.split('\0').filter((p) => p.endsWith(POINTER_SUFFIX))) {
        const text = (await run('git', ['show', `${ref}:${rel}`], { cwd: root, maxBuffer: 16 * 2 ** 20 })).stdout;
        const where = `${ref}:${rel}`;
        for (const o of parsePointer(text, where).outs) {
            out.push({ pointerFile: where, pointerRel: where, pointerText: text, out: o, abs: '', rel: `${rel.replace(/[^/]*$/, '')}${o.path}` });
        }
    }
    return out;
}
//# sourceMappingURL=gc.js.map
// EXTERNAL MODULE: ./packages/store/lib/internal/s3-retry.js
var s3_retry = __webpack_require__(1760);
;// CONCATENATED MODULE: ./packages/store/lib/internal/fetch.js








/** A remote object whose bytes do not match its name. Never placed. */
class IntegrityError extends lib.UserError {
    name = 'IntegrityError';
}
/** Objects up to this size are held in memory and written with one call; bigger ones stream to disk. */
const IN_MEMORY = 1024 * 1024;
const WRITE_BATCH = 4 * 1024 * 1024;
/**
 * Places object `id` at `target`: copied from the local cache when there, else downloaded with its
 * MD5 checked on the way. Either way it is written under a temporary name and renamed, so the
 * target is complete or absent. Returns whether it came over the network.
 */
async function placeObject(ctx, id, size, target, options) {
    const tmp = `${target}.slipway-tmp-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    const mode = options.isexec ? 0o755 : 0o644;
    try {
        const cachedSize = ctx.cache.sizeOf(id, size);
        if (cachedSize !== undefined) {
            await ctx.ensureDir(external_node_path_.dirname(target));
            if (cachedSize <= IN_MEMORY) {
                (0,external_node_fs_.copyFileSync)(ctx.cache.pathOf(id), tmp);
                (0,external_node_fs_.chmodSync)(tmp, mode);
                (0,external_node_fs_.renameSync)(tmp, target);
            }
            else {
                await (0,promises_.copyFile)(ctx.cache.pathOf(id), tmp);
                await (0,promises_.chmod)(tmp, mode);
                await (0,promises_.rename)(tmp, target);
            }
            ctx.hashes.remember(target, (0,external_node_fs_.statSync)(target), id);
            return { downloaded: false, size: cachedSize };
        }
        const remote = await ctx.remote();
        const key = remote_objectKey(id);
        const where = `${remote.display}/${key}`;
        const placed = await (0,lib.retry)(async () => {
            let body;
            try {
                body = (await remote.open(key));
            }
            catch (error) {
                if (objects_isMissing(error)) {
                    throw new lib.UserError(`object ${id} of ${options.shown} is missing from the remote (${where})`, { hint: 'push it from a machine that has it' });
                }
                throw error;
            }
            const hash = (0,external_node_crypto_.createHash)('md5');
            const held = [];
            let bytes = 0;
            let pending = 0;
            let fh;
            try {
                for await (const chunk of body) {
                    hash.update(chunk);
                    bytes += chunk.length;
                    if (!fh && bytes <= IN_MEMORY) {
                        held.push(chunk);
                        continue;
                    }
                    if (!fh) {
                        await ctx.ensureDir(external_node_path_.dirname(target));
                        fh = await (0,promises_.open)(tmp, 'w', mode);
                    }
                    // Network chunks are 16–64 KiB: gather a few MiB per write, or the syscalls cost more than the bytes.
                    held.push(chunk);
                    pending += chunk.length;
                    if (pending >= WRITE_BATCH) {
                        await fh.writev(held.splice(0));
                        pending = 0;
                    }
                }
                if (fh && held.length > 0) {
                    await fh.writev(held.splice(0));
                }
                // Verified as it arrived; nothing is placed before the check.
                const streamed = fh !== undefined;
                if (fh) {
                    await fh.close();
                    fh = undefined;
                }
                const actual = hash.digest('hex');
                if (actual !== id || (size !== undefined && bytes !== size)) {
                    throw new IntegrityError(`remote object ${where} for ${options.shown} is corrupt: its bytes hash to ${actual} (${bytes} bytes); nothing was written`, {
                        hint: 'delete that object from the remote and push it again from a good copy',
                    });
                }
                if (streamed) {
                    await (0,promises_.chmod)(tmp, mode);
                    return undefined;
                }
                return Buffer.concat(held, bytes);
            }
            finally {
                await fh?.close();
            }
        }, {
            retries: 3,
            baseDelayMs: 250,
            isRetryable: s3_retry/* isRetryableS3 */.V,
            onRetry: ({ attempt, error }) => ctx.rt.log.warn(`download of ${where} failed (${String(error)}); retry ${attempt}`),
        });
        let st;
        if (placed) {
            // Small: one synchronous write of bytes already verified, then the same bytes into the cache.
            await ctx.ensureDir(external_node_path_.dirname(target));
            (0,external_node_fs_.writeFileSync)(tmp, placed, { mode });
            // The umask may have dropped the exec bit; plain files are fine as created.
            if (options.isexec)
                (0,external_node_fs_.chmodSync)(tmp, mode);
            (0,external_node_fs_.renameSync)(tmp, target);
            st = (0,external_node_fs_.statSync)(target);
            // Known absent from the cache a moment ago: write without asking again.
            if (ctx.options.keepCache !== false)
                await ctx.cache.insertBytes(id, placed, true);
        }
        else {
            await (0,promises_.rename)(tmp, target);
            st = (0,external_node_fs_.statSync)(target);
            if (ctx.options.keepCache !== false)
                await ctx.cache.insertFile(id, target, st.size);
        }
        ctx.hashes.remember(target, st, id);
        // The remote has it, verified: a later status or push need not ask again.
        (await ctx.index()).add([key]);
        return { downloaded: true, size: st.size };
    }
    catch (error) {
        await (0,promises_.rm)(tmp, { force: true });
        throw error;
    }
}
//# sourceMappingURL=fetch.js.map
// EXTERNAL MODULE: ./packages/store/lib/internal/run-all.js
var run_all = __webpack_require__(2550);
;// CONCATENATED MODULE: ./packages/store/lib/pull.js










/**
 * `slipway artifacts pull`: makes each tracked path match its pointer. Files already right are
 * left alone (known from the hash cache, not re-read); the rest come from the local cache or the
 * remote, MD5-checked, each written whole or not at all.
 */
async function pullArtifacts(rt, options) {
    const ctx = await context_StoreContext.open(rt, options);
    try {
        const targets = await targets_findTargets(ctx, options.paths);
        const results = [];
        const jobs = [];
        for (const t of targets) {
            const r = result_newPathResult(t, 'up to date');
            results.push(r);
            const ws = await scan_hashPath(ctx, t.abs);
            if (ws && ws.md5 === t.out.md5) {
                r.skipped.objects += ws.files.length;
                r.skipped.bytes += ws.size;
                continue;
            }
            if (!isDirHash(t.out.md5)) {
                jobs.push({ id: t.out.md5, size: t.out.size, target: t.abs, isexec: t.out.isexec === true, shown: t.rel, owner: r });
                continue;
            }
            const dir = await objects_loadDirObject(ctx, t, true, ws);
            if (!dir)
                throw new Error(`unreachable: no listing for ${t.rel}`);
            const have = new Map((ws?.kind === 'folder' ? ws.files : []).map((f) => [f.relpath, f]));
            const parents = new Set();
            for (const e of dir.entries) {
                const target = fromPosix(t.abs, e.relpath);
                const current = have.get(e.relpath);
                if (current?.md5 === e.md5) {
                    r.skipped.objects++;
                    r.skipped.bytes += current.size;
                    continue;
                }
                parents.add(external_node_path_.dirname(target));
                jobs.push({ id: e.md5, size: undefined, target, isexec: false, shown: `${t.rel}/${e.relpath}`, owner: r });
            }
            // A link planted inside the folder must not carry writes out of the repository.
            for (const p of parents)
                await assertNoSymlinkEscape(ctx.root, p, t.pointerRel, external_node_path_.relative(ctx.root, p));
        }
        const progress = rt.progress('pulling', jobs.length);
        try {
            await (0,run_all/* runAll */.$)(jobs, ctx.jobs, async (j) => {
                const placed = await placeObject(ctx, j.id, j.size, j.target, { isexec: j.isexec, shown: j.shown });
                const tally = placed.downloaded ? j.owner.downloaded : j.owner.skipped;
                tally.objects++;
                tally.bytes += placed.size;
                j.owner.status = 'pulled';
                progress.tick(1, j.shown);
            });
        }
        finally {
            progress.done();
        }
        const result = result_finishResult('pull', ctx.hasRemote ? ctx.remoteDisplay : '', results, result_pointersDigest(targets));
        rt.log.info(`pulled ${result.downloaded.objects} object(s) (${result.downloaded.bytes} bytes); ${result.skipped.objects} already in place or cached`);
        return result;
    }
    finally {
        await ctx.close();
    }
}
//# sourceMappingURL=pull.js.map
;// CONCATENATED MODULE: ./packages/store/lib/push.js





/** Above this many unknown objects, one listing of the remote is cheaper than a HEAD each. */
const LIST_THRESHOLD = 64;
/**
 * `slipway artifacts push`: uploads every object the pointers need that the remote lacks, files
 * first and each `.dir` listing last, so a folder is only announced once its files are there.
 * Objects this machine knows are present are not asked about again.
 */
async function pushArtifacts(rt, options) {
    const ctx = await context_StoreContext.open(rt, options);
    try {
        const targets = await targets_findTargets(ctx, options.paths);
        const index = await ctx.index();
        // Connect only when something must be asked or sent: an up-to-date push needs no network.
        const connect = () => ctx.remote();
        const results = [];
        const owners = new Map();
        for (const t of targets) {
            const r = result_newPathResult(t, 'up to date');
            results.push(r);
            for (const obj of await objectsToPush(ctx, t))
                if (!owners.has(obj.key))
                    owners.set(obj.key, { obj, owner: r });
        }
        const present = await knownPresent(connect, index, [...owners.keys()]);
        const todo = [...owners.values()].filter(({ obj, owner }) => {
            if (!present.has(obj.key))
                return true;
            owner.skipped.objects++;
            owner.skipped.bytes += obj.size;
            return false;
        });
        const progress = rt.progress(`pushing to ${ctx.remoteDisplay}`, todo.length);
        const upload = async ({ obj, owner }) => {
            const remote = await connect();
            const outcome = obj.bytes
                ? await remote.uploadBytes(obj.key, obj.bytes, { md5: obj.id.slice(0, 32), size: obj.size })
                : await remote.upload(obj.key, obj.source ?? '', { md5: obj.id, size: obj.size });
            const tally = outcome === 'uploaded' ? owner.uploaded : owner.skipped;
            tally.objects++;
            tally.bytes += obj.size;
            if (outcome === 'uploaded')
                owner.status = 'pushed';
            index.add([obj.key]);
            progress.tick(1, obj.key);
        };
        try {
            // Files before listings: a reader that sees a .dir can fetch every file it names.
            await (0,run_all/* runAll */.$)(todo.filter((x) => !x.obj.bytes), ctx.jobs, upload);
            await (0,run_all/* runAll */.$)(todo.filter((x) => x.obj.bytes), ctx.jobs, upload);
        }
        finally {
            await index.save();
        }
        progress.done();
        const result = result_finishResult('push', ctx.remoteDisplay, results, result_pointersDigest(targets));
        rt.log.info(`pushed ${result.uploaded.objects} object(s) (${result.uploaded.bytes} bytes); ${result.skipped.objects} already on ${ctx.remoteDisplay}`);
        return result;
    }
    finally {
        await ctx.close();
    }
}
/** Which of `keys` the remote holds: the local index first, then a listing or HEADs for the rest. */
async function knownPresent(connect, index, keys) {
    const present = new Set(keys.filter((k) => index.known.has(k)));
    const unknown = keys.filter((k) => !present.has(k));
    if (unknown.length === 0)
        return present;
    const remote = await connect();
    let found;
    if (unknown.length > LIST_THRESHOLD) {
        const listed = new Set(await remote.list('files/md5/'));
        index.add(listed);
        found = new Set(unknown.filter((k) => listed.has(k)));
    }
    else {
        found = await remote.has(unknown);
        index.add(found);
    }
    for (const k of found)
        present.add(k);
    return present;
}
//# sourceMappingURL=push.js.map
;// CONCATENATED MODULE: ./packages/store/lib/status.js








/**
 * `slipway artifacts status`: compares each tracked path with its pointer (`modified`, `missing`)
 * and, when a remote is configured, whether the remote holds every object (`not pushed`).
 * Up-to-date answers come from the hash cache and the remote index, without the network.
 */
async function artifactStatus(rt, options) {
    const ctx = await context_StoreContext.open(rt, options);
    try {
        const targets = await targets_findTargets(ctx, options.paths);
        const checkRemote = options.checkRemote ?? ctx.hasRemote;
        const results = [];
        const needs = new Map();
        for (const t of targets) {
            const ws = await scan_hashPath(ctx, t.abs);
            const r = result_newPathResult(t, !ws ? 'missing' : ws.md5 === t.out.md5 ? 'up to date' : 'modified');
            results.push(r);
            if (!checkRemote)
                continue;
            if (!isDirHash(t.out.md5))
                needs.set(r, [remote_objectKey(t.out.md5)]);
            else {
                const dir = await objects_loadDirObject(ctx, t, true, ws);
                needs.set(r, [...(dir?.entries.map((e) => remote_objectKey(e.md5)) ?? []), remote_objectKey(t.out.md5)]);
            }
        }
        let remoteDisplay = '';
        if (checkRemote && needs.size > 0) {
            const index = await ctx.index();
            remoteDisplay = ctx.remoteDisplay;
            const present = await knownPresent(() => ctx.remote(), index, [...new Set([...needs.values()].flat())]);
            await index.save();
            for (const [r, keys] of needs) {
                const missing = keys.filter((k) => !present.has(k)).length;
                if (missing > 0 && r.status === 'up to date')
                    r.status = `not pushed (${missing} object(s))`;
                else if (missing > 0)
                    r.status += `, ${missing} object(s) not on the remote`;
            }
        }
        const result = result_finishResult('status', remoteDisplay, results, result_pointersDigest(targets));
        for (const p of results)
            rt.log.info(`${p.status.padEnd(12)} ${p.path}`);
        return result;
    }
    finally {
        await ctx.close();
    }
}
//# sourceMappingURL=status.js.map
;// CONCATENATED MODULE: ./packages/store/lib/inputs.js





/** The inputs artifact-sync takes (besides `command`), shared by its action and the root action. Names match action.yml. */
const ARTIFACT_INPUTS = {
    paths: { kind: 'list' },
    remote: { kind: 'string', pattern: /^(file|s3):\/\/.+|^[^:]+$/, patternHint: 'use file://path or s3://bucket/prefix' },
    jobs: { kind: 'integer', min: 1, max: 256 },
    cache: { kind: 'boolean', default: 'false' },
    config: { kind: 'string' },
    endpoint: { kind: 'url', schemes: ['http', 'https'] },
    region: { kind: 'string', pattern: /^[a-z0-9-]+$/, patternHint: 'use a region name such as eu-west-1' },
    'path-style': { kind: 'boolean' },
    sse: { kind: 'enum', values: ['AES256', 'aws:kms', 'aws:kms:dsse'] },
    'sse-kms-key-id': { kind: 'string' },
};
/** Parses the artifact-sync inputs once; whether the runner cache is wanted, and the store's options. */
function readArtifactInputs(rt) {
    const i = (0,lib.readInputs)(rt, ARTIFACT_INPUTS);
    const s3 = {};
    if (i.endpoint)
        s3.endpoint = i.endpoint.toString().replace(/\/$/, '');
    if (i.region)
        s3.region = i.region;
    if (i['path-style'] !== undefined)
        s3.pathStyle = i['path-style'];
    if (i.sse)
        s3.sse = i.sse;
    if (i['sse-kms-key-id'])
        s3.sseKmsKeyId = i['sse-kms-key-id'];
    // Without the runner cache, a copy in the local cache only costs time on an ephemeral runner.
    const options = { s3, keepCache: i.cache };
    if (i.paths && i.paths.length > 0)
        options.paths = i.paths;
    if (i.remote)
        options.remote = i.remote;
    if (i.jobs !== undefined)
        options.jobs = i.jobs;
    if (i.config)
        options.configFile = i.config;
    return { cache: i.cache, options };
}
/** Runs push, pull or status and reports it: outputs and the per-path summary table. */
async function runArtifactCommand(rt, command, options) {
    const result = command === 'push' ? await pushArtifacts(rt, options) : command === 'pull' ? await pullArtifacts(rt, options) : await artifactStatus(rt, options);
    await reportResult(rt, result);
    return result;
}
//# sourceMappingURL=inputs.js.map
// EXTERNAL MODULE: ./packages/release/lib/index.js + 5 modules
var release_lib = __webpack_require__(6025);
;// CONCATENATED MODULE: ./packages/store/lib/release-store.js






/**
 * The release history in a bucket: `releases/<sha256>.json` (canonical JSON, content-addressed) and
 * one object per history entry under `environments/<env>/`, named `<time>-<digest>.json`. S3 has no
 * append, so each entry is its own conditional write: racing writers never overwrite each other,
 * and a listing in key order is the history in time order.
 */
class RemoteReleaseStore {
    remote;
    constructor(remote) {
        this.remote = remote;
    }
    async putRelease(release) {
        const valid = releaseSchema.parse(release);
        const id = contentDigest(valid);
        const bytes = Buffer.from(canonicalJson(valid));
        await this.remote.uploadBytes(releaseKey(id), bytes, { md5: md5(bytes), size: bytes.length });
        return id;
    }
    async getRelease(id) {
        const text = await this.read(releaseKey(id));
        if (text === undefined)
            return undefined;
        const release = releaseSchema.parse(JSON.parse(text));
        if (contentDigest(release) !== id)
            throw new UserError(`release ${id} on ${this.remote.display} does not match its content: the store is corrupt`);
        return release;
    }
    async append(entry) {
        const valid = historyEntrySchema.parse(entry);
        const bytes = Buffer.from(canonicalJson(valid));
        const stamp = valid.at.replace(/[^0-9TZ]/g, '');
        const key = `${environmentPrefix(valid.environment)}${stamp}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.json`;
        await this.remote.uploadBytes(key, bytes, { md5: md5(bytes), size: bytes.length });
    }
    async history(environment) {
        const keys = (await this.remote.list(environmentPrefix(environment))).filter((k) => k.endsWith('.json')).sort();
        const texts = await mapLimit(keys, 16, (k) => this.read(k));
        return texts.flatMap((text, i) => {
            if (text === undefined)
                return [];
            const parsed = historyEntrySchema.safeParse(JSON.parse(text));
            if (!parsed.success)
                throw new UserError(`${this.remote.display}/${keys[i]}: not a valid history entry`);
            return [parsed.data];
        });
    }
    close() {
        return this.remote.close();
    }
    async read(key) {
        try {
            const chunks = [];
            for await (const c of await this.remote.open(key))
                chunks.push(c);
            return Buffer.concat(chunks).toString('utf8');
        }
        catch (error) {
            if (isMissing(error))
                return undefined;
            throw error;
        }
    }
}
/**
 * The release store at `url`: `file://` gives `@slipway/release`'s folder store, `s3://bucket/prefix`
 * the bucket store above (default credential chain, same S3 options as artifacts).
 */
async function openReleaseStore(rt, url, s3 = {}) {
    const spec = parseRemote(url, rt.cwd, 'release store', s3);
    if (spec.kind === 'folder')
        return Object.assign(new FolderReleaseStore(spec.root), { close: async () => { } });
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
        const value = process.env[name];
        if (value)
            rt.setSecret(value);
    }
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const { S3Remote } = await Promise.all(/* import() */[__webpack_require__.e(711), __webpack_require__.e(273)]).then(__webpack_require__.bind(__webpack_require__, 2273));
    const remote = new S3Remote({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3, jobs: 8, stateDir: path.join(rt.cwd, '.slipway', 'state'), log: rt.log });
    await remote.check();
    return new RemoteReleaseStore(remote);
}
function releaseKey(id) {
    const hex = id.replace(/^sha256:/, '');
    if (!/^[0-9a-f]{64}$/.test(hex))
        throw new TypeError(`not a release id: ${id}`);
    return `releases/${hex}.json`;
}
function environmentPrefix(environment) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment))
        throw new TypeError(`not an environment name: ${environment}`);
    return `environments/${environment}/`;
}
function md5(bytes) {
    return createHash('md5').update(bytes).digest('hex');
}
//# sourceMappingURL=release-store.js.map
;// CONCATENATED MODULE: ./packages/store/lib/runner-cache-key.js




/**
 * The key under which an Actions runner cache keeps the local object cache: the pointers' digest,
 * so a re-run with the same pointers restores exactly what it needs. `restoreKeys` falls back to the
 * newest cache of any pointer set, which still saves most downloads after a small change.
 */
async function runnerCacheKey(rt, options, platform = `${process.platform}-${process.arch}`) {
    const ctx = await StoreContext.open(rt, options);
    try {
        const targets = await findTargets(ctx, options.paths).catch((error) => {
            if (error instanceof UserError)
                return [];
            throw error;
        });
        const digest = pointersDigest(targets);
        const prefix = `slipway-artifacts-v1-${platform}-`;
        return { key: `${prefix}${digest.replace(/^sha256:/, '').slice(0, 32)}`, restoreKeys: [prefix], cacheDir: ctx.cache.dir, digest };
    }
    finally {
        await ctx.close();
    }
}
//# sourceMappingURL=runner-cache-key.js.map
;// CONCATENATED MODULE: ./packages/store/lib/index.js















//# sourceMappingURL=index.js.map

/***/ }),

/***/ 2550:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ runAll)
/* harmony export */ });
/**
 * Runs `fn` over `items` with at most `concurrency` in flight. Unlike `Promise.all`, it waits for
 * every started task before it rejects, so nothing keeps writing after the command has returned;
 * the first error is the one thrown, with a count of the others.
 */
async function runAll(items, concurrency, fn) {
    const errors = [];
    let next = 0;
    const worker = async () => {
        while (next < items.length && errors.length === 0) {
            const item = items[next++];
            try {
                await fn(item);
            }
            catch (error) {
                errors.push(error);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
    if (errors.length > 0) {
        const first = errors[0];
        if (errors.length > 1 && first instanceof Error)
            first.message += ` (and ${errors.length - 1} more error(s))`;
        throw first;
    }
}
//# sourceMappingURL=run-all.js.map

/***/ }),

/***/ 1760:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ isRetryableS3),
/* harmony export */   c: () => (/* binding */ statusOf)
/* harmony export */ });
/* harmony import */ var _slipway_kit__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5610);

/** Throttling, server errors, timeouts and connection failures are worth another try. */
function isRetryableS3(error) {
    const status = statusOf(error);
    if (status === 408 || status === 429 || (status !== undefined && status >= 500))
        return true;
    const name = error?.name ?? '';
    if (['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'TimeoutError'].includes(name))
        return true;
    return status === undefined && (0,_slipway_kit__WEBPACK_IMPORTED_MODULE_0__.isNetworkError)(error);
}
/** The HTTP status of an SDK error, with the SDK's named errors mapped to theirs. */
function statusOf(error) {
    const e = error;
    if (e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.name === 'NoSuchUpload' || e?.name === 'NoSuchBucket')
        return 404;
    if (e?.name === 'PreconditionFailed')
        return 412;
    return e?.$metadata?.httpStatusCode;
}
//# sourceMappingURL=s3-retry.js.map

/***/ })

};
