import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseYamlWithSchema } from '@slipway/config';
import { ConfigError, type ConfigProblem } from '@slipway/kit';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { parseSuiteInPieces } from './fast-yaml.js';
import { type ProviderSpec, type SuiteFile, suiteSchema } from './suite-schema.js';
import type { ChatMessage, Prompt, ProviderConfig, Suite, TestCase } from './types.js';

export interface LoadSuiteOptions {
  /** Environment for `${VAR}` in provider fields and API keys (default process.env). */
  env?: Record<string, string | undefined>;
  /** Called with every API key found, before anything could print it. */
  setSecret?: (value: string) => void;
  /** Path shown in messages (default: `file` relative to cwd). */
  displayPath?: string;
  /** Repeats for every test that does not set its own. */
  repeat?: number;
}

/**
 * Reads a suite (ours or a promptfoo config's common subset) and resolves prompts, providers
 * and tests. Every problem is reported as `file:line:col` in one {@link ConfigError}.
 */
export async function loadSuite(file: string, options: LoadSuiteOptions = {}): Promise<Suite> {
  const shown = options.displayPath ?? displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([{ location: { file: shown }, message: `cannot read the suite: ${code === 'ENOENT' ? 'no such file' : String(error)}` }]);
  }
  // Fast path for big suites; any doubt (odd shape, a parse or schema problem) takes the exact path.
  const pieces = parseSuiteInPieces(text);
  const quick = pieces ? suiteSchema.safeParse(pieces.data) : undefined;
  const data = quick?.success ? quick.data : parseYamlWithSchema(suiteSchema, text, shown);
  const lines = quick?.success && pieces ? { ...itemLines(text, true), tests: pieces.testLines } : itemLines(text);
  const env = options.env ?? process.env;
  const dir = path.dirname(file);
  const problems: ConfigProblem[] = [];
  const at = (key: string, i: number) => ({ file: shown, line: lines[key]?.[i] ?? 1 });

  const prompts: Prompt[] = [];
  for (const [i, p] of data.prompts.entries()) {
    try {
      prompts.push(await resolvePrompt(p, i, dir));
    } catch (error) {
      problems.push({ location: at('prompts', i), message: `prompts[${i}]: ${(error as Error).message}` });
    }
  }

  const providers: ProviderConfig[] = [];
  for (const [i, p] of data.providers.entries()) {
    try {
      providers.push(resolveProvider(p, env, options.setSecret));
    } catch (error) {
      problems.push({ location: at('providers', i), message: `providers[${i}]: ${(error as Error).message}` });
    }
  }
  const labels = new Set<string>();
  for (const [i, p] of providers.entries()) {
    if (labels.has(p.label)) problems.push({ location: at('providers', i), message: `providers[${i}]: label "${p.label}" is used twice; give each a label` });
    labels.add(p.label);
  }

  const tests = expandTests(data, prompts, lines.tests ?? [], options.repeat ?? data.repeat ?? 1);
  const seen = new Map<string, number>();
  for (const t of tests) {
    const first = seen.get(t.id);
    if (first !== undefined)
      problems.push({ location: { file: shown, line: t.line }, message: `tests: id "${t.id}" is also used on line ${first}; ids must be unique` });
    else seen.set(t.id, t.line);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { file: shown, description: data.description ?? '', prompts, providers, tests };
}

