import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));

// packages/kit/lib/errors.js
var ExitCode = {
  Ok: 0,
  GateFailed: 1,
  BadInput: 2,
  /** A bug: something we did not expect. */
  Internal: 70
};
var UserError = class _UserError extends Error {
  name = "UserError";
  exitCode = ExitCode.BadInput;
  /** Where the problem is, for an annotation on the file. */
  location;
  /** What to do about it, shown after the message. */
  hint;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.location = options.location;
    this.hint = options.hint;
  }
  /** True for any error the user can fix, whichever subclass. */
  static is(error) {
    return error instanceof _UserError;
  }
};
var InputError = class extends UserError {
  input;
  name = "InputError";
  constructor(input, message, options = {}) {
    super(`input "${input}": ${message}`, options);
    this.input = input;
  }
};
var ConfigError = class extends UserError {
  name = "ConfigError";
  /** Every problem found, so the user can fix them all in one go. */
  problems;
  constructor(problems) {
    const first = problems[0];
    const head = first ? formatProblem(first) : "invalid configuration";
    const more = problems.length > 1 ? `
${problems.slice(1).map(formatProblem).join("\n")}` : "";
    super(head + more, first ? { location: first.location } : {});
    this.problems = problems;
  }
};
function formatProblem(p) {
  const { file, line, column } = p.location;
  const at = line === void 0 ? file : column === void 0 ? `${file}:${line}` : `${file}:${line}:${column}`;
  return `${at}: ${p.message}`;
}
var GateError = class extends UserError {
  name = "GateError";
  exitCode = ExitCode.GateFailed;
};
var HttpError = class _HttpError extends Error {
  status;
  retryAfter;
  name = "HttpError";
  constructor(message, status, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
  /** 408, 429 and 5xx are worth another try; other 4xx are not. */
  static isRetryable(error) {
    if (error instanceof _HttpError)
      return error.status === 408 || error.status === 429 || error.status >= 500;
    return isNetworkError(error);
  }
};
var NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
function isNetworkError(error) {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 5; e = e.cause, depth++) {
    const { code, name } = e;
    if (typeof code === "string" && NETWORK_CODES.has(code))
      return true;
    if (name === "TimeoutError")
      return true;
  }
  return false;
}
function exitCodeFor(error) {
  return UserError.is(error) ? error.exitCode : ExitCode.Internal;
}

