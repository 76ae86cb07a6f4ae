import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  require_dist
} from "./chunk-KJFXNCKF.js";
import {
  isRetryableS3,
  limiter,
  runAll,
  s3ErrorOf
} from "./chunk-4TKHEPPS.js";
import {
  ConfigError,
  InputError,
  UserError,
  escapeMarkdown,
  inlineCode,
  mapLimit,
  markdownTable,
  readInputs,
  retry
} from "./chunk-66CZKWGL.js";
import {
  __commonJS,
  __toESM
} from "./chunk-I2UBCO3D.js";

// node_modules/ignore/index.js
var require_ignore = __commonJS({
  "node_modules/ignore/index.js"(exports, module) {
    function makeArray(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var UNDEFINED = void 0;
    var EMPTY = "";
    var SPACE = " ";
    var ESCAPE = "\\";
    var REGEX_TEST_BLANK_LINE = /^\s+$/;
    var REGEX_INVALID_TRAILING_BACKSLASH = /(?:[^\\]|^)\\$/;
    var REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/;
    var REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/;
    var REGEX_SPLITALL_CRLF = /\r?\n/g;
    var REGEX_TEST_INVALID_PATH = /^\.{0,2}\/|^\.{1,2}$/;
    var REGEX_TEST_TRAILING_SLASH = /\/$/;
    var SLASH = "/";
    var TMP_KEY_IGNORE = "node-ignore";
    if (typeof Symbol !== "undefined") {
      TMP_KEY_IGNORE = /* @__PURE__ */ Symbol.for("node-ignore");
    }
    var KEY_IGNORE = TMP_KEY_IGNORE;
    var define = (object, key, value) => {
      Object.defineProperty(object, key, { value });
      return value;
    };
    var REGEX_REGEXP_RANGE = /([0-z])-([0-z])/g;
    var RETURN_FALSE = () => false;
    var sanitizeRange = (range) => range.replace(
      REGEX_REGEXP_RANGE,
      (match, from, to) => from.charCodeAt(0) <= to.charCodeAt(0) ? match : EMPTY
    );
    var cleanRangeBackSlash = (slashes) => {
      const { length } = slashes;
      return slashes.slice(0, length - length % 2);
    };
    var REPLACERS = [
      [
        // Remove BOM
        // TODO:
        // Other similar zero-width characters?
        /^\uFEFF/,
        () => EMPTY
      ],
      // > Trailing spaces are ignored unless they are quoted with backslash ("\")
      [
        // (a\ ) -> (a )
        // (a  ) -> (a)
        // (a ) -> (a)
        // (a \ ) -> (a  )
        /((?:\\\\)*?)(\\?\s+)$/,
        (_, m1, m2) => m1 + (m2.indexOf("\\") === 0 ? SPACE : EMPTY)
      ],
      // Replace (\ ) with ' '
      // (\ ) -> ' '
      // (\\ ) -> '\\ '
      // (\\\ ) -> '\\ '
      [
        /(\\+?)\s/g,
        (_, m1) => {
          const { length } = m1;
          return m1.slice(0, length - length % 2) + SPACE;
        }
      ],
      // Escape metacharacters
      // which is written down by users but means special for regular expressions.
      // > There are 12 characters with special meanings:
      // > - the backslash \,
      // > - the caret ^,
      // > - the dollar sign $,
      // > - the period or dot .,
      // > - the vertical bar or pipe symbol |,
      // > - the question mark ?,
      // > - the asterisk or star *,
      // > - the plus sign +,
      // > - the opening parenthesis (,
      // > - the closing parenthesis ),
      // > - and the opening square bracket [,
      // > - the opening curly brace {,
      // > These special characters are often called "metacharacters".
      [
        /[\\$.|*+(){^]/g,
        (match) => `\\${match}`
      ],
      [
        // > a question mark (?) matches a single character
        /(?!\\)\?/g,
        () => "[^/]"
      ],
      // leading slash
      [
        // > A leading slash matches the beginning of the pathname.
        // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
        // A leading slash matches the beginning of the pathname
        /^\//,
        () => "^"
      ],
      // replace special metacharacter slash after the leading slash
      [
        /\//g,
        () => "\\/"
      ],
      [
        // > A leading "**" followed by a slash means match in all directories.
        // > For example, "**/foo" matches file or directory "foo" anywhere,
        // > the same as pattern "foo".
        // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
        // >   under directory "foo".
        // Notice that the '*'s have been replaced as '\\*'
        /^\^*\\\*\\\*\\\//,
        // '**/foo' <-> 'foo'
        () => "^(?:.*\\/)?"
      ],
      // starting
      [
        // there will be no leading '/'
        //   (which has been replaced by section "leading slash")
        // If starts with '**', adding a '^' to the regular expression also works
        /^(?=[^^])/,
        function startingReplacer() {
          return !/\/(?!$)/.test(this) ? "(?:^|\\/)" : "^";
        }
      ],
      // two globstars
      [
        // Use lookahead assertions so that we could match more than one `'/**'`
        /\\\/\\\*\\\*(?=\\\/|$)/g,
        // Zero, one or several directories
        // should not use '*', or it will be replaced by the next replacer
        // Check if it is not the last `'/**'`
        (_, index, str) => index + 6 < str.length ? "(?:\\/[^\\/]+)*" : "\\/.+"
      ],
      // normal intermediate wildcards
      [
        // Never replace escaped '*'
        // ignore rule '\*' will match the path '*'
        // 'abc.*/' -> go
        // 'abc.*'  -> skip this rule,
        //    coz trailing single wildcard will be handed by [trailing wildcard]
        /(^|[^\\]+)(\\\*)+(?=.+)/g,
        // '*.js' matches '.js'
        // '*.js' doesn't match 'abc'
        (_, p1, p2) => {
          const unescaped = p2.replace(/\\\*/g, "[^\\/]*");
          return p1 + unescaped;
        }
      ],
      [
        // unescape, revert step 3 except for back slash
        // For example, if a user escape a '\\*',
        // after step 3, the result will be '\\\\\\*'
        /\\\\\\(?=[$.|*+(){^])/g,
        () => ESCAPE
      ],
      [
        // '\\\\' -> '\\'
        /\\\\/g,
        () => ESCAPE
      ],
      [
        // > The range notation, e.g. [a-zA-Z],
        // > can be used to match one of the characters in a range.
        // `\` is escaped by step 3
        /(\\)?\[([^\]/]*?)(\\*)($|\])/g,
        (match, leadEscape, range, endEscape, close) => leadEscape === ESCAPE ? `\\[${range}${cleanRangeBackSlash(endEscape)}${close}` : close === "]" ? endEscape.length % 2 === 0 ? `[${sanitizeRange(range)}${endEscape}]` : "[]" : "[]"
      ],
      // ending
      [
        // 'js' will not match 'js.'
        // 'ab' will not match 'abc'
        /(?:[^*])$/,
        // WTF!
        // https://git-scm.com/docs/gitignore
        // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
        // which re-fixes #24, #38
        // > If there is a separator at the end of the pattern then the pattern
        // > will only match directories, otherwise the pattern can match both
        // > files and directories.
        // 'js*' will not match 'a.js'
        // 'js/' will not match 'a.js'
        // 'js' will match 'a.js' and 'a.js/'
        (match) => /\/$/.test(match) ? `${match}$` : `${match}(?=$|\\/$)`
      ]
    ];
    var REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\\\*$/;
    var MODE_IGNORE = "regex";
    var MODE_CHECK_IGNORE = "checkRegex";
    var UNDERSCORE = "_";
    var TRAILING_WILD_CARD_REPLACERS = {
      [MODE_IGNORE](_, p1) {
        const prefix = p1 ? `${p1}[^/]+` : "[^/]*";
        return `${prefix}(?=$|\\/$)`;
      },
      [MODE_CHECK_IGNORE](_, p1) {
        const prefix = p1 ? `${p1}[^/]*` : "[^/]*";
        return `${prefix}(?=$|\\/$)`;
      }
    };
    var makeRegexPrefix = (pattern) => REPLACERS.reduce(
      (prev, [matcher, replacer]) => prev.replace(matcher, replacer.bind(pattern)),
      pattern
    );
    var isString = (subject) => typeof subject === "string";
    var checkPattern = (pattern) => pattern && isString(pattern) && !REGEX_TEST_BLANK_LINE.test(pattern) && !REGEX_INVALID_TRAILING_BACKSLASH.test(pattern) && pattern.indexOf("#") !== 0;
    var splitPattern = (pattern) => pattern.split(REGEX_SPLITALL_CRLF).filter(Boolean);
    var IgnoreRule = class {
      constructor(pattern, mark, body, ignoreCase, negative, prefix) {
        this.pattern = pattern;
        this.mark = mark;
        this.negative = negative;
        define(this, "body", body);
        define(this, "ignoreCase", ignoreCase);
        define(this, "regexPrefix", prefix);
      }
      get regex() {
        const key = UNDERSCORE + MODE_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_IGNORE, key);
      }
      get checkRegex() {
        const key = UNDERSCORE + MODE_CHECK_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_CHECK_IGNORE, key);
      }
      _make(mode, key) {
        const str = this.regexPrefix.replace(
          REGEX_REPLACE_TRAILING_WILDCARD,
          // It does not need to bind pattern
          TRAILING_WILD_CARD_REPLACERS[mode]
        );
        const regex = this.ignoreCase ? new RegExp(str, "i") : new RegExp(str);
        return define(this, key, regex);
      }
    };
    var createRule = ({
      pattern,
      mark
    }, ignoreCase) => {
      let negative = false;
      let body = pattern;
      if (body.indexOf("!") === 0) {
        negative = true;
        body = body.substr(1);
      }
      body = body.replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, "!").replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, "#");
      const regexPrefix = makeRegexPrefix(body);
      return new IgnoreRule(
        pattern,
        mark,
        body,
        ignoreCase,
        negative,
        regexPrefix
      );
    };
    var RuleManager = class {
      constructor(ignoreCase) {
        this._ignoreCase = ignoreCase;
        this._rules = [];
      }
      _add(pattern) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules._rules);
          this._added = true;
          return;
        }
        if (isString(pattern)) {
          pattern = {
            pattern
          };
        }
        if (checkPattern(pattern.pattern)) {
          const rule = createRule(pattern, this._ignoreCase);
          this._added = true;
          this._rules.push(rule);
        }
      }
      // @param {Array<string> | string | Ignore} pattern
      add(pattern) {
        this._added = false;
        makeArray(
          isString(pattern) ? splitPattern(pattern) : pattern
        ).forEach(this._add, this);
        return this._added;
      }
      // Test one single path without recursively checking parent directories
      //
      // - checkUnignored `boolean` whether should check if the path is unignored,
      //   setting `checkUnignored` to `false` could reduce additional
      //   path matching.
      // - check `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`
      // @returns {TestResult} true if a file is ignored
      test(path18, checkUnignored, mode) {
        let ignored = false;
        let unignored = false;
        let matchedRule;
        this._rules.forEach((rule) => {
          const { negative } = rule;
          if (unignored === negative && ignored !== unignored || negative && !ignored && !unignored && !checkUnignored) {
            return;
          }
          const matched = rule[mode].test(path18);
          if (!matched) {
            return;
          }
          ignored = !negative;
          unignored = negative;
          matchedRule = negative ? UNDEFINED : rule;
        });
        const ret = {
          ignored,
          unignored
        };
        if (matchedRule) {
          ret.rule = matchedRule;
        }
        return ret;
      }
    };
    var throwError = (message, Ctor) => {
      throw new Ctor(message);
    };
    var checkPath = (path18, originalPath, doThrow) => {
      if (!isString(path18)) {
        return doThrow(
          `path must be a string, but got \`${originalPath}\``,
          TypeError
        );
      }
      if (!path18) {
        return doThrow(`path must not be empty`, TypeError);
      }
      if (checkPath.isNotRelative(path18)) {
        const r = "`path.relative()`d";
        return doThrow(
          `path should be a ${r} string, but got "${originalPath}"`,
          RangeError
        );
      }
      return true;
    };
    var isNotRelative = (path18) => REGEX_TEST_INVALID_PATH.test(path18);
    checkPath.isNotRelative = isNotRelative;
    checkPath.convert = (p) => p;
    var Ignore = class {
      constructor({
        ignorecase = true,
        ignoreCase = ignorecase,
        allowRelativePaths = false
      } = {}) {
        define(this, KEY_IGNORE, true);
        this._rules = new RuleManager(ignoreCase);
        this._strictPathCheck = !allowRelativePaths;
        this._initCache();
      }
      _initCache() {
        this._ignoreCache = /* @__PURE__ */ Object.create(null);
        this._testCache = /* @__PURE__ */ Object.create(null);
      }
      add(pattern) {
        if (this._rules.add(pattern)) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      // @returns {TestResult}
      _test(originalPath, cache, checkUnignored, slices) {
        const path18 = originalPath && checkPath.convert(originalPath);
        checkPath(
          path18,
          originalPath,
          this._strictPathCheck ? throwError : RETURN_FALSE
        );
        return this._t(path18, cache, checkUnignored, slices);
      }
      checkIgnore(path18) {
        if (!REGEX_TEST_TRAILING_SLASH.test(path18)) {
          return this.test(path18);
        }
        const slices = path18.split(SLASH).filter(Boolean);
        slices.pop();
        if (slices.length) {
          const parent = this._t(
            slices.join(SLASH) + SLASH,
            this._testCache,
            true,
            slices
          );
          if (parent.ignored) {
            return parent;
          }
        }
        return this._rules.test(path18, false, MODE_CHECK_IGNORE);
      }
      _t(path18, cache, checkUnignored, slices) {
        if (path18 in cache) {
          return cache[path18];
        }
        if (!slices) {
          slices = path18.split(SLASH).filter(Boolean);
        }
        slices.pop();
        if (!slices.length) {
          return cache[path18] = this._rules.test(path18, checkUnignored, MODE_IGNORE);
        }
        const parent = this._t(
          slices.join(SLASH) + SLASH,
          cache,
          checkUnignored,
          slices
        );
        return cache[path18] = parent.ignored ? parent : this._rules.test(path18, checkUnignored, MODE_IGNORE);
      }
      ignores(path18) {
        return this._test(path18, this._ignoreCache, false).ignored;
      }
      createFilter() {
        return (path18) => !this.ignores(path18);
      }
      filter(paths) {
        return makeArray(paths).filter(this.createFilter());
      }
      // @returns {TestResult}
      test(path18) {
        return this._test(path18, this._testCache, true);
      }
    };
    var factory = (options) => new Ignore(options);
    var isPathValid = (path18) => checkPath(path18 && checkPath.convert(path18), path18, RETURN_FALSE);
    var setupWindows = () => {
      const makePosix = (str) => /^\\\\\?\\/.test(str) || /["<>|\u0000-\u001F]+/u.test(str) ? str : str.replace(/\\/g, "/");
      checkPath.convert = makePosix;
      const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i;
      checkPath.isNotRelative = (path18) => REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path18) || isNotRelative(path18);
    };
    if (
      // Detect `process` so that it can run in browsers.
      typeof process !== "undefined" && process.platform === "win32"
    ) {
      setupWindows();
    }
    module.exports = factory;
    factory.default = factory;
    module.exports.isPathValid = isPathValid;
    define(module.exports, /* @__PURE__ */ Symbol.for("setupWindows"), setupWindows);
  }
});

// packages/store/lib/add.js
import { randomBytes as randomBytes3 } from "node:crypto";
import { readFile as readFile5, rename as rename4, rm as rm4, stat as stat4, writeFile as writeFile5 } from "node:fs/promises";
import path10 from "node:path";

// packages/store/lib/internal/context.js
import { existsSync as existsSync3 } from "node:fs";
import { mkdir as mkdir5, readdir as readdir3, writeFile as writeFile4 } from "node:fs/promises";
import os3 from "node:os";
import path7 from "node:path";