function expandTests(data: SuiteFile, prompts: Prompt[], lines: number[], defaultRepeat: number): TestCase[] {
  const defaults = data.defaults ?? data.defaultTest ?? {};
  const out: TestCase[] = [];
  for (const [i, t] of data.tests.entries()) {
    const vars = { ...(defaults.vars ?? {}), ...(t.vars ?? {}) };
    const baseId =
      t.id ??
      `t-${createHash('sha256')
        .update(JSON.stringify([t.description ?? '', vars]))
        .digest('hex')
        .slice(0, 12)}`;
    for (const prompt of prompts) {
      const test: TestCase = {
        index: out.length,
        id: prompts.length > 1 ? `${baseId}@${prompt.id}` : baseId,
        description: t.description ?? baseId,
        promptId: prompt.id,
        vars,
        tags: [...new Set([...(defaults.tags ?? []), ...(t.tags ?? [])])],
        assert: [...(defaults.assert ?? []), ...(t.assert ?? [])],
        repeat: t.repeat ?? defaultRepeat,
        line: lines[i] ?? 1,
      };
      const expected = t.expected ?? (typeof vars.expected === 'string' ? vars.expected : undefined);
      if (expected !== undefined) test.expected = expected;
      const threshold = t.threshold ?? defaults.threshold;
      if (threshold !== undefined) test.threshold = threshold;
      out.push(test);
    }
  }
  return out;
}

async function resolvePrompt(p: SuiteFile['prompts'][number], i: number, dir: string): Promise<Prompt> {
  if (typeof p === 'string') {
    if (!p.startsWith('file://')) return { id: `prompt-${i + 1}`, messages: [{ role: 'user', content: p }] };
    const rel = p.slice('file://'.length);
    const text = await readFile(path.resolve(dir, rel), 'utf8').catch(() => {
      throw new Error(`cannot read ${rel} (paths are relative to the suite file)`);
    });
    return { id: path.basename(rel), messages: parseMessagesFile(text) };
  }
  const id = p.id ?? p.label ?? `prompt-${i + 1}`;
  if (p.messages) return { id, messages: p.messages };
  if (p.raw) return { id, messages: parseMessagesFile(p.raw) };
  throw new Error('a prompt needs `messages` or `raw`');
}

/** A prompt file is either a JSON array of chat messages or plain template text (one user message). */
function parseMessagesFile(text: string): ChatMessage[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as ChatMessage[];
      if (Array.isArray(parsed) && parsed.every((m) => typeof m?.content === 'string' && typeof m?.role === 'string')) return parsed;
    } catch {
      // not JSON: a template that happens to start with a bracket
    }
  }
  return [{ role: 'user', content: text }];
}

const DEFAULT_OPENAI = 'https://api.openai.com/v1';

/** Expands `${VAR}` from the environment; an unset variable is an error naming it. */
function expand(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined || v === '') throw new Error(`environment variable ${name} is not set`);
    return v;
  });
}