// packages/kit/lib/inputs.js
function parseBoolean(name, raw) {
  const v = raw.trim().toLowerCase();
  if (["true", "yes", "on", "1"].includes(v))
    return true;
  if (["false", "no", "off", "0"].includes(v))
    return false;
  throw new InputError(name, `"${raw}" is not a boolean`, { hint: "use true or false" });
}
function parseInteger(name, raw, bounds2 = {}) {
  const v = raw.trim().replace(/_/g, "");
  if (!/^[-+]?\d+$/.test(v)) {
    throw new InputError(name, `"${raw}" is not a whole number`, { hint: describeBounds(bounds2) });
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw new InputError(name, `"${raw}" is too large`, { hint: describeBounds(bounds2) });
  checkBounds(name, raw, n, bounds2);
  return n;
}
function parseNumber(name, raw, bounds2 = {}) {
  const v = raw.trim();
  const n = v === "" ? Number.NaN : Number(v);
  if (!Number.isFinite(n))
    throw new InputError(name, `"${raw}" is not a number`, { hint: describeBounds(bounds2) });
  checkBounds(name, raw, n, bounds2);
  return n;
}
function checkBounds(name, raw, n, bounds2) {
  if (bounds2.min !== void 0 && n < bounds2.min || bounds2.max !== void 0 && n > bounds2.max) {
    throw new InputError(name, `${raw.trim()} is out of range`, { hint: describeBounds(bounds2) });
  }
}
function describeBounds({ min, max }) {
  if (min !== void 0 && max !== void 0)
    return `use a value from ${min} to ${max}`;
  if (min !== void 0)
    return `use a value of at least ${min}`;
  if (max !== void 0)
    return `use a value of at most ${max}`;
  return "use a number such as 4";
}
function parseEnum(name, raw, allowed) {
  const v = raw.trim().toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === v);
  if (hit === void 0) {
    throw new InputError(name, `"${raw}" is not one of ${allowed.join(", ")}`, { hint: `use one of: ${allowed.join(" | ")}` });
  }
  return hit;
}
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDuration(name, raw, bounds2 = {}) {
  const v = raw.trim().toLowerCase();
  const parts = [...v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const joined = parts.map((p) => p[0]).join("");
  if (parts.length === 0 || joined !== v) {
    throw new InputError(name, `"${raw}" is not a duration`, { hint: "use a number with a unit: 250ms, 90s, 5m, 1h30m, 2d" });
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * DURATION_UNITS[p[2]], 0);
  checkBounds(name, raw, ms, bounds2);
  return Math.round(ms);
}
var SIZE_UNITS = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40
};
function parseSize(name, raw, bounds2 = {}) {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = SIZE_UNITS[(m?.[2] || "b").toLowerCase()];
  if (!m || unit === void 0) {
    throw new InputError(name, `"${raw}" is not a size`, { hint: "use bytes or a unit: 4096, 64KiB, 512MiB, 2GB" });
  }
  const bytes = Math.round(Number(m[1]) * unit);
  checkBounds(name, raw, bytes, bounds2);
  return bytes;
}
function parseList(_name, raw) {
  return raw.split(/\r?\n/).map((line) => line.replace(/(^|\s)#.*$/, "")).flatMap((line) => line.split(",")).map((s) => s.trim()).filter((s) => s.length > 0);
}
function parseUrl(name, raw, schemes = ["http", "https"]) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError(name, `"${raw}" is not a URL`, { hint: `use an absolute URL such as ${schemes[0]}://host/path` });
  }
  const scheme = url.protocol.replace(/:$/, "");
  if (!schemes.includes(scheme)) {
    throw new InputError(name, `scheme "${scheme}" is not supported`, { hint: `use one of: ${schemes.map((s) => `${s}://`).join(", ")}` });
  }
  return url;
}

// packages/kit/lib/limiter.js
function createLimiter(concurrency) {
  if (!(concurrency >= 1))
    throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
  let active = 0;
  const queue = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  const limit = (task) => new Promise((resolve, reject) => {
    const start = () => {
      active++;
      let p;
      try {
        p = task();
      } catch (error) {
        p = Promise.reject(error);
      }
      p.then(resolve, reject).finally(next);
    };
    if (active < concurrency)
      start();
    else
      queue.push(start);
  });
  return Object.defineProperties(limit, {
    active: { get: () => active },
    pending: { get: () => queue.length }
  });
}
async function mapLimit(items, concurrency, fn) {
  const limit = createLimiter(concurrency);
  return Promise.all(items.map((item, i) => limit(() => fn(item, i))));
}

// packages/kit/lib/markdown.js
function escapeMarkdown(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_{}[\]()#+!|~])/g, "\\$1").replace(/@/g, "@\u200B").replace(/\r?\n/g, "<br>");
}
function inlineCode(text) {
  const clean = text.replace(/\r?\n/g, " ").replace(/`/g, "\u02BC");
  return `\`${clean}\``;
}
function markdownTable(headers, rows, align = []) {
  const rule = headers.map((_, i) => ({ left: ":--", right: "--:", center: ":-:" })[align[i] ?? "left"]);
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(rule), ...rows.map(line)].join("\n");
}

// packages/kit/lib/read-inputs.js
function readInputs(runtime, specs) {
  const out = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = runtime.input(name) ?? spec.default;
    if (raw === void 0) {
      if (spec.required)
        throw new InputError(name, "is required", { hint: spec.description ? `set it to ${spec.description}` : `set ${name}` });
      out[name] = void 0;
      continue;
    }
    if (spec.kind === "secret")
      runtime.setSecret(raw);
    out[name] = parseOne(name, raw, spec);
  }
  return out;
}
function parseOne(name, raw, spec) {
  switch (spec.kind) {
    case "boolean":
      return parseBoolean(name, raw);
    case "integer":
      return parseInteger(name, raw, bounds(spec));
    case "number":
      return parseNumber(name, raw, bounds(spec));
    case "duration":
      return parseDuration(name, raw, bounds(spec));
    case "size":
      return parseSize(name, raw, bounds(spec));
    case "enum":
      return parseEnum(name, raw, spec.values);
    case "list":
      return parseList(name, raw);
    case "url":
      return parseUrl(name, raw, spec.schemes);
    case "secret":
      return raw;
    case "string":
      if (spec.pattern && !spec.pattern.test(raw)) {
        throw new InputError(name, `"${raw}" does not match ${spec.pattern}`, spec.patternHint ? { hint: spec.patternHint } : {});
      }
      return raw;
  }
}
function bounds(spec) {
  const b = {};
  if (spec.min !== void 0)
    b.min = spec.min;
  if (spec.max !== void 0)
    b.max = spec.max;
  return b;
}

// packages/kit/lib/redact.js
var Redactor = class {
  secrets = [];
  add(secret) {
    if (secret.length < 4 || this.secrets.includes(secret))
      return;
    this.secrets.push(secret);
    this.secrets.sort((a, b) => b.length - a.length);
  }
  redact(text) {
    let out = text;
    for (const s of this.secrets)
      out = out.split(s).join("***");
    return out;
  }
};

// packages/kit/lib/retry.js
async function retry(fn, options = {}) {
  const { retries = 3, baseDelayMs = 500, maxDelayMs = 3e4, isRetryable = HttpError.isRetryable, sleep = abortableSleep, random = Math.random, now = Date.now } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error) || options.signal?.aborted)
        throw error;
      const serverDelay = error instanceof HttpError ? parseRetryAfter(error.retryAfter, now()) : void 0;
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delayMs = Math.min(maxDelayMs, serverDelay ?? Math.round(backoff * random()));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
function parseRetryAfter(value, nowMs) {
  if (value === void 0 || value.trim() === "")
    return void 0;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v))
    return Math.round(Number(v) * 1e3);
  const at = Date.parse(v);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - nowMs);
}
function abortableSleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted)
      return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// packages/kit/lib/run.js