// packages/store/lib/internal/check-on-failure.js
function checkOnFailure(remote) {
  let checked;
  const check = () => {
    checked ??= remote.check();
    return checked;
  };
  const guard = (p) => p.catch(async (error) => {
    await check();
    throw error;
  });
  return {
    display: remote.display,
    check,
    explain: () => check(),
    // A HEAD answers 404 without a body, for a missing bucket as for a missing object: when none of the
    // keys is there, make sure the bucket is.
    has: async (keys) => {
      const found = await guard(remote.has(keys));
      if (found.size === 0 && keys.length > 0)
        await check();
      return found;
    },
    list: (prefix) => guard(remote.list(prefix)),
    upload: (key, file, info) => guard(remote.upload(key, file, info)),
    uploadBytes: (key, bytes, info) => guard(remote.uploadBytes(key, bytes, info)),
    open: (key, start) => guard(remote.open(key, start)),
    ...remote.source ? { source: (key, range) => guard(remote.source?.(key, range) ?? Promise.resolve(void 0)) } : {},
    delete: (keys) => guard(remote.delete(keys)),
    close: () => remote.close()
  };
}

// packages/store/lib/internal/download-pool.js
import os from "node:os";
import { Worker } from "node:worker_threads";

// packages/store/lib/internal/md5-lanes.js
var Md5Lanes = class _Md5Lanes {
  reserved;
  /** Bytes a lane holds before its group is hashed. */
  static REGION = 2 * 1024 * 1024;
  /** Past this many waiting bytes a lane asks its stream to pause until the group is hashed together. */
  static HIGH_WATER = 1024 * 1024;
  /** How long paused lanes wait for the rest of their group before they are hashed with fewer lanes. */
  static PATIENCE_MS = 20;
  // Room past a region for the padding of a last block.
  static SLACK = 128;
  static GROUPS = 2;
  capacity = 4 * _Md5Lanes.GROUPS;
  kernel;
  mem;
  view;
  open;
  /** Per lane: bytes waiting in its region, bytes of it already hashed, and the stream's length so far. */
  fill;
  used;
  length;
  /** Per lane: what resumes its paused stream. Per group: the timer that stops waiting for laggards. */
  paused;
  timers;
  /** `module` is `md5x4Module(Md5Lanes.pages(reserved))`; its first `reserved` bytes are the kernel's own. */
  constructor(module, reserved) {
    this.reserved = reserved;
    const exports = new WebAssembly.Instance(module, {}).exports;
    this.kernel = exports.md5x4;
    this.mem = new Uint8Array(exports.memory.buffer);
    this.view = new DataView(exports.memory.buffer);
    this.open = new Array(this.capacity).fill(false);
    this.fill = new Array(this.capacity).fill(0);
    this.used = new Array(this.capacity).fill(0);
    this.length = new Array(this.capacity).fill(0);
    this.paused = new Array(this.capacity).fill(void 0);
    this.timers = new Array(_Md5Lanes.GROUPS).fill(void 0);
  }
  /** 64 KiB pages the kernel's memory needs: the group states, then one region per lane. */
  static pages(reserved) {
    return Math.ceil((reserved + 64 * _Md5Lanes.GROUPS + 4 * _Md5Lanes.GROUPS * (_Md5Lanes.REGION + _Md5Lanes.SLACK)) / 65536);
  }
  /** Where group `g`'s state vectors are. */
  stateAt(g) {
    return this.reserved + 64 * g;
  }
  regionAt(lane) {
    return this.reserved + 64 * _Md5Lanes.GROUPS + lane * (_Md5Lanes.REGION + _Md5Lanes.SLACK);
  }
  /** A lane for a new stream, or -1 when every lane is taken (hash that stream another way). */
  start() {
    const lane = this.open.indexOf(false);
    if (lane < 0)
      return -1;
    this.open[lane] = true;
    this.fill[lane] = 0;
    this.used[lane] = 0;
    this.length[lane] = 0;
    const init = [1732584193, 4023233417, 2562383102, 271733878];
    for (const [i, word] of init.entries())
      this.setWord(lane, i, word);
    return lane;
  }
  /**
   * Feeds the lane. Returns false once it holds HIGH_WATER bytes: the stream should stop reading and
   * call `whenReady`, so that its group is hashed when every lane has bytes, not one lane at a time
   * (a lane hashed alone costs as much as four). Bytes fed anyway are still taken.
   */
  update(lane, bytes) {
    this.length[lane] = this.length[lane] + bytes.length;
    let at = 0;
    while (at < bytes.length) {
      let room = _Md5Lanes.REGION - this.fill[lane];
      if (room === 0) {
        this.hashGroup(lane >> 2);
        room = _Md5Lanes.REGION - this.fill[lane];
      }
      const n = Math.min(room, bytes.length - at);
      this.mem.set(bytes.subarray(at, at + n), this.regionAt(lane) + this.fill[lane]);
      this.fill[lane] = this.fill[lane] + n;
      at += n;
    }
    return this.fill[lane] - this.used[lane] < _Md5Lanes.HIGH_WATER;
  }
  /**
   * Calls `resume` (never synchronously) once the paused lane has room again: when every open lane of
   * its group is paused, the group is hashed at once; otherwise after PATIENCE_MS at the latest.
   */
  whenReady(lane, resume) {
    this.paused[lane] = resume;
    this.settle(lane >> 2);
  }
  /** Hashes group `g` and resumes its paused lanes when none of its open lanes is still reading. */
  settle(g) {
    const lanes = [0, 1, 2, 3].map((i) => 4 * g + i).filter((l) => this.open[l]);
    if (!lanes.some((l) => this.paused[l]))
      return;
    if (lanes.every((l) => this.paused[l]))
      this.flush(g, true);
    else
      this.timers[g] ??= setTimeout(() => this.flush(g, false), _Md5Lanes.PATIENCE_MS);
  }
  flush(g, once) {
    clearTimeout(this.timers[g]);
    this.timers[g] = void 0;
    this.hashGroup(g, void 0, once);
    for (let l = 4 * g; l < 4 * g + 4; l++) {
      const resume = this.paused[l];
      this.paused[l] = void 0;
      if (resume)
        queueMicrotask(resume);
    }
  }
  /** The stream's MD5 as hex; frees the lane. */
  digest(lane) {
    this.hashGroup(lane >> 2);
    const base = this.regionAt(lane);
    let end = this.fill[lane];
    const bits = this.length[lane] * 8;
    this.mem[base + end++] = 128;
    while (end % 64 !== 56)
      this.mem[base + end++] = 0;
    this.view.setUint32(base + end, bits >>> 0, true);
    this.view.setUint32(base + end + 4, Math.floor(bits / 2 ** 32), true);
    end += 8;
    this.fill[lane] = end;
    this.hashGroup(lane >> 2, lane);
    let hex = "";
    for (let i = 0; i < 4; i++) {
      const word = this.word(lane, i);
      for (let j = 0; j < 4; j++)
        hex += (word >>> 8 * j & 255).toString(16).padStart(2, "0");
    }
    this.release(lane);
    return hex;
  }
  /** Gives the lane back without a digest (a failed download). */
  release(lane) {
    this.open[lane] = false;
    this.fill[lane] = 0;
    this.used[lane] = 0;
    this.paused[lane] = void 0;
    this.settle(lane >> 2);
  }
  /**
   * Hashes every whole block waiting in group `g` (only lane `only`'s, when given; with `once`, only
   * as far as the shortest lane goes), then moves what is left of each region to its start.
   */
  hashGroup(g, only, once = false) {
    const lanes = [0, 1, 2, 3].map((i) => 4 * g + i);
    const waiting = (l) => this.open[l] && (only === void 0 || l === only) ? this.fill[l] - this.used[l] >> 6 : 0;
    for (; ; ) {
      const active = lanes.filter((l) => waiting(l) > 0);
      if (active.length === 0)
        break;
      const blocks = Math.min(...active.map(waiting));
      const saved = lanes.filter((l) => !active.includes(l)).map((l) => [l, [0, 1, 2, 3].map((i) => this.word(l, i))]);
      const at = lanes.map((l) => this.regionAt(l) + (active.includes(l) ? this.used[l] : 0));
      this.kernel(this.stateAt(g), at[0], at[1], at[2], at[3], blocks);
      for (const [l, words] of saved)
        for (const [i, w] of words.entries())
          this.setWord(l, i, w);
      for (const l of active)
        this.used[l] = this.used[l] + 64 * blocks;
      if (once)
        break;
    }
    for (const l of lanes) {
      const used = this.used[l];
      if (used === 0)
        continue;
      const base = this.regionAt(l);
      this.mem.copyWithin(base, base + used, base + this.fill[l]);
      this.fill[l] = this.fill[l] - used;
      this.used[l] = 0;
    }
  }
  // Word i (A, B, C, D) of lane `lane`: group state vector i, 32-bit lane `lane % 4`.
  word(lane, i) {
    return this.view.getUint32(this.stateAt(lane >> 2) + 16 * i + 4 * (lane & 3), true);
  }
  setWord(lane, i, value) {
    this.view.setUint32(this.stateAt(lane >> 2) + 16 * i + 4 * (lane & 3), value >>> 0, true);
  }
};

// packages/store/lib/internal/download-worker.js
function downloadWorkerSource(c) {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const { createHash } = require('node:crypto');
const IN_MEMORY = ${c.inMemory};
const READ_BUFFER = 1024 * 1024;
// Progress is written after the data it counts, every few MiB: a resume repeats at most this much.
const PROGRESS_EVERY = 8 * 1024 * 1024;
const TIMEOUT_MS = 120000;
// MD5 of up to eight big bodies at once on one SIMD kernel (see md5-lanes.ts), else OpenSSL's.
const Md5Lanes = (${Md5Lanes.toString()});
const lanes = workerData.md5x4 ? new Md5Lanes(new WebAssembly.Module(workerData.md5x4), workerData.md5x4Reserved) : undefined;

function md5Stream() {
  const lane = lanes ? lanes.start() : -1;
  if (lane < 0) {
    const h = createHash('md5');
    return { update: (b) => { h.update(b); return true; }, whenReady: (resume) => queueMicrotask(resume), digest: () => h.digest('hex'), release() {} };
  }
  let open = true;
  return {
    // False: stop reading until whenReady calls back (see Md5Lanes.update).
    update: (b) => lanes.update(lane, b),
    whenReady: (resume) => lanes.whenReady(lane, resume),
    digest: () => { open = false; return lanes.digest(lane); },
    release: () => { if (open) { open = false; lanes.release(lane); } },
  };
}
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: workerData.sockets }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: workerData.sockets }),
};

function fail(message, extra) { return Object.assign(new Error(message), extra || {}); }

const s3ErrorOf = (${s3ErrorOf.toString()});

function s3Error(status, text) {
  const { code, message } = s3ErrorOf(status, text);
  return fail(code + ': ' + message, { name: code, status });
}

// Each source calls begin({ length, total }) once the response is known to be good, then consume(chunk)
// for every piece of the body in order; a chunk is only valid during the call. When consume returns
// false the source stops reading until consume.whenReady calls back. Resolves with the bytes consumed.
// A cut-off body rejects after consuming a true prefix.
function fetchBody(src, start, end, begin) {
  if (src.path !== undefined) return readFile(src.path, start, end, begin);
  const u = new URL(src.url);
  if (u.protocol === 'http:') return rawGet(u, src.headers, begin, true).then((r) => (r === FALLBACK ? nodeGet(u, src.headers, begin) : r));
  return nodeGet(u, src.headers, begin);
}

async function readFile(file, start, end, begin) {
  const size = fs.statSync(file).size;
  const last = end === undefined ? size - 1 : Math.min(end, size - 1);
  const length = Math.max(0, last - start + 1);
  const consume = begin({ length, total: size });
  const fd = await fs.promises.open(file, 'r');
  const buf = Buffer.allocUnsafe(Math.min(READ_BUFFER, Math.max(1, length)));
  let got = 0;
  try {
    while (got < length) {
      const { bytesRead } = await fd.read(buf, 0, Math.min(buf.length, length - got), start + got);
      if (bytesRead === 0) break;
      const go = consume(buf.subarray(0, bytesRead));
      got += bytesRead;
      if (go === false) await new Promise((resume) => consume.whenReady(resume));
    }
  } finally {
    await fd.close();
  }
  return got;
}

function nodeGet(u, headers, begin) {
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method: 'GET', headers, agent: agents[u.protocol], timeout: TIMEOUT_MS }, (res) => {
      const status = res.statusCode || 0;
      const chunks = [];
      if (status < 200 || status >= 300) {
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => reject(s3Error(status, Buffer.concat(chunks).toString('utf8'))));
        return;
      }
      const length = Number(res.headers['content-length']);
      const range = /\\/(\\d+)$/.exec(String(res.headers['content-range'] || ''));
      let consume;
      let got = 0;
      try {
        consume = begin({ length, total: range ? Number(range[1]) : length });
      } catch (e) {
        res.destroy();
        return reject(e);
      }
      res.on('data', (c) => {
        try {
          const go = consume(c);
          got += c.length;
          if (go === false) {
            res.pause();
            consume.whenReady(() => res.resume());
          }
        } catch (e) {
          res.destroy(e);
        }
      });
      res.on('error', reject);
      res.on('end', () => resolve(got));
      res.on('close', () => { if (!res.complete) reject(fail('GET ' + u.pathname + ' was cut off after ' + got + ' bytes', { code: 'ECONNRESET' })); });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(fail('GET ' + u.pathname + ' timed out', { name: 'TimeoutError' })));
    req.end();
  });
}

// Idle keep-alive sockets of the raw client, by host:port.
const idle = new Map();
const FALLBACK = Symbol('fallback');
const HEAD_END = Buffer.from('\\r\\n\\r\\n');
const CHUNKED_END = Buffer.from('\\r\\n0\\r\\n\\r\\n');

function takeSocket(u) {
  const list = idle.get(u.host);
  while (list && list.length > 0) {
    const s = list.pop();
    if (!s.destroyed) return s;
  }
  const buffer = Buffer.allocUnsafe(READ_BUFFER);
  const s = net.connect({
    host: u.hostname,
    port: Number(u.port || 80),
    noDelay: true,
    onread: { buffer, callback: (n, b) => (s.onBytes ? s.onBytes(b.subarray(0, n)) : undefined) },
  });
  s.fresh = true;
  s.on('error', (e) => { if (s.onFail) s.onFail(e); });
  s.on('close', () => {
    const l = idle.get(u.host);
    if (l) { const i = l.indexOf(s); if (i >= 0) l.splice(i, 1); }
    if (s.onFail) s.onFail(fail('connection closed by ' + u.host, { code: 'ECONNRESET' }));
  });
  s.on('timeout', () => s.destroy(fail('GET timed out after ' + TIMEOUT_MS / 1000 + ' s', { name: 'TimeoutError' })));
  return s;
}

function release(u, s) {
  s.onBytes = undefined;
  s.onFail = undefined;
  s.setTimeout(0);
  let list = idle.get(u.host);
  if (!list) idle.set(u.host, (list = []));
  list.push(s);
}

function requestHead(u, headers) {
  let head = 'GET ' + u.pathname + u.search + ' HTTP/1.1\\r\\n';
  let host = false;
  for (const [k, v] of Object.entries(headers)) {
    const value = String(v);
    if (/[\\r\\n]/.test(k + value)) throw fail('header ' + k + ' holds a line break', { name: 'InvalidHeader' });
    if (k.toLowerCase() === 'host') host = true;
    head += k + ': ' + value + '\\r\\n';
  }
  if (!host) head += 'host: ' + u.host + '\\r\\n';
  return head + '\\r\\n';
}

function parseHead(text) {
  const lines = text.split('\\r\\n');
  const m = /^HTTP\\/1\\.[01] (\\d{3})/.exec(lines[0] || '');
  if (!m) return undefined;
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers };
}

