import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunActionOptions {
  /** A webhook payload, or a fixture name under __tests__/__fixtures__/events (without .json). */
  event?: object | string;
  eventName?: string;
  /** Extra environment (e.g. secrets the step passes with `env:`). */
  env?: Record<string, string>;
  /** GITHUB_WORKSPACE and the process's working directory. */
  workspace?: string;
  timeoutMs?: number;
}

export interface ParsedAnnotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface ActionRun {
  exitCode: number | null;
  outputs: Record<string, string>;
  summary: string;
  /** Variables the step exported through GITHUB_ENV. */
  exportedEnv: Record<string, string>;
  annotations: ParsedAnnotation[];
  /** Values registered with `::add-mask::`, in order. */
  masks: string[];
  stdout: string;
  stderr: string;
  /** Secrets that appeared in the log before they were masked: each is a leak. */
  leaks(secrets: readonly string[]): string[];
}

/**
 * Runs `actions/<name>/dist/index.js` (or the root action `.`, or a fixture action folder) exactly as the runner does:
 * every declared input with a default is set, `INPUT_<NAME>` upper-cased with spaces to `_`,
 * the file commands point at fresh files, and the event payload is a real webhook body.
 */
export async function runAction(name: string, inputs: Record<string, string>, options: RunActionOptions = {}): Promise<ActionRun> {
  const actionDir = name === '.' || name.includes('/') ? path.resolve(REPO_ROOT, name) : path.join(REPO_ROOT, 'actions', name);
  const metadata = parse(await readFile(path.join(actionDir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string }>;
    runs: { main: string };
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-run-action-'));
  try {
    const files = {
      GITHUB_OUTPUT: path.join(dir, 'output'),
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
      GITHUB_ENV: path.join(dir, 'env'),
      GITHUB_STATE: path.join(dir, 'state'),
      GITHUB_PATH: path.join(dir, 'path'),
      GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    };
    for (const f of Object.values(files)) await writeFile(f, '');
    await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(await loadEvent(options.event)));
    const workspace = options.workspace ?? path.join(dir, 'workspace');
    await mkdir(workspace, { recursive: true });

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? dir,
      ...files,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'acme/support-bot',
      GITHUB_REPOSITORY_OWNER: 'acme',
      GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'test',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      RUNNER_TEMP: path.join(dir, 'runner-temp'),
      RUNNER_OS: 'Linux',
      ...options.env,
    };
    const values: Record<string, string> = {};
    for (const [input, spec] of Object.entries(metadata.inputs ?? {})) if (spec.default !== undefined) values[input] = String(spec.default);
    Object.assign(values, inputs);
    for (const [input, value] of Object.entries(values)) env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value;

    const main = path.join(actionDir, metadata.runs.main);
    const { code, stdout, stderr } = await spawnNode(main, workspace, env, options.timeoutMs ?? 60_000);
    const commands = parseCommands(stdout);
    return {
      exitCode: code,
      outputs: parseFileCommand(await readFile(files.GITHUB_OUTPUT, 'utf8')),
      exportedEnv: parseFileCommand(await readFile(files.GITHUB_ENV, 'utf8')),
      summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
      annotations: commands.annotations,
      masks: commands.masks,
      stdout,
      stderr,
      leaks: (secrets) => secrets.filter((s) => leakedBeforeMask(stdout + stderr, s)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function loadEvent(event: object | string | undefined): Promise<object> {
  if (typeof event === 'object') return event;
  const file = path.join(REPO_ROOT, '__tests__/__fixtures__/events', `${event ?? 'pull_request.opened'}.json`);
  return JSON.parse(await readFile(file, 'utf8')) as object;
}

function spawnNode(
  main: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Reads the `name<<DELIMITER … DELIMITER` and `name=value` forms of GITHUB_OUTPUT and GITHUB_ENV. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, key, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      out[key] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

function parseCommands(stdout: string): { annotations: ParsedAnnotation[]; masks: string[] } {
  const annotations: ParsedAnnotation[] = [];
  const masks: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const [, command, props = '', data = ''] = m as unknown as [string, string, string | undefined, string | undefined];
    if (command === 'add-mask') masks.push(unescapeData(data));
    if (command === 'error' || command === 'warning' || command === 'notice') {
      const properties: Record<string, string> = {};
      for (const pair of props.split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
      annotations.push({ level: command, message: unescapeData(data), properties });
    }
  }
  return { annotations, masks };
}

/** True when `secret` is printed on a line that comes before its `::add-mask::` (or it was never masked). */
function leakedBeforeMask(log: string, secret: string): boolean {
  const maskAt = log.indexOf(`::add-mask::${secret}`);
  const firstUse = log
    .split(`::add-mask::${secret}`)
    .join('\u0000'.repeat(secret.length + 12))
    .indexOf(secret);
  return firstUse >= 0 && (maskAt < 0 || firstUse < maskAt);
}
