import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  loadConfig
} from "./chunk-TLULELRW.js";
import {
  require_dist
} from "./chunk-KJFXNCKF.js";
import "./chunk-LUQ2JWWH.js";
import {
  HttpError,
  InputError,
  UserError,
  escapeMarkdown,
  mapLimit,
  markdownTable,
  readInputs,
  retry
} from "./chunk-V3AZTN5L.js";
import {
  __toESM
} from "./chunk-I2UBCO3D.js";

// packages/oci/lib/internal/image.js
import { createHash } from "node:crypto";
var MEDIA = {
  manifest: "application/vnd.oci.image.manifest.v1+json",
  index: "application/vnd.oci.image.index.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layerTar: "application/vnd.oci.image.layer.v1.tar",
  layerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  emptyJson: "application/vnd.oci.empty.v1+json"
};
function canonicalBytes(value) {
  return Buffer.from(JSON.stringify(sortKeys(value)));
}
function sortKeys(value) {
  if (Array.isArray(value))
    return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().filter((k) => value[k] !== void 0).map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}
function sha256(data) {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}
function jsonBlob(mediaType, value) {
  const bytes = canonicalBytes(value);
  return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.length }, bytes };
}
function parsePlatform(text) {
  const host = { x64: "amd64", arm64: "arm64", arm: "arm", ppc64: "ppc64le", s390x: "s390x", ia32: "386" }[process.arch] ?? process.arch;
  if (!text)
    return { os: "linux", architecture: host };
  const [os3, architecture, variant] = text.split("/");
  if (!os3 || !architecture)
    throw new Error(`platform "${text}" is not os/architecture[/variant], e.g. linux/amd64`);
  return variant ? { os: os3, architecture, variant } : { os: os3, architecture };
}

// packages/oci/lib/internal/layers.js
import { lstat, mkdir, readdir, readFile, readlink, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
var import_yaml = __toESM(require_dist(), 1);

// packages/oci/lib/internal/read-tar.js
import { gunzipSync } from "node:zlib";

// packages/oci/lib/internal/tar.js
import { createHash as createHash2 } from "node:crypto";
import { open } from "node:fs/promises";

// packages/oci/lib/internal/hash-worker.js
import { Worker } from "node:worker_threads";
var WORKER = `
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
function hashSegments(segments) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { segments: segments.map((s) => "data" in s ? { data: new Uint8Array(s.data) } : s) } });
    worker.once("message", (m) => {
      void worker.terminate();
      if (m.digest)
        resolve(m.digest);
      else
        reject(new Error(m.error ?? "hash worker failed"));
    });
    worker.once("error", reject);
  });
}

// packages/oci/lib/internal/tar.js
var BLOCK = 512;
var READ_CHUNK = 4 * 1024 * 1024;
var DeterministicTar = class {
  options;
  entries;
  size;
  constructor(entries, options) {
    this.options = options;
    const seen = /* @__PURE__ */ new Set();
    const normalised = [];
    for (const e of entries) {
      const p = normalisePath(e.path);
      if (seen.has(p))
        continue;
      seen.add(p);
      normalised.push({ ...e, path: p });
    }
    normalised.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    this.entries = normalised;
    let size = 0;
    for (const e of normalised) {
      size += headerBlocks(e, options).length;
      if (e.type === "file")
        size += padded(e.size);
    }
    this.size = size + 2 * BLOCK;
  }
  /** The tar bytes, in order, read from disk as they are needed. */
  async *chunks() {
    for (const e of this.entries) {
      yield headerBlocks(e, this.options);
      if (e.type !== "file")
        continue;
      if ("data" in e.source) {
        if (e.source.data.length !== e.size)
          throw new Error(`${e.path}: expected ${e.size} bytes, got ${e.source.data.length}`);
        yield e.source.data;
      } else {
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
      if (e.type !== "file")
        continue;
      out.push("data" in e.source ? { data: e.source.data } : { file: e.source.file, size: e.size });
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
    const hash = createHash2("sha256");
    let n = 0;
    for await (const c of this.chunks()) {
      hash.update(c);
      n += c.length;
    }
    if (n !== this.size)
      throw new Error(`tar size drifted: computed ${this.size}, wrote ${n}`);
    return `sha256:${hash.digest("hex")}`;
  }
};
var WORKER_THRESHOLD = 4 * 1024 * 1024;
function normalisePath(p) {
  const parts = p.split("/").filter((s) => s !== "" && s !== ".");
  if (parts.length === 0 || parts.includes(".."))
    throw new Error(`invalid path in layer: "${p}"`);
  return parts.join("/");
}
function parentDirs(paths) {
  const dirs = /* @__PURE__ */ new Set();
  for (const p of paths) {
    const parts = normalisePath(p).split("/");
    for (let i = 1; i < parts.length; i++)
      dirs.add(parts.slice(0, i).join("/"));
  }
  return [...dirs].map((d) => ({ type: "dir", path: d }));
}
async function* readExactly(file, size) {
  const fh = await open(file, "r");
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
  } finally {
    await fh.close();
  }
}
function padded(n) {
  return Math.ceil(n / BLOCK) * BLOCK;
}
function modeOf(e) {
  if (e.type === "dir")
    return 493;
  if (e.type === "symlink")
    return 511;
  return e.mode !== void 0 && (e.mode & 73) !== 0 ? 493 : 420;
}
var OCTAL_SIZE_MAX = 8589934591;
function headerBlocks(e, o) {
  const name = e.type === "dir" ? `${e.path}/` : e.path;
  const size = e.type === "file" ? e.size : 0;
  const split = splitUstarName(name);
  const pax = [];
  if (!split)
    pax.push(["path", name]);
  if (size > OCTAL_SIZE_MAX)
    pax.push(["size", String(size)]);
  const link = e.type === "symlink" ? e.target : "";
  if (link.length > 100 || Buffer.byteLength(link) !== link.length)
    pax.push(["linkpath", link]);
  const blocks = [];
  if (pax.length > 0) {
    const body = Buffer.from(pax.map(([k, v]) => paxRecord(k, v)).join(""), "utf8");
    blocks.push(ustarHeader({ name: "PaxHeaders/entry", prefix: "", size: body.length, mode: 420, mtime: o.mtime, type: "x" }));
    blocks.push(Buffer.concat([body, Buffer.alloc(padded(body.length) - body.length)]));
  }
  const fallback = split ?? { name: name.slice(-100).replace(/^\/+/, ""), prefix: "" };
  blocks.push(ustarHeader({
    name: fallback.name,
    prefix: fallback.prefix,
    size: size > OCTAL_SIZE_MAX ? 0 : size,
    mode: modeOf(e),
    mtime: o.mtime,
    type: e.type === "dir" ? "5" : e.type === "symlink" ? "2" : "0",
    linkname: link.length <= 100 && Buffer.byteLength(link) === link.length ? link : ""
  }));
  return Buffer.concat(blocks);
}
function splitUstarName(name) {
  if (Buffer.byteLength(name) !== name.length)
    return void 0;
  if (name.length <= 100)
    return { name, prefix: "" };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== "/")
      continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (prefix.length <= 155 && rest.length <= 100 && rest.length > 0)
      return { name: rest, prefix };
  }
  return void 0;
}
function paxRecord(key, value) {
  const body = ` ${key}=${value}
`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len)
    len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}
function ustarHeader(h) {
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100, "utf8");
  writeOctal(b, h.mode, 100, 8);
  writeOctal(b, 0, 108, 8);
  writeOctal(b, 0, 116, 8);
  writeOctal(b, h.size, 124, 12);
  writeOctal(b, h.mtime, 136, 12);
  b.fill(" ", 148, 156);
  b.write(h.type, 156, 1, "ascii");
  if (h.linkname)
    b.write(h.linkname, 157, 100, "ascii");
  b.write("ustar\x0000", 257, 8, "ascii");
  writeOctal(b, 0, 329, 8);
  writeOctal(b, 0, 337, 8);
  b.write(h.prefix, 345, 155, "utf8");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++)
    sum += b[i];
  b.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return b;
}
function writeOctal(b, value, offset, length) {
  b.write(`${value.toString(8).padStart(length - 1, "0")}\0`, offset, length, "ascii");
}

// packages/oci/lib/internal/read-tar.js
var BLOCK2 = 512;
function field(b, offset, length) {
  const raw = b.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}
function octal(b, offset, length) {
  if ((b[offset] & 128) !== 0) {
    let n = 0;
    for (let i = offset + 1; i < offset + length; i++)
      n = n * 256 + b[i];
    return n;
  }
  const text = field(b, offset, length).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}
function paxRecords(body) {
  const out = /* @__PURE__ */ new Map();
  let i = 0;
  while (i < body.length) {
    const space = body.indexOf(32, i);
    if (space === -1)
      break;
    const len = Number(body.subarray(i, space).toString("ascii"));
    if (!Number.isInteger(len) || len <= 0)
      break;
    const kv = body.subarray(space + 1, i + len - 1).toString("utf8");
    const eq = kv.indexOf("=");
    if (eq > 0)
      out.set(kv.slice(0, eq), kv.slice(eq + 1));
    i += len;
  }
  return out;
}
function readTarEntries(archive) {
  const data = archive.length > 2 && archive[0] === 31 && archive[1] === 139 ? gunzipSync(archive) : archive;
  const entries = /* @__PURE__ */ new Map();
  let offset = 0;
  let pax = /* @__PURE__ */ new Map();
  let longName;
  let longLink;
  while (offset + BLOCK2 <= data.length) {
    const header2 = data.subarray(offset, offset + BLOCK2);
    if (header2.every((byte) => byte === 0))
      break;
    const type = String.fromCharCode(header2[156]) || "0";
    const prefix = field(header2, 345, 155);
    const name = longName ?? pax.get("path") ?? (prefix ? `${prefix}/${field(header2, 0, 100)}` : field(header2, 0, 100));
    const size = pax.has("size") ? Number(pax.get("size")) : octal(header2, 124, 12);
    const body = data.subarray(offset + BLOCK2, offset + BLOCK2 + size);
    offset += BLOCK2 + Math.ceil(size / BLOCK2) * BLOCK2;
    if (type === "x") {
      pax = paxRecords(body);
      continue;
    }
    if (type === "L" || type === "K") {
      const text = body.toString("utf8").replace(/\0+$/, "");
      if (type === "L")
        longName = text;
      else
        longLink = text;
      continue;
    }
    const link = longLink ?? pax.get("linkpath") ?? field(header2, 157, 100);
    pax = /* @__PURE__ */ new Map();
    longName = void 0;
    longLink = void 0;
    if (type === "g")
      continue;
    const parts = name.split("/").filter((s) => s !== "" && s !== ".");
    if (parts.length === 0)
      continue;
    const path9 = normalisePath(name);
    const mode = octal(header2, 100, 8);
    if (type === "5")
      entries.set(path9, { type: "dir", path: path9 });
    else if (type === "2")
      entries.set(path9, { type: "symlink", path: path9, target: link });
    else if (type === "1") {
      const target = entries.get(normalisePath(link));
      if (target?.type === "file")
        entries.set(path9, { ...target, path: path9 });
    } else if (type === "0" || type === "7" || type === "\0") {
      entries.set(path9, { type: "file", path: path9, size, mode, source: { data: Buffer.from(body) } });
    }
  }
  return [...entries.values()];
}

// packages/oci/lib/internal/layers.js
var LAYER_MTIME = 0;
var CACHE_FORMAT = 2;
async function collectFiles(spec, baseDir) {
  const source = path.resolve(baseDir, spec.source);
  const s = await stat(source).catch(() => void 0);
  if (!s)
    throw new MissingSourceError(spec.source, source);
  const dest = normalisePath(spec.dest);
  if (s.isFile()) {
    const inImage = spec.dest.endsWith("/") ? `${dest}/${path.basename(source)}` : dest;
    return [{ path: inImage, file: source, size: s.size, mode: s.mode }];
  }
  const out = [];
  const walk = async (dir, rel) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name < b.name ? -1 : 1)) {
      if (e.name === ".git")
        continue;
      const full = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory())
        await walk(full, r);
      else if (e.isFile()) {
        const fs = await stat(full);
        out.push({ path: `${dest}/${r}`, file: full, size: fs.size, mode: fs.mode });
      }
    }
  };
  await walk(source, "");
  return out;
}
var MissingSourceError = class extends Error {
  spec;
  resolved;
  name = "MissingSourceError";
  constructor(spec, resolved) {
    super(`"${spec}" does not exist (looked at ${resolved})`);
    this.spec = spec;
    this.resolved = resolved;
  }
};
async function planAppLayer(specs, baseDir) {
  const files = (await Promise.all(specs.map((s) => collectFiles(s, baseDir)))).flat();
  if (files.length === 0)
    return void 0;
  const entries = [
    ...parentDirs(files.map((f) => f.path)),
    ...files.map((f) => ({ type: "file", path: f.path, size: f.size, mode: f.mode, source: { file: f.file } }))
  ];
  return { kind: "app", name: "app", tar: new DeterministicTar(entries, { mtime: LAYER_MTIME }) };
}
async function planRootfsLayer(source, baseDir) {
  const root = path.resolve(baseDir, source);
  const s = await stat(root).catch(() => void 0);
  if (!s)
    throw new MissingSourceError(source, root);
  if (s.isFile() && /\.(tar|tar\.gz|tgz)$/.test(root)) {
    return { kind: "base", name: "rootfs", tar: new DeterministicTar(readTarEntries(await readFile(root)), { mtime: LAYER_MTIME }) };
  }
  if (!s.isDirectory())
    throw new UserError(`build.rootfs: "${source}" is neither a folder nor a .tar, .tar.gz or .tgz file`, {
      hint: "point it at a folder laid out as the image's root, or a tarball of one"
    });
  const entries = [];
  const walk = async (dir, rel) => {
    const list = await readdir(dir, { withFileTypes: true });
    for (const e of list.sort((a, b) => a.name < b.name ? -1 : 1)) {
      const full = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink())
        entries.push({ type: "symlink", path: r, target: await readlink(full) });
      else if (e.isDirectory()) {
        entries.push({ type: "dir", path: r });
        await walk(full, r);
      } else if (e.isFile()) {
        const fs = await lstat(full);
        entries.push({ type: "file", path: r, size: fs.size, mode: fs.mode, source: { file: full } });
      }
    }
  };
  await walk(root, "");
  return { kind: "base", name: "rootfs", tar: new DeterministicTar(entries, { mtime: LAYER_MTIME }) };
}
async function planWeightLayers(specs, baseDir) {
  const files = (await Promise.all(specs.map((s) => collectFiles(s, baseDir)))).flat().filter((f) => !f.path.endsWith(".dvc"));
  return files.map((f) => ({
    kind: "weight",
    name: f.path,
    tar: new DeterministicTar([...parentDirs([f.path]), { type: "file", path: f.path, size: f.size, mode: f.mode, source: { file: f.file } }], {
      mtime: LAYER_MTIME
    })
  }));
}
var LayerCache = class {
  file;
  data = { version: CACHE_FORMAT, layers: {} };
  dirty = false;
  constructor(file) {
    this.file = file;
  }
  async load() {
    if (!this.file)
      return;
    const text = await readFile(this.file, "utf8").catch(() => void 0);
    if (!text)
      return;
    try {
      const parsed = JSON.parse(text);
      if (parsed.version === CACHE_FORMAT && parsed.layers)
        this.data = parsed;
    } catch {
    }
  }
  /** Fills `layer.digest` from the cache when the weight is unchanged, without reading it. */
  async resolve(layer) {
    const entry = layer.tar.entries.find((e) => e.type === "file");
    if (!entry || entry.type !== "file" || !("file" in entry.source))
      return;
    const file = entry.source.file;
    const s = await stat(file);
    const where = `${entry.path}:${(entry.mode ?? 0) & 73 ? 755 : 644}`;
    const md5 = await md5FromPointer(file, s.size);
    layer.cacheKey = md5 ? `md5:${md5}:${s.size}:${where}` : `stat:${file}:${s.size}:${s.mtimeMs}:${s.ino}:${where}`;
    const hit = this.data.layers[layer.cacheKey];
    if (hit && hit.size === layer.tar.size) {
      layer.digest = hit.digest;
      layer.digestSource = "cache";
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
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(this.data)}
`);
    await rename(tmp, this.file);
  }
};
async function md5FromPointer(file, size) {
  const text = await readFile(`${file}.dvc`, "utf8").catch(() => void 0);
  if (!text)
    return void 0;
  try {
    const doc = (0, import_yaml.parse)(text);
    const out = doc.outs?.find((o) => o.path === path.basename(file));
    if (out?.md5 && /^[0-9a-f]{32}$/.test(out.md5) && out.size === size)
      return out.md5;
  } catch {
    return void 0;
  }
  return void 0;
}