// One GET over a kept-alive socket. Resolves with the bytes consumed, or FALLBACK when the response is
// framed in a way this client leaves to node:http (nothing has been consumed then).
function rawGet(u, headers, begin, mayRetry) {
  return new Promise((resolve, reject) => {
    let s;
    let head = Buffer.alloc(0);
    let state = 'head';
    let left = 0;
    let got = 0;
    let consume;
    let status = 0;
    let errorBody = [];
    let errorFramed;
    let keep = true;
    let settled = false;
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      s.onBytes = undefined;
      s.onFail = undefined;
      fn(value);
    };
    const done = () => {
      if (keep) { finish(resolve, got); release(u, s); }
      else { finish(resolve, got); s.destroy(); }
    };
    const onBody = (b) => {
      const n = Math.min(left, b.length);
      let go = true;
      if (n > 0) {
        go = consume(n === b.length ? b : b.subarray(0, n)) !== false;
        got += n;
        left -= n;
      }
      // Bytes past the body on a request/response socket mean it cannot be trusted again.
      if (b.length > n) keep = false;
      if (left === 0) return done();
      if (!go) {
        // Returning false from onread pauses the socket; whenReady never calls back synchronously.
        consume.whenReady(() => { if (!settled) s.resume(); });
        return false;
      }
    };
    const onError = (b) => {
      errorBody.push(Buffer.from(b));
      const all = Buffer.concat(errorBody);
      if (errorFramed === 'chunked' ? all.includes(CHUNKED_END) || all.length > 65536 : errorFramed !== undefined && all.length >= errorFramed) {
        s.destroy();
        finish(reject, s3Error(status, all.toString('utf8')));
      }
    };
    const onBytes = (b) => {
      try {
        if (state === 'body') return onBody(b);
        if (state === 'error') return onError(b);
        head = Buffer.concat([head, b]);
        const at = head.indexOf(HEAD_END);
        if (at < 0) {
          if (head.length > 65536) throw fail('response head from ' + u.host + ' is over 64 KiB', { code: 'ECONNRESET' });
          return;
        }
        const parsed = parseHead(head.subarray(0, at).toString('latin1'));
        if (!parsed) throw fail('malformed response from ' + u.host, { code: 'ECONNRESET' });
        const rest = head.subarray(at + 4);
        head = undefined;
        status = parsed.status;
        const h = parsed.headers;
        if (/close/i.test(h.connection || '')) keep = false;
        const chunked = /chunked/i.test(h['transfer-encoding'] || '');
        const length = h['content-length'] === undefined ? NaN : Number(h['content-length']);
        if (status < 200 || status >= 300) {
          state = 'error';
          errorFramed = chunked ? 'chunked' : Number.isFinite(length) ? length : undefined;
          if (errorFramed === 0) { s.destroy(); return finish(reject, s3Error(status, '')); }
          if (rest.length > 0) onError(rest);
          return;
        }
        if (chunked || !Number.isFinite(length)) {
          s.destroy();
          return finish(resolve, FALLBACK);
        }
        const range = /\\/(\\d+)$/.exec(h['content-range'] || '');
        state = 'body';
        left = length;
        consume = begin({ length, total: range ? Number(range[1]) : length });
        if (left === 0) return done();
        if (rest.length > 0) return onBody(rest);
      } catch (e) {
        s.destroy();
        finish(reject, e);
      }
    };
    const onFail = (e) => {
      if (state === 'error' && errorFramed === undefined) return finish(reject, s3Error(status, Buffer.concat(errorBody).toString('utf8')));
      // A kept-alive socket the server closed while it sat idle: nothing was asked of it yet, ask again.
      if (mayRetry && reused && state === 'head' && head && head.length === 0) {
        settled = true;
        s.onBytes = undefined;
        s.onFail = undefined;
        return rawGet(u, headers, begin, false).then(resolve, reject);
      }
      finish(reject, e);
    };
    let text;
    try {
      text = requestHead(u, headers);
    } catch (e) {
      return reject(e);
    }
    s = takeSocket(u);
    const reused = !s.fresh;
    s.onBytes = onBytes;
    s.onFail = onFail;
    s.setTimeout(TIMEOUT_MS);
    s.write(text);
    s.fresh = false;
  });
}

// Writes body bytes at their offsets in fd, hashing on the way; progress (slot \`slot\` of progressFd)
// is written after the data it counts.
// A mirror fd gets the same bytes at the same offsets (the local cache's copy, without reading them back).
function sink(fd, pos, hash, progressFd, slot, doneBefore, mirrorFd) {
  let done = doneBefore;
  let unmarked = 0;
  const mark = Buffer.alloc(8);
  return {
    consume(b) {
      const go = hash ? hash.update(b) !== false : true;
      writeAll(fd, b, pos);
      if (mirrorFd !== undefined) writeAll(mirrorFd, b, pos);
      pos += b.length;
      done += b.length;
      unmarked += b.length;
      if (unmarked >= PROGRESS_EVERY) this.mark();
      return go;
    },
    mark() {
      if (unmarked === 0) return;
      unmarked = 0;
      mark.writeBigUInt64LE(BigInt(done));
      fs.writeSync(progressFd, mark, 0, 8, slot * 8);
    },
  };
}

function writeAll(fd, b, pos) {
  let off = 0;
  while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off, pos + off);
}

function writeFileIn(file, bytes, mode) {
  try {
    fs.writeFileSync(file, bytes, { mode });
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes, { mode });
  }
}

