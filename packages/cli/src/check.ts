import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigProblem, GateError, type Runtime, UserError } from '@slipway/kit';

export interface CheckOptions {
  /** Files to look at (what pre-commit passes); default every file git tracks. */
  files: string[];
  /** Files larger than this must be versioned with `slipway artifacts add`, not committed. */
  maxBytes: number;
  configFile?: string;
}

export interface CheckResult {
  files: number;
  tooLarge: { file: string; bytes: number }[];
  suites: string[];
}

/**
 * The pre-commit check: no large file committed outside an artifact pointer, `slipway.yml` valid,
 * every eval suite it names valid. Problems are annotated on their files; a large file fails the
 * check (exit 1), a broken config or suite is bad input (exit 2).
 */
export async function runCheck(rt: Runtime, o: CheckOptions): Promise<CheckResult> {
  const { loadConfig } = await import('@slipway/config');
  const loaded = await loadConfig({ dir: rt.cwd, ...(o.configFile ? { file: o.configFile } : {}) });
  const suites = (loaded.config.eval?.suites ?? []).map((s) => path.resolve(loaded.dir, s));
  if (suites.length > 0) {
    const { loadSuite } = await import('@slipway/eval');
    const problems: ConfigProblem[] = [];
    for (const suite of suites) {
      // Unset provider variables (API keys, URLs) are the runner's business, not the file's.
      const env = new Proxy(process.env, { get: (target, key: string) => target[key] ?? `\${${key}}` });
      await loadSuite(suite, { env, displayPath: path.relative(rt.cwd, suite) }).catch((error: unknown) => {
        if (error instanceof ConfigError) problems.push(...error.problems);
        else throw error;
      });
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }

  const files = o.files.length > 0 ? o.files : gitFiles(rt.cwd);
  const tooLarge: CheckResult['tooLarge'] = [];
  for (const file of files) {
    const s = await stat(path.resolve(rt.cwd, file)).catch(() => undefined);
    if (s?.isFile() && s.size > o.maxBytes) tooLarge.push({ file, bytes: s.size });
  }
  for (const t of tooLarge) {
    rt.annotate({
      level: 'error',
      file: t.file,
      title: 'too large for git',
      message: `${t.file} is ${mib(t.bytes)}: version it with \`slipway artifacts add ${t.file}\` (a pointer in git, the bytes in the remote)`,
    });
  }
  if (tooLarge.length > 0)
    throw new GateError(`${tooLarge.length} file(s) over ${mib(o.maxBytes)} are not under artifact pointers`, { hint: 'run slipway artifacts add on them' });
  rt.log.info(`checked ${files.length} file(s) and ${suites.length} eval suite(s): all good`);
  return { files: files.length, tooLarge, suites: suites.map((s) => path.relative(rt.cwd, s)) };
}

function gitFiles(cwd: string): string[] {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new UserError('not a git repository, and no files given', { hint: 'run it inside the repository, or pass the files to check' });
  return r.stdout.split('\0').filter(Boolean);
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