// packages/oci/lib/internal/layout.js
import { createHash as createHash3 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir2, readFile as readFile2, rename as rename2, rm, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import path2 from "node:path";
import { finished } from "node:stream/promises";
var OciLayout = class {
  dir;
  constructor(dir) {
    this.dir = dir;
  }
  blobPath(digest) {
    const [algo, hex] = digest.split(":");
    return path2.join(this.dir, "blobs", algo ?? "sha256", hex ?? "");
  }
  /** True when the blob is there with the expected size. */
  async has(digest, size) {
    const s = await stat2(this.blobPath(digest)).catch(() => void 0);
    return s?.size === size;
  }
  /** Writes a blob through a temp file, checking its digest before it gets its name. Returns bytes written. */
  async writeBlob(digest, size, source) {
    if (await this.has(digest, size))
      return 0;
    const target = this.blobPath(digest);
    await mkdir2(path2.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    const hash = createHash3("sha256");
    const out = createWriteStream(tmp);
    try {
      const chunks = Buffer.isBuffer(source) ? [source] : source;
      for await (const c of chunks) {
        hash.update(c);
        if (!out.write(c))
          await new Promise((r) => out.once("drain", () => r()));
      }
      out.end();
      await finished(out);
      const actual = `sha256:${hash.digest("hex")}`;
      if (actual !== digest)
        throw new Error(`blob written as ${actual}, expected ${digest}`);
      await rename2(tmp, target);
    } catch (error) {
      out.destroy();
      await rm(tmp, { force: true });
      throw error;
    }
    return size;
  }
  /** Adds (or replaces) a manifest in index.json under the tag `ref`. */
  async tag(descriptor, ref) {
    await mkdir2(this.dir, { recursive: true });
    await writeFile2(path2.join(this.dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}\n');
    const indexFile = path2.join(this.dir, "index.json");
    const index = await readFile2(indexFile, "utf8").then((t) => JSON.parse(t)).catch(() => ({}));
    const manifests = (index.manifests ?? []).filter((m) => m.annotations?.["org.opencontainers.image.ref.name"] !== ref);
    manifests.push({ ...descriptor, annotations: { ...descriptor.annotations, "org.opencontainers.image.ref.name": ref } });
    manifests.sort((a, b) => (a.annotations?.["org.opencontainers.image.ref.name"] ?? "").localeCompare(b.annotations?.["org.opencontainers.image.ref.name"] ?? ""));
    const tmp = `${indexFile}.${process.pid}.tmp`;
    await writeFile2(tmp, `${JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests }, null, 2)}
`);
    await rename2(tmp, indexFile);
  }
};

// packages/oci/lib/internal/reference.js
var COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
var InvalidReferenceError = class extends Error {
  name = "InvalidReference";
};
function parseReference(text) {
  const input = text.trim();
  if (input === "")
    throw new InvalidReferenceError("an image reference is empty");
  let rest = input;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw new InvalidReferenceError(`"${input}": digest "${digest}" is not sha256:<64 lowercase hex digits>`);
  }
  let tag;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw new InvalidReferenceError(`"${input}": tag "${tag}" is not valid (letters, digits, _ . -, at most 128, not starting with . or -)`);
  }
  const parts = rest.split("/");
  let registry = "docker.io";
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first;
    parts.shift();
    if (!HOST.test(registry))
      throw new InvalidReferenceError(`"${input}": registry host "${registry}" is not a valid host[:port]`);
  }
  if (registry === "index.docker.io" || registry === "registry-1.docker.io")
    registry = "docker.io";
  if (registry === "docker.io" && parts.length === 1)
    parts.unshift("library");
  for (const p of parts) {
    if (!COMPONENT.test(p)) {
      throw new InvalidReferenceError(`"${input}": repository component "${p}" must be lowercase letters and digits, separated by . _ __ or -`);
    }
  }
  const repository = parts.join("/");
  if (repository.length > 255)
    throw new InvalidReferenceError(`"${input}": repository name is longer than 255 characters`);
  const ref = { registry, repository };
  if (tag !== void 0)
    ref.tag = tag;
  if (digest !== void 0)
    ref.digest = digest;
  return ref;
}
function formatReference(ref) {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}
function apiHost(registry) {
  return registry === "docker.io" ? "registry-1.docker.io" : registry;
}
function registryBaseUrl(registry, insecure = []) {
  const host = apiHost(registry);
  const bare = host.replace(/:\d+$/, "");
  const plain = insecure.includes(host) || bare === "localhost" || bare === "127.0.0.1" || bare === "[::1]";
  return `${plain ? "http" : "https"}://${host}`;
}
function isValidTag(tag) {
  return TAG.test(tag);
}