function placeSmall(s, bytes) {
  writeFileIn(s.tmp, bytes, s.mode);
  // The umask may have dropped the exec bit.
  if (s.mode & 0o111) fs.chmodSync(s.tmp, s.mode);
  try { fs.renameSync(s.tmp, s.target); } catch (e) { fs.rmSync(s.tmp, { force: true }); throw e; }
  if (s.cacheTarget) {
    writeFileIn(s.cacheTmp, bytes, 0o444);
    fs.renameSync(s.cacheTmp, s.cacheTarget);
  }
  const st = fs.statSync(s.target);
  return { placed: true, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

async function whole(t) {
  const p = t.partial;
  // A small body is held (copied: a chunk is only valid during the call) and hashed once whole.
  const held = [];
  let hash;
  let out;
  const begin = ({ length }) => {
    if (length <= IN_MEMORY) return (c) => { held.push(Buffer.from(c)); };
    fs.mkdirSync(path.dirname(p.data), { recursive: true });
    // Same shape as PartialMeta in partial.ts: one range covering the whole object.
    fs.writeFileSync(p.meta, JSON.stringify({ v: 1, id: p.id, size: length, rangeSize: Math.max(1, length), ranges: 1 }));
    fs.writeFileSync(p.progress, Buffer.alloc(8));
    hash = md5Stream();
    out = { fd: fs.openSync(p.data, 'w', 0o644), pfd: fs.openSync(p.progress, 'r+') };
    if (p.mirror) out.mfd = fs.openSync(p.mirror, 'w', 0o644);
    out.sink = sink(out.fd, 0, hash, out.pfd, 0, 0, out.mfd);
    return Object.assign((c) => out.sink.consume(c), { whenReady: (resume) => hash.whenReady(resume) });
  };
  let size;
  try {
    size = await fetchBody(t.src, 0, undefined, begin);
    if (out) return { placed: false, md5: hash.digest(), size, spilled: true };
  } finally {
    // A cut connection still delivered a true prefix: keep it, so the retry or the next run continues after it.
    if (out) {
      hash.release();
      try { out.sink.mark(); } finally {
        fs.closeSync(out.fd);
        fs.closeSync(out.pfd);
        if (out.mfd !== undefined) fs.closeSync(out.mfd);
      }
    }
  }
  const bytes = Buffer.concat(held, size);
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (md5 !== t.expect) return { placed: false, md5, size, spilled: false };
  return placeSmall(t.small, bytes);
}

async function range(t) {
  const start = t.start + t.done;
  if (start > t.end) return { size: 0 };
  const fd = fs.openSync(t.data, 'r+');
  const pfd = fs.openSync(t.progress, 'r+');
  const out = sink(fd, start, undefined, pfd, t.slot, t.done);
  let length = 0;
  try {
    const size = await fetchBody(t.src, start, t.end, (r) => {
      length = r.length;
      if (length !== t.end - start + 1) throw fail('range ' + start + '-' + t.end + ' answered ' + length + ' bytes', { name: 'RangeMismatch' });
      return (c) => out.consume(c);
    });
    if (size !== length) throw fail('range ' + start + '-' + t.end + ' ended after ' + size + ' bytes', { code: 'ECONNRESET' });
    return { size };
  } finally {
    try { out.mark(); } finally { fs.closeSync(fd); fs.closeSync(pfd); }
  }
}

parentPort.on('message', (m) => {
  (m.task.kind === 'whole' ? whole(m.task) : range(m.task)).then(
    (result) => parentPort.postMessage({ id: m.id, result }),
    (e) => parentPort.postMessage({ id: m.id, error: { message: String((e && e.message) || e), name: (e && e.name) || 'Error', status: e && e.status, code: e && e.code } }),
  );
});
`;
}

// packages/store/lib/internal/md5x4-wasm.js
function md5x4Module(pages) {
  const types = [1, 96, 6, ...new Array(6).fill(I32), 0];
  const table = K.flatMap((k) => [...le32(k), ...le32(k), ...le32(k), ...le32(k)]);
  const data = [1, 0, ...op.i32(0), ...op.end, ...uleb(table.length), ...table];
  return new Uint8Array([
    ...MAGIC,
    ...section(1, types),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, ...uleb(pages)]),
    ...section(7, EXPORTS),
    ...section(10, code()),
    ...section(11, data)
  ]);
}
var TABLE_BYTES = 64 * 16;
var SHIFTS = [
  [7, 12, 17, 22],
  [5, 9, 14, 20],
  [4, 11, 16, 23],
  [6, 10, 15, 21]
];
var K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
function wordOf(i) {
  if (i < 16)
    return i;
  if (i < 32)
    return (5 * i + 1) % 16;
  if (i < 48)
    return (3 * i + 5) % 16;
  return 7 * i % 16;
}
var MAGIC = [0, 97, 115, 109, 1, 0, 0, 0];
var I32 = 127;
var V128 = 123;
var EXPORTS = [2, ...name("md5x4"), 0, 0, ...name("memory"), 2, 0];
var op = {
  block: [2, 64],
  loop: [3, 64],
  end: [11],
  br: (depth) => [12, depth],
  brIf: (depth) => [13, depth],
  get: (i) => [32, ...uleb(i)],
  set: (i) => [33, ...uleb(i)],
  tee: (i) => [34, ...uleb(i)],
  i32: (n) => [65, ...sleb(n)],
  i32Eqz: [69],
  i32Add: [106],
  i32Sub: [107],
  load: (offset) => [253, 0, 0, ...uleb(offset)],
  store: (offset) => [253, 11, 0, ...uleb(offset)],
  shuffle: (lanes) => [253, 13, ...lanes],
  not: [253, 77],
  or: [253, 80],
  xor: [253, 81],
  bitselect: [253, 82],
  shl: [253, ...uleb(171)],
  shrU: [253, ...uleb(173)],
  add: [253, ...uleb(174)]
};
var P = { state: 0, p: [1, 2, 3, 4], blocks: 5 };
var L = { a: 6, b: 7, c: 8, d: 9, aa: 10, bb: 11, cc: 12, dd: 13, m: 14, t: 30, r: 34, tmp: 38 };
var V128_LOCALS = 33;
function code() {
  const body = [];
  const emit = (...parts) => {
    for (const p of parts)
      typeof p === "number" ? body.push(p) : body.push(...p);
  };
  for (const [i, v] of [L.a, L.b, L.c, L.d].entries())
    emit(op.get(P.state), op.load(16 * i), op.set(v));
  emit(op.block, op.loop, op.get(P.blocks), op.i32Eqz, op.brIf(1));
  const pairLo = [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23];
  const pairHi = [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31];
  const halfLo = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
  const halfHi = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];
  const { r, t } = L;
  for (let q = 0; q < 4; q++) {
    for (let lane = 0; lane < 4; lane++)
      emit(op.get(P.p[lane]), op.load(16 * q), op.set(r + lane));
    emit(op.get(r), op.get(r + 1), op.shuffle(pairLo), op.set(t));
    emit(op.get(r), op.get(r + 1), op.shuffle(pairHi), op.set(t + 1));
    emit(op.get(r + 2), op.get(r + 3), op.shuffle(pairLo), op.set(t + 2));
    emit(op.get(r + 2), op.get(r + 3), op.shuffle(pairHi), op.set(t + 3));
    emit(op.get(t), op.get(t + 2), op.shuffle(halfLo), op.set(L.m + 4 * q));
    emit(op.get(t), op.get(t + 2), op.shuffle(halfHi), op.set(L.m + 4 * q + 1));
    emit(op.get(t + 1), op.get(t + 3), op.shuffle(halfLo), op.set(L.m + 4 * q + 2));
    emit(op.get(t + 1), op.get(t + 3), op.shuffle(halfHi), op.set(L.m + 4 * q + 3));
  }
  emit(op.get(L.a), op.set(L.aa), op.get(L.b), op.set(L.bb), op.get(L.c), op.set(L.cc), op.get(L.d), op.set(L.dd));
  let [a, b, c, d] = [L.a, L.b, L.c, L.d];
  for (let i = 0; i < 64; i++) {
    const round = i >> 4;
    const f = [
      [op.get(c), op.get(d), op.get(b), op.bitselect],
      [op.get(b), op.get(c), op.get(d), op.bitselect],
      [op.get(b), op.get(c), op.xor, op.get(d), op.xor],
      [op.get(c), op.get(b), op.get(d), op.not, op.or, op.xor]
    ][round];
    const s = SHIFTS[round]?.[i % 4];
    emit(op.get(a), op.i32(0), op.load(16 * i), op.add, op.get(L.m + wordOf(i)), op.add, ...f, op.add, op.tee(L.tmp));
    emit(op.i32(s), op.shl, op.get(L.tmp), op.i32(32 - s), op.shrU, op.or, op.get(b), op.add, op.set(a));
    [a, b, c, d] = [d, a, b, c];
  }
  emit(op.get(L.a), op.get(L.aa), op.add, op.set(L.a), op.get(L.b), op.get(L.bb), op.add, op.set(L.b));
  emit(op.get(L.c), op.get(L.cc), op.add, op.set(L.c), op.get(L.d), op.get(L.dd), op.add, op.set(L.d));
  for (const p of P.p)
    emit(op.get(p), op.i32(64), op.i32Add, op.set(p));
  emit(op.get(P.blocks), op.i32(1), op.i32Sub, op.set(P.blocks), op.br(0), op.end, op.end);
  for (const [i, v] of [L.a, L.b, L.c, L.d].entries())
    emit(op.get(P.state), op.get(v), op.store(16 * i));
  emit(op.end);
  const fn = [1, ...uleb(V128_LOCALS), V128, ...body];
  return [1, ...uleb(fn.length), ...fn];
}
function section(id, content) {
  return [id, ...uleb(content.length), ...content];
}
function name(s) {
  return [s.length, ...Buffer.from(s, "utf8")];
}
function uleb(n) {
  const out = [];
  do {
    let byte = n & 127;
    n >>>= 7;
    if (n !== 0)
      byte |= 128;
    out.push(byte);
  } while (n !== 0);
  return out;
}
function sleb(n) {
  const out = [];
  for (; ; ) {
    const byte = n & 127;
    n >>= 7;
    if (n === 0 && (byte & 64) === 0 || n === -1 && (byte & 64) !== 0) {
      out.push(byte);
      return out;
    }
    out.push(byte | 128);
  }
}
function le32(n) {
  return [n & 255, n >>> 8 & 255, n >>> 16 & 255, n >>> 24 & 255];
}

// packages/store/lib/internal/download-pool.js
var IN_MEMORY = 1024 * 1024;
var DownloadError = class extends Error {
  $metadata;
  code;
  constructor(e) {
    super(e.message);
    this.name = e.name;
    this.code = e.code;
    this.$metadata = e.status !== void 0 ? { httpStatusCode: e.status } : {};
  }
};
var WORKER_SOURCE = downloadWorkerSource({ inMemory: IN_MEMORY });
var kernel;
function md5x4() {
  if (process.env.SLIPWAY_MD5_SIMD === "0")
    return {};
  kernel ??= md5x4Module(Md5Lanes.pages(TABLE_BYTES));
  return { md5x4: kernel, md5x4Reserved: TABLE_BYTES };
}
var DownloadPool = class {
  sockets;
  workers = [];
  pending = /* @__PURE__ */ new Map();
  nextId = 0;
  threads;
  constructor(sockets, threads = Math.max(1, Math.min(4, os.availableParallelism()))) {
    this.sockets = sockets;
    this.threads = threads;
  }
  whole(task) {
    return this.post(task);
  }
  range(task) {
    return this.post(task);
  }
  /** Starts every thread now, so their start-up overlaps other work instead of the first download. */
  warm() {
    while (this.workers.length < this.threads)
      this.spawn();
  }
  /** Stops the threads. Safe to call more than once. */
  async close() {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
  post(task) {
    let w = this.workers.findIndex((x) => x.inFlight === 0);
    if (w < 0 && this.workers.length < this.threads)
      w = this.spawn();
    if (w < 0)
      w = this.workers.reduce((best, x, i) => x.inFlight < (this.workers[best]?.inFlight ?? Infinity) ? i : best, 0);
    const slot = this.workers[w];
    if (!slot)
      return Promise.reject(new Error("download pool is closed"));
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, w });
      slot.worker.postMessage({ id, task });
    });
  }
  spawn() {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sockets: this.sockets, ...md5x4() } });
    const w = this.workers.length;
    this.workers.push({ worker, inFlight: 0 });
    worker.on("message", (m) => {
      const p = this.pending.get(m.id);
      if (!p)
        return;
      this.pending.delete(m.id);
      const slot = this.workers[p.w];
      if (slot)
        slot.inFlight--;
      if (m.error)
        p.reject(new DownloadError(m.error));
      else
        p.resolve(m.result);
    });
    worker.on("error", (e) => {
      for (const [id, p] of this.pending) {
        if (p.w !== w)
          continue;
        this.pending.delete(id);
        p.reject(e);
      }
    });
    return w;
  }
};

// packages/store/lib/internal/dvcignore.js
import { readFileSync } from "node:fs";
import path from "node:path";
var import_ignore = __toESM(require_ignore(), 1);
var DVCIGNORE = ".dvcignore";
var DvcIgnore = class {
  root;
  /** Loaded `.dvcignore` per folder (POSIX, relative to the root; '' is the root); null when there is none. */
  files = /* @__PURE__ */ new Map();
  constructor(root) {
    this.root = root;
  }
  /**
   * True when `rel` (POSIX, relative to the root) is ignored. Its ancestors are not consulted: callers
   * that walk down stop at an ignored folder; `ignoredAlongPath` checks a path named directly.
   */
  isIgnored(rel, isDir) {
    return this.verdict(rel, isDir) !== void 0;
  }
  /** The `.dvcignore` that hides `rel` or one of the folders above it, or undefined when nothing does. */
  ignoredAlongPath(rel, isDir) {
    const parts = rel.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const by = this.verdict(parts.slice(0, i).join("/"), i < parts.length || isDir);
      if (by !== void 0)
        return by;
    }
    return void 0;
  }
  /**
   * A matcher for paths below the tracked folder `trackedRel`, or undefined when no `.dvcignore` above it
   * has rules (the common case: nothing to test per file). Inside a tracked folder there are none to
   * consult (they are refused), so the files above it are all that count.
   */
  matcherBelow(trackedRel) {
    const parts = trackedRel.split("/");
    let any = false;
    for (let depth = 0; depth < parts.length && !any; depth++)
      any = this.load(parts.slice(0, depth).join("/")) !== null;
    return any ? (rel, isDir) => this.isIgnored(rel, isDir) : void 0;
  }
  /** Fails when a tracked folder holds a `.dvcignore` (DVC refuses it too: patterns belong above the folder). */
  static refuseInside(trackedRel, fileRel) {
    throw new UserError(`${fileRel}: a ${DVCIGNORE} inside the tracked folder ${trackedRel} is not allowed`, {
      hint: `move its patterns to a ${DVCIGNORE} above ${trackedRel} (e.g. the repository root), with paths relative to that file`
    });
  }
  verdict(rel, isDir) {
    const parts = rel.split("/");
    let by;
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join("/");
      const ig = this.load(dir);
      if (!ig)
        continue;
      const sub = parts.slice(depth).join("/");
      const r = ig.test(isDir ? `${sub}/` : sub);
      if (r.ignored)
        by = `${dir ? `${dir}/${DVCIGNORE}` : DVCIGNORE} (pattern "${r.rule?.pattern ?? "?"}")`;
      else if (r.unignored)
        by = void 0;
    }
    return by;
  }
  load(dir) {
    let ig = this.files.get(dir);
    if (ig !== void 0)
      return ig;
    let text;
    try {
      text = readFileSync(path.join(this.root, ...dir ? dir.split("/") : [], DVCIGNORE), "utf8");
    } catch {
      text = void 0;
    }
    ig = text === void 0 ? null : (0, import_ignore.default)().add(text);
    this.files.set(dir, ig);
    return ig;
  }
};

// packages/store/lib/internal/fs-remote.js
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import path2 from "node:path";
var FolderRemote = class {
  root;
  display;
  constructor(root) {
    this.root = root;
    this.display = `file://${root}`;
  }
  async check() {
    await mkdir(this.root, { recursive: true });
  }
  async has(keys) {
    const found = /* @__PURE__ */ new Set();
    await mapLimit(keys, 32, async (k) => {
      if (await exists(this.file(k)))
        found.add(k);
    });
    return found;
  }
  async list(prefix) {
    const out = [];
    const walk = async (rel) => {
      const entries = await readdir(path2.join(this.root, rel), { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory())
          await walk(child);
        else if (e.isFile() && !e.name.includes(".slipway-tmp-"))
          out.push(child);
      }
    };
    await walk(prefix.replace(/\/$/, ""));
    return out;
  }
  async upload(key, file, info) {
    const target = this.file(key);
    if (await exists(target, info.size))
      return "present";
    await mkdir(path2.dirname(target), { recursive: true });
    const tmp = `${target}.slipway-tmp-${randomBytes(6).toString("hex")}`;
    try {
      await copyFile(file, tmp);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return "uploaded";
  }
  async uploadBytes(key, bytes, info) {
    const target = this.file(key);
    if (await exists(target, info.size))
      return "present";
    await mkdir(path2.dirname(target), { recursive: true });
    const tmp = `${target}.slipway-tmp-${randomBytes(6).toString("hex")}`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    return "uploaded";
  }
  async open(key, start = 0) {
    const file = this.file(key);
    await stat(file);
    return createReadStream(file, { start, highWaterMark: 1024 * 1024 });
  }
  source(key) {
    return Promise.resolve({ path: this.file(key) });
  }
  async delete(keys) {
    let n = 0;
    for (const k of keys) {
      try {
        await unlink(this.file(k));
        n++;
      } catch (error) {
        if (error.code !== "ENOENT")
          throw error;
      }
    }
    return n;
  }
  async close() {
  }
  file(key) {
    return path2.join(this.root, ...key.split("/"));
  }
};
async function exists(file, size) {
  try {
    const st = await stat(file);
    return size === void 0 || st.size === size;
  } catch {
    return false;
  }
}

// packages/store/lib/internal/hash-cache.js
import { statSync } from "node:fs";
import { mkdir as mkdir2, readFile, rename as rename2, writeFile as writeFile2 } from "node:fs/promises";
import path3 from "node:path";
var HashCache = class _HashCache {
  file;
  entries;
  dirty = false;
  constructor(file, entries) {
    this.file = file;
    this.entries = entries;
  }
  static async open(stateDir) {
    const file = path3.join(stateDir, "hashes.json");
    const entries = /* @__PURE__ */ new Map();
    try {
      const data = JSON.parse(await readFile(file, "utf8"));
      for (const [k, v] of Object.entries(data))
        if (Array.isArray(v) && v.length === 4)
          entries.set(k, v);
    } catch {
    }
    return new _HashCache(file, entries);
  }
  /** The remembered MD5 when `st` still describes the file that was hashed. */
  lookup(abs, st) {
    const e = this.entries.get(abs);
    if (!e)
      return void 0;
    return e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ino ? e[3] : void 0;
  }
  remember(abs, st, md52) {
    this.rememberRaw(abs, st.size, st.mtimeMs, st.ino, md52);
  }
  /** As `remember`, from the fields a worker thread sent back. */
  rememberRaw(abs, size, mtimeMs, ino, md52) {
    this.entries.set(abs, [size, mtimeMs, ino, md52]);
    this.dirty = true;
  }
  /** The file's MD5, from memory when unchanged, else hashed (and remembered). */
  async hash(abs, hasher, st) {
    const before = st ?? statSync(abs);
    const known = this.lookup(abs, before);
    if (known !== void 0)
      return { md5: known, size: before.size };
    const h = await hasher.hashFile(abs, before.size);
    const after = statSync(abs);
    if (after.size === before.size && after.mtimeMs === before.mtimeMs && after.ino === before.ino)
      this.remember(abs, after, h.md5);
    return h;
  }
  async save() {
    if (!this.dirty)
      return;
    await mkdir2(path3.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile2(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    await rename2(tmp, this.file);
    this.dirty = false;
  }
};

// packages/store/lib/internal/md5.js
import { createHash } from "node:crypto";
import { readFileSync as readFileSync2 } from "node:fs";
import { open } from "node:fs/promises";
import os2 from "node:os";
import { Worker as Worker2 } from "node:worker_threads";
var WORKER_THRESHOLD = 4 * 2 ** 20;
var BUFFER_BYTES = 4 * 2 ** 20;
var SMALL_FILE = 512 * 1024;
var WORKER_SOURCE2 = `
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
function md5Hex(data) {
  return createHash("md5").update(data).digest("hex");
}
var Hasher = class {
  workers = [];
  queue = [];
  pending = /* @__PURE__ */ new Map();
  nextId = 0;
  size;
  constructor(threads = Math.max(1, Math.min(4, os2.availableParallelism()))) {
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
      let slot = this.workers.findIndex((w2) => !w2.busy);
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
    const worker = new Worker2(WORKER_SOURCE2, { eval: true });
    const slot = this.workers.length;
    this.workers.push({ worker, busy: false });
    worker.on("message", (m) => {
      const p = this.pending.get(m.id);
      if (!p)
        return;
      this.pending.delete(m.id);
      const w = this.workers[p.slot];
      if (w)
        w.busy = false;
      if (m.error !== void 0)
        p.reject(Object.assign(new Error(m.error), { code: m.code }));
      else
        p.resolve({ md5: m.md5 ?? "", size: m.size ?? 0 });
      this.pump();
    });
    worker.on("error", (e) => {
      for (const [id, p] of this.pending) {
        if (p.slot === slot) {
          this.pending.delete(id);
          p.reject(e);
        }
      }
    });
    return slot;
  }
};
async function hashInline(file) {
  const fh = await open(file, "r");
  try {
    const h = createHash("md5");
    const buf = Buffer.allocUnsafe(256 * 1024);
    let size = 0;
    for (; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0)
        break;
      h.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { md5: h.digest("hex"), size };
  } finally {
    await fh.close();
  }
}
async function hashSmall(file) {
  const data = readFileSync2(file);
  return { md5: md5Hex(data), size: data.length };
}

// packages/store/lib/internal/object-cache.js
import { randomBytes as randomBytes2 } from "node:crypto";
import { constants, existsSync, mkdirSync, renameSync, rmSync, statSync as statSync2, writeFileSync } from "node:fs";
import { chmod, copyFile as copyFile2, mkdir as mkdir3, readdir as readdir2, readFile as readFile2, rename as rename3, rm as rm2, stat as stat2, unlink as unlink2, writeFile as writeFile3 } from "node:fs/promises";
import path4 from "node:path";

// packages/store/lib/internal/remote.js
function objectKey(id) {
  return `files/md5/${id.slice(0, 2)}/${id.slice(2)}`;
}
function idFromKey(key) {
  const m = /(?:^|\/)files\/md5\/([0-9a-f]{2})\/([0-9a-f]{30}(?:\.dir)?)$/.exec(key);
  return m ? `${m[1]}${m[2]}` : void 0;
}

// packages/store/lib/internal/object-cache.js
var ObjectCache = class {
  dir;
  /** Folders this run has already made: one mkdir per folder, not per object. */
  made = /* @__PURE__ */ new Set();
  reflinksPromise;
  constructor(dir) {
    this.dir = dir;
  }
  /** Records that `dir` exists (another thread made it). */
  noteDir(dir) {
    this.made.add(dir);
  }
  pathOf(id) {
    return path4.join(this.dir, ...objectKey(id).split("/"));
  }
  /**
   * The object's size when it is there (and has `size` bytes, when given), else undefined.
   * Synchronous on purpose: for thousands of small objects a promise per stat costs more than the stat.
   */
  sizeOf(id, size) {
    const st = statSync2(this.pathOf(id), { throwIfNoEntry: false });
    if (!st || size !== void 0 && st.size !== size)
      return void 0;
    return st.size;
  }
  /** True when the object is there (and has `size` bytes, when given). */
  async has(id, size) {
    try {
      const st = await stat2(this.pathOf(id));
      return size === void 0 || st.size === size;
    } catch {
      return false;
    }
  }
  /**
   * Whether the cache's file system clones files (btrfs, XFS): asked once, with a file of one byte in
   * the cache folder or, before it exists, the nearest folder above it (nothing is created for it).
   */
  reflinks() {
    this.reflinksPromise ??= (async () => {
      let at = this.dir;
      while (!existsSync(at) && path4.dirname(at) !== at)
        at = path4.dirname(at);
      const probe = path4.join(at, `.slipway-reflink-probe-${randomBytes2(6).toString("hex")}`);
      try {
        await writeFile3(probe, "x");
        await copyFile2(probe, `${probe}.clone`, constants.COPYFILE_FICLONE_FORCE);
        return true;
      } catch {
        return false;
      } finally {
        await Promise.all([rm2(probe, { force: true }), rm2(`${probe}.clone`, { force: true })]);
      }
    })();
    return this.reflinksPromise;
  }
  /** Copies `src` in (a reflink where the file system offers one); a no-op when present. */
  async insertFile(id, src, size) {
    if (await this.has(id, size))
      return;
    await this.place(id, (tmp) => copyFile2(src, tmp, constants.COPYFILE_FICLONE));
  }
  /** Moves `file`, already verified to hold the object, in; `file` is gone afterwards either way. */
  async adoptFile(id, file) {
    if (await this.has(id)) {
      await rm2(file, { force: true });
      return;
    }
    await this.place(id, async (tmp) => {
      try {
        await rename3(file, tmp);
      } catch (error) {
        if (error.code !== "EXDEV")
          throw error;
        await copyFile2(file, tmp, constants.COPYFILE_FICLONE);
        await rm2(file, { force: true });
      }
    });
  }
  insertBytes(id, bytes, knownAbsent = false) {
    if (!knownAbsent && this.sizeOf(id, bytes.length) !== void 0)
      return Promise.resolve();
    const target = this.pathOf(id);
    const parent = path4.dirname(target);
    if (!this.made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.made.add(parent);
    }
    const tmp = `${target}.slipway-tmp-${randomBytes2(6).toString("hex")}`;
    try {
      writeFileSync(tmp, bytes, { mode: 292 });
      renameSync(tmp, target);
    } catch (error) {
      rmSync(tmp, { force: true });
      return Promise.reject(error);
    }
    return Promise.resolve();
  }
  async read(id) {
    try {
      return await readFile2(this.pathOf(id));
    } catch {
      return void 0;
    }
  }
  /** Every object id in the cache. */
  async ids() {
    const base = path4.join(this.dir, "files", "md5");
    const out = [];
    for (const d of await readdir2(base).catch(() => [])) {
      if (!/^[0-9a-f]{2}$/.test(d))
        continue;
      for (const f of await readdir2(path4.join(base, d)).catch(() => [])) {
        if (/^[0-9a-f]{30}(\.dir)?$/.test(f))
          out.push(`${d}${f}`);
      }
    }
    return out;
  }
  async remove(id) {
    await unlink2(this.pathOf(id)).catch(() => void 0);
  }
  async place(id, write) {
    const target = this.pathOf(id);
    await mkdir3(path4.dirname(target), { recursive: true });
    const tmp = `${target}.slipway-tmp-${randomBytes2(6).toString("hex")}`;
    try {
      await write(tmp);
      await chmod(tmp, 292);
      await rename3(tmp, target);
    } catch (error) {
      await rm2(tmp, { force: true });
      throw error;
    }
  }
};

// packages/store/lib/internal/remote-index.js
import { createHash as createHash2 } from "node:crypto";
import { appendFile, mkdir as mkdir4, readFile as readFile3, rm as rm3 } from "node:fs/promises";
import path5 from "node:path";
var RemoteIndex = class _RemoteIndex {
  file;
  known;
  fresh = [];
  constructor(file, known) {
    this.file = file;
    this.known = known;
  }
  static async open(stateDir, remoteDisplay) {
    const file = path5.join(stateDir, "remotes", `${createHash2("sha256").update(remoteDisplay).digest("hex").slice(0, 24)}.txt`);
    const text = await readFile3(file, "utf8").catch(() => "");
    return new _RemoteIndex(file, new Set(text.split("\n").filter(Boolean)));
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
    await mkdir4(path5.dirname(this.file), { recursive: true });
    const lines = `${this.fresh.splice(0).join("\n")}
`;
    await appendFile(this.file, lines);
  }
  async clear() {
    this.known.clear();
    this.fresh.length = 0;
    await rm3(this.file, { force: true });
  }
};

// packages/store/lib/internal/settings.js
import { existsSync as existsSync2 } from "node:fs";
import { readFile as readFile4 } from "node:fs/promises";
import path6 from "node:path";
var REMOTE_HINT = 'pass --remote (action input "remote"), set artifacts.remote in slipway.yml, or set a default remote in .dvc/config (`dvc remote add -d name url`); e.g. file://../remote or s3://bucket/prefix';
async function loadProjectSettings(root, explicit) {
  const hasFile = explicit.configFile !== void 0 || ["slipway.yml", "slipway.yaml"].some((n) => existsSync2(path6.join(root, n)));
  const loaded = hasFile ? await (await import("./lib-UJ6YJCD2.js")).loadConfig({ dir: root, ...explicit.configFile ? { file: explicit.configFile } : {} }) : { config: { version: 1 }, file: void 0, dir: root };
  const section2 = loaded.config.artifacts ?? {};
  const s3 = { ...stripUndefined(section2.s3 ?? {}), ...stripUndefined(explicit.s3 ?? {}) };
  let remote;
  if (explicit.remote)
    remote = parseRemote(explicit.remote, root, 'input "remote"', s3);
  else if (section2.remote)
    remote = parseRemote(section2.remote, loaded.dir, `${loaded.file ?? "slipway.yml"} artifacts.remote`, s3);
  else
    remote = await dvcDefaultRemote(root, s3);
  const settings = {
    paths: section2.paths ?? [],
    cacheDir: explicit.cacheDir ? path6.resolve(root, explicit.cacheDir) : section2.cache ? path6.resolve(loaded.dir, section2.cache) : path6.join(root, ".slipway", "cache"),
    s3
  };
  if (remote)
    settings.remote = remote;
  if (section2.jobs !== void 0)
    settings.jobs = section2.jobs;
  return settings;
}
function requireRemote(settings) {
  if (!settings.remote)
    throw new UserError("no remote is configured for artifacts", { hint: REMOTE_HINT });
  return settings.remote;
}
function parseRemote(url, base, source, s3 = {}) {
  const u = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(u)?.[1]?.toLowerCase();
  if (scheme === "s3") {
    const rest = u.slice("s3://".length);
    const slash = rest.indexOf("/");
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? "" : rest.slice(slash + 1).replace(/^\/+|\/+$/g, "");
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new UserError(`${source}: "${bucket}" in ${url} is not a valid S3 bucket name`, {
        hint: "use s3://bucket/prefix with a 3\u201363 character lowercase bucket name"
      });
    }
    return { kind: "s3", bucket, prefix, source, s3 };
  }
  if (scheme === "file") {
    const p = decodeURIComponent(u.slice("file://".length));
    if (p === "")
      throw new UserError(`${source}: ${url} names no folder`, { hint: "use file://relative/path or file:///absolute/path" });
    return { kind: "folder", root: path6.resolve(base, p), source };
  }
  if (scheme !== void 0) {
    throw new UserError(`${source}: remote scheme "${scheme}://" is not supported`, { hint: "use file://path or s3://bucket/prefix" });
  }
  if (u === "")
    throw new UserError(`${source}: the remote is empty`, { hint: REMOTE_HINT });
  return { kind: "folder", root: path6.resolve(base, u), source };
}
async function dvcDefaultRemote(root, s3) {
  const sections = /* @__PURE__ */ new Map();
  for (const name3 of ["config", "config.local"]) {
    const file = path6.join(root, ".dvc", name3);
    const text = await readFile4(file, "utf8").catch(() => void 0);
    if (text === void 0)
      continue;
    let current = "";
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#") || line.startsWith(";"))
        continue;
      const header = /^\[\s*'?([^\]']+?)'?\s*\]$/.exec(line);
      if (header) {
        current = (header[1] ?? "").replace(/\s+/g, " ").replace(/"/g, "");
        continue;
      }
      const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (!kv)
        continue;
      const values = sections.get(current) ?? {};
      values[(kv[1] ?? "").trim().toLowerCase()] = (kv[2] ?? "").trim();
      sections.set(current, values);
    }
  }
  const name2 = sections.get("core")?.remote;
  if (!name2)
    return void 0;
  const remote = sections.get(`remote ${name2}`);
  const source = `.dvc/config remote "${name2}"`;
  if (!remote?.url)
    throw new UserError(`${source} is the default remote but has no url`, { hint: REMOTE_HINT });
  const opts = { ...s3 };
  if (remote.endpointurl && opts.endpoint === void 0)
    opts.endpoint = remote.endpointurl;
  if (remote.region && opts.region === void 0)
    opts.region = remote.region;
  return parseRemote(remote.url, path6.join(root, ".dvc"), source, opts);
}
function stripUndefined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0));
}

// packages/store/lib/internal/context.js
var StoreContext = class _StoreContext {
  rt;
  root;
  settings;
  hashes;
  options;
  cache;
  /** The repository's `.dvcignore` rules. */
  ignores;
  stateDir;
  hasher = new Hasher();
  /** Transfers of big objects (over 1 MiB) at once. */
  jobs;
  /**
   * Transfers of small objects at once. Each costs the store a few file operations that wait on its
   * disk, not on the network: more in flight keeps a store such as s3rver busy on every core.
   */
  smallJobs;
  remotePromise;
  indexPromise;
  pool;
  partialsPromise;
  busy = /* @__PURE__ */ new Map();
  constructor(rt, root, settings, hashes, options) {
    this.rt = rt;
    this.root = root;
    this.settings = settings;
    this.hashes = hashes;
    this.options = options;
    this.cache = new ObjectCache(settings.cacheDir);
    this.ignores = new DvcIgnore(root);
    this.stateDir = path7.join(root, ".slipway", "state");
    const explicit = options.jobs ?? settings.jobs;
    this.jobs = explicit ?? Math.min(64, 4 * os3.availableParallelism());
    this.smallJobs = explicit ?? Math.min(64, 16 * os3.availableParallelism());
  }
  static async open(rt, options) {
    const root = rt.cwd;
    const explicit = {};
    if (options.remote !== void 0)
      explicit.remote = options.remote;
    if (options.configFile !== void 0)
      explicit.configFile = options.configFile;
    if (options.cacheDir !== void 0)
      explicit.cacheDir = options.cacheDir;
    if (options.s3 !== void 0)
      explicit.s3 = options.s3;
    const settings = await loadProjectSettings(root, explicit);
    const hashes = await HashCache.open(path7.join(root, ".slipway", "state"));
    return new _StoreContext(rt, root, settings, hashes, options);
  }
  madeDirs = /* @__PURE__ */ new Map();
  /** `mkdir -p` once per folder for this run: thousands of files share a few folders. */
  ensureDir(dir) {
    let p = this.madeDirs.get(dir);
    if (!p) {
      p = mkdir5(dir, { recursive: true });
      this.madeDirs.set(dir, p);
      p.catch(() => this.madeDirs.delete(dir));
    }
    return p;
  }
  /** True when a remote is configured, without connecting to it. */
  get hasRemote() {
    return this.settings.remote !== void 0;
  }
  get remoteDisplay() {
    const r = this.settings.remote;
    if (!r)
      return "";
    return r.kind === "folder" ? `file://${r.root}` : `s3://${r.bucket}${r.prefix ? `/${r.prefix}` : ""}`;
  }
  /** What this machine knows the remote holds; read without connecting. */
  index() {
    this.indexPromise ??= (async () => {
      requireRemote(this.settings);
      return RemoteIndex.open(this.stateDir, this.remoteDisplay);
    })();
    return this.indexPromise;
  }
  /** The remote, connected on first use only; an S3 bucket is checked (credentials, bucket) when a request fails, to say why. */
  remote() {
    this.remotePromise ??= (async () => {
      const spec = requireRemote(this.settings);
      let remote;
      if (spec.kind === "folder")
        remote = new FolderRemote(spec.root);
      else {
        for (const name2 of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
          const value = process.env[name2];
          if (value)
            this.rt.setSecret(value);
        }
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
        const { S3Remote } = await import("./s3-remote-T7CFIDH6.js");
        remote = new S3Remote({
          bucket: spec.bucket,
          prefix: spec.prefix,
          ...spec.s3,
          jobs: this.smallJobs,
          stateDir: this.stateDir,
          log: this.rt.log,
          ...this.options.multipartThreshold !== void 0 ? { multipartThreshold: this.options.multipartThreshold } : {},
          ...this.options.partSize !== void 0 ? { partSize: this.options.partSize } : {},
          ...this.options.afterPart ? { afterPart: this.options.afterPart } : {}
        });
      }
      if (spec.kind === "folder") {
        await remote.check();
        return remote;
      }
      return checkOnFailure(remote);
    })();
    return this.remotePromise;
  }
  /** The download threads, started on first use. */
  downloads() {
    this.pool ??= new DownloadPool(this.smallJobs);
    return this.pool;
  }
  /** Ids of downloads an earlier run left half done: one listing per run, not a probe per object. */
  partialIds() {
    this.partialsPromise ??= readdir3(path7.join(this.stateDir, "downloads")).then((names) => new Set(names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -".json".length))), () => /* @__PURE__ */ new Set());
    return this.partialsPromise;
  }
  /** Runs `fn` once at a time per `key` within this run. */
  async exclusive(key, fn) {
    for (let held = this.busy.get(key); held; held = this.busy.get(key))
      await held.catch(() => void 0);
    const p = fn();
    this.busy.set(key, p);
    try {
      return await p;
    } finally {
      this.busy.delete(key);
    }
  }
  /** Saves what this run learned and releases threads and sockets. */
  async close() {
    await this.hashes.save();
    await this.hasher.close();
    await this.pool?.close();
    const index = await this.indexPromise?.catch(() => void 0);
    await index?.save();
    const remote = await this.remotePromise?.catch(() => void 0);
    await remote?.close();
    const own = path7.join(this.root, ".slipway");
    if (existsSync3(own))
      await writeFile4(path7.join(own, ".gitignore"), "*\n", { flag: "wx" }).catch(() => void 0);
  }
};