/** Turns `openai:chat:gpt-4o-mini`, promptfoo objects and ours into one shape. */
export function resolveProvider(spec: string | ProviderSpec, env: Record<string, string | undefined>, setSecret?: (v: string) => void): ProviderConfig {
  const s: ProviderSpec = typeof spec === 'string' ? { id: spec } : spec;
  const cfg = s.config ?? {};
  const [scheme = '', kind = '', ...rest] = s.id.split(':');
  let type = s.type;
  let model = s.model ?? (typeof cfg.model === 'string' ? cfg.model : undefined);
  const azure = scheme === 'azure' || scheme === 'azureopenai';
  if (!type) {
    if (scheme === 'openai' || azure) type = 'openai';
    else if (scheme === 'anthropic') type = 'anthropic';
    else if (scheme === 'http' || scheme === 'https') type = 'http';
    else if (scheme === 'exec') type = 'command';
    else if (s.url) type = 'http';
    else if (s.command) type = 'command';
    else type = 'openai';
  }
  if (!model && (scheme === 'openai' || scheme === 'anthropic')) model = kind === 'chat' || kind === 'messages' ? rest.join(':') : [kind, ...rest].join(':');
  if (!model && azure) model = kind === 'chat' ? rest.join(':') : [kind, ...rest].join(':');
  // `${FINE_TUNED_MODEL}`: a model id known only at run time, such as the one a fine-tune job returned.
  if (model) model = expand(model, env);
  const apiKeyEnv =
    s.apiKeyEnv ??
    (typeof cfg.apiKeyEnvar === 'string' ? cfg.apiKeyEnvar : type === 'anthropic' ? 'ANTHROPIC_API_KEY' : azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY');
  const apiKey = env[apiKeyEnv];
  if (apiKey) setSecret?.(apiKey);
  const { apiBaseUrl, apiKeyEnvar: _a, model: _m, stream: cfgStream, apiHost, apiVersion, ...cfgParams } = cfg;
  // Azure OpenAI (promptfoo's azure:chat:<deployment> with config.apiHost): the deployment is in the path.
  const azureBase =
    azure && typeof apiHost === 'string' ? `https://${apiHost.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/openai/deployments/${model ?? ''}` : undefined;
  const rawBase = s.baseUrl ?? (typeof apiBaseUrl === 'string' ? apiBaseUrl : azureBase);
  const baseUrl = rawBase
    ? expand(rawBase, env).replace(/\/+$/, '')
    : type === 'anthropic'
      ? 'https://api.anthropic.com/v1'
      : (env.OPENAI_BASE_URL ?? DEFAULT_OPENAI);
  const out: ProviderConfig = {
    label: s.label ?? s.id,
    type,
    model: model ?? '',
    baseUrl,
    params: { ...cfgParams, ...(s.params ?? {}) },
    // A promptfoo-style provider (with `config:`) does not stream unless asked, as in promptfoo.
    stream: s.stream ?? (s.config ? cfgStream === true : true),
    concurrency: s.concurrency ?? 8,
    timeoutMs: s.timeout ?? 60_000,
    retries: s.retries ?? 3,
  };
  if (apiKey) out.apiKey = apiKey;
  if (s.concurrency !== undefined) out.concurrencySet = true;
  if (s.headers && type !== 'http') out.headers = Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k, expand(v, env)]));
  const query = { ...(azure ? { 'api-version': typeof apiVersion === 'string' ? apiVersion : '2024-10-21' } : {}), ...(s.query ?? {}) };
  if (Object.keys(query).length > 0) out.query = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, expand(v, env)]));
  const keyHeader = s.apiKeyHeader ?? (azure ? 'api-key' : undefined);
  if (keyHeader) out.apiKeyHeader = keyHeader;
  if (s.rpm !== undefined) out.rpm = s.rpm;
  if (s.tpm !== undefined) out.tpm = s.tpm;
  if (s.price) out.price = s.price;
  if (type === 'http') {
    const url = s.url ?? (scheme === 'http' || scheme === 'https' ? s.id : undefined);
    if (!url) throw new Error('an http provider needs `url`');
    out.url = expand(url, env);
    out.method = s.method ?? 'POST';
    out.headers = Object.fromEntries(Object.entries(s.headers ?? {}).map(([k, v]) => [k, expand(v, env)]));
    out.body = s.body ?? { prompt: '{{prompt}}' };
    out.responsePath = s.responsePath ?? '';
  }
  if (type === 'command') {
    const command = s.command ?? (scheme === 'exec' ? s.id.slice('exec:'.length) : undefined);
    if (!command) throw new Error('a command provider needs `command`');
    out.command = command;
  }
  if ((type === 'openai' || type === 'anthropic') && !out.model) throw new Error(`provider "${s.id}" needs a model (\`model:\` or ${type}:chat:<model>)`);
  return out;
}

/** 1-based line of each item of the top-level sequences (tests, prompts, providers). */
function itemLines(text: string, headOnly = false): Record<string, number[]> {
  const counter = new LineCounter();
  // headOnly: the tests' lines are known already; parse only up to the tests block.
  const source = headOnly ? text.slice(0, Math.max(0, text.search(/^tests:/m))) : text;
  const doc = parseDocument(source, { lineCounter: counter });
  const out: Record<string, number[]> = {};
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
    if (!isSeq(pair.value)) continue;
    out[key] = pair.value.items.map((item) => {
      const offset = (item as { range?: [number, number, number] } | null)?.range?.[0];
      return offset === undefined ? 1 : counter.linePos(offset).line;
    });
  }
  return out;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
