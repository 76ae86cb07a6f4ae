export const id = 411;
export const ids = [411];
export const modules = {

/***/ 1411:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readContainerBuildInputs: () => (/* reexport */ readContainerBuildInputs),
  runContainerBuild: () => (/* reexport */ runContainerBuild)
});

// UNUSED EXPORTS: CONTAINER_BUILD_INPUTS, DeterministicTar, INTOTO_TYPE, InvalidReferenceError, LAYER_MTIME, LayerCache, MEDIA, OciLayout, RegistryClient, RegistryError, SPDX_TYPE, assemble, attachSupplyChain, buildImage, buildahBudArgs, buildahBuild, buildxArgs, buildxBuild, canonicalBytes, cosignArgs, dockerDaemonAnswers, execFile, findCredentials, fmtBytes, formatReference, isValidTag, mergeBuildOptions, parseChallenge, parsePlatform, parseReference, provenanceStatement, registryBaseUrl, sha256, signImage, spdxDocument

// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/image.js

const MEDIA = {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layerTar: 'application/vnd.oci.image.layer.v1.tar',
    layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerConfig: 'application/vnd.docker.container.image.v1+json',
    emptyJson: 'application/vnd.oci.empty.v1+json',
};
/** JSON with keys sorted at every level: the same object always gives the same bytes and digest. */
function canonicalBytes(value) {
    return Buffer.from(JSON.stringify(sortKeys(value)));
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.keys(value)
            .sort()
            .filter((k) => value[k] !== undefined)
            .map((k) => [k, sortKeys(value[k])]));
    }
    return value;
}
function sha256(data) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')}`;
}
/** A descriptor of in-memory JSON (config, manifest) with its bytes. */
function jsonBlob(mediaType, value) {
    const bytes = canonicalBytes(value);
    return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.length }, bytes };
}
/** `linux/amd64/v8` → its parts; node's names (x64) mapped to OCI's (amd64). */
function parsePlatform(text) {
    const host = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' }[process.arch] ?? process.arch;
    if (!text)
        return { os: 'linux', architecture: host };
    const [os, architecture, variant] = text.split('/');
    if (!os || !architecture)
        throw new Error(`platform "${text}" is not os/architecture[/variant], e.g. linux/amd64`);
    return variant ? { os, architecture, variant } : { os, architecture };
}
//# sourceMappingURL=image.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/hash-worker.js