// packages/store/lib/internal/paths.js
import { realpath } from "node:fs/promises";
import path8 from "node:path";
function checkRelpath(p) {
  if (p === "")
    return "is empty";
  if (p.includes("\0"))
    return "contains a NUL byte";
  if (p.startsWith("/") || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith("\\"))
    return "is absolute";
  const parts = p.split(/[\\/]/);
  if (parts.includes(".."))
    return 'climbs out with ".."';
  return void 0;
}
async function resolveInside(root, p, where) {
  const hint = 'name a path inside the repository, relative to its root, without ".."';
  if (path8.isAbsolute(p)) {
    const rel2 = path8.relative(root, p);
    if (rel2.startsWith("..") || path8.isAbsolute(rel2))
      throw new UserError(`${where}: "${p}" is outside the repository ${root}`, { hint });
    return resolveInside(root, rel2, where);
  }
  const abs = path8.resolve(root, p);
  const rel = path8.relative(root, abs);
  if (rel === "" || rel === ".." || rel.startsWith(`..${path8.sep}`) || path8.isAbsolute(rel)) {
    throw new UserError(`${where}: "${p}" ${rel === "" ? "is the repository root itself" : "escapes the repository"}`, { hint });
  }
  await assertNoSymlinkEscape(root, abs, where, p);
  return { abs, rel: rel.split(path8.sep).join("/") };
}
async function assertNoSymlinkEscape(root, abs, where, shown) {
  const realRoot = await realpath(root);
  let probe = abs;
  for (; ; ) {
    try {
      const real = await realpath(probe);
      const rel = path8.relative(realRoot, real);
      if (rel === ".." || rel.startsWith(`..${path8.sep}`) || path8.isAbsolute(rel)) {
        throw new UserError(`${where}: "${shown}" leads through a symlink to ${real}, outside the repository`, {
          hint: "track the real files inside the repository instead of a link to them"
        });
      }
      return;
    } catch (error) {
      if (error.code !== "ENOENT")
        throw error;
      const parent = path8.dirname(probe);
      if (parent === probe)
        return;
      probe = parent;
    }
  }
}
function fromPosix(base, rel) {
  return path8.join(base, ...rel.split("/"));
}

// packages/store/lib/internal/pointer.js
var import_yaml = __toESM(require_dist(), 1);
var POINTER_SUFFIX = ".dvc";
function isDirHash(md52) {
  return md52.endsWith(".dir");
}
function formatPointer(outs) {
  const lines = ["outs:"];
  for (const o of outs) {
    lines.push(`- md5: ${o.md5}`, `  size: ${o.size}`);
    if (o.nfiles !== void 0)
      lines.push(`  nfiles: ${o.nfiles}`);
    if (o.isexec)
      lines.push("  isexec: true");
    lines.push("  hash: md5", `  path: ${(0, import_yaml.stringify)(o.path).trimEnd()}`);
  }
  return `${lines.join("\n")}
`;
}
function parsePointer(text, file) {
  const counter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: counter, uniqueKeys: true });
  const at = (offset) => ({ file, line: offset === void 0 ? 1 : counter.linePos(offset).line });
  const fail = (offset, message) => {
    throw new ConfigError([{ location: at(offset), message: `${message} (a .dvc pointer holds outs: [{md5, size, hash: md5, path}])` }]);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError([{ location: { file, line: e?.linePos?.[0].line ?? 1 }, message: `invalid YAML in pointer: ${(e?.message ?? "").split("\n")[0]}` }]);
  }
  const root = doc.contents;
  if (!(0, import_yaml.isMap)(root))
    return fail(root?.range?.[0], 'not a pointer file: expected a mapping with "outs"');
  const outsNode = root.get("outs", true);
  if (!(0, import_yaml.isSeq)(outsNode) || outsNode.items.length === 0)
    return fail(keyOffset(root, "outs"), '"outs" must be a non-empty list');
  const problems = [];
  const outs = [];
  for (const item of outsNode.items) {
    const start = item.range?.[0];
    if (!(0, import_yaml.isMap)(item)) {
      problems.push({ location: at(start), message: 'each entry of "outs" must be a mapping' });
      continue;
    }
    const value = (key) => {
      const node = item.get(key, true);
      return { node, v: (0, import_yaml.isScalar)(node) ? node.value : node === void 0 ? void 0 : null, offset: node?.range?.[0] ?? start };
    };
    const md52 = value("md5");
    const size = value("size");
    const nfiles = value("nfiles");
    const isexec = value("isexec");
    const hash = value("hash");
    const p = value("path");
    const before = problems.length;
    if (typeof md52.v !== "string" || !/^[0-9a-f]{32}(\.dir)?$/.test(md52.v)) {
      problems.push({ location: at(md52.offset), message: `"md5" must be 32 lowercase hex digits (with ".dir" for a folder), found ${show(md52.v)}` });
    }
    if (typeof size.v !== "number" || !Number.isSafeInteger(size.v) || size.v < 0) {
      problems.push({ location: at(size.offset), message: `"size" must be a whole number of bytes, found ${show(size.v)}` });
    }
    if (nfiles.v !== void 0 && (typeof nfiles.v !== "number" || !Number.isSafeInteger(nfiles.v) || nfiles.v < 0)) {
      problems.push({ location: at(nfiles.offset), message: `"nfiles" must be a whole number, found ${show(nfiles.v)}` });
    }
    if (isexec.v !== void 0 && typeof isexec.v !== "boolean") {
      problems.push({ location: at(isexec.offset), message: `"isexec" must be true or false, found ${show(isexec.v)}` });
    }
    if (hash.v === void 0) {
      problems.push({
        location: at(start),
        message: 'no "hash: md5": this pointer uses the DVC 2.x layout; run `dvc cache migrate --dvc-files` with DVC 3, or add the path again'
      });
    } else if (hash.v !== "md5") {
      problems.push({ location: at(hash.offset), message: `"hash" must be md5, found ${show(hash.v)}` });
    }
    const pathProblem = typeof p.v === "string" ? checkRelpath(p.v) : "is missing";
    if (pathProblem)
      problems.push({ location: at(p.offset), message: `"path" ${pathProblem}${typeof p.v === "string" ? `: "${p.v}"` : ""}` });
    if (problems.length > before)
      continue;
    const out = { md5: md52.v, size: size.v, path: p.v.replace(/\\/g, "/"), line: at(start).line };
    if (typeof nfiles.v === "number")
      out.nfiles = nfiles.v;
    if (isexec.v === true)
      out.isexec = true;
    outs.push(out);
  }
  if (problems.length > 0)
    throw new ConfigError(problems);
  return { outs };
}
function keyOffset(map, key) {
  const pair = map.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key);
  return pair?.key?.range?.[0] ?? map.range?.[0];
}
function show(v) {
  return v === void 0 ? "nothing" : v === null ? "a nested value" : JSON.stringify(v);
}

