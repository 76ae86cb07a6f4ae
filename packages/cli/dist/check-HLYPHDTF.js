import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  ConfigError,
  GateError,
  UserError
} from "./chunk-66CZKWGL.js";
import "./chunk-I2UBCO3D.js";

// packages/cli/src/check.ts
import { spawnSync } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
async function runCheck(rt, o) {
  const { loadConfig } = await import("./lib-UJ6YJCD2.js");
  const loaded = await loadConfig({ dir: rt.cwd, ...o.configFile ? { file: o.configFile } : {} });
  const suites = (loaded.config.eval?.suites ?? []).map((s) => path.resolve(loaded.dir, s));
  if (suites.length > 0) {
    const { loadSuite } = await import("./lib-OUCXTYAA.js");
    const problems = [];
    for (const suite of suites) {
      const env = new Proxy(process.env, { get: (target, key) => target[key] ?? `\${${key}}` });
      await loadSuite(suite, { env, displayPath: path.relative(rt.cwd, suite) }).catch((error) => {
        if (error instanceof ConfigError) problems.push(...error.problems);
        else throw error;
      });
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }
  const files = o.files.length > 0 ? o.files : gitFiles(rt.cwd);
  const tooLarge = [];
  for (const file of files) {
    const s = await stat(path.resolve(rt.cwd, file)).catch(() => void 0);
    if (s?.isFile() && s.size > o.maxBytes) tooLarge.push({ file, bytes: s.size });
  }
  for (const t of tooLarge) {
    rt.annotate({
      level: "error",
      file: t.file,
      title: "too large for git",
      message: `${t.file} is ${mib(t.bytes)}: version it with \`slipway artifacts add ${t.file}\` (a pointer in git, the bytes in the remote)`
    });
  }
  if (tooLarge.length > 0)
    throw new GateError(`${tooLarge.length} file(s) over ${mib(o.maxBytes)} are not under artifact pointers`, { hint: "run slipway artifacts add on them" });
  rt.log.info(`checked ${files.length} file(s) and ${suites.length} eval suite(s): all good`);
  return { files: files.length, tooLarge, suites: suites.map((s) => path.relative(rt.cwd, s)) };
}
function gitFiles(cwd) {
  const r = spawnSync("git", ["ls-files", "-z"], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new UserError("not a git repository, and no files given", { hint: "run it inside the repository, or pass the files to check" });
  return r.stdout.split("\0").filter(Boolean);
}
function mib(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
export {
  runCheck
};