// packages/oci/lib/internal/assemble.js
async function assemble(spec, targets) {
  const concurrency = targets.concurrency ?? 4;
  const base = await resolveBase(spec, targets);
  const cache = new LayerCache(targets.cacheFile);
  await cache.load();
  const planned = [];
  try {
    if (spec.rootfs)
      planned.push(await planRootfsLayer(spec.rootfs, targets.baseDir));
    const app = await planAppLayer(spec.app, targets.baseDir);
    if (app)
      planned.push(app);
    planned.push(...await planWeightLayers(spec.weights, targets.baseDir));
  } catch (error) {
    if (error instanceof MissingSourceError) {
      throw new UserError(`build: file to copy into the image ${error.message}`, {
        hint: "fix the path in build.rootfs / build.app / build.weights (relative to slipway.yml)"
      });
    }
    if (error instanceof Error && /invalid path in layer/.test(error.message))
      throw new UserError(`build: ${error.message}`, { hint: "destinations must stay inside the image" });
    throw error;
  }
  let read = 0;
  await mapLimit(planned, concurrency, async (layer) => {
    if (layer.kind === "weight")
      await cache.resolve(layer);
    if (layer.digest)
      return;
    layer.digest = await layer.tar.digest();
    layer.digestSource = "hashed";
    read += layer.tar.size;
    if (layer.kind === "weight")
      cache.remember(layer);
  });
  await cache.save();
  const platform = parsePlatform(spec.platform);
  const ours = planned.map((l) => ({ mediaType: MEDIA.layerTar, digest: l.digest, size: l.tar.size }));
  const config = imageConfig(spec, base, planned, platform);
  const configBlob = jsonBlob(MEDIA.config, config);
  const annotations = { "org.opencontainers.image.created": spec.created, ...spec.annotations };
  if (base.ref && base.digest) {
    annotations["org.opencontainers.image.base.name"] = formatReference({
      registry: base.ref.registry,
      repository: base.ref.repository,
      ...base.ref.tag ? { tag: base.ref.tag } : {}
    });
    annotations["org.opencontainers.image.base.digest"] = base.digest;
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: configBlob.descriptor,
    layers: [...base.layers, ...ours],
    annotations
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
        if (size !== void 0) {
          bytes.skipped += d.size;
          return report({ kind: "base", name: shortName(d), digest: d.digest, size: d.size, action: "skipped", read: false });
        }
        if (base.ref && base.ref.registry === ref.registry && await client.mountBlob(repo, d.digest, base.ref.repository)) {
          bytes.mounted += d.size;
          return report({ kind: "base", name: shortName(d), digest: d.digest, size: d.size, action: "mounted", read: false });
        }
        if (!base.ref || !targets.baseClient)
          throw new Error(`base layer ${d.digest} has no registry to come from`);
        const from = targets.baseClient(base.ref.registry);
        const source = base.ref;
        await client.uploadBlob(repo, { digest: d.digest, size: d.size, read: (offset) => streamFrom(from, source.repository, d.digest, offset) });
        bytes.uploaded += d.size;
        return report({ kind: "base", name: shortName(d), digest: d.digest, size: d.size, action: "copied", read: false });
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
          action: "skipped",
          read: l.digestSource === "hashed",
          files: filesOf(l)
        };
        if (await client.blobSize(repo, digest) !== void 0) {
          bytes.skipped += l.tar.size;
          return report(r);
        }
        const sent = await client.uploadBlob(repo, tarSource(l, digest));
        bytes.uploaded += sent;
        r.read = true;
        r.action = "uploaded";
        report(r);
      });
    }
    jobs.push(async () => {
      const d = configBlob.descriptor;
      if (await client.blobSize(repo, d.digest) === void 0) {
        await client.uploadBlob(repo, bufferSource(d.digest, configBlob.bytes));
        bytes.uploaded += d.size;
      }
    });
    await mapLimit(jobs, concurrency, (job) => job());
    await client.putManifest(repo, manifestBlob.descriptor.digest, manifestBlob.bytes, MEDIA.manifest);
    for (const tag of targets.push.tags)
      await client.putManifest(repo, tag, manifestBlob.bytes, MEDIA.manifest);
  }
  if (targets.layout) {
    const layout = new OciLayout(targets.layout.dir);
    for (const d of base.layers) {
      if (!await layout.has(d.digest, d.size)) {
        if (!base.ref || !targets.baseClient)
          throw new Error(`base layer ${d.digest} is needed for the layout but no registry can serve it`);
        await layout.writeBlob(d.digest, d.size, await targets.baseClient(base.ref.registry).getBlob(base.ref.repository, d.digest));
      }
      if (!targets.push)
        report({ kind: "base", name: shortName(d), digest: d.digest, size: d.size, action: "written", read: false });
    }
    await mapLimit(planned, concurrency, async (l) => {
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
          action: present ? "present" : "written",
          read: !present || l.digestSource === "hashed",
          files: filesOf(l)
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
  return l.tar.entries.flatMap((e) => e.type === "file" ? [{ path: e.path, size: e.size, ..."file" in e.source ? { source: e.source.file } : {} }] : []);
}
function shortName(d) {
  return `base ${d.digest.slice(7, 19)}`;
}
function tarSource(layer, digest) {
  return {
    digest,
    size: layer.tar.size,
    read: (offset) => skip(layer.tar.chunks(), offset)
  };
}
function bufferSource(digest, data) {
  return {
    digest,
    size: data.length,
    read: (offset) => (async function* () {
      yield data.subarray(offset);
    })()
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
  if (spec.base === "scratch" || spec.base === "")
    return { layers: [] };
  let ref;
  try {
    ref = parseReference(spec.base);
  } catch (error) {
    throw new UserError(`build.base: ${error.message}`, { hint: "write it as registry/repository:tag or @sha256:\u2026, or `scratch`" });
  }
  if (!targets.baseClient)
    throw new UserError(`build.base "${spec.base}" needs a registry, but none can be reached here`);
  const client = targets.baseClient(ref.registry);
  const wanted = parsePlatform(spec.platform);
  let manifest = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? "latest");
  if (!manifest) {
    throw new UserError(`build.base: ${formatReference(ref)} does not exist`, {
      hint: "check the name and tag, or push the base image to that registry first"
    });
  }
  if (manifest.mediaType === MEDIA.index || manifest.mediaType === MEDIA.dockerList) {
    const index = JSON.parse(manifest.body.toString("utf8"));
    const pick2 = index.manifests.find((m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture);
    if (!pick2)
      throw new UserError(`build.base: ${formatReference(ref)} has no ${wanted.os}/${wanted.architecture} image`, { hint: "set build.platform to one it has" });
    manifest = await client.getManifest(ref.repository, pick2.digest);
    if (!manifest)
      throw new UserError(`build.base: ${formatReference(ref)} lists ${pick2.digest}, which the registry does not have`);
  }
  const parsed = JSON.parse(manifest.body.toString("utf8"));
  const config = JSON.parse((await client.getBlob(ref.repository, parsed.config.digest)).toString("utf8"));
  const layers = parsed.layers.map((l) => ({ mediaType: dockerToOci(l.mediaType), digest: l.digest, size: l.size }));
  return { ref, layers, config, digest: manifest.digest };
}
function dockerToOci(mediaType) {
  if (mediaType === "application/vnd.docker.image.rootfs.diff.tar.gzip")
    return MEDIA.layerGzip;
  return mediaType;
}
function imageConfig(spec, base, layers, platform) {
  const inherited = base.config?.config ?? {};
  const env = /* @__PURE__ */ new Map();
  for (const e of inherited.Env ?? []) {
    const eq = e.indexOf("=");
    env.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? "" : e.slice(eq + 1));
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
      runtime.ExposedPorts[p.includes("/") ? p : `${p}/tcp`] = {};
  }
  const labels = { ...inherited.Labels, ...spec.labels };
  if (Object.keys(labels).length > 0)
    runtime.Labels = labels;
  const history = [
    ...base.config?.history ?? [],
    ...layers.map((l) => ({
      created: spec.created,
      created_by: l.kind === "app" ? "slipway assemble: app files" : l.kind === "base" ? "slipway assemble: rootfs" : `slipway assemble: weight ${l.name}`,
      comment: "slipway"
    }))
  ];
  return {
    created: spec.created,
    architecture: platform.architecture,
    os: platform.os,
    ...platform.variant ? { variant: platform.variant } : {},
    config: runtime,
    rootfs: { type: "layers", diff_ids: [...base.config?.rootfs?.diff_ids ?? [], ...layers.map((l) => l.digest)] },
    history
  };
}

// packages/oci/lib/internal/build.js
import { createHash as createHash6 } from "node:crypto";
import { readdir as readdir2, readFile as readFile6, stat as stat3 } from "node:fs/promises";
import os2 from "node:os";
import path6 from "node:path";

// packages/oci/lib/internal/buildah.js
import { mkdtemp, readFile as readFile3, rm as rm2, writeFile as writeFile3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import path3 from "node:path";
function buildahBudArgs(b, o, localTag) {
  const args = [...globalArgs(o), "bud", "--isolation", o.isolation ?? "chroot", "--layers", "--timestamp", String(b.timestamp), "--format", "oci"];
  args.push("--file", b.dockerfile, "--tag", localTag);
  if (b.platform)
    args.push("--platform", b.platform);
  for (const [k, v] of Object.entries(b.labels).sort())
    args.push("--label", `${k}=${v}`);
  for (const [k, v] of Object.entries(b.buildArgs ?? {}).sort())
    args.push("--build-arg", `${k}=${v}`);
  args.push(b.context);
  return args;
}
function globalArgs(o) {
  return ["--storage-driver", o.storageDriver ?? "vfs", "--root", o.root, "--runroot", o.runroot];
}
async function buildahBuild(b, o) {
  const localTag = `localhost/slipway-build:${process.pid}-${Date.now()}`;
  const bud = await o.exec(o.bin ?? "buildah", buildahBudArgs(b, o, localTag), o.log ? { onLine: o.log } : {});
  if (bud.code === 127)
    throw new UserError("build: buildah is not installed", { hint: "install it (`apt-get install buildah`) or use engine: assemble" });
  if (bud.code !== 0)
    throw new UserError(`build: buildah bud failed (exit ${bud.code}): ${lastLine(bud.stderr || bud.stdout)}`, { hint: `check ${b.dockerfile}` });
  const tmp = await mkdtemp(path3.join(tmpdir(), "slipway-buildah-"));
  try {
    let digest = "";
    const digestFile = path3.join(tmp, "digest");
    const pushOne = async (dest, extra) => {
      const r = await o.exec(o.bin ?? "buildah", [...globalArgs(o), "push", "--digestfile", digestFile, ...extra, localTag, dest], o.log ? { onLine: o.log } : {});
      if (r.code !== 0)
        throw new UserError(`build: buildah push to ${dest.replace(/^docker:\/\//, "")} failed (exit ${r.code}): ${lastLine(r.stderr || r.stdout)}`);
      digest = (await readFile3(digestFile, "utf8")).trim();
    };
    if (b.push) {
      const extra = [];
      if (b.push.insecure)
        extra.push("--tls-verify=false");
      if (b.push.credentials?.password) {
        const authFile = path3.join(tmp, "auth.json");
        const auth = Buffer.from(`${b.push.credentials.username ?? ""}:${b.push.credentials.password}`).toString("base64");
        await writeFile3(authFile, JSON.stringify({ auths: { [apiHost(b.push.ref.registry)]: { auth } } }), { mode: 384 });
        extra.push("--authfile", authFile);
      }
      for (const tag of b.push.tags)
        await pushOne(`docker://${formatReference({ registry: b.push.ref.registry, repository: b.push.ref.repository, tag })}`, extra);
    }
    if (b.layout)
      for (const tag of b.layout.tags)
        await pushOne(`oci:${b.layout.dir}:${tag}`, []);
    return digest;
  } finally {
    await rm2(tmp, { recursive: true, force: true });
    await o.exec(o.bin ?? "buildah", [...globalArgs(o), "rmi", localTag]).catch(() => void 0);
  }
}
function lastLine(text) {
  return (text.trim().split("\n").filter((l) => l.trim()).at(-1) ?? "").slice(0, 400);
}

// packages/oci/lib/internal/buildx.js
import { mkdtemp as mkdtemp2, readFile as readFile4, rm as rm3 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path4 from "node:path";
function buildxArgs(b, o, metadataFile) {
  const args = ["buildx", "build", "--file", b.dockerfile, "--metadata-file", metadataFile, "--provenance=false"];
  args.push("--build-arg", `SOURCE_DATE_EPOCH=${b.timestamp}`);
  if (b.platform)
    args.push("--platform", b.platform);
  for (const tag of b.push?.tags ?? [])
    args.push("--tag", formatReference({ registry: b.push?.ref.registry ?? "", repository: b.push?.ref.repository ?? "", tag }));
  for (const [k, v] of Object.entries(b.labels).sort())
    args.push("--label", `${k}=${v}`);
  for (const [k, v] of Object.entries(b.buildArgs ?? {}).sort())
    args.push("--build-arg", `${k}=${v}`);
  if (o.ghaCache) {
    const scope = o.ghaCache.scope ? `,scope=${o.ghaCache.scope}` : "";
    args.push("--cache-from", `type=gha${scope}`, "--cache-to", `type=gha,mode=max${scope}`);
  }
  const outputs = [];
  if (b.push)
    outputs.push("type=image,push=true,rewrite-timestamp=true");
  if (b.layout)
    outputs.push(`type=oci,dest=${b.layout.dir}.tar,rewrite-timestamp=true`);
  for (const out of outputs)
    args.push("--output", out);
  args.push(b.context);
  return args;
}
async function dockerDaemonAnswers(exec, bin = "docker", timeoutMs = 5e3) {
  const r = await exec(bin, ["info", "--format", "{{.ServerVersion}}"], { timeoutMs });
  return r.code === 0 && r.stdout.trim() !== "";
}
async function buildxBuild(b, o) {
  const tmp = await mkdtemp2(path4.join(tmpdir2(), "slipway-buildx-"));
  try {
    const metadata = path4.join(tmp, "metadata.json");
    const r = await o.exec(o.bin ?? "docker", buildxArgs(b, o, metadata), o.log ? { onLine: o.log } : {});
    if (r.code !== 0)
      throw new UserError(`build: docker buildx build failed (exit ${r.code}): ${r.stderr.trim().split("\n").at(-1) ?? ""}`, { hint: `check ${b.dockerfile}` });
    const meta = JSON.parse(await readFile4(metadata, "utf8"));
    return String(meta["containerimage.digest"] ?? "");
  } finally {
    await rm3(tmp, { recursive: true, force: true });
  }
}

// packages/oci/lib/internal/cosign.js
function cosignArgs(o) {
  const args = ["sign", "--yes"];
  if (o.env.COSIGN_KEY)
    args.push("--key", o.env.COSIGN_KEY);
  else if (!o.env.ACTIONS_ID_TOKEN_REQUEST_URL)
    return void 0;
  if (o.insecure)
    args.push("--allow-insecure-registry", "--allow-http-registry");
  args.push(o.image);
  return args;
}
async function signImage(o) {
  const args = cosignArgs(o);
  if (!args)
    return { signed: false, reason: "no COSIGN_KEY and no OIDC token (give the job `id-token: write`)" };
  const version = await o.exec(o.bin ?? "cosign", ["version"], { env: o.env, timeoutMs: 1e4 });
  if (version.code !== 0)
    return { signed: false, reason: "cosign is not installed" };
  const r = await o.exec(o.bin ?? "cosign", args, { env: o.env, timeoutMs: 12e4 });
  if (r.code !== 0)
    return { signed: false, reason: `cosign sign failed (exit ${r.code}): ${r.stderr.trim().split("\n").at(-1) ?? ""}` };
  return { signed: true, mode: o.env.COSIGN_KEY ? "key" : "keyless" };
}

// packages/oci/lib/internal/credentials.js
import { readFile as readFile5 } from "node:fs/promises";
import os from "node:os";
import path5 from "node:path";
async function findCredentials(registry, options = {}) {
  const env = options.env ?? process.env;
  const ex = options.explicit;
  if (ex?.password !== void 0 && ex.password !== "")
    return { username: ex.username ?? "token", password: ex.password, source: "inputs" };
  const fromFile = await fromDockerConfig(registry, env);
  if (fromFile)
    return fromFile;
  if (registry === "ghcr.io" && env.GITHUB_TOKEN) {
    return { username: env.GITHUB_ACTOR || "x-access-token", password: env.GITHUB_TOKEN, source: "GITHUB_TOKEN" };
  }
  return void 0;
}
async function fromDockerConfig(registry, env) {
  const dir = env.DOCKER_CONFIG || path5.join(env.HOME || os.homedir(), ".docker");
  const file = path5.join(dir, "config.json");
  let config;
  try {
    config = JSON.parse(await readFile5(file, "utf8"));
  } catch {
    return void 0;
  }
  const keys = registry === "docker.io" ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"] : [registry];
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    const host = key.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
    if (!keys.includes(key) && !keys.includes(host))
      continue;
    const source = `${file} (auths."${key}")`;
    if (entry.identitytoken)
      return { identityToken: entry.identitytoken, ...entry.username ? { username: entry.username } : {}, source };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0)
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
    }
    if (entry.username && entry.password)
      return { username: entry.username, password: entry.password, source };
  }
  return void 0;
}
function parseChallenge(value) {
  const space = value.indexOf(" ");
  const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  const params = {};
  const re = /([a-zA-Z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  const rest = space < 0 ? "" : value.slice(space + 1);
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    params[m[1].toLowerCase()] = m[2] !== void 0 ? m[2].replace(/\\(.)/g, "$1") : m[3] ?? "";
  }
  return { scheme, params };
}

// packages/oci/lib/internal/exec.js
import { spawn } from "node:child_process";
var execFile = (command, args, options = {}) => new Promise((resolve) => {
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let partial = "";
  const line = (chunk) => {
    if (!options.onLine)
      return;
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const l of lines)
      options.onLine(l);
  };
  child.stdout.on("data", (c) => {
    stdout += c.toString();
    line(c.toString());
  });
  child.stderr.on("data", (c) => {
    stderr += c.toString();
    line(c.toString());
  });
  const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : void 0;
  child.once("error", (e) => {
    if (timer)
      clearTimeout(timer);
    resolve({ code: 127, stdout, stderr: `${stderr}${e.message}` });
  });
  child.once("close", (code) => {
    if (timer)
      clearTimeout(timer);
    resolve({ code, stdout, stderr });
  });
});

// packages/oci/lib/internal/registry.js
import { createHash as createHash4 } from "node:crypto";

// packages/oci/lib/internal/http.js
import http from "node:http";
import https from "node:https";
var agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 })
};
function send(req) {
  const url = new URL(req.url);
  const lib = url.protocol === "https:" ? https : http;
  const headers = { ...req.headers };
  if (Buffer.isBuffer(req.body))
    headers["content-length"] = String(req.body.length);
  return new Promise((resolve, reject) => {
    const r = lib.request(url, { method: req.method, headers, agent: url.protocol === "https:" ? agents.https : agents.http, timeout: req.timeoutMs ?? 12e4 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    r.on("timeout", () => r.destroy(Object.assign(new Error(`${req.method} ${url.origin}${url.pathname} timed out`), { code: "ETIMEDOUT" })));
    r.on("error", reject);
    const body = req.body;
    if (body === void 0) {
      r.end();
    } else if (Buffer.isBuffer(body)) {
      r.end(body);
    } else {
      void pump(body(), r).catch((e) => r.destroy(e instanceof Error ? e : new Error(String(e))));
    }
  });
}
async function pump(source, r) {
  for await (const chunk of source) {
    if (!r.write(chunk))
      await new Promise((resolve, reject) => {
        const onError = (e) => reject(e);
        r.once("drain", () => {
          r.off("error", onError);
          resolve();
        });
        r.once("error", onError);
      });
  }
  r.end();
}
function header(res, name) {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
function openStream(url, headers = {}) {
  const u = new URL(url);
  const lib = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const r = lib.request(u, { method: "GET", headers, agent: u.protocol === "https:" ? agents.https : agents.http, timeout: 12e4 }, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
    r.on("timeout", () => r.destroy(Object.assign(new Error(`GET ${u.origin}${u.pathname} timed out`), { code: "ETIMEDOUT" })));
    r.on("error", reject);
    r.end();
  });
}

// packages/oci/lib/internal/registry.js
var RegistryError = class extends UserError {
  name = "RegistryError";
};
var SINGLE_POST_MAX = 1024 * 1024;
var GHCR_MAX_CHUNK = 4 * 1024 * 1024;
var MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json"
].join(", ");
var RegistryClient = class {
  options;
  base;
  tokens = /* @__PURE__ */ new Map();
  challenge;
  /** Learned from the first answer: false once the registry ignored a single-request upload. */
  singlePost;
  constructor(options) {
    this.options = options;
    this.base = options.baseUrl?.replace(/\/+$/, "") ?? registryBaseUrl(options.registry, options.insecure);
  }
  /** The size of a blob the repository already has, or undefined. */
  async blobSize(repository, digest) {
    const res = await this.call({ method: "HEAD", path: `/v2/${repository}/blobs/${digest}` }, [repository], "pull");
    if (res.status === 404)
      return void 0;
    this.expect(res, [200], `HEAD blob ${digest} in ${repository}`);
    const len = Number(header(res, "content-length"));
    return Number.isFinite(len) ? len : 0;
  }
  /** Asks the registry to link a blob from another repository; true when it did (201). */
  async mountBlob(repository, digest, from) {
    const res = await this.call({ method: "POST", path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` }, [repository, from], "push");
    if (res.status === 201)
      return true;
    this.expect(res, [202], `mount ${digest} from ${from}`);
    const location = header(res, "location");
    if (location)
      await this.call({ method: "DELETE", url: this.resolve(location) }, [repository], "push").catch(() => void 0);
    return false;
  }
  /** Uploads a blob and checks the digest the registry computed. Returns the bytes sent. */
  async uploadBlob(repository, blob) {
    const path9 = `/v2/${repository}/blobs/uploads/`;
    const mode = this.uploadMode();
    if (mode === "monolithic" && blob.size <= SINGLE_POST_MAX && this.singlePost !== false) {
      const data = await collect(blob.read(0), blob.size);
      const res2 = await this.call({ method: "POST", path: `${path9}?digest=${encodeURIComponent(blob.digest)}`, headers: { "content-type": "application/octet-stream" }, body: data }, [repository], "push");
      if (res2.status === 201) {
        this.singlePost = true;
        this.checkDigest(res2, blob.digest);
        return data.length;
      }
      this.expect(res2, [202], `upload ${blob.digest}`);
      this.singlePost = false;
      return data.length + await this.finish(repository, this.location(res2), blob, data);
    }
    const res = await this.call({ method: "POST", path: path9 }, [repository], "push");
    this.expect(res, [202], `start upload of ${blob.digest}`);
    const location = this.location(res);
    if (mode === "chunked")
      return this.uploadChunks(repository, location, blob, Number(header(res, "oci-chunk-min-length") ?? 0));
    return this.finish(repository, location, blob);
  }
  /** PUT of the whole blob to an open upload session. */
  async finish(repository, location, blob, data) {
    const res = await this.call({
      method: "PUT",
      url: withDigest(location, blob.digest),
      headers: { "content-type": "application/octet-stream", "content-length": String(blob.size) },
      body: data ?? (() => blob.read(0))
    }, [repository], "push");
    this.expect(res, [201], `upload ${blob.digest}`);
    this.checkDigest(res, blob.digest);
    return blob.size;
  }
  /**
   * PATCH after PATCH, each at least the registry's `OCI-Chunk-Min-Length` and at most the cap.
   * After a failed chunk the upload's status (`Range: 0-N`) says where to resume.
   */
  async uploadChunks(repository, start, blob, minLength) {
    const cap = this.options.maxChunkBytes ?? (this.options.registry === "ghcr.io" ? GHCR_MAX_CHUNK : Number.POSITIVE_INFINITY);
    const want = this.options.chunkBytes ?? Math.min(cap, 4 * 1024 * 1024);
    const chunk = Math.max(1, Math.min(cap, Math.max(want, minLength || 0)));
    let location = start;
    let offset = 0;
    let sent = 0;
    let failures = 0;
    while (offset < blob.size) {
      const data = await collect(blob.read(offset), Math.min(chunk, blob.size - offset));
      try {
        const res2 = await this.call({
          method: "PATCH",
          url: location,
          headers: { "content-type": "application/octet-stream", "content-range": `${offset}-${offset + data.length - 1}` },
          body: data
        }, [repository], "push", false);
        this.expect(res2, [202], `upload chunk ${offset}-${offset + data.length - 1} of ${blob.digest}`);
        location = this.location(res2);
        offset += data.length;
        sent += data.length;
      } catch (error) {
        if (!(HttpError.isRetryable(error) || RESUMABLE.has(errorCode(error) ?? "")) || ++failures > 3)
          throw error;
        this.options.log?.warn(`upload of ${blob.digest.slice(0, 19)} interrupted at ${offset} bytes; resuming from the upload's status`);
        const status = await this.call({ method: "GET", url: location }, [repository], "push");
        this.expect(status, [204], `status of upload ${blob.digest}`);
        const range = /^(\d+)-(\d+)$/.exec(header(status, "range") ?? "");
        offset = range ? Number(range[2]) + 1 : 0;
        location = this.location(status);
      }
    }
    const res = await this.call({ method: "PUT", url: withDigest(location, blob.digest), headers: { "content-length": "0" } }, [repository], "push");
    this.expect(res, [201], `finish upload of ${blob.digest}`);
    this.checkDigest(res, blob.digest);
    return sent;
  }
  /** A manifest (or index) by tag or digest, with its media type and digest. */
  async getManifest(repository, reference) {
    const res = await this.call({ method: "GET", path: `/v2/${repository}/manifests/${reference}`, headers: { accept: MANIFEST_TYPES } }, [repository], "pull");
    if (res.status === 404)
      return void 0;
    this.expect(res, [200], `GET manifest ${repository}:${reference}`);
    const digest = `sha256:${createHash4("sha256").update(res.body).digest("hex")}`;
    if (reference.startsWith("sha256:") && reference !== digest)
      throw new Error(`manifest ${reference} arrived with digest ${digest}`);
    return { mediaType: header(res, "content-type")?.split(";")[0] ?? "", body: res.body, digest };
  }
  /** A small blob (an image config) in memory, its digest checked. */
  async getBlob(repository, digest) {
    let res = await this.call({ method: "GET", path: `/v2/${repository}/blobs/${digest}` }, [repository], "pull");
    for (let hops = 0; (res.status === 307 || res.status === 302) && hops < 3; hops++) {
      res = await send({ method: "GET", url: this.resolve(header(res, "location") ?? "") });
    }
    this.expect(res, [200], `GET blob ${digest} from ${repository}`);
    const actual = `sha256:${createHash4("sha256").update(res.body).digest("hex")}`;
    if (actual !== digest)
      throw new Error(`blob ${digest} from ${repository} arrived with digest ${actual}`);
    return res.body;
  }
  /**
   * A blob's bytes as a stream, for copying a base layer to another registry. The first request is
   * a HEAD so authorisation is settled before the body flows; redirects drop the credentials.
   */
  async readBlob(repository, digest) {
    const head = await this.call({ method: "HEAD", path: `/v2/${repository}/blobs/${digest}` }, [repository], "pull");
    if (head.status !== 200 && head.status !== 307 && head.status !== 302)
      this.expect(head, [200], `HEAD blob ${digest} in ${repository}`);
    const token = await this.authorization([`repository:${repository}:pull`], false);
    let res = await openStream(`${this.base}/v2/${repository}/blobs/${digest}`, token ? { authorization: token } : {});
    for (let hops = 0; (res.status === 307 || res.status === 302) && hops < 3; hops++) {
      res.body.resume();
      res = await openStream(this.resolve(String(res.headers.location ?? "")));
    }
    if (res.status !== 200) {
      res.body.resume();
      throw new RegistryError(`GET blob ${digest} from ${this.options.registry}/${repository}: answered ${res.status}`);
    }
    return res.body;
  }
  /** Puts a manifest under a tag or its digest and checks the digest the registry reports. */
  async putManifest(repository, reference, body, mediaType) {
    const digest = `sha256:${createHash4("sha256").update(body).digest("hex")}`;
    const res = await this.call({ method: "PUT", path: `/v2/${repository}/manifests/${reference}`, headers: { "content-type": mediaType }, body }, [repository], "push");
    this.expect(res, [201], `PUT manifest ${repository}:${reference}`);
    this.checkDigest(res, digest);
    return digest;
  }
  /** True when the registry answers the referrers API (`GET /v2/<repo>/referrers/<digest>`) with an index. */
  async hasReferrersApi(repository, digest) {
    const res = await this.call({ method: "GET", path: `/v2/${repository}/referrers/${digest}`, headers: { accept: "application/vnd.oci.image.index.v1+json" } }, [repository], "pull");
    return res.status === 200 && (header(res, "content-type") ?? "").startsWith("application/vnd.oci.image.index.v1+json");
  }
  /** Removes a manifest by digest (and every tag pointing at it); false when the registry does not allow deletes. */
  async deleteManifest(repository, digest) {
    const res = await this.call({ method: "DELETE", path: `/v2/${repository}/manifests/${digest}` }, [repository], "push");
    return res.status === 202 || res.status === 200;
  }
  uploadMode() {
    const m = this.options.uploadMode ?? "auto";
    if (m !== "auto")
      return m;
    return this.options.registry === "ghcr.io" ? "chunked" : "monolithic";
  }
  location(res) {
    const loc = header(res, "location");
    if (!loc)
      throw new Error(`registry ${this.options.registry} answered ${res.status} without a Location header`);
    return this.resolve(loc);
  }
  resolve(location) {
    return new URL(location, this.base).toString();
  }
  checkDigest(res, digest) {
    const got = header(res, "docker-content-digest");
    if (got !== void 0 && got !== digest) {
      throw new Error(`registry ${this.options.registry} stored ${got} where ${digest} was sent: the bytes changed on the way`);
    }
  }
  expect(res, ok, what) {
    if (ok.includes(res.status))
      return;
    const detail = registryMessage(res.body);
    const message = `${what}: registry ${this.options.registry} answered ${res.status}${detail ? ` (${detail})` : ""}`;
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(message, { hint: loginHint(this.options.registry, this.options.credentials, res.status) });
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new RegistryError(message, { hint: "the registry refused the request; its answer above says why" });
    }
    throw new HttpError(message, res.status, header(res, "retry-after"));
  }
  /**
   * One request with authorisation: the cached token for these repositories, or none; on a 401 the
   * challenge in `WWW-Authenticate` says how to get one (Bearer: ask the token server; Basic: send credentials).
   */
  async call(req, repositories, action, retrying = true) {
    const url = req.url ?? `${this.base}${req.path ?? ""}`;
    const scope = repositories.map((r, i) => `repository:${r}:${i === 0 && action === "push" ? "pull,push" : "pull"}`);
    const once = async () => {
      const auth = await this.authorization(scope, false);
      let res = await this.transport({ ...req, url, headers: { ...req.headers, ...auth ? { authorization: auth } : {} } });
      if (res.status === 401) {
        const challenge = header(res, "www-authenticate");
        if (challenge)
          this.challenge = parseChallenge(challenge);
        const again = await this.authorization(scope, true);
        if (again)
          res = await this.transport({ ...req, url, headers: { ...req.headers, authorization: again } });
      }
      if (res.status >= 500 || res.status === 429)
        throw new HttpError(`${req.method} ${new URL(url).pathname}: ${res.status}`, res.status, header(res, "retry-after"));
      return res;
    };
    const streamed = req.body !== void 0 && !Buffer.isBuffer(req.body);
    return retrying && !streamed ? retry(once, { retries: 3, baseDelayMs: 200, isRetryable: (e) => HttpError.isRetryable(e) || RESUMABLE.has(errorCode(e) ?? "") }) : once();
  }
  async transport(req) {
    try {
      return await send(req);
    } catch (error) {
      if (errorCode(error) === "ECONNREFUSED") {
        throw new RegistryError(`registry ${this.options.registry} is unreachable at ${this.base} (connection refused)`, {
          hint: "check the host and port in the image reference, and that the registry is running"
        });
      }
      throw error;
    }
  }
  async authorization(scope, fresh) {
    const ch = this.challenge;
    const creds = this.options.credentials;
    if (!ch)
      return void 0;
    if (ch.scheme === "basic") {
      if (!creds?.password)
        return void 0;
      return `Basic ${Buffer.from(`${creds.username ?? ""}:${creds.password}`).toString("base64")}`;
    }
    if (ch.scheme !== "bearer")
      return void 0;
    const key = scope.join(" ");
    const cached = this.tokens.get(key);
    if (cached && !fresh)
      return `Bearer ${cached}`;
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
      url.searchParams.set("service", params.service);
    for (const s of scope)
      url.searchParams.append("scope", s);
    const creds = this.options.credentials;
    let res;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: creds.identityToken,
        service: params.service ?? "",
        scope: scope.join(" "),
        client_id: "slipway"
      });
      res = await send({ method: "POST", url: realm, headers: { "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from(form.toString()) });
    } else {
      const headers = {};
      if (creds?.password)
        headers.authorization = `Basic ${Buffer.from(`${creds.username ?? ""}:${creds.password}`).toString("base64")}`;
      res = await send({ method: "GET", url: url.toString(), headers });
    }
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(`the token server of ${this.options.registry} refused ${creds ? `the credentials from ${creds.source}` : "an anonymous request"} (${res.status})`, {
        hint: loginHint(this.options.registry, creds, res.status)
      });
    }
    if (res.status !== 200)
      throw new HttpError(`token server ${url.origin} answered ${res.status}`, res.status);
    const body = JSON.parse(res.body.toString("utf8"));
    const token = body.token ?? body.access_token;
    if (!token)
      throw new Error(`token server ${url.origin} answered without a token`);
    this.options.onSecret?.(token);
    return token;
  }
};
var RESUMABLE = /* @__PURE__ */ new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);
function errorCode(error) {
  const code = error && typeof error === "object" ? error.code : void 0;
  return typeof code === "string" ? code : void 0;
}
function withDigest(location, digest) {
  const u = new URL(location);
  u.searchParams.set("digest", digest);
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
    const parsed = JSON.parse(body.toString("utf8"));
    return (parsed.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; ");
  } catch {
    return body.toString("utf8").slice(0, 200).trim();
  }
}
function loginHint(registry, creds, status) {
  if (registry === "ghcr.io") {
    return "give the job `permissions: packages: write` and pass `GITHUB_TOKEN`, or set the `username` and `password` inputs to a token with write:packages";
  }
  if (creds)
    return `the credentials from ${creds.source} were refused${status === 403 ? " (no permission for this repository)" : ""}; run \`docker login ${registry}\` again or set the \`username\` and \`password\` inputs`;
  return `log in first: \`docker login ${registry}\` (or docker/login-action), or set the \`username\` and \`password\` inputs`;
}