// packages/store/lib/internal/scan.js
import { statSync as statSync3 } from "node:fs";
import { readdir as readdir4, stat as stat3 } from "node:fs/promises";
import path9 from "node:path";

// packages/store/lib/internal/dir-object.js
import { createHash as createHash3 } from "node:crypto";

// packages/store/lib/internal/python-json.js
function pythonJsonDumps(value) {
  if (value === null)
    return "null";
  if (typeof value === "string")
    return pythonString(value);
  if (typeof value === "boolean")
    return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new TypeError("non-finite numbers have no JSON form");
    if (!Number.isInteger(value))
      throw new TypeError("only integers are serialised here: Python prints floats differently");
    return String(value);
  }
  if (Array.isArray(value))
    return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${pythonString(k)}: ${pythonJsonDumps(value[k])}`).join(", ")}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value}`);
}
var PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
var SHORT_ESCAPES = { 34: '\\"', 92: "\\\\", 10: "\\n", 13: "\\r", 9: "\\t", 8: "\\b", 12: "\\f" };
function pythonString(s) {
  if (PLAIN.test(s))
    return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== void 0)
      out += short;
    else if (c >= 32 && c <= 126)
      out += s[i];
    else
      out += `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}
function compareCodePoints(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y)
      continue;
    const xs = x >= 55296 && x <= 57343;
    const ys = y >= 55296 && y <= 57343;
    if (xs !== ys)
      return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

// packages/store/lib/internal/dir-object.js
function buildDirObject(entries) {
  const sorted = entries.map((e) => ({ md5: e.md5, relpath: e.relpath })).sort((a, b) => compareCodePoints(a.relpath, b.relpath));
  const bytes = Buffer.from(`[${sorted.map((e) => `{"md5": ${pythonString(e.md5)}, "relpath": ${pythonString(e.relpath)}}`).join(", ")}]`, "utf8");
  return { id: `${createHash3("md5").update(bytes).digest("hex")}.dir`, bytes, entries: sorted };
}
function parseDirObject(id, bytes, source) {
  const actual = `${createHash3("md5").update(bytes).digest("hex")}.dir`;
  if (actual !== id) {
    throw new UserError(`${source}: the .dir object ${id} is corrupt (its content hashes to ${actual}); nothing was written`, {
      hint: "push it again from a machine that has the folder, or delete the damaged object"
    });
  }
  let data;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new UserError(`${source}: the .dir object ${id} is not JSON`, { hint: "push it again from a machine that has the folder" });
  }
  if (!Array.isArray(data))
    throw new UserError(`${source}: the .dir object ${id} is not a list of entries`);
  const entries = data.map((raw, i) => {
    const e = raw;
    if (!e || typeof e.md5 !== "string" || !/^[0-9a-f]{32}$/.test(e.md5) || typeof e.relpath !== "string") {
      throw new UserError(`${source}: entry ${i} of the .dir object ${id} needs "md5" (32 hex digits) and "relpath"`);
    }
    const problem = checkRelpath(e.relpath);
    if (problem) {
      throw new UserError(`${source}: entry ${i} of the .dir object ${id} has relpath "${e.relpath}", which ${problem}; nothing was written`, {
        hint: "the remote holds a hostile or damaged listing: delete it and push the folder again"
      });
    }
    return { md5: e.md5, relpath: e.relpath };
  });
  return { id, bytes, entries };
}

// packages/store/lib/internal/scan.js
async function scanDir(ctx, absDir) {
  const out = [];
  const tracked = path9.relative(ctx.root, absDir).split(path9.sep).join("/");
  const matcher = ctx.ignores.matcherBelow(tracked);
  const ignored = matcher ? (relpath, isDir) => matcher(`${tracked}/${relpath}`, isDir) : () => false;
  const walk = async (dir, rel) => {
    const entries = await readdir4(dir, { withFileTypes: true });
    const files = [];
    for (const e of entries) {
      const abs = path9.join(dir, e.name);
      const relpath = rel ? `${rel}/${e.name}` : e.name;
      if (e.name.includes(".slipway-tmp-"))
        continue;
      if (e.name === DVCIGNORE)
        DvcIgnore.refuseInside(tracked, `${tracked}/${relpath}`);
      if (e.isSymbolicLink()) {
        await assertNoSymlinkEscape(ctx.root, abs, "tracked folder", path9.relative(ctx.root, abs));
        const st = await stat3(abs);
        if (ignored(relpath, st.isDirectory()))
          continue;
        if (st.isDirectory())
          await walk(abs, relpath);
        else if (st.isFile())
          out.push({ relpath, abs, stats: st });
      } else if (e.isDirectory()) {
        if (!ignored(relpath, true))
          await walk(abs, relpath);
      } else if (e.isFile() && !ignored(relpath, false))
        files.push({ abs, relpath });
    }
    for (const f of files)
      out.push({ ...f, stats: statSync3(f.abs) });
  };
  await walk(absDir, "");
  return out;
}
async function hashPath(ctx, abs) {
  let st;
  try {
    st = await stat3(abs);
  } catch (error) {
    if (error.code === "ENOENT")
      return void 0;
    throw error;
  }
  if (st.isFile()) {
    const h = await ctx.hashes.hash(abs, ctx.hasher, st);
    const isexec = (st.mode & 73) !== 0;
    return { kind: "file", md5: h.md5, size: h.size, ...isexec ? { isexec } : {}, files: [{ relpath: "", abs, md5: h.md5, size: h.size }] };
  }
  if (!st.isDirectory())
    throw new UserError(`${path9.relative(ctx.root, abs)} is neither a file nor a folder`, { hint: "track regular files and folders only" });
  const scanned = await scanDir(ctx, abs);
  const files = [];
  const misses = [];
  for (const f of scanned) {
    const md52 = ctx.hashes.lookup(f.abs, f.stats);
    if (md52 === void 0)
      misses.push(f);
    else
      files.push({ relpath: f.relpath, abs: f.abs, md5: md52, size: f.stats.size });
  }
  const hashed = await mapLimit(misses, Math.max(8, ctx.jobs), async (f) => {
    const h = await ctx.hashes.hash(f.abs, ctx.hasher, f.stats);
    return { relpath: f.relpath, abs: f.abs, md5: h.md5, size: h.size };
  });
  files.push(...hashed);
  const dir = buildDirObject(files);
  return { kind: "folder", md5: dir.id, size: files.reduce((s, f) => s + f.size, 0), nfiles: files.length, dir, files };
}

// packages/store/lib/result.js
import { createHash as createHash4 } from "node:crypto";
function emptyTally() {
  return { objects: 0, bytes: 0 };
}
function newPathResult(t, status) {
  const r = {
    path: t.rel,
    pointer: t.pointerRel,
    kind: t.out.md5.endsWith(".dir") ? "folder" : "file",
    md5: t.out.md5,
    size: t.out.size,
    status,
    uploaded: emptyTally(),
    skipped: emptyTally(),
    downloaded: emptyTally()
  };
  if (t.out.nfiles !== void 0)
    r.nfiles = t.out.nfiles;
  return r;
}
function pointersDigest(targets) {
  const unique = new Map(targets.map((t) => [t.pointerRel, t.pointerText]));
  const h = createHash4("sha256");
  for (const rel of [...unique.keys()].sort())
    h.update(`${rel}\0${unique.get(rel) ?? ""}\0`);
  return `sha256:${h.digest("hex")}`;
}
function finishResult(command, remote, paths, digest) {
  const sum = (pick) => paths.reduce((acc, p) => ({ objects: acc.objects + pick(p).objects, bytes: acc.bytes + pick(p).bytes }), emptyTally());
  return {
    command,
    remote,
    paths,
    uploaded: sum((p) => p.uploaded),
    skipped: sum((p) => p.skipped),
    downloaded: sum((p) => p.downloaded),
    digest,
    upToDate: paths.every((p) => ["up to date", "pushed", "pulled", "added"].includes(p.status))
  };
}
async function reportResult(rt, result) {
  rt.setOutput("uploaded-objects", result.uploaded.objects);
  rt.setOutput("uploaded-bytes", result.uploaded.bytes);
  rt.setOutput("skipped-objects", result.skipped.objects);
  rt.setOutput("skipped-bytes", result.skipped.bytes);
  rt.setOutput("downloaded-objects", result.downloaded.objects);
  rt.setOutput("downloaded-bytes", result.downloaded.bytes);
  rt.setOutput("digest", result.digest);
  rt.setOutput("up-to-date", result.upToDate);
  const rows = result.paths.map((p) => [
    escapeMarkdown(p.path),
    p.kind,
    String(p.nfiles ?? 1),
    formatBytes(p.size),
    escapeMarkdown(p.status),
    tally(p.uploaded),
    tally(p.skipped),
    tally(p.downloaded)
  ]);
  const table = markdownTable(["path", "kind", "files", "size", "status", "uploaded", "skipped", "downloaded"], rows, [
    "left",
    "left",
    "right",
    "right",
    "left",
    "right",
    "right",
    "right"
  ]);
  const where = result.remote ? ` \u2014 remote ${inlineCode(result.remote)}` : "";
  await rt.appendSummary(`### artifacts ${result.command}${where}

${rows.length ? table : "_no tracked paths_"}
`);
}
function tally(t) {
  return t.objects === 0 ? "\u2013" : `${t.objects} (${formatBytes(t.bytes)})`;
}
function formatBytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

// packages/store/lib/add.js
var RESERVED = [".git", ".slipway", ".dvc"];
async function addArtifacts(rt, options) {
  const paths = options.paths ?? [];
  if (paths.length === 0)
    throw new InputError("paths", "name at least one file or folder to track", { hint: "e.g. slipway artifacts add models/adapter" });
  const ctx = await StoreContext.open(rt, options);
  try {
    const resolved = [];
    for (const p of paths) {
      const r = await resolveInside(ctx.root, p, `path "${p}"`);
      if (RESERVED.some((d) => r.rel === d || r.rel.startsWith(`${d}/`)))
        throw new UserError(`path "${p}" is inside ${r.rel.split("/")[0]}/, which holds tool state`, { hint: "track your own files and folders" });
      if (r.rel.endsWith(POINTER_SUFFIX))
        throw new UserError(`path "${p}" is a pointer file`, { hint: `name the tracked path: ${r.rel.slice(0, -POINTER_SUFFIX.length)}` });
      let isDir;
      try {
        isDir = (await stat4(r.abs)).isDirectory();
      } catch {
        throw new UserError(`path "${p}" does not exist`, { hint: "check the spelling; paths are relative to the repository root" });
      }
      const hiddenBy = ctx.ignores.ignoredAlongPath(r.rel, isDir);
      if (hiddenBy)
        throw new UserError(`path "${p}" is ignored by ${hiddenBy}`, { hint: `remove the pattern from ${hiddenBy.split(" ")[0]}, or track another path` });
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
        path: path10.basename(r.abs),
        ...h.nfiles !== void 0 ? { nfiles: h.nfiles } : {},
        ...h.isexec ? { isexec: true } : {}
      };
      const text = formatPointer([out]);
      const pointerAbs = `${r.abs}${POINTER_SUFFIX}`;
      await writeAtomic(pointerAbs, text);
      await ignoreInGit(path10.dirname(r.abs), path10.basename(r.abs));
      const pointerRel = `${r.rel}${POINTER_SUFFIX}`;
      texts.push({ pointerRel, pointerText: text });
      const tracked = { pointerFile: pointerAbs, pointerRel, pointerText: text, out: { ...out, line: 2 }, abs: r.abs, rel: r.rel };
      const result = newPathResult(tracked, "added");
      results.push(result);
      rt.log.info(`added ${r.rel} (${h.kind}, ${h.files.length} file(s), md5 ${h.md5}) -> ${pointerRel}`);
    }
    return finishResult("add", "", results, pointersDigest(texts));
  } finally {
    await ctx.close();
  }
}
async function writeAtomic(file, text) {
  const tmp = `${file}.slipway-tmp-${randomBytes3(6).toString("hex")}`;
  try {
    await writeFile5(tmp, text);
    await rename4(tmp, file);
  } catch (error) {
    await rm4(tmp, { force: true });
    throw error;
  }
}
async function ignoreInGit(dir, name2) {
  const file = path10.join(dir, ".gitignore");
  const text = await readFile5(file, "utf8").catch(() => "");
  const entry = `/${name2}`;
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(entry) || lines.includes(name2) || lines.includes(`${entry}/`))
    return;
  await writeAtomic(file, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${entry}
`);
}

// packages/store/lib/gc.js
import { execFile } from "node:child_process";
import { promisify } from "node:util";

// packages/store/lib/internal/objects.js
import { statSync as statSync4 } from "node:fs";
async function loadDirObject(ctx, t, allowRemote, workspace) {
  const id = t.out.md5;
  const cached = await ctx.cache.read(id);
  if (cached)
    return parseDirObject(id, cached, `local cache (${t.pointerRel})`);
  const ws = workspace ?? await hashPath(ctx, t.abs);
  if (ws?.dir && ws.md5 === id) {
    await ctx.cache.insertBytes(id, ws.dir.bytes);
    return ws.dir;
  }
  if (!allowRemote)
    return void 0;
  const remote = await ctx.remote();
  const chunks = [];
  try {
    for await (const c of await remote.open(objectKey(id)))
      chunks.push(c);
  } catch (error) {
    if (isMissing(error)) {
      throw new UserError(`${t.pointerRel}:${t.out.line}: the folder listing ${id} of ${t.rel} is not on ${remote.display}`, {
        hint: "push it from a machine that has the folder, or check the remote URL"
      });
    }
    throw error;
  }
  const dir = parseDirObject(id, Buffer.concat(chunks), `${remote.display}/${objectKey(id)}`);
  await ctx.cache.insertBytes(id, dir.bytes);
  (await ctx.index()).add([objectKey(id)]);
  return dir;
}
async function objectsToPush(ctx, t) {
  const { md5: md52, size } = t.out;
  if (!isDirHash(md52)) {
    return [{ id: md52, key: objectKey(md52), size, source: (await localSource(ctx, t, md52, size, t.abs)).file }];
  }
  const workspace = ctx.cache.sizeOf(md52) !== void 0 ? void 0 : await hashPath(ctx, t.abs);
  const dir = await loadDirObject(ctx, t, false, workspace);
  if (!dir)
    throw missingLocally(t, md52);
  const files = await mapLimit(dir.entries, 64, async (e) => {
    const source = await localSource(ctx, t, e.md5, void 0, fromPosix(t.abs, e.relpath));
    return { id: e.md5, key: objectKey(e.md5), size: source.size, source: source.file };
  });
  return [...files, { id: md52, key: objectKey(md52), size: dir.bytes.length, bytes: dir.bytes }];
}
async function localSource(ctx, t, id, size, workspaceFile) {
  const cached = ctx.cache.sizeOf(id, size);
  if (cached !== void 0)
    return { file: ctx.cache.pathOf(id), size: cached };
  const st = statSync4(workspaceFile, { throwIfNoEntry: false });
  if (st?.isFile() && (await ctx.hashes.hash(workspaceFile, ctx.hasher, st)).md5 === id)
    return { file: workspaceFile, size: st.size };
  throw missingLocally(t, id);
}
function missingLocally(t, id) {
  return new UserError(`${t.pointerRel}:${t.out.line}: object ${id} of ${t.rel} is neither in the local cache nor in the workspace`, {
    hint: `run \`slipway artifacts pull ${t.rel}\` or \`slipway artifacts add ${t.rel}\` again`
  });
}
function isMissing(error) {
  const e = error;
  return e?.code === "ENOENT" || e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}