async function runCapability(runtime, label, fn) {
  try {
    await fn();
    return ExitCode.Ok;
  } catch (error) {
    reportError(runtime, label, error);
    return exitCodeFor(error);
  }
}
function reportError(runtime, label, error) {
  if (error instanceof ConfigError) {
    for (const p of error.problems) {
      runtime.annotate({ level: "error", title: `${label} failed`, message: p.message, ...p.location });
    }
    return;
  }
  if (UserError.is(error)) {
    const text = error.hint ? `${error.message} (${error.hint})` : error.message;
    if (error.location)
      runtime.annotate({ level: "error", title: `${label} failed`, message: text, ...error.location });
    else
      runtime.log.error(`${label} failed: ${text}`);
    return;
  }
  const stack = error instanceof Error ? error.stack ?? error.message : String(error);
  runtime.log.error(`${label} failed with an unexpected error. This is a bug in Slipway; please report it with this trace:
${stack}`);
}

// packages/kit/lib/sensitive.js
var SECRET_PATTERNS = [
  ["AWS access key", /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["GitHub token", /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ["OpenAI key", /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}\b/],
  ["Slack token", /\bxox[abpors]-[A-Za-z0-9-]{10,}\b/],
  ["private key", /-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----/],
  ["JWT", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/]
];
var PII_PATTERNS = [
  ["email address", /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/],
  ["US social security number", /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/],
  ["phone number", /(?:\+\d{1,3}[ .-]?)?\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b/],
  ["IBAN", /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b/]
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
function findSecrets(text) {
  return SECRET_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
}
function findPii(text) {
  const found = PII_PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
  for (const m of text.matchAll(/\b(?:\d[ -]?){13,19}\b/g)) {
    if (luhn(m[0].replace(/\D/g, ""))) {
      found.push("card number");
      break;
    }
  }
  return found;
}

// packages/kit/lib/service.js
import { spawn } from "node:child_process";
import { once } from "node:events";
async function spawnService(command, args, options) {
  const name = options.name ?? command;
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const tail = () => output.split("\n").slice(-15).join("\n");
  const service = {
    url: "",
    pid: child.pid ?? -1,
    output: () => output,
    stop: (graceMs = 3e3) => stopChild(child, graceMs)
  };
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} was not ready after ${options.timeoutMs ?? 2e4} ms:
${tail()}`)), options.timeoutMs ?? 2e4);
      const onData = (chunk) => {
        output += chunk.toString();
        const m = options.ready.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] ?? "");
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(new Error(`${name} could not start: ${e.message}`));
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready:
${tail()}`));
      });
    });
    return { ...service, url };
  } catch (error) {
    await service.stop(500);
    throw error;
  }
}
async function stopChild(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null)
    return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

// packages/kit/lib/terminal.js
import { writeFile } from "node:fs/promises";
function colorEnabled(stream, env) {
  if (env.FORCE_COLOR !== void 0 && env.FORCE_COLOR !== "0")
    return true;
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "")
    return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}