// packages/oci/lib/internal/supply-chain.js
import { createHash as createHash5 } from "node:crypto";
import { createReadStream } from "node:fs";
var SPDX_TYPE = "application/spdx+json";
var INTOTO_TYPE = "application/vnd.in-toto+json";
var EMPTY = Buffer.from("{}");
var CHECKSUM_LIMIT = 64 * 1024 * 1024;
async function spdxDocument(ref, image) {
  const name = formatReference({ registry: ref.registry, repository: ref.repository });
  const packages = [
    {
      SPDXID: "SPDXRef-Image",
      name,
      versionInfo: image.digest,
      downloadLocation: "NOASSERTION",
      filesAnalyzed: false,
      primaryPackagePurpose: "CONTAINER",
      checksums: [{ algorithm: "SHA256", checksumValue: image.digest.slice(7) }],
      externalRefs: [
        {
          referenceCategory: "PACKAGE-MANAGER",
          referenceType: "purl",
          referenceLocator: `pkg:oci/${ref.repository.split("/").at(-1)}@${encodeURIComponent(image.digest)}?repository_url=${encodeURIComponent(name)}`
        }
      ]
    }
  ];
  const files = [];
  const relationships = [{ spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: "SPDXRef-Image" }];
  let n = 0;
  for (const layer of image.layers) {
    const id = `SPDXRef-Layer-${layer.digest.slice(7, 23)}`;
    packages.push({
      SPDXID: id,
      name: layer.kind === "weight" ? `model weight ${layer.name}` : layer.kind === "app" ? "application files" : layer.name,
      versionInfo: layer.digest,
      downloadLocation: "NOASSERTION",
      filesAnalyzed: false,
      primaryPackagePurpose: layer.kind === "app" ? "APPLICATION" : layer.kind === "weight" ? "OTHER" : "OPERATING-SYSTEM",
      checksums: [{ algorithm: "SHA256", checksumValue: layer.digest.slice(7) }]
    });
    relationships.push({ spdxElementId: "SPDXRef-Image", relationshipType: "CONTAINS", relatedSpdxElement: id });
    if (layer.kind !== "app")
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
          { algorithm: "SHA1", checksumValue: sha1 },
          { algorithm: "SHA256", checksumValue: sha256hex }
        ]
      });
      relationships.push({ spdxElementId: id, relationshipType: "CONTAINS", relatedSpdxElement: fileId });
    }
  }
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: `${name}@${image.digest}`,
    documentNamespace: `https://slipway.dev/spdx/${image.digest.slice(7)}`,
    creationInfo: { created: image.created, creators: ["Tool: slipway-container-build"] },
    packages,
    files,
    relationships
  };
}
function provenanceStatement(ref, image) {
  const env = image.env;
  const source = image.labels["org.opencontainers.image.source"];
  const revision = image.labels["org.opencontainers.image.revision"];
  const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name: formatReference({ registry: ref.registry, repository: ref.repository }), digest: { sha256: image.digest.slice(7) } }],
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {
      buildDefinition: {
        buildType: "https://slipway.dev/container-build/assemble/v1",
        externalParameters: { labels: image.labels },
        resolvedDependencies: [
          ...source && revision ? [{ uri: `git+${source}@${revision}`, digest: { gitCommit: revision } }] : [],
          ...image.layers.filter((l) => l.kind === "base").map((l) => ({ uri: l.name, digest: { sha256: l.digest.slice(7) } }))
        ]
      },
      runDetails: {
        builder: { id: env.GITHUB_WORKFLOW_REF ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_WORKFLOW_REF}` : "https://slipway.dev/cli" },
        metadata: { ...runUrl ? { invocationId: runUrl } : {}, startedOn: image.created }
      }
    }
  };
}
async function attachSupplyChain(client, ref, image) {
  const repo = ref.repository;
  const manifest = await client.getManifest(repo, image.digest);
  if (!manifest)
    throw new Error(`image ${image.digest} vanished before its SBOM could be attached`);
  const subject = { mediaType: MEDIA.manifest, digest: image.digest, size: manifest.body.length };
  const emptyDigest = sha256(EMPTY);
  if (await client.blobSize(repo, emptyDigest) === void 0)
    await client.uploadBlob(repo, memorySource(EMPTY));
  const artifacts = [
    { type: SPDX_TYPE, body: canonicalBytes(await spdxDocument(ref, image)) },
    { type: INTOTO_TYPE, body: canonicalBytes(provenanceStatement(ref, image)) }
  ];
  const pushed = [];
  for (const a of artifacts) {
    const blob = memorySource(a.body);
    if (await client.blobSize(repo, blob.digest) === void 0)
      await client.uploadBlob(repo, blob);
    const m = {
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      artifactType: a.type,
      config: { mediaType: MEDIA.emptyJson, digest: emptyDigest, size: EMPTY.length },
      layers: [{ mediaType: a.type, digest: blob.digest, size: blob.size }],
      subject,
      annotations: { "org.opencontainers.image.created": image.created }
    };
    const { descriptor, bytes } = jsonBlob(MEDIA.manifest, m);
    await client.putManifest(repo, descriptor.digest, bytes, MEDIA.manifest);
    pushed.push({ ...descriptor, artifactType: a.type, annotations: { "org.opencontainers.image.created": image.created } });
  }
  const tag = `sha256-${image.digest.slice(7)}`;
  const [sbom, provenance] = pushed.map((d) => d.digest);
  if (await client.hasReferrersApi(repo, image.digest))
    return { mode: "referrers", tag, sbom, provenance };
  const existing = await client.getManifest(repo, tag);
  const previous = existing ? JSON.parse(existing.body.toString("utf8")).manifests ?? [] : [];
  const keep = previous.filter((d) => !pushed.some((p) => p.artifactType === d.artifactType));
  const index = jsonBlob(MEDIA.index, { schemaVersion: 2, mediaType: MEDIA.index, manifests: [...keep, ...pushed] });
  await client.putManifest(repo, tag, index.bytes, MEDIA.index);
  return { mode: "tag", tag, sbom, provenance };
}
function memorySource(data) {
  return {
    digest: sha256(data),
    size: data.length,
    read: (offset) => (async function* () {
      yield data.subarray(offset);
    })()
  };
}
async function fileChecksums(file) {
  const a = createHash5("sha1");
  const b = createHash5("sha256");
  for await (const c of createReadStream(file)) {
    a.update(c);
    b.update(c);
  }
  return [a.digest("hex"), b.digest("hex")];
}

// packages/oci/lib/internal/build.js
async function buildImage(rt, options) {
  const env = options.processEnv ?? process.env;
  const exec = options.exec ?? execFile;
  const target = options.image ? parseTarget(options.image) : void 0;
  if (!target && !options.layout)
    throw new InputError("image", "is required (or set layout to write an OCI layout folder)", { hint: "e.g. image: ghcr.io/acme/support-bot" });
  const tags = tagList(target, options.tags ?? []);
  const engine = await pickEngine(rt, options, exec);
  const meta = await provenanceMetadata(rt, options, env, exec);
  const labels = { ...options.labels, ...meta };
  const layoutDir = options.layout ? path6.resolve(rt.cwd, options.layout) : void 0;
  let credentials;
  if (target) {
    credentials = await findCredentials(target.registry, {
      explicit: { ...options.username ? { username: options.username } : {}, ...options.password ? { password: options.password } : {} },
      env
    });
    if (credentials?.password)
      rt.setSecret(credentials.password);
    if (credentials?.identityToken)
      rt.setSecret(credentials.identityToken);
    if (credentials)
      rt.log.info(`registry ${target.registry}: credentials from ${credentials.source}`);
  }
  const baseCredentials = /* @__PURE__ */ new Map();
  const baseRegistry = engine === "assemble" && options.base && options.base !== "scratch" ? safeRegistry(options.base) : void 0;
  if (baseRegistry && baseRegistry !== target?.registry) {
    const found = await findCredentials(baseRegistry, { env });
    if (found?.password)
      rt.setSecret(found.password);
    if (found?.identityToken)
      rt.setSecret(found.identityToken);
    if (found)
      baseCredentials.set(baseRegistry, found);
  }
  const clients = /* @__PURE__ */ new Map();
  const client = (registry) => {
    let c = clients.get(registry);
    if (!c) {
      const creds = registry === target?.registry ? credentials : baseCredentials.get(registry);
      c = new RegistryClient({
        registry,
        log: rt.log,
        onSecret: (s) => rt.setSecret(s),
        ...options.insecureRegistries ? { insecure: options.insecureRegistries } : {},
        ...creds ? { credentials: creds } : {},
        ...options.uploadMode ? { uploadMode: options.uploadMode } : {},
        ...options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}
      });
      clients.set(registry, c);
    }
    return c;
  };
  let digest;
  let layers = [];
  let bytes = { uploaded: 0, skipped: 0, mounted: 0, read: 0 };
  if (engine === "assemble") {
    const result2 = await assemble({
      base: options.base ?? "scratch",
      app: options.app ?? [],
      weights: options.weights ?? [],
      created: meta["org.opencontainers.image.created"],
      labels,
      annotations: meta,
      ...pick(options, ["rootfs", "entrypoint", "cmd", "env", "ports", "user", "workdir", "platform"])
    }, {
      baseDir: rt.cwd,
      baseClient: client,
      cacheFile: path6.resolve(rt.cwd, options.cacheFile ?? ".slipway/cache/oci-layers.json"),
      concurrency: options.concurrency ?? 4,
      ...target ? { push: { client: client(target.registry), ref: target, tags } } : {},
      ...layoutDir ? { layout: { dir: layoutDir, tags } } : {},
      onLayer: (l) => rt.log.debug(`${l.kind} ${l.name}: ${l.action} (${l.size} bytes)`)
    });
    digest = result2.digest;
    layers = result2.layers;
    bytes = result2.bytes;
  } else {
    const build = await dockerfileBuild(rt, options, labels, meta, target, tags, credentials, layoutDir);
    const log = (line) => rt.log.debug(line);
    if (engine === "buildx") {
      digest = await buildxBuild(build, { exec, log, ghaCache: env.ACTIONS_RUNTIME_TOKEN ? { scope: "slipway" } : false });
    } else {
      const root = options.buildahRoot ?? path6.join(os2.tmpdir(), "slipway-buildah");
      digest = await buildahBuild(build, { exec, log, root: path6.join(root, "root"), runroot: path6.join(root, "run") });
    }
  }
  let supplyChain;
  if (target && engine === "assemble" && options.attest !== false) {
    supplyChain = await attachSupplyChain(client(target.registry), target, {
      digest,
      layers,
      labels,
      created: meta["org.opencontainers.image.created"],
      env
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
    created: meta["org.opencontainers.image.created"],
    labels,
    ...layoutDir ? { layout: layoutDir } : {},
    ...supplyChain ? { supplyChain } : {},
    ...signature ? { signature } : {}
  };
  rt.setOutput("image", image);
  rt.setOutput("digest", digest);
  rt.setOutput("tags", tags.join(","));
  rt.setOutput("bytes-uploaded", bytes.uploaded);
  rt.setOutput("bytes-skipped", bytes.skipped);
  rt.setOutput("bytes-mounted", bytes.mounted);
  await rt.appendSummary(summary(result));
  const pushed = target ? `: ${fmtBytes(bytes.uploaded)} uploaded, ${fmtBytes(bytes.skipped)} already there, ${fmtBytes(bytes.mounted)} mounted` : " into the layout";
  rt.log.info(`built ${image} with ${engine}${pushed}`);
  return result;
}
function safeRegistry(reference) {
  try {
    return parseReference(reference).registry;
  } catch {
    return void 0;
  }
}
function parseTarget(image) {
  try {
    const ref = parseReference(image);
    if (ref.digest)
      throw new InvalidReferenceError(`"${image}": a push target cannot name a digest`);
    return ref;
  } catch (error) {
    if (error instanceof InvalidReferenceError)
      throw new InputError("image", error.message, { hint: "write it as registry/repository[:tag], e.g. ghcr.io/acme/support-bot:v1" });
    throw error;
  }
}
function tagList(target, extra) {
  const tags = [...target?.tag ? [target.tag] : [], ...extra.map((t) => t.trim()).filter(Boolean)];
  for (const t of tags)
    if (!isValidTag(t))
      throw new InputError("tags", `"${t}" is not a valid tag`, { hint: "letters, digits, _ . -; at most 128; not starting with . or -" });
  const unique = [...new Set(tags)];
  return unique.length > 0 ? unique : ["latest"];
}
async function pickEngine(rt, options, exec) {
  if (options.engine !== "auto")
    return options.engine;
  if (!options.dockerfile)
    return "assemble";
  if (await dockerDaemonAnswers(exec))
    return "buildx";
  rt.log.info("engine auto: no Docker daemon answered; building the Dockerfile with buildah");
  return "buildah";
}
async function dockerfileBuild(rt, options, labels, meta, target, tags, credentials, layoutDir) {
  const dockerfile = path6.resolve(rt.cwd, options.dockerfile ?? "Dockerfile");
  const context = path6.resolve(rt.cwd, options.context ?? ".");
  if (!(await stat3(dockerfile).catch(() => void 0))?.isFile()) {
    throw new InputError("dockerfile", `${path6.relative(rt.cwd, dockerfile) || dockerfile} does not exist`, {
      hint: "set build.dockerfile to your Dockerfile, or use engine: assemble"
    });
  }
  if (!(await stat3(context).catch(() => void 0))?.isDirectory()) {
    throw new InputError("context", `${path6.relative(rt.cwd, context) || context} is not a folder`, {
      hint: "set build.context to the folder the Dockerfile copies from"
    });
  }
  const timestamp = Math.floor(Date.parse(meta["org.opencontainers.image.created"]) / 1e3);
  return {
    dockerfile,
    context,
    labels,
    timestamp,
    ...options.buildArgs ? { buildArgs: options.buildArgs } : {},
    ...options.platform ? { platform: options.platform } : {},
    ...target ? {
      push: {
        ref: target,
        tags,
        insecure: /^(localhost|127\.0\.0\.1)(:|$)/.test(target.registry) || (options.insecureRegistries ?? []).includes(target.registry),
        ...credentials ? { credentials } : {}
      }
    } : {},
    ...layoutDir ? { layout: { dir: layoutDir, tags } } : {}
  };
}
async function provenanceMetadata(rt, options, env, exec) {
  const meta = {};
  let created = options.created;
  if (!created && env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH))
    created = new Date(Number(env.SOURCE_DATE_EPOCH) * 1e3).toISOString();
  if (!created) {
    const git = await exec("git", ["-C", rt.cwd, "log", "-1", "--format=%ct"]);
    if (git.code === 0 && /^\d+$/.test(git.stdout.trim()))
      created = new Date(Number(git.stdout.trim()) * 1e3).toISOString();
  }
  if (!created) {
    rt.log.warn("no commit time found (not a git checkout, no SOURCE_DATE_EPOCH): `created` is set to the epoch so the digest stays reproducible");
    created = (/* @__PURE__ */ new Date(0)).toISOString();
  }
  if (Number.isNaN(Date.parse(created)))
    throw new InputError("created", `"${created}" is not an RFC 3339 time`, { hint: "e.g. 2026-01-31T12:00:00Z" });
  meta["org.opencontainers.image.created"] = new Date(created).toISOString().replace(/\.000Z$/, "Z");
  const source = options.source ?? (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}` : void 0);
  if (source)
    meta["org.opencontainers.image.source"] = source;
  let revision = options.revision ?? env.GITHUB_SHA;
  if (!revision) {
    const git = await exec("git", ["-C", rt.cwd, "rev-parse", "HEAD"]);
    if (git.code === 0)
      revision = git.stdout.trim();
  }
  if (revision)
    meta["org.opencontainers.image.revision"] = revision;
  if (options.releaseId)
    meta["dev.slipway.release.id"] = options.releaseId;
  const artifacts = options.artifactsDigest ?? await pointersDigest(options.weights ?? [], rt.cwd);
  if (artifacts)
    meta["dev.slipway.artifacts.digest"] = artifacts;
  if (options.evalReportDigest)
    meta["dev.slipway.eval.report-digest"] = options.evalReportDigest;
  return meta;
}
async function pointersDigest(weights, cwd) {
  const found = /* @__PURE__ */ new Map();
  for (const w of weights) {
    const source = path6.resolve(cwd, w.source);
    const beside = await readFile6(`${source.replace(/\/+$/, "")}.dvc`, "utf8").catch(() => void 0);
    if (beside !== void 0)
      found.set(`${path6.basename(source)}.dvc`, beside);
    const entries = await readdir2(source, { recursive: true }).catch(() => []);
    for (const e of entries.filter((n) => n.endsWith(".dvc")).sort())
      found.set(path6.join(path6.basename(source), e), await readFile6(path6.join(source, e), "utf8"));
  }
  if (found.size === 0)
    return void 0;
  const hash = createHash6("sha256");
  for (const [name, text] of [...found].sort(([a], [b]) => a < b ? -1 : 1))
    hash.update(`${name}\0${text}\0`);
  return `sha256:${hash.digest("hex")}`;
}
function pick(o, keys) {
  const out = {};
  for (const k of keys)
    if (o[k] !== void 0)
      out[k] = o[k];
  return out;
}
function summary(r) {
  const rows = r.layers.map((l) => [l.kind, escapeMarkdown(l.name), `\`${l.digest.slice(0, 19)}\``, fmtBytes(l.size), l.action, l.read ? "yes" : "no"]);
  const table = rows.length ? markdownTable(["layer", "name", "digest", "size", "what happened", "read from disk"], rows, ["left", "left", "left", "right", "left", "left"]) : "_layers are listed for the assemble engine only_";
  const signed = r.signature?.signed ? ` Signed with cosign (${r.signature.mode}).` : r.signature ? ` Not signed: ${escapeMarkdown(r.signature.reason)}.` : "";
  const supply = r.supplyChain ? `

SBOM and provenance attached as ${r.supplyChain.mode === "referrers" ? "OCI referrers" : `the \`${escapeMarkdown(r.supplyChain.tag)}\` tag`}.` : "";
  return `### Container image (${r.engine})