// packages/store/lib/internal/partial.js
import { mkdir as mkdir6, open as open2, readFile as readFile6, rm as rm5, writeFile as writeFile6 } from "node:fs/promises";
import path11 from "node:path";
var PartialDownload = class {
  id;
  data;
  progress;
  meta;
  /** A second copy written alongside a fresh whole download, for the local cache. */
  mirror;
  constructor(stateDir, id) {
    this.id = id;
    const base = path11.join(stateDir, "downloads", id);
    this.data = `${base}.data`;
    this.progress = `${base}.progress`;
    this.meta = `${base}.json`;
    this.mirror = `${base}.mirror`;
  }
  /** The ranges left of an earlier run for an object of `size` bytes (when known), or undefined when there is nothing to resume. */
  async resumable(size) {
    let meta;
    let progress;
    try {
      meta = JSON.parse(await readFile6(this.meta, "utf8"));
      progress = await readFile6(this.progress);
    } catch {
      return void 0;
    }
    const sane = meta.v === 1 && meta.id === this.id && Number.isSafeInteger(meta.size) && meta.size > 0 && meta.ranges >= 1 && meta.rangeSize * meta.ranges >= meta.size && progress.length === meta.ranges * 8 && (size === void 0 || size === meta.size);
    if (!sane) {
      await this.remove();
      return void 0;
    }
    const pending = [];
    let have = 0;
    for (let slot = 0; slot < meta.ranges; slot++) {
      const start = slot * meta.rangeSize;
      const end = Math.min(meta.size, start + meta.rangeSize) - 1;
      const done = Math.min(Number(progress.readBigUInt64LE(slot * 8)), end - start + 1);
      have += done;
      if (start + done <= end)
        pending.push({ slot, start, end, done });
    }
    return { meta, pending, have };
  }
  /** Starts a fresh download split into `ranges` ranges; the data file is sized up front so every range can write at its offset. */
  async create(size, ranges) {
    await mkdir6(path11.dirname(this.data), { recursive: true });
    const rangeSize = Math.ceil(size / ranges);
    const meta = { v: 1, id: this.id, size, rangeSize, ranges };
    const fh = await open2(this.data, "w", 420);
    try {
      await fh.truncate(size);
    } finally {
      await fh.close();
    }
    await writeFile6(this.progress, Buffer.alloc(ranges * 8));
    await writeFile6(this.meta, JSON.stringify(meta));
    const pending = [];
    for (let slot = 0; slot < ranges; slot++) {
      const start = slot * rangeSize;
      pending.push({ slot, start, end: Math.min(size, start + rangeSize) - 1, done: 0 });
    }
    return { meta, pending };
  }
  /** Forgets the download (after it was placed, or when its bytes proved wrong). */
  async remove() {
    await Promise.all([this.data, this.progress, this.meta, this.mirror].map((f) => rm5(f, { force: true })));
  }
};

// packages/store/lib/internal/targets.js
import { readdir as readdir5, readFile as readFile7 } from "node:fs/promises";
import path12 from "node:path";
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", "node_modules", ".slipway", ".dvc"]);
async function findTargets(ctx, paths, where = "path") {
  const named = paths && paths.length > 0 ? paths : ctx.settings.paths;
  const pointerFiles = [];
  if (named.length > 0) {
    for (const p of named) {
      const pointer = p.endsWith(POINTER_SUFFIX) ? p : `${p.replace(/[\\/]+$/, "")}${POINTER_SUFFIX}`;
      const r = await resolveInside(ctx.root, pointer, `${where} "${p}"`);
      pointerFiles.push({ ...r, named: p });
    }
  } else {
    for (const rel of await findPointerFiles(ctx.root, ctx.ignores))
      pointerFiles.push({ abs: path12.join(ctx.root, rel), rel });
  }
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const pf of pointerFiles) {
    if (seen.has(pf.abs))
      continue;
    seen.add(pf.abs);
    let text;
    try {
      text = await readFile7(pf.abs, "utf8");
    } catch (error) {
      if (error.code !== "ENOENT")
        throw error;
      throw new UserError(`${where} "${pf.named ?? pf.rel}" is not tracked: ${pf.rel} does not exist`, {
        hint: `run \`slipway artifacts add ${(pf.named ?? pf.rel).replace(/\.dvc$/, "")}\` first`
      });
    }
    const pointer = parsePointer(text, pf.rel);
    for (const o of pointer.outs) {
      const target = path12.posix.join(path12.posix.dirname(pf.rel), o.path);
      const r = await resolveInside(ctx.root, target, `${pf.rel}:${o.line}`);
      out.push({ pointerFile: pf.abs, pointerRel: pf.rel, pointerText: text, out: o, abs: r.abs, rel: r.rel });
    }
  }
  return out;
}
async function findPointerFiles(root, ignores) {
  const found = [];
  const walk = async (rel) => {
    const entries = await readdir5(path12.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !ignores?.isIgnored(child, true))
          await walk(child);
      } else if (e.isFile() && e.name.endsWith(POINTER_SUFFIX) && !ignores?.isIgnored(child, false))
        found.push(child);
    }
  };
  await walk("");
  return found.sort();
}

// packages/store/lib/gc.js
var run = promisify(execFile);
async function collectGarbage(rt, options) {
  const ctx = await StoreContext.open(rt, options);
  try {
    const refs = options.refs ?? [];
    const tracked = await findTargets(ctx, void 0);
    for (const ref of refs)
      tracked.push(...await pointersAtRef(ctx.root, ref));
    const keep = /* @__PURE__ */ new Set();
    for (const t of tracked) {
      keep.add(t.out.md5);
      if (!t.out.md5.endsWith(".dir"))
        continue;
      let dir = await loadDirObject(ctx, t, false).catch(() => void 0);
      if (!dir && ctx.hasRemote) {
        const remote = await ctx.remote();
        try {
          const chunks = [];
          for await (const c of await remote.open(objectKey(t.out.md5)))
            chunks.push(c);
          dir = parseDirObject(t.out.md5, Buffer.concat(chunks), remote.display);
        } catch (error) {
          if (!isMissing(error))
            throw error;
        }
      }
      if (!dir) {
        throw new UserError(`gc stopped: the listing ${t.out.md5} of ${t.rel} (${t.pointerRel}) is in neither the cache nor the remote`, {
          hint: "pull or push that folder first, or leave its ref out of --refs"
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
    const partials = [...await ctx.partialIds()].filter((id) => !keep.has(id));
    if (!dryRun)
      for (const id of partials)
        await new PartialDownload(ctx.stateDir, id).remove();
    const result = {
      dryRun,
      referenced: keep.size,
      cache: { unreferenced: cacheGarbage, removed: dryRun ? 0 : cacheGarbage.length },
      partialDownloads: partials
    };
    if (options.cloud) {
      const remote = await ctx.remote();
      const keys = (await remote.list("files/md5/")).filter((k) => {
        const id = idFromKey(k);
        return id !== void 0 && !keep.has(id);
      });
      let removed = 0;
      if (!dryRun) {
        removed = await remote.delete(keys);
        await (await ctx.index()).clear();
      }
      result.remote = { url: remote.display, unreferenced: keys, removed };
    }
    const verb = dryRun ? "would remove" : "removed";
    rt.log.info(`gc: ${keep.size} object(s) referenced; ${verb} ${cacheGarbage.length} from the cache${result.remote ? ` and ${result.remote.unreferenced.length} from ${result.remote.url}` : ""}`);
    if (dryRun && (cacheGarbage.length > 0 || (result.remote?.unreferenced.length ?? 0) > 0))
      rt.log.info("gc: dry run; pass --force to delete");
    return result;
  } finally {
    await ctx.close();
  }
}
async function pointersAtRef(root, ref) {
  if (!/^[\w./@{}~^-]+$/.test(ref) || ref.startsWith("-"))
    throw new InputError("refs", `"${ref}" is not a git ref`, { hint: "use a branch, tag or commit, e.g. main" });
  let listing;
  try {
    listing = (await run("git", ["ls-tree", "-r", "-z", "--name-only", ref], { cwd: root, maxBuffer: 256 * 2 ** 20 })).stdout;
  } catch (error) {
    throw new InputError("refs", `git cannot read "${ref}": ${String(error.stderr ?? error).trim().split("\n")[0]}`, {
      hint: "name a ref that exists in this repository (git branch -a)"
    });
  }
  const out = [];
  for (const rel of listing.split("\0").filter((p) => p.endsWith(POINTER_SUFFIX))) {
    const text = (await run("git", ["show", `${ref}:${rel}`], { cwd: root, maxBuffer: 16 * 2 ** 20 })).stdout;
    const where = `${ref}:${rel}`;
    for (const o of parsePointer(text, where).outs) {
      out.push({ pointerFile: where, pointerRel: where, pointerText: text, out: o, abs: "", rel: `${rel.replace(/[^/]*$/, "")}${o.path}` });
    }
  }
  return out;
}

// packages/store/lib/pull.js
import path14 from "node:path";

// packages/store/lib/internal/fetch.js
import { createHash as createHash5, randomBytes as randomBytes4 } from "node:crypto";
import { chmodSync, copyFileSync, renameSync as renameSync2, statSync as statSync5, writeFileSync as writeFileSync2 } from "node:fs";
import { chmod as chmod2, copyFile as copyFile3, open as open3, readFile as readFile8, rename as rename5, rm as rm6 } from "node:fs/promises";
import path13 from "node:path";
var IntegrityError = class extends UserError {
  name = "IntegrityError";
};
var WRITE_BATCH = 4 * 1024 * 1024;
var RANGE_MIN = 32 * 1024 * 1024;
async function placeObject(ctx, id, size, target, options) {
  const mode = options.isexec ? 493 : 420;
  const cachedSize = ctx.cache.sizeOf(id, size);
  if (cachedSize !== void 0)
    return copyFromCache(ctx, id, cachedSize, target, mode);
  const remote = await ctx.remote();
  const key = objectKey(id);
  const where = `${remote.display}/${key}`;
  const missing = () => new UserError(`object ${id} of ${options.shown} is missing from the remote (${where})`, { hint: "push it from a machine that has it" });
  const corrupt = (actual, bytes) => new IntegrityError(`remote object ${where} for ${options.shown} is corrupt: its bytes hash to ${actual} (${bytes} bytes); nothing was written`, {
    hint: "delete that object from the remote and push it again from a good copy"
  });
  try {
    if (remote.source) {
      const placed = await ctx.exclusive(id, () => fetchInWorkers(ctx, remote, id, size, target, mode, options, where, corrupt));
      if (placed)
        return placed;
    }
    return await streamInMain(ctx, remote, id, size, target, mode, where, corrupt);
  } catch (error) {
    await remote.explain?.(error);
    if (isMissing(error))
      throw missing();
    throw error;
  }
}
async function copyFromCache(ctx, id, cachedSize, target, mode) {
  const tmp = tmpName(target);
  await ctx.ensureDir(path13.dirname(target));
  try {
    if (cachedSize <= IN_MEMORY) {
      copyFileSync(ctx.cache.pathOf(id), tmp);
      chmodSync(tmp, mode);
      renameSync2(tmp, target);
    } else {
      await copyFile3(ctx.cache.pathOf(id), tmp);
      await chmod2(tmp, mode);
      await rename5(tmp, target);
    }
  } catch (error) {
    await rm6(tmp, { force: true });
    throw error;
  }
  ctx.hashes.remember(target, statSync5(target), id);
  return { downloaded: false, size: cachedSize };
}
async function fetchInWorkers(ctx, remote, id, size, target, mode, options, where, corrupt) {
  const key = objectKey(id);
  const source = (range) => remote.source?.(key, range) ?? Promise.resolve(void 0);
  const partial = new PartialDownload(ctx.stateDir, id);
  const pool = ctx.downloads();
  const keepCache = ctx.options.keepCache !== false;
  const mirror = keepCache && !await ctx.cache.reflinks();
  await ctx.ensureDir(path13.dirname(target));
  let plan;
  let result;
  if ((await ctx.partialIds()).has(id)) {
    const r = await partial.resumable(size);
    if (r) {
      ctx.rt.log.info(`resuming the download of ${where}: ${r.have} of ${r.meta.size} bytes already here`);
      plan = { size: r.meta.size, pending: r.pending };
    }
  }
  if (!plan && size !== void 0 && size >= RANGE_MIN && (options.ranges ?? 1) > 1) {
    if (!await source([0, 0]))
      return void 0;
    plan = { size, ...await partial.create(size, Math.min(options.ranges ?? 1, Math.ceil(size / (RANGE_MIN / 2)))) };
  }
  const tmp = tmpName(target);
  const cacheTarget = ctx.cache.pathOf(id);
  if (!plan) {
    const first = await source();
    if (!first)
      return void 0;
    const whole = async (src) => pool.whole({
      kind: "whole",
      src,
      expect: id,
      small: { tmp, target, mode, ...keepCache ? { cacheTmp: tmpName(cacheTarget), cacheTarget } : {} },
      partial: { data: partial.data, progress: partial.progress, meta: partial.meta, id, ...mirror ? { mirror: partial.mirror } : {} }
    });
    try {
      result = await whole(first);
    } catch (error) {
      await rm6(tmp, { force: true });
      if (!isRetryableS3(error))
        throw error;
      const r = await partial.resumable(size);
      if (r) {
        ctx.rt.log.warn(`download of ${where} was cut off (${String(error)}); continuing after ${r.have} of ${r.meta.size} bytes`);
        plan = { size: r.meta.size, pending: r.pending };
      } else
        result = await withRetry(ctx, where, async () => whole(await source() ?? first));
    }
  }
  if (!plan) {
    if (!result)
      throw new Error(`unreachable: no download result for ${where}`);
    if (result.placed) {
      ctx.hashes.rememberRaw(target, result.size, result.mtimeMs, result.ino, id);
      ctx.cache.noteDir(path13.dirname(cacheTarget));
      (await ctx.index()).add([key]);
      return { downloaded: true, size: result.size };
    }
    if (result.md5 !== id || size !== void 0 && result.size !== size) {
      await rm6(tmp, { force: true });
      if (result.spilled)
        await partial.remove();
      throw corrupt(result.md5, result.size);
    }
    return placeVerified(ctx, partial, id, target, mode, mirror && result.spilled);
  }
  const { pending } = plan;
  const settled = await Promise.allSettled(pending.map((r) => withRetry(ctx, where, async (attempt) => {
    const done = attempt === 0 ? r.done : await readSlot(partial.progress, r.slot, r.end - r.start + 1);
    const src = await source([r.start + done, r.end]);
    if (!src)
      throw new Error(`unreachable: ${where} has no worker source`);
    return pool.range({ kind: "range", src, start: r.start, end: r.end, done, data: partial.data, progress: partial.progress, slot: r.slot });
  })));
  const failed = settled.find((x) => x.status === "rejected");
  if (failed)
    throw failed.reason;
  const actual = await ctx.hasher.hashFile(partial.data, plan.size);
  if (actual.md5 !== id || actual.size !== plan.size) {
    await partial.remove();
    throw corrupt(actual.md5, actual.size);
  }
  return placeVerified(ctx, partial, id, target, mode);
}
async function placeVerified(ctx, partial, id, target, mode, mirrored = false) {
  await chmod2(partial.data, mode);
  try {
    await rename5(partial.data, target);
  } catch (error) {
    if (error.code !== "EXDEV")
      throw error;
    const tmp = tmpName(target);
    try {
      await copyFile3(partial.data, tmp);
      await rename5(tmp, target);
    } catch (e) {
      await rm6(tmp, { force: true });
      throw e;
    }
  }
  const st = statSync5(target);
  if (ctx.options.keepCache !== false) {
    const mirror = mirrored ? statSync5(partial.mirror, { throwIfNoEntry: false }) : void 0;
    if (mirror?.size === st.size)
      await ctx.cache.adoptFile(id, partial.mirror);
    else
      await ctx.cache.insertFile(id, target, st.size);
  }
  await partial.remove();
  ctx.hashes.remember(target, st, id);
  (await ctx.index()).add([objectKey(id)]);
  return { downloaded: true, size: st.size };
}
async function readSlot(progress, slot, length) {
  const buf = await readFile8(progress);
  return buf.length >= (slot + 1) * 8 ? Math.min(length, Number(buf.readBigUInt64LE(slot * 8))) : 0;
}
function withRetry(ctx, where, fn) {
  let attempt = 0;
  return retry(() => fn(attempt++), {
    retries: 3,
    baseDelayMs: 250,
    isRetryable: isRetryableS3,
    onRetry: ({ attempt: n, error }) => ctx.rt.log.warn(`download of ${where} failed (${String(error)}); retry ${n}`)
  });
}
function tmpName(target) {
  return `${target}.slipway-tmp-${randomBytes4(6).toString("hex")}`;
}
async function streamInMain(ctx, remote, id, size, target, mode, where, corrupt) {
  const key = objectKey(id);
  const tmp = tmpName(target);
  try {
    const placed = await retry(async () => {
      const body = await remote.open(key);
      const hash = createHash5("md5");
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
            await ctx.ensureDir(path13.dirname(target));
            fh = await open3(tmp, "w", mode);
          }
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
        const streamed = fh !== void 0;
        if (fh) {
          await fh.close();
          fh = void 0;
        }
        const actual = hash.digest("hex");
        if (actual !== id || size !== void 0 && bytes !== size)
          throw corrupt(actual, bytes);
        if (streamed) {
          await chmod2(tmp, mode);
          return void 0;
        }
        return Buffer.concat(held, bytes);
      } finally {
        await fh?.close();
      }
    }, {
      retries: 3,
      baseDelayMs: 250,
      isRetryable: isRetryableS3,
      onRetry: ({ attempt, error }) => ctx.rt.log.warn(`download of ${where} failed (${String(error)}); retry ${attempt}`)
    });
    let st;
    if (placed) {
      await ctx.ensureDir(path13.dirname(target));
      writeFileSync2(tmp, placed, { mode });
      if (mode & 73)
        chmodSync(tmp, mode);
      renameSync2(tmp, target);
      st = statSync5(target);
      if (ctx.options.keepCache !== false)
        await ctx.cache.insertBytes(id, placed, true);
    } else {
      await rename5(tmp, target);
      st = statSync5(target);
      if (ctx.options.keepCache !== false)
        await ctx.cache.insertFile(id, target, st.size);
    }
    ctx.hashes.remember(target, st, id);
    (await ctx.index()).add([key]);
    return { downloaded: true, size: st.size };
  } catch (error) {
    await rm6(tmp, { force: true });
    throw error;
  }
}

// packages/store/lib/pull.js
async function pullArtifacts(rt, options) {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths);
    const results = [];
    const jobs = [];
    for (const t of targets) {
      const r = newPathResult(t, "up to date");
      results.push(r);
      const ws = await hashPath(ctx, t.abs);
      if (ws && ws.md5 === t.out.md5) {
        r.skipped.objects += ws.files.length;
        r.skipped.bytes += ws.size;
        continue;
      }
      if (ctx.cache.sizeOf(t.out.md5) === void 0)
        ctx.downloads().warm();
      if (!isDirHash(t.out.md5)) {
        jobs.push({ id: t.out.md5, size: t.out.size, target: t.abs, isexec: t.out.isexec === true, shown: t.rel, owner: r });
        continue;
      }
      const dir = await loadDirObject(ctx, t, true, ws);
      if (!dir)
        throw new Error(`unreachable: no listing for ${t.rel}`);
      const have = new Map((ws?.kind === "folder" ? ws.files : []).map((f) => [f.relpath, f]));
      const parents = /* @__PURE__ */ new Set();
      for (const e of dir.entries) {
        const target = fromPosix(t.abs, e.relpath);
        const current = have.get(e.relpath);
        if (current?.md5 === e.md5) {
          r.skipped.objects++;
          r.skipped.bytes += current.size;
          continue;
        }
        parents.add(path14.dirname(target));
        jobs.push({ id: e.md5, size: void 0, target, isexec: false, shown: `${t.rel}/${e.relpath}`, owner: r });
      }
      for (const p of parents)
        await assertNoSymlinkEscape(ctx.root, p, t.pointerRel, path14.relative(ctx.root, p));
    }
    const big = jobs.filter((j) => (j.size ?? 0) >= RANGE_MIN).length;
    const lanes = 2 * ctx.downloads().threads;
    const ranges = big > 0 && big < lanes ? Math.ceil(lanes / big) : 1;
    const progress = rt.progress("pulling", jobs.length);
    try {
      const bigAtOnce = limiter(ctx.jobs);
      await runAll(jobs, ctx.smallJobs, async (j) => {
        const place = () => placeObject(ctx, j.id, j.size, j.target, { isexec: j.isexec, shown: j.shown, ranges });
        const placed = j.size !== void 0 && j.size > IN_MEMORY ? await bigAtOnce(place) : await place();
        const tally2 = placed.downloaded ? j.owner.downloaded : j.owner.skipped;
        tally2.objects++;
        tally2.bytes += placed.size;
        j.owner.status = "pulled";
        progress.tick(1, j.shown);
      });
    } finally {
      progress.done();
    }
    const result = finishResult("pull", ctx.hasRemote ? ctx.remoteDisplay : "", results, pointersDigest(targets));
    rt.log.info(`pulled ${result.downloaded.objects} object(s) (${result.downloaded.bytes} bytes); ${result.skipped.objects} already in place or cached`);
    return result;
  } finally {
    await ctx.close();
  }
}