var CODES = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 };
function painter(enabled) {
  return (color, text) => enabled ? `\x1B[${CODES[color]}m${text}\x1B[0m` : text;
}
function createTerminalRuntime(options = {}) {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? process.stderr;
  const paint = painter(!options.json && colorEnabled(stderr, env));
  const redactor = new Redactor();
  const outputs = {};
  const annotations = [];
  let summary = "";
  let bar;
  let depth = 0;
  const write = (line) => {
    bar?.clear();
    stderr.write(`${"  ".repeat(depth)}${redactor.redact(line)}
`);
    bar?.render();
  };
  const runtime = {
    kind: "cli",
    cwd: options.cwd ?? process.cwd(),
    outputs,
    annotations,
    get summary() {
      return summary;
    },
    log: {
      debug: (m) => {
        if (options.verbose)
          write(paint("dim", m));
      },
      info: (m) => {
        if (!options.quiet)
          write(m);
      },
      warn: (m) => write(`${paint("yellow", "warning")} ${m}`),
      error: (m) => write(`${paint("red", "error")} ${m}`)
    },
    input: (name) => {
      const v = options.inputs?.[name];
      return v === void 0 || v === "" ? void 0 : v;
    },
    setOutput(name, value) {
      outputs[name] = value;
    },
    async appendSummary(markdown) {
      summary += markdown.endsWith("\n") ? markdown : `${markdown}
`;
    },
    annotate(a) {
      annotations.push(a);
      const where = a.file ? `${[a.file, a.line, a.column].filter((x) => x !== void 0).join(":")}: ` : "";
      const color = a.level === "error" ? "red" : a.level === "warning" ? "yellow" : "cyan";
      write(`${where}${paint(color, a.level)}: ${a.title ? `${a.title}: ` : ""}${a.message}`);
    },
    setSecret: (value) => redactor.add(value),
    async group(name, fn) {
      write(paint("bold", name));
      depth++;
      try {
        return await fn();
      } finally {
        depth--;
      }
    },
    progress(label, total) {
      const interactive = !options.json && !options.quiet && stderr.isTTY === true;
      const p = new TerminalProgress(label, total ?? 0, interactive ? stderr : void 0, paint, () => {
        bar = void 0;
      });
      if (interactive)
        bar = p;
      return p;
    },
    async flush() {
      if (options.summaryFile)
        await writeFile(options.summaryFile, redactor.redact(summary));
    }
  };
  return runtime;
}
var TerminalProgress = class {
  label;
  total;
  out;
  paint;
  onDone;
  done_ = 0;
  detail = "";
  lastDraw = 0;
  constructor(label, total, out, paint, onDone) {
    this.label = label;
    this.total = total;
    this.out = out;
    this.paint = paint;
    this.onDone = onDone;
  }
  tick(n = 1, detail) {
    this.done_ += n;
    if (detail !== void 0)
      this.detail = detail;
    const now = Date.now();
    if (now - this.lastDraw >= 100) {
      this.lastDraw = now;
      this.render();
    }
  }
  setTotal(total) {
    this.total = total;
  }
  render() {
    if (!this.out)
      return;
    const width = 24;
    const frac = this.total > 0 ? Math.min(1, this.done_ / this.total) : 0;
    const filled = Math.round(frac * width);
    const bar = `${this.paint("green", "\u2588".repeat(filled))}${this.paint("dim", "\u2591".repeat(width - filled))}`;
    const count = this.total > 0 ? `${this.done_}/${this.total}` : `${this.done_}`;
    const line = `${this.label} ${bar} ${count} ${this.detail}`;
    const cols = this.out.columns ?? 100;
    this.out.write(`\r${line.slice(0, cols + 40)}\x1B[K`);
  }
  clear() {
    this.out?.write("\r\x1B[K");
  }
  done(message) {
    this.clear();
    this.onDone();
    if (this.out && message)
      this.out.write(`${this.label}: ${message}
`);
  }
};

export {
  ExitCode,
  UserError,
  InputError,
  ConfigError,
  GateError,
  HttpError,
  isNetworkError,
  exitCodeFor,
  parseBoolean,
  parseInteger,
  parseNumber,
  parseEnum,
  parseDuration,
  parseSize,
  parseList,
  parseUrl,
  createLimiter,
  mapLimit,
  escapeMarkdown,
  inlineCode,
  markdownTable,
  readInputs,
  Redactor,
  retry,
  parseRetryAfter,
  abortableSleep,
  runCapability,
  reportError,
  SECRET_PATTERNS,
  PII_PATTERNS,
  findSecrets,
  findPii,
  spawnService,
  colorEnabled,
  painter,
  createTerminalRuntime
};