\`${escapeMarkdown(r.image)}\`, tags ${r.tags.map((t) => `\`${escapeMarkdown(t)}\``).join(", ")}

${table}

Uploaded ${fmtBytes(r.bytes.uploaded)}, skipped ${fmtBytes(r.bytes.skipped)} (already in the registry), mounted ${fmtBytes(r.bytes.mounted)}, read ${fmtBytes(r.bytes.read)} from disk.${supply}${signed}
`;
}
function fmtBytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

// packages/oci/lib/internal/from-config.js
import path7 from "node:path";
async function runContainerBuild(rt, inputs) {
  const loaded = await loadConfig({ dir: rt.cwd, ...inputs.config ? { file: inputs.config } : {} });
  return buildImage(rt, mergeBuildOptions(loaded.config.build ?? {}, loaded.dir, rt.cwd, inputs));
}
function mergeBuildOptions(section, configDir, cwd, inputs) {
  const fromConfig = (p) => path7.resolve(configDir, p);
  const fromCwd = (p) => path7.resolve(cwd, p);
  const specs = (list, prefix, resolve) => (list ?? []).map((s) => typeof s === "string" ? { source: resolve(s), dest: `${prefix}/${s.replace(/^\.?\/+/, "")}` } : { source: resolve(s.source), dest: s.dest });
  const labels = { ...section.labels, ...parseLabels(inputs.labels ?? []) };
  const o = {
    engine: inputs.engine ?? section.engine ?? "auto",
    tags: inputs.tags ?? section.tags ?? [],
    base: inputs.base ?? section.base ?? "scratch",
    app: inputs.app ? specs(inputs.app, "/app", fromCwd) : specs(section.app, "/app", fromConfig),
    weights: inputs.weights ? specs(inputs.weights, "/models", fromCwd) : specs(section.weights, "/models", fromConfig),
    labels
  };
  const set = (k, v) => {
    if (v !== void 0)
      o[k] = v;
  };
  set("image", inputs.image ?? section.image);
  set("rootfs", inputs.rootfs ? fromCwd(inputs.rootfs) : section.rootfs ? fromConfig(section.rootfs) : void 0);
  set("dockerfile", inputs.dockerfile ? fromCwd(inputs.dockerfile) : section.dockerfile ? fromConfig(section.dockerfile) : void 0);
  set("context", inputs.context ? fromCwd(inputs.context) : section.context ? fromConfig(section.context) : void 0);
  set("layout", inputs.layout ? fromCwd(inputs.layout) : section.layout ? fromConfig(section.layout) : void 0);
  set("platform", inputs.platform ?? section.platform);
  set("entrypoint", section.entrypoint);
  set("cmd", section.cmd);
  set("env", section.env);
  set("ports", section.ports?.map(String));
  set("user", section.user);
  set("workdir", section.workdir);
  set("buildArgs", section.buildArgs);
  set("insecureRegistries", inputs.insecureRegistries ?? section.insecureRegistries);
  set("concurrency", inputs.concurrency ?? section.concurrency);
  set("attest", inputs.attest ?? section.attest);
  set("sign", inputs.sign ?? section.sign);
  set("username", inputs.username);
  set("password", inputs.password);
  set("uploadMode", inputs.uploadMode);
  set("releaseId", inputs.releaseId);
  set("artifactsDigest", inputs.artifactsDigest);
  set("evalReportDigest", inputs.evalReportDigest);
  set("cacheFile", inputs.cacheFile ? fromCwd(inputs.cacheFile) : void 0);
  return o;
}
function parseLabels(lines) {
  const out = {};
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq <= 0)
      throw new InputError("labels", `"${line}" is not key=value`, { hint: "one label per line, e.g. org.example.team=ml" });
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

// packages/oci/lib/internal/host-rootfs.js
import { chmod, copyFile, mkdir as mkdir3, realpath, rm as rm4, stat as stat4, writeFile as writeFile4 } from "node:fs/promises";
import path8 from "node:path";
function parseLdd(output) {
  const found = /* @__PURE__ */ new Set();
  for (const line of output.split("\n")) {
    const mapped = /=>\s+(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (mapped?.[1]) {
      found.add(mapped[1]);
      continue;
    }
    if (/=>\s+not found/.test(line))
      throw new UserError(`a shared library is missing on this machine: ${line.trim()}`);
    const direct = /^\s*(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (direct?.[1])
      found.add(direct[1]);
  }
  return [...found].sort();
}
async function hostRootfs(dir, options) {
  const exec = options.exec ?? execFile;
  await rm4(dir, { recursive: true, force: true });
  await mkdir3(dir, { recursive: true });
  const files = /* @__PURE__ */ new Set();
  const libraries = /* @__PURE__ */ new Set();
  const put = async (source, dest) => {
    const target = path8.join(dir, dest);
    await mkdir3(path8.dirname(target), { recursive: true });
    const real = await realpath(source);
    await copyFile(real, target);
    await chmod(target, (await stat4(real)).mode & 511);
    files.add(dest);
  };
  for (const bin of options.binaries) {
    if (!(await stat4(bin.source).catch(() => void 0))?.isFile())
      throw new UserError(`host rootfs: ${bin.source} does not exist`);
    await put(bin.source, bin.dest);
    const ldd = await exec("ldd", [bin.source]);
    if (ldd.code !== 0 && /not a dynamic executable|statically linked/.test(`${ldd.stdout}${ldd.stderr}`))
      continue;
    if (ldd.code !== 0)
      throw new UserError(`host rootfs: ldd ${bin.source} failed: ${(ldd.stderr || ldd.stdout).trim().split("\n")[0] ?? ""}`);
    for (const lib of parseLdd(ldd.stdout)) {
      await put(lib, lib);
      libraries.add(lib);
    }
  }
  for (const file of options.optionalFiles ?? []) {
    if ((await stat4(file).catch(() => void 0))?.isFile())
      await put(file, file);
  }
  const { name, uid, gid } = options.user;
  const etc = {
    "/etc/passwd": `root:x:0:0:root:/root:/sbin/nologin