// packages/store/lib/push.js
var SMALL_OBJECT = 1024 * 1024;
var LIST_THRESHOLD = 64;
async function pushArtifacts(rt, options) {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths);
    const index = await ctx.index();
    const connect = () => ctx.remote();
    const results = [];
    const owners = /* @__PURE__ */ new Map();
    for (const t of targets) {
      const r = newPathResult(t, "up to date");
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
      const outcome = obj.bytes ? await remote.uploadBytes(obj.key, obj.bytes, { md5: obj.id.slice(0, 32), size: obj.size }) : await remote.upload(obj.key, obj.source ?? "", { md5: obj.id, size: obj.size });
      const tally2 = outcome === "uploaded" ? owner.uploaded : owner.skipped;
      tally2.objects++;
      tally2.bytes += obj.size;
      if (outcome === "uploaded")
        owner.status = "pushed";
      index.add([obj.key]);
      progress.tick(1, obj.key);
    };
    const big = limiter(ctx.jobs);
    const send = (x) => x.obj.size > SMALL_OBJECT ? big(() => upload(x)) : upload(x);
    try {
      await runAll(todo.filter((x) => !x.obj.bytes), ctx.smallJobs, send);
      await runAll(todo.filter((x) => x.obj.bytes), ctx.smallJobs, send);
    } finally {
      await index.save();
    }
    progress.done();
    const result = finishResult("push", ctx.remoteDisplay, results, pointersDigest(targets));
    rt.log.info(`pushed ${result.uploaded.objects} object(s) (${result.uploaded.bytes} bytes); ${result.skipped.objects} already on ${ctx.remoteDisplay}`);
    return result;
  } finally {
    await ctx.close();
  }
}
async function knownPresent(connect, index, keys) {
  const present = new Set(keys.filter((k) => index.known.has(k)));
  const unknown = keys.filter((k) => !present.has(k));
  if (unknown.length === 0)
    return present;
  const remote = await connect();
  let found;
  if (unknown.length > LIST_THRESHOLD) {
    const listed = new Set(await remote.list("files/md5/"));
    index.add(listed);
    found = new Set(unknown.filter((k) => listed.has(k)));
  } else {
    found = await remote.has(unknown);
    index.add(found);
  }
  for (const k of found)
    present.add(k);
  return present;
}

// packages/store/lib/status.js
async function artifactStatus(rt, options) {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths);
    const checkRemote = options.checkRemote ?? ctx.hasRemote;
    const results = [];
    const needs = /* @__PURE__ */ new Map();
    for (const t of targets) {
      const ws = await hashPath(ctx, t.abs);
      const r = newPathResult(t, !ws ? "missing" : ws.md5 === t.out.md5 ? "up to date" : "modified");
      results.push(r);
      if (!checkRemote)
        continue;
      if (!isDirHash(t.out.md5))
        needs.set(r, [objectKey(t.out.md5)]);
      else {
        const dir = await loadDirObject(ctx, t, true, ws);
        needs.set(r, [...dir?.entries.map((e) => objectKey(e.md5)) ?? [], objectKey(t.out.md5)]);
      }
    }
    let remoteDisplay = "";
    if (checkRemote && needs.size > 0) {
      const index = await ctx.index();
      remoteDisplay = ctx.remoteDisplay;
      const present = await knownPresent(() => ctx.remote(), index, [...new Set([...needs.values()].flat())]);
      await index.save();
      for (const [r, keys] of needs) {
        const missing = keys.filter((k) => !present.has(k)).length;
        if (missing > 0 && r.status === "up to date")
          r.status = `not pushed (${missing} object(s))`;
        else if (missing > 0)
          r.status += `, ${missing} object(s) not on the remote`;
      }
    }
    const result = finishResult("status", remoteDisplay, results, pointersDigest(targets));
    for (const p of results)
      rt.log.info(`${p.status.padEnd(12)} ${p.path}`);
    return result;
  } finally {
    await ctx.close();
  }
}

// packages/store/lib/inputs.js
var ARTIFACT_INPUTS = {
  paths: { kind: "list" },
  remote: { kind: "string", pattern: /^(file|s3):\/\/.+|^[^:]+$/, patternHint: "use file://path or s3://bucket/prefix" },
  jobs: { kind: "integer", min: 1, max: 256 },
  cache: { kind: "boolean", default: "false" },
  config: { kind: "string" },
  endpoint: { kind: "url", schemes: ["http", "https"] },
  region: { kind: "string", pattern: /^[a-z0-9-]+$/, patternHint: "use a region name such as eu-west-1" },
  "path-style": { kind: "boolean" },
  sse: { kind: "enum", values: ["AES256", "aws:kms", "aws:kms:dsse"] },
  "sse-kms-key-id": { kind: "string" }
};
function readArtifactInputs(rt) {
  const i = readInputs(rt, ARTIFACT_INPUTS);
  const s3 = {};
  if (i.endpoint)
    s3.endpoint = i.endpoint.toString().replace(/\/$/, "");
  if (i.region)
    s3.region = i.region;
  if (i["path-style"] !== void 0)
    s3.pathStyle = i["path-style"];
  if (i.sse)
    s3.sse = i.sse;
  if (i["sse-kms-key-id"])
    s3.sseKmsKeyId = i["sse-kms-key-id"];
  const options = { s3, keepCache: i.cache };
  if (i.paths && i.paths.length > 0)
    options.paths = i.paths;
  if (i.remote)
    options.remote = i.remote;
  if (i.jobs !== void 0)
    options.jobs = i.jobs;
  if (i.config)
    options.configFile = i.config;
  return { cache: i.cache, options };
}
async function runArtifactCommand(rt, command, options) {
  const result = command === "push" ? await pushArtifacts(rt, options) : command === "pull" ? await pullArtifacts(rt, options) : await artifactStatus(rt, options);
  await reportResult(rt, result);
  return result;
}

// packages/store/lib/open-remote.js
import path15 from "node:path";
async function openRemote(rt, url, s3 = {}, source = "store") {
  const spec = parseRemote(url, rt.cwd, source, s3);
  if (spec.kind === "folder") {
    const remote2 = new FolderRemote(spec.root);
    await remote2.check();
    return remote2;
  }
  for (const name2 of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
    const value = process.env[name2];
    if (value)
      rt.setSecret(value);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { S3Remote } = await import("./s3-remote-T7CFIDH6.js");
  const remote = new S3Remote({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3, jobs: 8, stateDir: path15.join(rt.cwd, ".slipway", "state"), log: rt.log });
  await remote.check();
  return remote;
}

// packages/store/lib/release-store.js
import { createHash as createHash6 } from "node:crypto";
import path16 from "node:path";
var releases = () => import("./lib-QNTN4MXJ.js");
var RemoteReleaseStore = class {
  remote;
  constructor(remote) {
    this.remote = remote;
  }
  async putRelease(release) {
    const { canonicalJson, contentDigest, releaseSchema } = await releases();
    const valid = releaseSchema.parse(release);
    const id = contentDigest(valid);
    const bytes = Buffer.from(canonicalJson(valid));
    await this.remote.uploadBytes(releaseKey(id), bytes, { md5: md5(bytes), size: bytes.length });
    return id;
  }
  async getRelease(id) {
    const text = await this.read(releaseKey(id));
    if (text === void 0)
      return void 0;
    const { contentDigest, releaseSchema } = await releases();
    const release = releaseSchema.parse(JSON.parse(text));
    if (contentDigest(release) !== id)
      throw new UserError(`release ${id} on ${this.remote.display} does not match its content: the store is corrupt`);
    return release;
  }
  async append(entry) {
    const { canonicalJson, historyEntrySchema } = await releases();
    const valid = historyEntrySchema.parse(entry);
    const bytes = Buffer.from(canonicalJson(valid));
    const stamp = valid.at.replace(/[^0-9TZ]/g, "");
    const key = `${environmentPrefix(valid.environment)}${stamp}-${createHash6("sha256").update(bytes).digest("hex").slice(0, 16)}.json`;
    await this.remote.uploadBytes(key, bytes, { md5: md5(bytes), size: bytes.length });
  }
  async history(environment) {
    const { historyEntrySchema } = await releases();
    const keys = (await this.remote.list(environmentPrefix(environment))).filter((k) => k.endsWith(".json")).sort();
    const texts = await mapLimit(keys, 16, (k) => this.read(k));
    return texts.flatMap((text, i) => {
      if (text === void 0)
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
      return Buffer.concat(chunks).toString("utf8");
    } catch (error) {
      if (isMissing(error))
        return void 0;
      throw error;
    }
  }
};
async function openReleaseStore(rt, url, s3 = {}) {
  const spec = parseRemote(url, rt.cwd, "release store", s3);
  if (spec.kind === "folder") {
    const { FolderReleaseStore } = await releases();
    return Object.assign(new FolderReleaseStore(spec.root), { close: async () => {
    } });
  }
  for (const name2 of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
    const value = process.env[name2];
    if (value)
      rt.setSecret(value);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { S3Remote } = await import("./s3-remote-T7CFIDH6.js");
  const remote = new S3Remote({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3, jobs: 8, stateDir: path16.join(rt.cwd, ".slipway", "state"), log: rt.log });
  await remote.check();
  return new RemoteReleaseStore(remote);
}
function releaseKey(id) {
  const hex = id.replace(/^sha256:/, "");
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
  return createHash6("md5").update(bytes).digest("hex");
}

// packages/store/lib/runner-cache-key.js
import path17 from "node:path";
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
    const cacheDir = path17.relative(rt.cwd, ctx.cache.dir).split(path17.sep).join("/") || ".";
    return { key: `${prefix}${digest.replace(/^sha256:/, "").slice(0, 32)}`, restoreKeys: [prefix], cacheDir, digest };
  } finally {
    await ctx.close();
  }
}

export {
  objectKey,
  idFromKey,
  parseRemote,
  formatPointer,
  parsePointer,
  pythonJsonDumps,
  compareCodePoints,
  buildDirObject,
  parseDirObject,
  pointersDigest,
  reportResult,
  formatBytes,
  addArtifacts,
  collectGarbage,
  IntegrityError,
  pullArtifacts,
  pushArtifacts,
  artifactStatus,
  ARTIFACT_INPUTS,
  readArtifactInputs,
  runArtifactCommand,
  openRemote,
  RemoteReleaseStore,
  openReleaseStore,
  runnerCacheKey
};