// Inline, so the bundled action needs no second file. Reads with large buffers: hashing, not I/O, is the cost.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
try {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  for (const s of workerData.segments) {
    if (s.data) { hash.update(Buffer.from(s.data)); continue; }
    const fd = openSync(s.file, 'r');
    try {
      let off = 0;
      while (off < s.size) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, s.size - off), off);
        if (n === 0) throw new Error(s.file + ' shrank while it was read (expected ' + s.size + ' bytes, got ' + off + ')');
        hash.update(n === buf.length ? buf : buf.subarray(0, n));
        off += n;
      }
      if (readSync(fd, Buffer.alloc(1), 0, 1, s.size) > 0) throw new Error(s.file + ' grew while it was read (expected ' + s.size + ' bytes)');
    } finally { closeSync(fd); }
  }
  parentPort.postMessage({ digest: 'sha256:' + hash.digest('hex') });
} catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
`;
/**
 * The sha256 of the concatenated segments, computed on a worker thread so several large layers
 * hash on several cores at once (node's hashing otherwise runs on the one JavaScript thread).
 */
function hashSegments(segments) {
    return new Promise((resolve, reject) => {
        const worker = new external_node_worker_threads_.Worker(WORKER, { eval: true, workerData: { segments: segments.map((s) => ('data' in s ? { data: new Uint8Array(s.data) } : s)) } });
        worker.once('message', (m) => {
            void worker.terminate();
            if (m.digest)
                resolve(m.digest);
            else
                reject(new Error(m.error ?? 'hash worker failed'));
        });
        worker.once('error', reject);
    });
}
//# sourceMappingURL=hash-worker.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/tar.js



const BLOCK = 512;
const READ_CHUNK = 4 * 1024 * 1024;
/**
 * A deterministic tar stream: entries sorted by path, uid/gid 0, no user names, one mtime,
 * modes 0755 (dirs, executables) or 0644, PAX records only when ustar cannot hold a path or size.
 * The same entries give the same bytes on any machine, so the same layer digest.
 */
class DeterministicTar {
    options;
    entries;
    size;
    constructor(entries, options) {
        this.options = options;
        const seen = new Set();
        const normalised = [];
        for (const e of entries) {
            const p = normalisePath(e.path);
            if (seen.has(p))
                continue;
            seen.add(p);
            normalised.push({ ...e, path: p });
        }
        normalised.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        this.entries = normalised;
        let size = 0;
        for (const e of normalised) {
            size += headerBlocks(e, options).length;
            if (e.type === 'file')
                size += padded(e.size);
        }
        this.size = size + 2 * BLOCK;
    }
    /** The tar bytes, in order, read from disk as they are needed. */
    async *chunks() {
        for (const e of this.entries) {
            yield headerBlocks(e, this.options);
            if (e.type !== 'file')
                continue;
            if ('data' in e.source) {
                if (e.source.data.length !== e.size)
                    throw new Error(`${e.path}: expected ${e.size} bytes, got ${e.source.data.length}`);
                yield e.source.data;
            }
            else {
                yield* readExactly(e.source.file, e.size);
            }
            const pad = padded(e.size) - e.size;
            if (pad > 0)
                yield Buffer.alloc(pad);
        }
        yield Buffer.alloc(2 * BLOCK);
    }
    /** The stream as pieces: header bytes in memory, file contents as byte ranges of their files. */
    segments() {
        const out = [];
        for (const e of this.entries) {
            out.push({ data: headerBlocks(e, this.options) });
            if (e.type !== 'file')
                continue;
            out.push('data' in e.source ? { data: e.source.data } : { file: e.source.file, size: e.size });
            const pad = padded(e.size) - e.size;
            if (pad > 0)
                out.push({ data: Buffer.alloc(pad) });
        }
        out.push({ data: Buffer.alloc(2 * BLOCK) });
        return out;
    }
    /**
     * The sha256 digest (`sha256:…`) of the whole stream, reading every file once. Large layers are
     * hashed on a worker thread, so several of them use several cores.
     */
    async digest() {
        if (this.size >= WORKER_THRESHOLD)
            return hashSegments(this.segments());
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let n = 0;
        for await (const c of this.chunks()) {
            hash.update(c);
            n += c.length;
        }
        if (n !== this.size)
            throw new Error(`tar size drifted: computed ${this.size}, wrote ${n}`);
        return `sha256:${hash.digest('hex')}`;
    }
}
/** Below this a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 4 * 1024 * 1024;
/** `./a//b/` → `a/b`; a path that climbs out (`..`) or is empty is refused. */
function normalisePath(p) {
    const parts = p.split('/').filter((s) => s !== '' && s !== '.');
    if (parts.length === 0 || parts.includes('..'))
        throw new Error(`invalid path in layer: "${p}"`);
    return parts.join('/');
}
/** Every parent directory of `paths`, as dir entries (`a`, `a/b` for `a/b/c`). */
function parentDirs(paths) {
    const dirs = new Set();
    for (const p of paths) {
        const parts = normalisePath(p).split('/');
        for (let i = 1; i < parts.length; i++)
            dirs.add(parts.slice(0, i).join('/'));
    }
    return [...dirs].map((d) => ({ type: 'dir', path: d }));
}
async function* readExactly(file, size) {
    const fh = await (0,promises_.open)(file, 'r');
    try {
        let offset = 0;
        while (offset < size) {
            const want = Math.min(READ_CHUNK, size - offset);
            const buf = Buffer.allocUnsafe(want);
            const { bytesRead } = await fh.read(buf, 0, want, offset);
            if (bytesRead === 0)
                throw new Error(`${file} shrank while it was read (expected ${size} bytes, got ${offset})`);
            offset += bytesRead;
            yield bytesRead === want ? buf : buf.subarray(0, bytesRead);
        }
        const extra = await fh.read(Buffer.alloc(1), 0, 1, size);
        if (extra.bytesRead > 0)
            throw new Error(`${file} grew while it was read (expected ${size} bytes)`);
    }
    finally {
        await fh.close();
    }
}
function padded(n) {
    return Math.ceil(n / BLOCK) * BLOCK;
}
function modeOf(e) {
    if (e.type === 'dir')
        return 0o755;
    return e.mode !== undefined && (e.mode & 0o111) !== 0 ? 0o755 : 0o644;
}
const OCTAL_SIZE_MAX = 0o77777777777;
function headerBlocks(e, o) {
    const name = e.type === 'dir' ? `${e.path}/` : e.path;
    const size = e.type === 'file' ? e.size : 0;
    const split = splitUstarName(name);
    const pax = [];
    if (!split)
        pax.push(['path', name]);
    if (size > OCTAL_SIZE_MAX)
        pax.push(['size', String(size)]);
    const blocks = [];
    if (pax.length > 0) {
        const body = Buffer.from(pax.map(([k, v]) => paxRecord(k, v)).join(''), 'utf8');
        blocks.push(ustarHeader({ name: 'PaxHeaders/entry', prefix: '', size: body.length, mode: 0o644, mtime: o.mtime, type: 'x' }));
        blocks.push(Buffer.concat([body, Buffer.alloc(padded(body.length) - body.length)]));
    }
    const fallback = split ?? { name: name.slice(-100).replace(/^\/+/, ''), prefix: '' };
    blocks.push(ustarHeader({
        name: fallback.name,
        prefix: fallback.prefix,
        size: size > OCTAL_SIZE_MAX ? 0 : size,
        mode: modeOf(e),
        mtime: o.mtime,
        type: e.type === 'dir' ? '5' : '0',
    }));
    return Buffer.concat(blocks);
}
/** ustar splits long names at a slash into prefix (155) and name (100); undefined when no split fits or the name is not ASCII. */
function splitUstarName(name) {
    if (Buffer.byteLength(name) !== name.length)
        return undefined;
    if (name.length <= 100)
        return { name, prefix: '' };
    for (let i = name.length - 1; i > 0; i--) {
        if (name[i] !== '/')
            continue;
        const prefix = name.slice(0, i);
        const rest = name.slice(i + 1);
        if (prefix.length <= 155 && rest.length <= 100 && rest.length > 0)
            return { name: rest, prefix };
    }
    return undefined;
}
/** `"<len> key=value\n"`, where len counts itself. */
function paxRecord(key, value) {
    const body = ` ${key}=${value}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len)
        len = String(len).length + Buffer.byteLength(body);
    return `${len}${body}`;
}
function ustarHeader(h) {
    const b = Buffer.alloc(BLOCK);
    b.write(h.name, 0, 100, 'utf8');
    writeOctal(b, h.mode, 100, 8);
    writeOctal(b, 0, 108, 8);
    writeOctal(b, 0, 116, 8);
    writeOctal(b, h.size, 124, 12);
    writeOctal(b, h.mtime, 136, 12);
    b.fill(' ', 148, 156);
    b.write(h.type, 156, 1, 'ascii');
    b.write('ustar\u000000', 257, 8, 'ascii');
    writeOctal(b, 0, 329, 8);
    writeOctal(b, 0, 337, 8);
    b.write(h.prefix, 345, 155, 'utf8');
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += b[i];
    b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
    return b;
}
function writeOctal(b, value, offset, length) {
    b.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
//# sourceMappingURL=tar.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/layers.js




/** Layers get this mtime on every entry, so a weight's layer digest does not depend on the commit. */
const LAYER_MTIME = 0;
/** Bumped whenever the tar format changes, so cached layer digests from an older writer are not trusted. */
const CACHE_FORMAT = 2;
/** Lists every file under `spec` as tar entries at their place in the image, sorted; `.git` folders are left out. */
async function collectFiles(spec, baseDir) {
    const source = external_node_path_.resolve(baseDir, spec.source);
    const s = await (0,promises_.stat)(source).catch(() => undefined);
    if (!s)
        throw new MissingSourceError(spec.source, source);
    const dest = normalisePath(spec.dest);
    if (s.isFile()) {
        const inImage = spec.dest.endsWith('/') ? `${dest}/${external_node_path_.basename(source)}` : dest;
        return [{ path: inImage, file: source, size: s.size, mode: s.mode }];
    }
    const out = [];
    const walk = async (dir, rel) => {
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
            if (e.name === '.git')
                continue;
            const full = external_node_path_.join(dir, e.name);
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory())
                await walk(full, r);
            else if (e.isFile()) {
                const fs = await (0,promises_.stat)(full);
                out.push({ path: `${dest}/${r}`, file: full, size: fs.size, mode: fs.mode });
            }
        }
    };
    await walk(source, '');
    return out;
}
/** A source path that does not exist. */
class MissingSourceError extends Error {
    spec;
    resolved;
    name = 'MissingSourceError';
    constructor(spec, resolved) {
        super(`"${spec}" does not exist (looked at ${resolved})`);
        this.spec = spec;
        this.resolved = resolved;
    }
}
/** The app layer: every file of every spec in one tar. */
async function planAppLayer(specs, baseDir) {
    const files = (await Promise.all(specs.map((s) => collectFiles(s, baseDir)))).flat();
    if (files.length === 0)
        return undefined;
    const entries = [
        ...parentDirs(files.map((f) => f.path)),
        ...files.map((f) => ({ type: 'file', path: f.path, size: f.size, mode: f.mode, source: { file: f.file } })),
    ];
    return { kind: 'app', name: 'app', tar: new DeterministicTar(entries, { mtime: LAYER_MTIME }) };
}
/** One layer per weight file, so a changed file replaces only its own layer. DVC pointers (`*.dvc`) beside the weights stay out. */
async function planWeightLayers(specs, baseDir) {
    const files = (await Promise.all(specs.map((s) => collectFiles(s, baseDir)))).flat().filter((f) => !f.path.endsWith('.dvc'));
    return files.map((f) => ({
        kind: 'weight',
        name: f.path,
        tar: new DeterministicTar([...parentDirs([f.path]), { type: 'file', path: f.path, size: f.size, mode: f.mode, source: { file: f.file } }], {
            mtime: LAYER_MTIME,
        }),
    }));
}
/**
 * Remembers each weight layer's digest so an unchanged weight is neither read nor hashed again.
 * With a DVC pointer beside the file (`<file>.dvc`, from artifact-sync) the key is the pointer's MD5
 * and size, so the cache holds across checkouts and machines; without one, it is the file's size,
 * mtime and inode, as DVC's own state database does.
 */
class LayerCache {
    file;
    data = { version: CACHE_FORMAT, layers: {} };
    dirty = false;
    constructor(file) {
        this.file = file;
    }
    async load() {
        if (!this.file)
            return;
        const text = await (0,promises_.readFile)(this.file, 'utf8').catch(() => undefined);
        if (!text)
            return;
        try {
            const parsed = JSON.parse(text);
            if (parsed.version === CACHE_FORMAT && parsed.layers)
                this.data = parsed;
        }
        catch {
            // A corrupt cache is only a slower build.
        }
    }
    /** Fills `layer.digest` from the cache when the weight is unchanged, without reading it. */
    async resolve(layer) {
        const entry = layer.tar.entries.find((e) => e.type === 'file');
        if (!entry || entry.type !== 'file' || !('file' in entry.source))
            return;
        const file = entry.source.file;
        const s = await (0,promises_.stat)(file);
        const where = `${entry.path}:${(entry.mode ?? 0) & 0o111 ? 755 : 644}`;
        const md5 = await md5FromPointer(file, s.size);
        layer.cacheKey = md5 ? `md5:${md5}:${s.size}:${where}` : `stat:${file}:${s.size}:${s.mtimeMs}:${s.ino}:${where}`;
        const hit = this.data.layers[layer.cacheKey];
        if (hit && hit.size === layer.tar.size) {
            layer.digest = hit.digest;
            layer.digestSource = 'cache';
        }
    }
    /** Records a freshly hashed weight layer. */
    remember(layer) {
        if (!layer.cacheKey || !layer.digest)
            return;
        this.data.layers[layer.cacheKey] = { digest: layer.digest, size: layer.tar.size };
        this.dirty = true;
    }
    async save() {
        if (!this.file || !this.dirty)
            return;
        await (0,promises_.mkdir)(external_node_path_.dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await (0,promises_.writeFile)(tmp, `${JSON.stringify(this.data)}\n`);
        await (0,promises_.rename)(tmp, this.file);
    }
}
/** The MD5 a DVC pointer (`<file>.dvc`) records for exactly this file and size, if any. */
async function md5FromPointer(file, size) {
    const text = await (0,promises_.readFile)(`${file}.dvc`, 'utf8').catch(() => undefined);
    if (!text)
        return undefined;
    try {
        const doc = (0,dist/* parse */.qg)(text);
        const out = doc.outs?.find((o) => o.path === external_node_path_.basename(file));
        if (out?.md5 && /^[0-9a-f]{32}$/.test(out.md5) && out.size === size)
            return out.md5;
    }
    catch {
        return undefined;
    }
    return undefined;
}
//# sourceMappingURL=layers.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/layout.js






/**
 * An OCI image layout folder (`oci-layout`, `index.json`, `blobs/sha256/…`), readable by skopeo
 * (`oci:DIR:tag`), umoci and `docker load`-style tools. Blobs already present are not written again.
 */
class OciLayout {
    dir;
    constructor(dir) {
        this.dir = dir;
    }
    blobPath(digest) {
        const [algo, hex] = digest.split(':');
        return external_node_path_.join(this.dir, 'blobs', algo ?? 'sha256', hex ?? '');
    }
    /** True when the blob is there with the expected size. */
    async has(digest, size) {
        const s = await (0,promises_.stat)(this.blobPath(digest)).catch(() => undefined);
        return s?.size === size;
    }
    /** Writes a blob through a temp file, checking its digest before it gets its name. Returns bytes written. */
    async writeBlob(digest, size, source) {
        if (await this.has(digest, size))
            return 0;
        const target = this.blobPath(digest);
        await (0,promises_.mkdir)(external_node_path_.dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.tmp`;
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const out = (0,external_node_fs_.createWriteStream)(tmp);
        try {
            const chunks = Buffer.isBuffer(source) ? [source] : source;
            for await (const c of chunks) {
                hash.update(c);
                if (!out.write(c))
                    await new Promise((r) => out.once('drain', () => r()));
            }
            out.end();
            await (0,external_node_stream_promises_.finished)(out);
            const actual = `sha256:${hash.digest('hex')}`;
            if (actual !== digest)
                throw new Error(`blob written as ${actual}, expected ${digest}`);
            await (0,promises_.rename)(tmp, target);
        }
        catch (error) {
            out.destroy();
            await (0,promises_.rm)(tmp, { force: true });
            throw error;
        }
        return size;
    }
    /** Adds (or replaces) a manifest in index.json under the tag `ref`. */
    async tag(descriptor, ref) {
        await (0,promises_.mkdir)(this.dir, { recursive: true });
        await (0,promises_.writeFile)(external_node_path_.join(this.dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
        const indexFile = external_node_path_.join(this.dir, 'index.json');
        const index = (await (0,promises_.readFile)(indexFile, 'utf8')
            .then((t) => JSON.parse(t))
            .catch(() => ({})));
        const manifests = (index.manifests ?? []).filter((m) => m.annotations?.['org.opencontainers.image.ref.name'] !== ref);
        manifests.push({ ...descriptor, annotations: { ...descriptor.annotations, 'org.opencontainers.image.ref.name': ref } });
        manifests.sort((a, b) => (a.annotations?.['org.opencontainers.image.ref.name'] ?? '').localeCompare(b.annotations?.['org.opencontainers.image.ref.name'] ?? ''));
        const tmp = `${indexFile}.${process.pid}.tmp`;
        await (0,promises_.writeFile)(tmp, `${JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests }, null, 2)}\n`);
        await (0,promises_.rename)(tmp, indexFile);
    }
}
//# sourceMappingURL=layout.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/reference.js
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
/** Thrown for a reference that does not follow the grammar; the message says which part is wrong. */
class InvalidReferenceError extends Error {
    name = 'InvalidReference';
}
/**
 * Parses `[host[:port]/]path[:tag][@sha256:…]` the way docker does: the first component is a host
 * when it holds a dot or a colon or is `localhost`; otherwise the image lives on Docker Hub.
 */
function parseReference(text) {
    const input = text.trim();
    if (input === '')
        throw new InvalidReferenceError('an image reference is empty');
    let rest = input;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            throw new InvalidReferenceError(`"${input}": digest "${digest}" is not sha256:<64 lowercase hex digits>`);
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            throw new InvalidReferenceError(`"${input}": tag "${tag}" is not valid (letters, digits, _ . -, at most 128, not starting with . or -)`);
    }
    const parts = rest.split('/');
    let registry = 'docker.io';
    const first = parts[0] ?? '';
    if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
        registry = first;
        parts.shift();
        if (!HOST.test(registry))
            throw new InvalidReferenceError(`"${input}": registry host "${registry}" is not a valid host[:port]`);
    }
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io')
        registry = 'docker.io';
    if (registry === 'docker.io' && parts.length === 1)
        parts.unshift('library');
    for (const p of parts) {
        if (!COMPONENT.test(p)) {
            throw new InvalidReferenceError(`"${input}": repository component "${p}" must be lowercase letters and digits, separated by . _ __ or -`);
        }
    }
    const repository = parts.join('/');
    if (repository.length > 255)
        throw new InvalidReferenceError(`"${input}": repository name is longer than 255 characters`);
    const ref = { registry, repository };
    if (tag !== undefined)
        ref.tag = tag;
    if (digest !== undefined)
        ref.digest = digest;
    return ref;
}
/** `host/repo[:tag][@digest]`, the canonical text of a reference. */
function formatReference(ref) {
    return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
/** The host the HTTP API answers on (Docker Hub's API host differs from its name). */
function apiHost(registry) {
    return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}
/** Loopback registries speak plain HTTP; everything else HTTPS unless listed as insecure. */
function registryBaseUrl(registry, insecure = []) {
    const host = apiHost(registry);
    const bare = host.replace(/:\d+$/, '');
    const plain = insecure.includes(host) || bare === 'localhost' || bare === '127.0.0.1' || bare === '[::1]';
    return `${plain ? 'http' : 'https'}://${host}`;
}
/** True when `tag` is a valid tag. */
function isValidTag(tag) {
    return TAG.test(tag);
}
//# sourceMappingURL=reference.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/assemble.js





/**
 * The assemble engine: base layers (never downloaded when the target has or can mount them), one
 * app layer, one layer per weight file, then config and manifest written directly. Blobs go up in
 * parallel; the manifest goes up last, by digest, and only then under its tags, so a failure leaves
 * nothing tagged.
 */
async function assemble(spec, targets) {
    const concurrency = targets.concurrency ?? 4;
    const base = await resolveBase(spec, targets);
    const cache = new LayerCache(targets.cacheFile);
    await cache.load();
    const planned = [];
    try {
        const app = await planAppLayer(spec.app, targets.baseDir);
        if (app)
            planned.push(app);
        planned.push(...(await planWeightLayers(spec.weights, targets.baseDir)));
    }
    catch (error) {
        if (error instanceof MissingSourceError) {
            throw new lib.UserError(`build: file to copy into the image ${error.message}`, {
                hint: 'fix the path in build.app / build.weights (relative to slipway.yml)',
            });
        }
        if (error instanceof Error && /invalid path in layer/.test(error.message))
            throw new lib.UserError(`build: ${error.message}`, { hint: 'destinations must stay inside the image' });
        throw error;
    }
    let read = 0;
    await (0,lib.mapLimit)(planned, concurrency, async (layer) => {
        if (layer.kind === 'weight')
            await cache.resolve(layer);
        if (layer.digest)
            return;
        layer.digest = await layer.tar.digest();
        layer.digestSource = 'hashed';
        read += layer.tar.size;
        if (layer.kind === 'weight')
            cache.remember(layer);
    });
    await cache.save();
    const platform = parsePlatform(spec.platform);
    const ours = planned.map((l) => ({ mediaType: MEDIA.layerTar, digest: l.digest, size: l.tar.size }));
    const config = imageConfig(spec, base, planned, platform);
    const configBlob = jsonBlob(MEDIA.config, config);
    const annotations = { 'org.opencontainers.image.created': spec.created, ...spec.annotations };
    if (base.ref && base.digest) {
        annotations['org.opencontainers.image.base.name'] = formatReference({
            registry: base.ref.registry,
            repository: base.ref.repository,
            ...(base.ref.tag ? { tag: base.ref.tag } : {}),
        });
        annotations['org.opencontainers.image.base.digest'] = base.digest;
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: MEDIA.manifest,
        config: configBlob.descriptor,
        layers: [...base.layers, ...ours],
        annotations,
    };
    const manifestBlob = jsonBlob(MEDIA.manifest, manifest);
    const reports = [];
    const bytes = { uploaded: 0, skipped: 0, mounted: 0, read };
    const report = (r) => {
        reports.push(r);
        targets.onLayer?.(r);
    };
    if (targets.push) {
        const { client, ref } = targets.push;
        const repo = ref.repository;
        const jobs = [];
        for (const d of base.layers) {
            jobs.push(async () => {
                const size = await client.blobSize(repo, d.digest);
                if (size !== undefined) {
                    bytes.skipped += d.size;
                    return report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'skipped', read: false });
                }
                if (base.ref && base.ref.registry === ref.registry && (await client.mountBlob(repo, d.digest, base.ref.repository))) {
                    bytes.mounted += d.size;
                    return report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'mounted', read: false });
                }
                if (!base.ref || !targets.baseClient)
                    throw new Error(`base layer ${d.digest} has no registry to come from`);
                // Another registry, or a mount refused: the layer streams through, never touching the disk.
                const from = targets.baseClient(base.ref.registry);
                const source = base.ref;
                await client.uploadBlob(repo, { digest: d.digest, size: d.size, read: (offset) => streamFrom(from, source.repository, d.digest, offset) });
                bytes.uploaded += d.size;
                return report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'copied', read: false });
            });
        }
        for (const l of planned) {
            jobs.push(async () => {
                const digest = l.digest;
                const r = {
                    kind: l.kind,
                    name: l.name,
                    digest,
                    size: l.tar.size,
                    action: 'skipped',
                    read: l.digestSource === 'hashed',
                    files: filesOf(l),
                };
                if ((await client.blobSize(repo, digest)) !== undefined) {
                    bytes.skipped += l.tar.size;
                    return report(r);
                }
                const sent = await client.uploadBlob(repo, tarSource(l, digest));
                bytes.uploaded += sent;
                r.read = true;
                r.action = 'uploaded';
                report(r);
            });
        }
        jobs.push(async () => {
            const d = configBlob.descriptor;
            if ((await client.blobSize(repo, d.digest)) === undefined) {
                await client.uploadBlob(repo, bufferSource(d.digest, configBlob.bytes));
                bytes.uploaded += d.size;
            }
        });
        await (0,lib.mapLimit)(jobs, concurrency, (job) => job());
        await client.putManifest(repo, manifestBlob.descriptor.digest, manifestBlob.bytes, MEDIA.manifest);
        for (const tag of targets.push.tags)
            await client.putManifest(repo, tag, manifestBlob.bytes, MEDIA.manifest);
    }
    if (targets.layout) {
        const layout = new OciLayout(targets.layout.dir);
        for (const d of base.layers) {
            if (!(await layout.has(d.digest, d.size))) {
                if (!base.ref || !targets.baseClient)
                    throw new Error(`base layer ${d.digest} is needed for the layout but no registry can serve it`);
                await layout.writeBlob(d.digest, d.size, await targets.baseClient(base.ref.registry).getBlob(base.ref.repository, d.digest));
            }
            if (!targets.push)
                report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'written', read: false });
        }
        await (0,lib.mapLimit)(planned, concurrency, async (l) => {
            const digest = l.digest;
            const present = await layout.has(digest, l.tar.size);
            if (!present)
                await layout.writeBlob(digest, l.tar.size, l.tar.chunks());
            if (!targets.push) {
                report({
                    kind: l.kind,
                    name: l.name,
                    digest,
                    size: l.tar.size,
                    action: present ? 'present' : 'written',
                    read: !present || l.digestSource === 'hashed',
                    files: filesOf(l),
                });
            }
        });
        await layout.writeBlob(configBlob.descriptor.digest, configBlob.descriptor.size, configBlob.bytes);
        await layout.writeBlob(manifestBlob.descriptor.digest, manifestBlob.descriptor.size, manifestBlob.bytes);
        for (const tag of targets.layout.tags)
            await layout.tag(manifestBlob.descriptor, tag);
    }
    const order = new Map([...base.layers.map((d) => d.digest), ...planned.map((l) => l.digest)].map((d, i) => [d, i]));
    reports.sort((a, b) => (order.get(a.digest) ?? 0) - (order.get(b.digest) ?? 0));
    return { digest: manifestBlob.descriptor.digest, manifest, manifestBytes: manifestBlob.bytes, config, layers: reports, bytes };
}
function filesOf(l) {
    return l.tar.entries.flatMap((e) => (e.type === 'file' ? [{ path: e.path, size: e.size, ...('file' in e.source ? { source: e.source.file } : {}) }] : []));
}
function shortName(d) {
    return `base ${d.digest.slice(7, 19)}`;
}
function tarSource(layer, digest) {
    return {
        digest,
        size: layer.tar.size,
        read: (offset) => skip(layer.tar.chunks(), offset),
    };
}
function bufferSource(digest, data) {
    return {
        digest,
        size: data.length,
        read: (offset) => (async function* () {
            yield data.subarray(offset);
        })(),
    };
}
async function* streamFrom(client, repository, digest, offset) {
    yield* skip(await client.readBlob(repository, digest), offset);
}
async function* skip(source, offset) {
    let left = offset;
    for await (const c of source) {
        if (left >= c.length) {
            left -= c.length;
            continue;
        }
        yield left > 0 ? c.subarray(left) : c;
        left = 0;
    }
}
async function resolveBase(spec, targets) {
    if (spec.base === 'scratch' || spec.base === '')
        return { layers: [] };
    let ref;
    try {
        ref = parseReference(spec.base);
    }
    catch (error) {
        throw new lib.UserError(`build.base: ${error.message}`, { hint: 'write it as registry/repository:tag or @sha256:…, or `scratch`' });
    }
    if (!targets.baseClient)
        throw new lib.UserError(`build.base "${spec.base}" needs a registry, but none can be reached here`);
    const client = targets.baseClient(ref.registry);
    const wanted = parsePlatform(spec.platform);
    let manifest = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
    if (!manifest) {
        throw new lib.UserError(`build.base: ${formatReference(ref)} does not exist`, {
            hint: 'check the name and tag, or push the base image to that registry first',
        });
    }
    if (manifest.mediaType === MEDIA.index || manifest.mediaType === MEDIA.dockerList) {
        const index = JSON.parse(manifest.body.toString('utf8'));
        const pick = index.manifests.find((m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture);
        if (!pick)
            throw new lib.UserError(`build.base: ${formatReference(ref)} has no ${wanted.os}/${wanted.architecture} image`, { hint: 'set build.platform to one it has' });
        manifest = await client.getManifest(ref.repository, pick.digest);
        if (!manifest)
            throw new lib.UserError(`build.base: ${formatReference(ref)} lists ${pick.digest}, which the registry does not have`);
    }
    const parsed = JSON.parse(manifest.body.toString('utf8'));
    const config = JSON.parse((await client.getBlob(ref.repository, parsed.config.digest)).toString('utf8'));
    const layers = parsed.layers.map((l) => ({ mediaType: dockerToOci(l.mediaType), digest: l.digest, size: l.size }));
    return { ref, layers, config, digest: manifest.digest };
}
function dockerToOci(mediaType) {
    if (mediaType === 'application/vnd.docker.image.rootfs.diff.tar.gzip')
        return MEDIA.layerGzip;
    return mediaType;
}
function imageConfig(spec, base, layers, platform) {
    const inherited = base.config?.config ?? {};
    const env = new Map();
    for (const e of inherited.Env ?? []) {
        const eq = e.indexOf('=');
        env.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
    }
    for (const [k, v] of Object.entries(spec.env ?? {}))
        env.set(k, v);
    const runtime = { ...inherited };
    if (env.size > 0)
        runtime.Env = [...env].map(([k, v]) => `${k}=${v}`);
    if (spec.entrypoint) {
        runtime.Entrypoint = spec.entrypoint;
        if (!spec.cmd)
            delete runtime.Cmd;
    }
    if (spec.cmd)
        runtime.Cmd = spec.cmd;
    if (spec.user)
        runtime.User = spec.user;
    if (spec.workdir)
        runtime.WorkingDir = spec.workdir;
    if (spec.ports?.length) {
        runtime.ExposedPorts = { ...inherited.ExposedPorts };
        for (const p of spec.ports)
            runtime.ExposedPorts[p.includes('/') ? p : `${p}/tcp`] = {};
    }
    const labels = { ...inherited.Labels, ...spec.labels };
    if (Object.keys(labels).length > 0)
        runtime.Labels = labels;
    const history = [
        ...(base.config?.history ?? []),
        ...layers.map((l) => ({
            created: spec.created,
            created_by: l.kind === 'app' ? 'slipway assemble: app files' : `slipway assemble: weight ${l.name}`,
            comment: 'slipway',
        })),
    ];
    return {
        created: spec.created,
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        config: runtime,
        rootfs: { type: 'layers', diff_ids: [...(base.config?.rootfs?.diff_ids ?? []), ...layers.map((l) => l.digest)] },
        history,
    };
}
//# sourceMappingURL=assemble.js.map
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/buildah.js





/** The `buildah bud` arguments for a build: `--layers` keeps each instruction its own layer, `--timestamp` makes digests repeatable. */
function buildahBudArgs(b, o, localTag) {
    const args = [...globalArgs(o), 'bud', '--isolation', o.isolation ?? 'chroot', '--layers', '--timestamp', String(b.timestamp), '--format', 'oci'];
    args.push('--file', b.dockerfile, '--tag', localTag);
    if (b.platform)
        args.push('--platform', b.platform);
    for (const [k, v] of Object.entries(b.labels).sort())
        args.push('--label', `${k}=${v}`);
    for (const [k, v] of Object.entries(b.buildArgs ?? {}).sort())
        args.push('--build-arg', `${k}=${v}`);
    args.push(b.context);
    return args;
}
function globalArgs(o) {
    return ['--storage-driver', o.storageDriver ?? 'vfs', '--root', o.root, '--runroot', o.runroot];
}
/**
 * Builds a Dockerfile with buildah (no daemon), then pushes each tag and/or writes an OCI layout.
 * Credentials go through a temporary auth file, never the command line. Returns the manifest digest.
 */
async function buildahBuild(b, o) {
    const localTag = `localhost/slipway-build:${process.pid}-${Date.now()}`;
    const bud = await o.exec(o.bin ?? 'buildah', buildahBudArgs(b, o, localTag), o.log ? { onLine: o.log } : {});
    if (bud.code === 127)
        throw new lib.UserError('build: buildah is not installed', { hint: 'install it (`apt-get install buildah`) or use engine: assemble' });
    if (bud.code !== 0)
        throw new lib.UserError(`build: buildah bud failed (exit ${bud.code}): ${lastLine(bud.stderr || bud.stdout)}`, { hint: `check ${b.dockerfile}` });
    const tmp = await (0,promises_.mkdtemp)(external_node_path_.join((0,external_node_os_.tmpdir)(), 'slipway-buildah-'));
    try {
        let digest = '';
        const digestFile = external_node_path_.join(tmp, 'digest');
        const pushOne = async (dest, extra) => {
            const r = await o.exec(o.bin ?? 'buildah', [...globalArgs(o), 'push', '--digestfile', digestFile, ...extra, localTag, dest], o.log ? { onLine: o.log } : {});
            if (r.code !== 0)
                throw new lib.UserError(`build: buildah push to ${dest.replace(/^docker:\/\//, '')} failed (exit ${r.code}): ${lastLine(r.stderr || r.stdout)}`);
            digest = (await (0,promises_.readFile)(digestFile, 'utf8')).trim();
        };
        if (b.push) {
            const extra = [];
            if (b.push.insecure)
                extra.push('--tls-verify=false');
            if (b.push.credentials?.password) {
                const authFile = external_node_path_.join(tmp, 'auth.json');
                const auth = Buffer.from(`${b.push.credentials.username ?? ''}:${b.push.credentials.password}`).toString('base64');
                await (0,promises_.writeFile)(authFile, JSON.stringify({ auths: { [apiHost(b.push.ref.registry)]: { auth } } }), { mode: 0o600 });
                extra.push('--authfile', authFile);
            }
            for (const tag of b.push.tags)
                await pushOne(`docker://${formatReference({ registry: b.push.ref.registry, repository: b.push.ref.repository, tag })}`, extra);
        }
        if (b.layout)
            for (const tag of b.layout.tags)
                await pushOne(`oci:${b.layout.dir}:${tag}`, []);
        return digest;
    }
    finally {
        await (0,promises_.rm)(tmp, { recursive: true, force: true });
        await o.exec(o.bin ?? 'buildah', [...globalArgs(o), 'rmi', localTag]).catch(() => undefined);
    }
}
function lastLine(text) {
    return (text
        .trim()
        .split('\n')
        .filter((l) => l.trim())
        .at(-1) ?? '').slice(0, 400);
}
//# sourceMappingURL=buildah.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/buildx.js





/**
 * `docker buildx build` arguments: pushes with `--push` (or writes `--output type=oci`),
 * caches through GitHub's cache service when asked, and sets `SOURCE_DATE_EPOCH` so timestamps
 * follow the commit.
 */
function buildxArgs(b, o, metadataFile) {
    const args = ['buildx', 'build', '--file', b.dockerfile, '--metadata-file', metadataFile, '--provenance=false'];
    args.push('--build-arg', `SOURCE_DATE_EPOCH=${b.timestamp}`);
    if (b.platform)
        args.push('--platform', b.platform);
    for (const tag of b.push?.tags ?? [])
        args.push('--tag', formatReference({ registry: b.push?.ref.registry ?? '', repository: b.push?.ref.repository ?? '', tag }));
    for (const [k, v] of Object.entries(b.labels).sort())
        args.push('--label', `${k}=${v}`);
    for (const [k, v] of Object.entries(b.buildArgs ?? {}).sort())
        args.push('--build-arg', `${k}=${v}`);
    if (o.ghaCache) {
        const scope = o.ghaCache.scope ? `,scope=${o.ghaCache.scope}` : '';
        args.push('--cache-from', `type=gha${scope}`, '--cache-to', `type=gha,mode=max${scope}`);
    }
    const outputs = [];
    if (b.push)
        outputs.push('type=image,push=true,rewrite-timestamp=true');
    if (b.layout)
        outputs.push(`type=oci,dest=${b.layout.dir}.tar,rewrite-timestamp=true`);
    for (const out of outputs)
        args.push('--output', out);
    args.push(b.context);
    return args;
}
/** True when a Docker daemon answers `docker info` within `timeoutMs`. */
async function dockerDaemonAnswers(exec, bin = 'docker', timeoutMs = 5_000) {
    const r = await exec(bin, ['info', '--format', '{{.ServerVersion}}'], { timeoutMs });
    return r.code === 0 && r.stdout.trim() !== '';
}
/** Builds with buildx on a runner's Docker daemon. Returns the manifest digest from the metadata file. */
async function buildxBuild(b, o) {
    const tmp = await (0,promises_.mkdtemp)(external_node_path_.join((0,external_node_os_.tmpdir)(), 'slipway-buildx-'));
    try {
        const metadata = external_node_path_.join(tmp, 'metadata.json');
        const r = await o.exec(o.bin ?? 'docker', buildxArgs(b, o, metadata), o.log ? { onLine: o.log } : {});
        if (r.code !== 0)
            throw new lib.UserError(`build: docker buildx build failed (exit ${r.code}): ${r.stderr.trim().split('\n').at(-1) ?? ''}`, { hint: `check ${b.dockerfile}` });
        const meta = JSON.parse(await (0,promises_.readFile)(metadata, 'utf8'));
        return String(meta['containerimage.digest'] ?? '');
    }
    finally {
        await (0,promises_.rm)(tmp, { recursive: true, force: true });
    }
}
//# sourceMappingURL=buildx.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/cosign.js
/** `cosign sign` arguments: a key (`COSIGN_KEY`, a file or KMS URI) wins over keyless OIDC signing. */
function cosignArgs(o) {
    const args = ['sign', '--yes'];
    if (o.env.COSIGN_KEY)
        args.push('--key', o.env.COSIGN_KEY);
    else if (!o.env.ACTIONS_ID_TOKEN_REQUEST_URL)
        return undefined;
    if (o.insecure)
        args.push('--allow-insecure-registry', '--allow-http-registry');
    args.push(o.image);
    return args;
}
/**
 * Signs the pushed image with cosign when it is installed and a key (`COSIGN_KEY`, with
 * `COSIGN_PASSWORD` in the environment) or GitHub's OIDC token (`permissions: id-token: write`) is there.
 * Never fails the build for a missing tool or key; a failed signature is reported to the caller.
 */
async function signImage(o) {
    const args = cosignArgs(o);
    if (!args)
        return { signed: false, reason: 'no COSIGN_KEY and no OIDC token (give the job `id-token: write`)' };
    const version = await o.exec(o.bin ?? 'cosign', ['version'], { env: o.env, timeoutMs: 10_000 });
    if (version.code !== 0)
        return { signed: false, reason: 'cosign is not installed' };
    const r = await o.exec(o.bin ?? 'cosign', args, { env: o.env, timeoutMs: 120_000 });
    if (r.code !== 0)
        return { signed: false, reason: `cosign sign failed (exit ${r.code}): ${r.stderr.trim().split('\n').at(-1) ?? ''}` };
    return { signed: true, mode: o.env.COSIGN_KEY ? 'key' : 'keyless' };
}
//# sourceMappingURL=cosign.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/credentials.js



/**
 * Finds credentials for `registry`, first hit wins:
 * explicit ones; the Docker config file (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`,
 * `auths.<host>.auth` or `identitytoken`); `GITHUB_TOKEN` for ghcr.io (user `GITHUB_ACTOR`).
 * Credential helpers (`credsStore`) are not run.
 */
async function findCredentials(registry, options = {}) {
    const env = options.env ?? process.env;
    const ex = options.explicit;
    if (ex?.password !== undefined && ex.password !== '')
        return { username: ex.username ?? 'token', password: ex.password, source: 'inputs' };
    const fromFile = await fromDockerConfig(registry, env);
    if (fromFile)
        return fromFile;
    if (registry === 'ghcr.io' && env.GITHUB_TOKEN) {
        return { username: env.GITHUB_ACTOR || 'x-access-token', password: env.GITHUB_TOKEN, source: 'GITHUB_TOKEN' };
    }
    return undefined;
}
async function fromDockerConfig(registry, env) {
    const dir = env.DOCKER_CONFIG || external_node_path_.join(env.HOME || external_node_os_.homedir(), '.docker');
    const file = external_node_path_.join(dir, 'config.json');
    let config;
    try {
        config = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch {
        return undefined;
    }
    const keys = registry === 'docker.io' ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
        const host = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
        if (!keys.includes(key) && !keys.includes(host))
            continue;
        const source = `${file} (auths."${key}")`;
        if (entry.identitytoken)
            return { identityToken: entry.identitytoken, ...(entry.username ? { username: entry.username } : {}), source };
        if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
        }
        if (entry.username && entry.password)
            return { username: entry.username, password: entry.password, source };
    }
    return undefined;
}
/** Parses `Bearer realm="…",service="…",scope="…"` (or `Basic realm=…`) into its scheme and parameters. */
function parseChallenge(value) {
    const space = value.indexOf(' ');
    const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
    const params = {};
    const re = /([a-zA-Z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    const rest = space < 0 ? '' : value.slice(space + 1);
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
        params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    }
    return { scheme, params };
}
//# sourceMappingURL=credentials.js.map
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/exec.js

/** The real {@link Exec}: a child process, output collected (and streamed line by line to `onLine`). */
const execFile = (command, args, options = {}) => new Promise((resolve) => {
    const child = (0,external_node_child_process_.spawn)(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const line = (chunk) => {
        if (!options.onLine)
            return;
        partial += chunk;
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines)
            options.onLine(l);
    };
    child.stdout.on('data', (c) => {
        stdout += c.toString();
        line(c.toString());
    });
    child.stderr.on('data', (c) => {
        stderr += c.toString();
        line(c.toString());
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.once('error', (e) => {
        if (timer)
            clearTimeout(timer);
        resolve({ code: 127, stdout, stderr: `${stderr}${e.message}` });
    });
    child.once('close', (code) => {
        if (timer)
            clearTimeout(timer);
        resolve({ code, stdout, stderr });
    });
});
//# sourceMappingURL=exec.js.map
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/http.js


const agents = {
    http: new external_node_http_.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new external_node_https_.Agent({ keepAlive: true, maxSockets: 16 }),
};
/**
 * One HTTP exchange with node's own client (no buffering of streamed bodies, keep-alive sockets).
 * Redirects are not followed here: the registry client follows them itself so it can drop credentials
 * when a blob is served from another host.
 */
function send(req) {
    const url = new URL(req.url);
    const lib = url.protocol === 'https:' ? external_node_https_ : external_node_http_;
    const headers = { ...req.headers };
    if (Buffer.isBuffer(req.body))
        headers['content-length'] = String(req.body.length);
    return new Promise((resolve, reject) => {
        const r = lib.request(url, { method: req.method, headers, agent: url.protocol === 'https:' ? agents.https : agents.http, timeout: req.timeoutMs ?? 120_000 }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
        });
        r.on('timeout', () => r.destroy(Object.assign(new Error(`${req.method} ${url.origin}${url.pathname} timed out`), { code: 'ETIMEDOUT' })));
        r.on('error', reject);
        const body = req.body;
        if (body === undefined) {
            r.end();
        }
        else if (Buffer.isBuffer(body)) {
            r.end(body);
        }
        else {
            void pump(body(), r).catch((e) => r.destroy(e instanceof Error ? e : new Error(String(e))));
        }
    });
}
async function pump(source, r) {
    for await (const chunk of source) {
        if (!r.write(chunk))
            await new Promise((resolve, reject) => {
                const onError = (e) => reject(e);
                r.once('drain', () => {
                    r.off('error', onError);
                    resolve();
                });
                r.once('error', onError);
            });
    }
    r.end();
}
/** A header's single value (node gives arrays for repeated ones). */
function header(res, name) {
    const v = res.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
}
/** A GET whose body is handed over as a stream (a base layer copied between registries). */
function openStream(url, headers = {}) {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? external_node_https_ : external_node_http_;
    return new Promise((resolve, reject) => {
        const r = lib.request(u, { method: 'GET', headers, agent: u.protocol === 'https:' ? agents.https : agents.http, timeout: 120_000 }, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
        r.on('timeout', () => r.destroy(Object.assign(new Error(`GET ${u.origin}${u.pathname} timed out`), { code: 'ETIMEDOUT' })));
        r.on('error', reject);
        r.end();
    });
}
//# sourceMappingURL=http.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/registry.js





/** A registry said no in a way the user must fix (credentials, permissions, a missing image). */
class RegistryError extends lib.UserError {
    name = 'RegistryError';
}
const SINGLE_POST_MAX = 1024 * 1024;
const GHCR_MAX_CHUNK = 4 * 1024 * 1024;
const MANIFEST_TYPES = [
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');
/**
 * A client for one registry, speaking the OCI distribution API: token and basic auth from the
 * registry's challenge, blob existence checks, cross-repository mounts, uploads (single POST,
 * POST then PUT, or chunked PATCH with resume), manifests by tag or digest.
 */
class RegistryClient {
    options;
    base;
    tokens = new Map();
    challenge;
    /** Learned from the first answer: false once the registry ignored a single-request upload. */
    singlePost;
    constructor(options) {
        this.options = options;
        this.base = options.baseUrl?.replace(/\/+$/, '') ?? registryBaseUrl(options.registry, options.insecure);
    }
    /** The size of a blob the repository already has, or undefined. */
    async blobSize(repository, digest) {
        const res = await this.call({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}` }, [repository], 'pull');
        if (res.status === 404)
            return undefined;
        this.expect(res, [200], `HEAD blob ${digest} in ${repository}`);
        const len = Number(header(res, 'content-length'));
        return Number.isFinite(len) ? len : 0;
    }
    /** Asks the registry to link a blob from another repository; true when it did (201). */
    async mountBlob(repository, digest, from) {
        const res = await this.call({ method: 'POST', path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` }, [repository, from], 'push');
        if (res.status === 201)
            return true;
        this.expect(res, [202], `mount ${digest} from ${from}`);
        // A 202 opened an upload session we will not use; cancel it so it does not linger.
        const location = header(res, 'location');
        if (location)
            await this.call({ method: 'DELETE', url: this.resolve(location) }, [repository], 'push').catch(() => undefined);
        return false;
    }
    /** Uploads a blob and checks the digest the registry computed. Returns the bytes sent. */
    async uploadBlob(repository, blob) {
        const path = `/v2/${repository}/blobs/uploads/`;
        const mode = this.uploadMode();
        if (mode === 'monolithic' && blob.size <= SINGLE_POST_MAX && this.singlePost !== false) {
            const data = await collect(blob.read(0), blob.size);
            const res = await this.call({ method: 'POST', path: `${path}?digest=${encodeURIComponent(blob.digest)}`, headers: { 'content-type': 'application/octet-stream' }, body: data }, [repository], 'push');
            if (res.status === 201) {
                this.singlePost = true;
                this.checkDigest(res, blob.digest);
                return data.length;
            }
            this.expect(res, [202], `upload ${blob.digest}`);
            this.singlePost = false;
            return data.length + (await this.finish(repository, this.location(res), blob, data));
        }
        const res = await this.call({ method: 'POST', path }, [repository], 'push');
        this.expect(res, [202], `start upload of ${blob.digest}`);
        const location = this.location(res);
        if (mode === 'chunked')
            return this.uploadChunks(repository, location, blob, Number(header(res, 'oci-chunk-min-length') ?? 0));
        return this.finish(repository, location, blob);
    }
    /** PUT of the whole blob to an open upload session. */
    async finish(repository, location, blob, data) {
        const res = await this.call({
            method: 'PUT',
            url: withDigest(location, blob.digest),
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
            body: data ?? (() => blob.read(0)),
        }, [repository], 'push');
        this.expect(res, [201], `upload ${blob.digest}`);
        this.checkDigest(res, blob.digest);
        return blob.size;
    }
    /**
     * PATCH after PATCH, each at least the registry's `OCI-Chunk-Min-Length` and at most the cap.
     * After a failed chunk the upload's status (`Range: 0-N`) says where to resume.
     */
    async uploadChunks(repository, start, blob, minLength) {
        const cap = this.options.maxChunkBytes ?? (this.options.registry === 'ghcr.io' ? GHCR_MAX_CHUNK : Number.POSITIVE_INFINITY);
        const want = this.options.chunkBytes ?? Math.min(cap, 4 * 1024 * 1024);
        const chunk = Math.max(1, Math.min(cap, Math.max(want, minLength || 0)));
        let location = start;
        let offset = 0;
        let sent = 0;
        let failures = 0;
        while (offset < blob.size) {
            const data = await collect(blob.read(offset), Math.min(chunk, blob.size - offset));
            try {
                const res = await this.call({
                    method: 'PATCH',
                    url: location,
                    headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + data.length - 1}` },
                    body: data,
                }, [repository], 'push', false);
                this.expect(res, [202], `upload chunk ${offset}-${offset + data.length - 1} of ${blob.digest}`);
                location = this.location(res);
                offset += data.length;
                sent += data.length;
            }
            catch (error) {
                if (!(lib.HttpError.isRetryable(error) || RESUMABLE.has(errorCode(error) ?? '')) || ++failures > 3)
                    throw error;
                this.options.log?.warn(`upload of ${blob.digest.slice(0, 19)} interrupted at ${offset} bytes; resuming from the upload's status`);
                const status = await this.call({ method: 'GET', url: location }, [repository], 'push');
                this.expect(status, [204], `status of upload ${blob.digest}`);
                const range = /^(\d+)-(\d+)$/.exec(header(status, 'range') ?? '');
                offset = range ? Number(range[2]) + 1 : 0;
                location = this.location(status);
            }
        }
        const res = await this.call({ method: 'PUT', url: withDigest(location, blob.digest), headers: { 'content-length': '0' } }, [repository], 'push');
        this.expect(res, [201], `finish upload of ${blob.digest}`);
        this.checkDigest(res, blob.digest);
        return sent;
    }
    /** A manifest (or index) by tag or digest, with its media type and digest. */
    async getManifest(repository, reference) {
        const res = await this.call({ method: 'GET', path: `/v2/${repository}/manifests/${reference}`, headers: { accept: MANIFEST_TYPES } }, [repository], 'pull');
        if (res.status === 404)
            return undefined;
        this.expect(res, [200], `GET manifest ${repository}:${reference}`);
        const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(res.body).digest('hex')}`;
        if (reference.startsWith('sha256:') && reference !== digest)
            throw new Error(`manifest ${reference} arrived with digest ${digest}`);
        return { mediaType: header(res, 'content-type')?.split(';')[0] ?? '', body: res.body, digest };
    }
    /** A small blob (an image config) in memory, its digest checked. */
    async getBlob(repository, digest) {
        let res = await this.call({ method: 'GET', path: `/v2/${repository}/blobs/${digest}` }, [repository], 'pull');
        for (let hops = 0; (res.status === 307 || res.status === 302) && hops < 3; hops++) {
            // Blob storage behind a redirect gets no registry credentials.
            res = await send({ method: 'GET', url: this.resolve(header(res, 'location') ?? '') });
        }
        this.expect(res, [200], `GET blob ${digest} from ${repository}`);
        const actual = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(res.body).digest('hex')}`;
        if (actual !== digest)
            throw new Error(`blob ${digest} from ${repository} arrived with digest ${actual}`);
        return res.body;
    }
    /**
     * A blob's bytes as a stream, for copying a base layer to another registry. The first request is
     * a HEAD so authorisation is settled before the body flows; redirects drop the credentials.
     */
    async readBlob(repository, digest) {
        const head = await this.call({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}` }, [repository], 'pull');
        if (head.status !== 200 && head.status !== 307 && head.status !== 302)
            this.expect(head, [200], `HEAD blob ${digest} in ${repository}`);
        const token = await this.authorization([`repository:${repository}:pull`], false);
        let res = await openStream(`${this.base}/v2/${repository}/blobs/${digest}`, token ? { authorization: token } : {});
        for (let hops = 0; (res.status === 307 || res.status === 302) && hops < 3; hops++) {
            res.body.resume();
            res = await openStream(this.resolve(String(res.headers.location ?? '')));
        }
        if (res.status !== 200) {
            res.body.resume();
            throw new RegistryError(`GET blob ${digest} from ${this.options.registry}/${repository}: answered ${res.status}`);
        }
        return res.body;
    }
    /** Puts a manifest under a tag or its digest and checks the digest the registry reports. */
    async putManifest(repository, reference, body, mediaType) {
        const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
        const res = await this.call({ method: 'PUT', path: `/v2/${repository}/manifests/${reference}`, headers: { 'content-type': mediaType }, body }, [repository], 'push');
        this.expect(res, [201], `PUT manifest ${repository}:${reference}`);
        this.checkDigest(res, digest);
        return digest;
    }
    /** True when the registry answers the referrers API (`GET /v2/<repo>/referrers/<digest>`) with an index. */
    async hasReferrersApi(repository, digest) {
        const res = await this.call({ method: 'GET', path: `/v2/${repository}/referrers/${digest}`, headers: { accept: 'application/vnd.oci.image.index.v1+json' } }, [repository], 'pull');
        return res.status === 200 && (header(res, 'content-type') ?? '').startsWith('application/vnd.oci.image.index.v1+json');
    }
    /** Removes a manifest by digest (and every tag pointing at it); false when the registry does not allow deletes. */
    async deleteManifest(repository, digest) {
        const res = await this.call({ method: 'DELETE', path: `/v2/${repository}/manifests/${digest}` }, [repository], 'push');
        return res.status === 202 || res.status === 200;
    }
    uploadMode() {
        const m = this.options.uploadMode ?? 'auto';
        if (m !== 'auto')
            return m;
        return this.options.registry === 'ghcr.io' ? 'chunked' : 'monolithic';
    }
    location(res) {
        const loc = header(res, 'location');
        if (!loc)
            throw new Error(`registry ${this.options.registry} answered ${res.status} without a Location header`);
        return this.resolve(loc);
    }
    resolve(location) {
        return new URL(location, this.base).toString();
    }
    checkDigest(res, digest) {
        const got = header(res, 'docker-content-digest');
        if (got !== undefined && got !== digest) {
            throw new Error(`registry ${this.options.registry} stored ${got} where ${digest} was sent: the bytes changed on the way`);
        }
    }
    expect(res, ok, what) {
        if (ok.includes(res.status))
            return;
        const detail = registryMessage(res.body);
        const message = `${what}: registry ${this.options.registry} answered ${res.status}${detail ? ` (${detail})` : ''}`;
        if (res.status === 401 || res.status === 403) {
            throw new RegistryError(message, { hint: loginHint(this.options.registry, this.options.credentials, res.status) });
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
            throw new RegistryError(message, { hint: 'the registry refused the request; its answer above says why' });
        }
        throw new lib.HttpError(message, res.status, header(res, 'retry-after'));
    }
    /**
     * One request with authorisation: the cached token for these repositories, or none; on a 401 the
     * challenge in `WWW-Authenticate` says how to get one (Bearer: ask the token server; Basic: send credentials).
     */
    async call(req, repositories, action, retrying = true) {
        const url = req.url ?? `${this.base}${req.path ?? ''}`;
        const scope = repositories.map((r, i) => `repository:${r}:${i === 0 && action === 'push' ? 'pull,push' : 'pull'}`);
        const once = async () => {
            const auth = await this.authorization(scope, false);
            let res = await this.transport({ ...req, url, headers: { ...req.headers, ...(auth ? { authorization: auth } : {}) } });
            if (res.status === 401) {
                const challenge = header(res, 'www-authenticate');
                if (challenge)
                    this.challenge = parseChallenge(challenge);
                const again = await this.authorization(scope, true);
                if (again)
                    res = await this.transport({ ...req, url, headers: { ...req.headers, authorization: again } });
            }
            if (res.status >= 500 || res.status === 429)
                throw new lib.HttpError(`${req.method} ${new URL(url).pathname}: ${res.status}`, res.status, header(res, 'retry-after'));
            return res;
        };
        const streamed = req.body !== undefined && !Buffer.isBuffer(req.body);
        // A streamed body cannot be replayed by a plain retry; resumable uploads handle their own.
        return retrying && !streamed
            ? (0,lib.retry)(once, { retries: 3, baseDelayMs: 200, isRetryable: (e) => lib.HttpError.isRetryable(e) || RESUMABLE.has(errorCode(e) ?? '') })
            : once();
    }
    async transport(req) {
        try {
            return await send(req);
        }
        catch (error) {
            // Node's own errors may come from another realm (jest's VM), so look at the code, not the class.
            if (errorCode(error) === 'ECONNREFUSED') {
                throw new RegistryError(`registry ${this.options.registry} is unreachable at ${this.base} (connection refused)`, {
                    hint: 'check the host and port in the image reference, and that the registry is running',
                });
            }
            throw error;
        }
    }
    async authorization(scope, fresh) {
        const ch = this.challenge;
        const creds = this.options.credentials;
        if (!ch)
            return undefined;
        if (ch.scheme === 'basic') {
            if (!creds?.password)
                return undefined;
            return `Basic ${Buffer.from(`${creds.username ?? ''}:${creds.password}`).toString('base64')}`;
        }
        if (ch.scheme !== 'bearer')
            return undefined;
        const key = scope.join(' ');
        const cached = this.tokens.get(key);
        if (cached && !fresh)
            return `Bearer ${cached}`;
        // Once the registry has named its token server, a new scope asks it first instead of earning another 401.
        const token = await this.fetchToken(ch.params, scope);
        this.tokens.set(key, token);
        return `Bearer ${token}`;
    }
    async fetchToken(params, scope) {
        const realm = params.realm;
        if (!realm)
            throw new RegistryError(`registry ${this.options.registry} asked for a bearer token without naming a token server (realm)`);
        const url = new URL(realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        for (const s of scope)
            url.searchParams.append('scope', s);
        const creds = this.options.credentials;
        let res;
        if (creds?.identityToken) {
            const form = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: creds.identityToken,
                service: params.service ?? '',
                scope: scope.join(' '),
                client_id: 'slipway',
            });
            res = await send({ method: 'POST', url: realm, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form.toString()) });
        }
        else {
            const headers = {};
            if (creds?.password)
                headers.authorization = `Basic ${Buffer.from(`${creds.username ?? ''}:${creds.password}`).toString('base64')}`;
            res = await send({ method: 'GET', url: url.toString(), headers });
        }
        if (res.status === 401 || res.status === 403) {
            throw new RegistryError(`the token server of ${this.options.registry} refused ${creds ? `the credentials from ${creds.source}` : 'an anonymous request'} (${res.status})`, {
                hint: loginHint(this.options.registry, creds, res.status),
            });
        }
        if (res.status !== 200)
            throw new lib.HttpError(`token server ${url.origin} answered ${res.status}`, res.status);
        const body = JSON.parse(res.body.toString('utf8'));
        const token = body.token ?? body.access_token;
        if (!token)
            throw new Error(`token server ${url.origin} answered without a token`);
        this.options.onSecret?.(token);
        return token;
    }
}
const RESUMABLE = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);
function errorCode(error) {
    const code = error && typeof error === 'object' ? error.code : undefined;
    return typeof code === 'string' ? code : undefined;
}
function withDigest(location, digest) {
    const u = new URL(location);
    u.searchParams.set('digest', digest);
    return u.toString();
}
async function collect(source, size) {
    const out = Buffer.allocUnsafe(size);
    let n = 0;
    for await (const c of source) {
        const take = Math.min(c.length, size - n);
        c.copy(out, n, 0, take);
        n += take;
        if (n >= size)
            break;
    }
    if (n !== size)
        throw new Error(`expected ${size} bytes, read ${n}`);
    return out;
}
function registryMessage(body) {
    try {
        const parsed = JSON.parse(body.toString('utf8'));
        return (parsed.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    }
    catch {
        return body.toString('utf8').slice(0, 200).trim();
    }
}
function loginHint(registry, creds, status) {
    if (registry === 'ghcr.io') {
        return 'give the job `permissions: packages: write` and pass `GITHUB_TOKEN`, or set the `username` and `password` inputs to a token with write:packages';
    }
    if (creds)
        return `the credentials from ${creds.source} were refused${status === 403 ? ' (no permission for this repository)' : ''}; run \`docker login ${registry}\` again or set the \`username\` and \`password\` inputs`;
    return `log in first: \`docker login ${registry}\` (or docker/login-action), or set the \`username\` and \`password\` inputs`;
}
//# sourceMappingURL=registry.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/supply-chain.js




const SPDX_TYPE = 'application/spdx+json';
const INTOTO_TYPE = 'application/vnd.in-toto+json';
const EMPTY = Buffer.from('{}');
/** App files bigger than this are listed in the SBOM without reading them for checksums. */
const CHECKSUM_LIMIT = 64 * 1024 * 1024;
/** An SPDX 2.3 document: the image, each layer as a package, the app's files with SHA-1 and SHA-256. */
async function spdxDocument(ref, image) {
    const name = formatReference({ registry: ref.registry, repository: ref.repository });
    const packages = [
        {
            SPDXID: 'SPDXRef-Image',
            name,
            versionInfo: image.digest,
            downloadLocation: 'NOASSERTION',
            filesAnalyzed: false,
            primaryPackagePurpose: 'CONTAINER',
            checksums: [{ algorithm: 'SHA256', checksumValue: image.digest.slice(7) }],
            externalRefs: [
                {
                    referenceCategory: 'PACKAGE-MANAGER',
                    referenceType: 'purl',
                    referenceLocator: `pkg:oci/${ref.repository.split('/').at(-1)}@${encodeURIComponent(image.digest)}?repository_url=${encodeURIComponent(name)}`,
                },
            ],
        },
    ];
    const files = [];
    const relationships = [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' }];
    let n = 0;
    for (const layer of image.layers) {
        const id = `SPDXRef-Layer-${layer.digest.slice(7, 23)}`;
        packages.push({
            SPDXID: id,
            name: layer.kind === 'weight' ? `model weight ${layer.name}` : layer.kind === 'app' ? 'application files' : layer.name,
            versionInfo: layer.digest,
            downloadLocation: 'NOASSERTION',
            filesAnalyzed: false,
            primaryPackagePurpose: layer.kind === 'app' ? 'APPLICATION' : layer.kind === 'weight' ? 'OTHER' : 'OPERATING-SYSTEM',
            checksums: [{ algorithm: 'SHA256', checksumValue: layer.digest.slice(7) }],
        });
        relationships.push({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: id });
        if (layer.kind !== 'app')
            continue;
        for (const f of layer.files ?? []) {
            if (!f.source || f.size > CHECKSUM_LIMIT)
                continue;
            const fileId = `SPDXRef-File-${++n}`;
            const [sha1, sha256hex] = await fileChecksums(f.source);
            files.push({
                SPDXID: fileId,
                fileName: `/${f.path}`,
                checksums: [
                    { algorithm: 'SHA1', checksumValue: sha1 },
                    { algorithm: 'SHA256', checksumValue: sha256hex },
                ],
            });
            relationships.push({ spdxElementId: id, relationshipType: 'CONTAINS', relatedSpdxElement: fileId });
        }
    }
    return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: `${name}@${image.digest}`,
        documentNamespace: `https://slipway.dev/spdx/${image.digest.slice(7)}`,
        creationInfo: { created: image.created, creators: ['Tool: slipway-container-build'] },
        packages,
        files,
        relationships,
    };
}
/** A SLSA v1 provenance statement (in-toto v1) for the image. */
function provenanceStatement(ref, image) {
    const env = image.env;
    const source = image.labels['org.opencontainers.image.source'];
    const revision = image.labels['org.opencontainers.image.revision'];
    const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
        ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    return {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: formatReference({ registry: ref.registry, repository: ref.repository }), digest: { sha256: image.digest.slice(7) } }],
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: {
            buildDefinition: {
                buildType: 'https://slipway.dev/container-build/assemble/v1',
                externalParameters: { labels: image.labels },
                resolvedDependencies: [
                    ...(source && revision ? [{ uri: `git+${source}@${revision}`, digest: { gitCommit: revision } }] : []),
                    ...image.layers.filter((l) => l.kind === 'base').map((l) => ({ uri: l.name, digest: { sha256: l.digest.slice(7) } })),
                ],
            },
            runDetails: {
                builder: { id: env.GITHUB_WORKFLOW_REF ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_WORKFLOW_REF}` : 'https://slipway.dev/cli' },
                metadata: { ...(runUrl ? { invocationId: runUrl } : {}), startedOn: image.created },
            },
        },
    };
}
/**
 * Pushes the SBOM and the provenance as artifacts whose `subject` is the image. When the registry
 * has no referrers API, the `sha256-<hex>` tag holds an index of them (the fallback scheme of the
 * distribution spec), merged with what is already there.
 */
async function attachSupplyChain(client, ref, image) {
    const repo = ref.repository;
    const manifest = await client.getManifest(repo, image.digest);
    if (!manifest)
        throw new Error(`image ${image.digest} vanished before its SBOM could be attached`);
    const subject = { mediaType: MEDIA.manifest, digest: image.digest, size: manifest.body.length };
    const emptyDigest = sha256(EMPTY);
    if ((await client.blobSize(repo, emptyDigest)) === undefined)
        await client.uploadBlob(repo, memorySource(EMPTY));
    const artifacts = [
        { type: SPDX_TYPE, body: canonicalBytes(await spdxDocument(ref, image)) },
        { type: INTOTO_TYPE, body: canonicalBytes(provenanceStatement(ref, image)) },
    ];
    const pushed = [];
    for (const a of artifacts) {
        const blob = memorySource(a.body);
        if ((await client.blobSize(repo, blob.digest)) === undefined)
            await client.uploadBlob(repo, blob);
        const m = {
            schemaVersion: 2,
            mediaType: MEDIA.manifest,
            artifactType: a.type,
            config: { mediaType: MEDIA.emptyJson, digest: emptyDigest, size: EMPTY.length },
            layers: [{ mediaType: a.type, digest: blob.digest, size: blob.size }],
            subject,
            annotations: { 'org.opencontainers.image.created': image.created },
        };
        const { descriptor, bytes } = jsonBlob(MEDIA.manifest, m);
        await client.putManifest(repo, descriptor.digest, bytes, MEDIA.manifest);
        pushed.push({ ...descriptor, artifactType: a.type, annotations: { 'org.opencontainers.image.created': image.created } });
    }
    const tag = `sha256-${image.digest.slice(7)}`;
    const [sbom, provenance] = pushed.map((d) => d.digest);
    if (await client.hasReferrersApi(repo, image.digest))
        return { mode: 'referrers', tag, sbom, provenance };
    const existing = await client.getManifest(repo, tag);
    const previous = existing ? (JSON.parse(existing.body.toString('utf8')).manifests ?? []) : [];
    const keep = previous.filter((d) => !pushed.some((p) => p.artifactType === d.artifactType));
    const index = jsonBlob(MEDIA.index, { schemaVersion: 2, mediaType: MEDIA.index, manifests: [...keep, ...pushed] });
    await client.putManifest(repo, tag, index.bytes, MEDIA.index);
    return { mode: 'tag', tag, sbom, provenance };
}
function memorySource(data) {
    return {
        digest: sha256(data),
        size: data.length,
        read: (offset) => (async function* () {
            yield data.subarray(offset);
        })(),
    };
}
async function fileChecksums(file) {
    const a = (0,external_node_crypto_.createHash)('sha1');
    const b = (0,external_node_crypto_.createHash)('sha256');
    for await (const c of (0,external_node_fs_.createReadStream)(file)) {
        a.update(c);
        b.update(c);
    }
    return [a.digest('hex'), b.digest('hex')];
}
//# sourceMappingURL=supply-chain.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/build.js














/**
 * Builds the image with the chosen engine, pushes it and/or writes an OCI layout, sets the outputs
 * (`image`, `digest`, `tags`, `bytes-uploaded`, `bytes-skipped`, `bytes-mounted`) and writes a summary
 * listing each layer and what happened to it.
 */
async function buildImage(rt, options) {
    const env = options.processEnv ?? process.env;
    const exec = options.exec ?? execFile;
    const target = options.image ? parseTarget(options.image) : undefined;
    if (!target && !options.layout)
        throw new lib.InputError('image', 'is required (or set layout to write an OCI layout folder)', { hint: 'e.g. image: ghcr.io/acme/support-bot' });
    const tags = tagList(target, options.tags ?? []);
    const engine = await pickEngine(rt, options, exec);
    const meta = await provenanceMetadata(rt, options, env, exec);
    const labels = { ...options.labels, ...meta };
    const layoutDir = options.layout ? external_node_path_.resolve(rt.cwd, options.layout) : undefined;
    let credentials;
    if (target) {
        credentials = await findCredentials(target.registry, {
            explicit: { ...(options.username ? { username: options.username } : {}), ...(options.password ? { password: options.password } : {}) },
            env,
        });
        if (credentials?.password)
            rt.setSecret(credentials.password);
        if (credentials?.identityToken)
            rt.setSecret(credentials.identityToken);
        if (credentials)
            rt.log.info(`registry ${target.registry}: credentials from ${credentials.source}`);
    }
    // A base in another registry is read with that registry's own credentials (Docker config, GITHUB_TOKEN), when there are any.
    const baseCredentials = new Map();
    const baseRegistry = engine === 'assemble' && options.base && options.base !== 'scratch' ? safeRegistry(options.base) : undefined;
    if (baseRegistry && baseRegistry !== target?.registry) {
        const found = await findCredentials(baseRegistry, { env });
        if (found?.password)
            rt.setSecret(found.password);
        if (found?.identityToken)
            rt.setSecret(found.identityToken);
        if (found)
            baseCredentials.set(baseRegistry, found);
    }
    const clients = new Map();
    const client = (registry) => {
        let c = clients.get(registry);
        if (!c) {
            const creds = registry === target?.registry ? credentials : baseCredentials.get(registry);
            c = new RegistryClient({
                registry,
                log: rt.log,
                onSecret: (s) => rt.setSecret(s),
                ...(options.insecureRegistries ? { insecure: options.insecureRegistries } : {}),
                ...(creds ? { credentials: creds } : {}),
                ...(options.uploadMode ? { uploadMode: options.uploadMode } : {}),
                ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}),
            });
            clients.set(registry, c);
        }
        return c;
    };
    let digest;
    let layers = [];
    let bytes = { uploaded: 0, skipped: 0, mounted: 0, read: 0 };
    if (engine === 'assemble') {
        const result = await assemble({
            base: options.base ?? 'scratch',
            app: options.app ?? [],
            weights: options.weights ?? [],
            created: meta['org.opencontainers.image.created'],
            labels,
            annotations: meta,
            ...pick(options, ['entrypoint', 'cmd', 'env', 'ports', 'user', 'workdir', 'platform']),
        }, {
            baseDir: rt.cwd,
            baseClient: client,
            cacheFile: external_node_path_.resolve(rt.cwd, options.cacheFile ?? '.slipway/cache/oci-layers.json'),
            concurrency: options.concurrency ?? 4,
            ...(target ? { push: { client: client(target.registry), ref: target, tags } } : {}),
            ...(layoutDir ? { layout: { dir: layoutDir, tags } } : {}),
            onLayer: (l) => rt.log.debug(`${l.kind} ${l.name}: ${l.action} (${l.size} bytes)`),
        });
        digest = result.digest;
        layers = result.layers;
        bytes = result.bytes;
    }
    else {
        const build = await dockerfileBuild(rt, options, labels, meta, target, tags, credentials, layoutDir);
        const log = (line) => rt.log.debug(line);
        if (engine === 'buildx') {
            digest = await buildxBuild(build, { exec, log, ghaCache: env.ACTIONS_RUNTIME_TOKEN ? { scope: 'slipway' } : false });
        }
        else {
            const root = options.buildahRoot ?? external_node_path_.join(external_node_os_.tmpdir(), 'slipway-buildah');
            digest = await buildahBuild(build, { exec, log, root: external_node_path_.join(root, 'root'), runroot: external_node_path_.join(root, 'run') });
        }
    }
    let supplyChain;
    if (target && engine === 'assemble' && options.attest !== false) {
        supplyChain = await attachSupplyChain(client(target.registry), target, {
            digest,
            layers,
            labels,
            created: meta['org.opencontainers.image.created'],
            env,
        });
    }
    const image = target ? formatReference({ registry: target.registry, repository: target.repository, digest }) : `${layoutDir}@${digest}`;
    let signature;
    if (target && options.sign !== false) {
        const insecure = /^(localhost|127\.0\.0\.1)(:|$)/.test(target.registry) || (options.insecureRegistries ?? []).includes(target.registry);
        signature = await signImage({ exec, image, env, insecure });
        if (signature.signed)
            rt.log.info(`signed ${image} with cosign (${signature.mode})`);
        else
            rt.log.debug(`not signed: ${signature.reason}`);
    }
    const result = {
        engine,
        image,
        digest,
        tags,
        layers,
        bytes,
        releaseImage: { reference: target ? formatReference({ registry: target.registry, repository: target.repository }) : `oci:${layoutDir}`, digest },
        created: meta['org.opencontainers.image.created'],
        labels,
        ...(layoutDir ? { layout: layoutDir } : {}),
        ...(supplyChain ? { supplyChain } : {}),
        ...(signature ? { signature } : {}),
    };
    rt.setOutput('image', image);
    rt.setOutput('digest', digest);
    rt.setOutput('tags', tags.join(','));
    rt.setOutput('bytes-uploaded', bytes.uploaded);
    rt.setOutput('bytes-skipped', bytes.skipped);
    rt.setOutput('bytes-mounted', bytes.mounted);
    await rt.appendSummary(summary(result));
    const pushed = target
        ? `: ${fmtBytes(bytes.uploaded)} uploaded, ${fmtBytes(bytes.skipped)} already there, ${fmtBytes(bytes.mounted)} mounted`
        : ' into the layout';
    rt.log.info(`built ${image} with ${engine}${pushed}`);
    return result;
}
function safeRegistry(reference) {
    try {
        return parseReference(reference).registry;
    }
    catch {
        return undefined; // assemble reports a bad base reference with its own message
    }
}
function parseTarget(image) {
    try {
        const ref = parseReference(image);
        if (ref.digest)
            throw new InvalidReferenceError(`"${image}": a push target cannot name a digest`);
        return ref;
    }
    catch (error) {
        if (error instanceof InvalidReferenceError)
            throw new lib.InputError('image', error.message, { hint: 'write it as registry/repository[:tag], e.g. ghcr.io/acme/support-bot:v1' });
        throw error;
    }
}
function tagList(target, extra) {
    const tags = [...(target?.tag ? [target.tag] : []), ...extra.map((t) => t.trim()).filter(Boolean)];
    for (const t of tags)
        if (!isValidTag(t))
            throw new lib.InputError('tags', `"${t}" is not a valid tag`, { hint: 'letters, digits, _ . -; at most 128; not starting with . or -' });
    const unique = [...new Set(tags)];
    return unique.length > 0 ? unique : ['latest'];
}
async function pickEngine(rt, options, exec) {
    if (options.engine !== 'auto')
        return options.engine;
    if (!options.dockerfile)
        return 'assemble';
    if (await dockerDaemonAnswers(exec))
        return 'buildx';
    rt.log.info('engine auto: no Docker daemon answered; building the Dockerfile with buildah');
    return 'buildah';
}
async function dockerfileBuild(rt, options, labels, meta, target, tags, credentials, layoutDir) {
    const dockerfile = external_node_path_.resolve(rt.cwd, options.dockerfile ?? 'Dockerfile');
    const context = external_node_path_.resolve(rt.cwd, options.context ?? '.');
    if (!(await (0,promises_.stat)(dockerfile).catch(() => undefined))?.isFile()) {
        throw new lib.InputError('dockerfile', `${external_node_path_.relative(rt.cwd, dockerfile) || dockerfile} does not exist`, {
            hint: 'set build.dockerfile to your Dockerfile, or use engine: assemble',
        });
    }
    if (!(await (0,promises_.stat)(context).catch(() => undefined))?.isDirectory()) {
        throw new lib.InputError('context', `${external_node_path_.relative(rt.cwd, context) || context} is not a folder`, {
            hint: 'set build.context to the folder the Dockerfile copies from',
        });
    }
    const timestamp = Math.floor(Date.parse(meta['org.opencontainers.image.created']) / 1000);
    return {
        dockerfile,
        context,
        labels,
        timestamp,
        ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
        ...(options.platform ? { platform: options.platform } : {}),
        ...(target
            ? {
                push: {
                    ref: target,
                    tags,
                    insecure: /^(localhost|127\.0\.0\.1)(:|$)/.test(target.registry) || (options.insecureRegistries ?? []).includes(target.registry),
                    ...(credentials ? { credentials } : {}),
                },
            }
            : {}),
        ...(layoutDir ? { layout: { dir: layoutDir, tags } } : {}),
    };
}
/** `org.opencontainers.image.*` and Slipway's own labels; `created` is the commit time so rebuilds match. */
async function provenanceMetadata(rt, options, env, exec) {
    const meta = {};
    let created = options.created;
    if (!created && env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH))
        created = new Date(Number(env.SOURCE_DATE_EPOCH) * 1000).toISOString();
    if (!created) {
        const git = await exec('git', ['-C', rt.cwd, 'log', '-1', '--format=%ct']);
        if (git.code === 0 && /^\d+$/.test(git.stdout.trim()))
            created = new Date(Number(git.stdout.trim()) * 1000).toISOString();
    }
    if (!created) {
        rt.log.warn('no commit time found (not a git checkout, no SOURCE_DATE_EPOCH): `created` is set to the epoch so the digest stays reproducible');
        created = new Date(0).toISOString();
    }
    if (Number.isNaN(Date.parse(created)))
        throw new lib.InputError('created', `"${created}" is not an RFC 3339 time`, { hint: 'e.g. 2026-01-31T12:00:00Z' });
    meta['org.opencontainers.image.created'] = new Date(created).toISOString().replace(/\.000Z$/, 'Z');
    const source = options.source ?? (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined);
    if (source)
        meta['org.opencontainers.image.source'] = source;
    let revision = options.revision ?? env.GITHUB_SHA;
    if (!revision) {
        const git = await exec('git', ['-C', rt.cwd, 'rev-parse', 'HEAD']);
        if (git.code === 0)
            revision = git.stdout.trim();
    }
    if (revision)
        meta['org.opencontainers.image.revision'] = revision;
    if (options.releaseId)
        meta['dev.slipway.release.id'] = options.releaseId;
    const artifacts = options.artifactsDigest ?? (await pointersDigest(options.weights ?? [], rt.cwd));
    if (artifacts)
        meta['dev.slipway.artifacts.digest'] = artifacts;
    if (options.evalReportDigest)
        meta['dev.slipway.eval.report-digest'] = options.evalReportDigest;
    return meta;
}
/**
 * The digest of artifact-sync's pointers for the weights (`<path>.dvc` beside a weight file or
 * folder, and any inside a folder), so the image says which versioned artifacts it holds.
 */
async function pointersDigest(weights, cwd) {
    const found = new Map();
    for (const w of weights) {
        const source = external_node_path_.resolve(cwd, w.source);
        const beside = await (0,promises_.readFile)(`${source.replace(/\/+$/, '')}.dvc`, 'utf8').catch(() => undefined);
        if (beside !== undefined)
            found.set(`${external_node_path_.basename(source)}.dvc`, beside);
        const entries = await (0,promises_.readdir)(source, { recursive: true }).catch(() => []);
        for (const e of entries.filter((n) => n.endsWith('.dvc')).sort())
            found.set(external_node_path_.join(external_node_path_.basename(source), e), await (0,promises_.readFile)(external_node_path_.join(source, e), 'utf8'));
    }
    if (found.size === 0)
        return undefined;
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const [name, text] of [...found].sort(([a], [b]) => (a < b ? -1 : 1)))
        hash.update(`${name}\0${text}\0`);
    return `sha256:${hash.digest('hex')}`;
}
function pick(o, keys) {
    const out = {};
    for (const k of keys)
        if (o[k] !== undefined)
            out[k] = o[k];
    return out;
}
function summary(r) {
    const rows = r.layers.map((l) => [l.kind, (0,lib.escapeMarkdown)(l.name), `\`${l.digest.slice(0, 19)}\``, fmtBytes(l.size), l.action, l.read ? 'yes' : 'no']);
    const table = rows.length
        ? (0,lib.markdownTable)(['layer', 'name', 'digest', 'size', 'what happened', 'read from disk'], rows, ['left', 'left', 'left', 'right', 'left', 'left'])
        : '_layers are listed for the assemble engine only_';
    const signed = r.signature?.signed ? ` Signed with cosign (${r.signature.mode}).` : r.signature ? ` Not signed: ${(0,lib.escapeMarkdown)(r.signature.reason)}.` : '';
    const supply = r.supplyChain
        ? `\n\nSBOM and provenance attached as ${r.supplyChain.mode === 'referrers' ? 'OCI referrers' : `the \`${(0,lib.escapeMarkdown)(r.supplyChain.tag)}\` tag`}.`
        : '';
    return `### Container image (${r.engine})\n\n\`${(0,lib.escapeMarkdown)(r.image)}\`, tags ${r.tags.map((t) => `\`${(0,lib.escapeMarkdown)(t)}\``).join(', ')}\n\n${table}\n\nUploaded ${fmtBytes(r.bytes.uploaded)}, skipped ${fmtBytes(r.bytes.skipped)} (already in the registry), mounted ${fmtBytes(r.bytes.mounted)}, read ${fmtBytes(r.bytes.read)} from disk.${supply}${signed}\n`;
}
/** Bytes in binary units, one decimal. */
function fmtBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}
//# sourceMappingURL=build.js.map
// EXTERNAL MODULE: ./packages/config/lib/index.js + 9 modules
var config_lib = __webpack_require__(6371);
;// CONCATENATED MODULE: ./packages/oci/lib/internal/from-config.js




/**
 * The container-build capability as the action and the CLI run it: `slipway.yml`'s `build`
 * section, overridden by inputs, then {@link buildImage}.
 */
async function runContainerBuild(rt, inputs) {
    const loaded = await (0,config_lib.loadConfig)({ dir: rt.cwd, ...(inputs.config ? { file: inputs.config } : {}) });
    return buildImage(rt, mergeBuildOptions(loaded.config.build ?? {}, loaded.dir, rt.cwd, inputs));
}
/** Merges the config section and the inputs into {@link BuildOptions}; paths from the config are relative to its folder. */
function mergeBuildOptions(section, configDir, cwd, inputs) {
    const fromConfig = (p) => external_node_path_.resolve(configDir, p);
    const fromCwd = (p) => external_node_path_.resolve(cwd, p);
    const specs = (list, prefix, resolve) => (list ?? []).map((s) => typeof s === 'string' ? { source: resolve(s), dest: `${prefix}/${s.replace(/^\.?\/+/, '')}` } : { source: resolve(s.source), dest: s.dest });
    const labels = { ...section.labels, ...parseLabels(inputs.labels ?? []) };
    const o = {
        engine: inputs.engine ?? section.engine ?? 'auto',
        tags: inputs.tags ?? section.tags ?? [],
        base: inputs.base ?? section.base ?? 'scratch',
        app: inputs.app ? specs(inputs.app, '/app', fromCwd) : specs(section.app, '/app', fromConfig),
        weights: inputs.weights ? specs(inputs.weights, '/models', fromCwd) : specs(section.weights, '/models', fromConfig),
        labels,
    };
    const set = (k, v) => {
        if (v !== undefined)
            o[k] = v;
    };
    set('image', inputs.image ?? section.image);
    set('dockerfile', inputs.dockerfile ? fromCwd(inputs.dockerfile) : section.dockerfile ? fromConfig(section.dockerfile) : undefined);
    set('context', inputs.context ? fromCwd(inputs.context) : section.context ? fromConfig(section.context) : undefined);
    set('layout', inputs.layout ? fromCwd(inputs.layout) : section.layout ? fromConfig(section.layout) : undefined);
    set('platform', inputs.platform ?? section.platform);
    set('entrypoint', section.entrypoint);
    set('cmd', section.cmd);
    set('env', section.env);
    set('ports', section.ports?.map(String));
    set('user', section.user);
    set('workdir', section.workdir);
    set('buildArgs', section.buildArgs);
    set('insecureRegistries', inputs.insecureRegistries ?? section.insecureRegistries);
    set('concurrency', inputs.concurrency ?? section.concurrency);
    set('attest', inputs.attest ?? section.attest);
    set('sign', inputs.sign ?? section.sign);
    set('username', inputs.username);
    set('password', inputs.password);
    set('uploadMode', inputs.uploadMode);
    set('releaseId', inputs.releaseId);
    set('artifactsDigest', inputs.artifactsDigest);
    set('evalReportDigest', inputs.evalReportDigest);
    set('cacheFile', inputs.cacheFile ? fromCwd(inputs.cacheFile) : undefined);
    return o;
}
function parseLabels(lines) {
    const out = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new lib.InputError('labels', `"${line}" is not key=value`, { hint: 'one label per line, e.g. org.example.team=ml' });
        out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    return out;
}
//# sourceMappingURL=from-config.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/internal/inputs.js

/** Every input of the container-build action (and of `slipway build`, as flags), parsed once. */
const CONTAINER_BUILD_INPUTS = {
    config: { kind: 'string' },
    engine: { kind: 'enum', values: ['auto', 'assemble', 'buildah', 'buildx'] },
    image: { kind: 'string' },
    tags: { kind: 'list' },
    base: { kind: 'string' },
    app: { kind: 'list' },
    weights: { kind: 'list' },
    dockerfile: { kind: 'string' },
    context: { kind: 'string' },
    layout: { kind: 'string' },
    platform: { kind: 'string', pattern: /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, patternHint: 'os/architecture[/variant], e.g. linux/amd64' },
    labels: { kind: 'list' },
    username: { kind: 'string' },
    password: { kind: 'secret' },
    'insecure-registries': { kind: 'list' },
    'upload-mode': { kind: 'enum', values: ['auto', 'monolithic', 'chunked'] },
    concurrency: { kind: 'integer', min: 1, max: 64 },
    'release-id': { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256:<64 hex digits>, the id of a release record' },
    'artifacts-digest': { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256:<64 hex digits>' },
    'eval-report-digest': { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256:<64 hex digits>' },
    attest: { kind: 'boolean' },
    sign: { kind: 'boolean' },
    'cache-file': { kind: 'string' },
};
/** Reads the inputs into {@link ContainerBuildInputs}; unset ones stay unset so slipway.yml fills them. */
function readContainerBuildInputs(rt) {
    const i = (0,lib.readInputs)(rt, CONTAINER_BUILD_INPUTS);
    if (i.password && !i.username && i.image && !i.image.startsWith('ghcr.io/')) {
        throw new lib.InputError('username', 'is required with password', { hint: 'set username to the registry user the password belongs to' });
    }
    const out = {};
    const set = (k, v) => {
        if (v !== undefined && !(Array.isArray(v) && v.length === 0))
            out[k] = v;
    };
    set('config', i.config);
    set('engine', i.engine);
    set('image', i.image);
    set('tags', i.tags);
    set('base', i.base);
    set('app', i.app);
    set('weights', i.weights);
    set('dockerfile', i.dockerfile);
    set('context', i.context);
    set('layout', i.layout);
    set('platform', i.platform);
    set('labels', i.labels);
    set('username', i.username);
    set('password', i.password);
    set('insecureRegistries', i['insecure-registries']);
    set('uploadMode', i['upload-mode']);
    set('concurrency', i.concurrency);
    set('releaseId', i['release-id']);
    set('artifactsDigest', i['artifacts-digest']);
    set('evalReportDigest', i['eval-report-digest']);
    set('attest', i.attest);
    set('sign', i.sign);
    set('cacheFile', i['cache-file']);
    return out;
}
//# sourceMappingURL=inputs.js.map
;// CONCATENATED MODULE: ./packages/oci/lib/index.js
/** Assembles an image from a base, app files and weight files, without a daemon or a Dockerfile. */

/** The container-build capability: picks the engine, builds, pushes, attests, reports. */

/** buildah driver: `bud` arguments, and a full build-and-push. */

/** buildx driver: arguments, the daemon probe, a full build. */

/** cosign signing of pushed images, when cosign and a key or OIDC token are there. */

/** Registry credentials from inputs, the Docker config file or GITHUB_TOKEN; `WWW-Authenticate` parsing. */

/** Runs a program and collects its output. */

/** The capability as the action and CLI run it: slipway.yml's `build` section plus inputs. */

/** Media types, canonical JSON and digests of image documents. */

/** The action's inputs, parsed once. */

/** The weight-layer digest cache and the layer planners. */

/** An OCI image layout folder. */

/** Image reference grammar. */

/** The OCI distribution API client. */

/** SBOM and provenance documents, attached as referrers or under the `sha256-<hex>` tag. */

/** The deterministic tar writer behind every layer. */

//# sourceMappingURL=index.js.map

/***/ })

};