${name}:x:${uid}:${gid}:${name}:/nonexistent:/sbin/nologin
`,
    "/etc/group": `root:x:0:
${name}:x:${gid}:
`,
    "/etc/nsswitch.conf": "passwd: files\ngroup: files\nhosts: files dns\n",
    "/etc/hosts": "127.0.0.1 localhost\n::1 localhost\n"
  };
  for (const [file, text] of Object.entries(etc)) {
    await mkdir3(path8.dirname(path8.join(dir, file)), { recursive: true });
    await writeFile4(path8.join(dir, file), text);
    files.add(file);
  }
  await mkdir3(path8.join(dir, "tmp"), { recursive: true });
  return { dir, files: [...files].sort(), libraries: [...libraries].sort() };
}

// packages/oci/lib/internal/inputs.js
var CONTAINER_BUILD_INPUTS = {
  config: { kind: "string" },
  engine: { kind: "enum", values: ["auto", "assemble", "buildah", "buildx"] },
  image: { kind: "string" },
  tags: { kind: "list" },
  base: { kind: "string" },
  app: { kind: "list" },
  weights: { kind: "list" },
  dockerfile: { kind: "string" },
  context: { kind: "string" },
  layout: { kind: "string" },
  platform: { kind: "string", pattern: /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, patternHint: "os/architecture[/variant], e.g. linux/amd64" },
  labels: { kind: "list" },
  username: { kind: "string" },
  password: { kind: "secret" },
  "insecure-registries": { kind: "list" },
  "upload-mode": { kind: "enum", values: ["auto", "monolithic", "chunked"] },
  concurrency: { kind: "integer", min: 1, max: 64 },
  "release-id": { kind: "string", pattern: /^sha256:[0-9a-f]{64}$/, patternHint: "sha256:<64 hex digits>, the id of a release record" },
  "artifacts-digest": { kind: "string", pattern: /^sha256:[0-9a-f]{64}$/, patternHint: "sha256:<64 hex digits>" },
  "eval-report-digest": { kind: "string", pattern: /^sha256:[0-9a-f]{64}$/, patternHint: "sha256:<64 hex digits>" },
  attest: { kind: "boolean" },
  sign: { kind: "boolean" },
  "cache-file": { kind: "string" }
};
function readContainerBuildInputs(rt) {
  const i = readInputs(rt, CONTAINER_BUILD_INPUTS);
  if (i.password && !i.username && i.image && !i.image.startsWith("ghcr.io/")) {
    throw new InputError("username", "is required with password", { hint: "set username to the registry user the password belongs to" });
  }
  const out = {};
  const set = (k, v) => {
    if (v !== void 0 && !(Array.isArray(v) && v.length === 0))
      out[k] = v;
  };
  set("config", i.config);
  set("engine", i.engine);
  set("image", i.image);
  set("tags", i.tags);
  set("base", i.base);
  set("app", i.app);
  set("weights", i.weights);
  set("dockerfile", i.dockerfile);
  set("context", i.context);
  set("layout", i.layout);
  set("platform", i.platform);
  set("labels", i.labels);
  set("username", i.username);
  set("password", i.password);
  set("insecureRegistries", i["insecure-registries"]);
  set("uploadMode", i["upload-mode"]);
  set("concurrency", i.concurrency);
  set("releaseId", i["release-id"]);
  set("artifactsDigest", i["artifacts-digest"]);
  set("evalReportDigest", i["eval-report-digest"]);
  set("attest", i.attest);
  set("sign", i.sign);
  set("cacheFile", i["cache-file"]);
  return out;
}
export {
  CONTAINER_BUILD_INPUTS,
  DeterministicTar,
  INTOTO_TYPE,
  InvalidReferenceError,
  LAYER_MTIME,
  LayerCache,
  MEDIA,
  OciLayout,
  RegistryClient,
  RegistryError,
  SPDX_TYPE,
  assemble,
  attachSupplyChain,
  buildImage,
  buildahBudArgs,
  buildahBuild,
  buildxArgs,
  buildxBuild,
  canonicalBytes,
  cosignArgs,
  dockerDaemonAnswers,
  execFile,
  findCredentials,
  fmtBytes,
  formatReference,
  hostRootfs,
  isValidTag,
  mergeBuildOptions,
  parseChallenge,
  parseLdd,
  parsePlatform,
  parseReference,
  planRootfsLayer,
  provenanceStatement,
  readContainerBuildInputs,
  registryBaseUrl,
  runContainerBuild,
  sha256,
  signImage,
  spdxDocument
};
