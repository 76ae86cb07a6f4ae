/**
 * A fake GitHub REST API that checks every request against GitHub's published OpenAPI description
 * (`@octokit/openapi`, api.github.com, OpenAPI 3.0.3): the route and method must exist, path and
 * query parameters must fit their schemas, and the JSON body must validate against the operation's
 * request schema (ajv). Answers are built from the operation's 2xx response schema (every required
 * field filled) with the real values overlaid, and validated against that schema before sending.
 * A request that does not fit gets 422 and is recorded in `violations`, which tests assert is empty.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
type AjvLike = { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: new (o: object) => AjvLike }).default;

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  op: Json;
}

let spec: Json | undefined;
function openapi(): Json {
  spec ??= JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Json;
  return spec;
}

/** Resolves $ref and turns OpenAPI 3.0 `nullable` into JSON Schema, so ajv validates it. */
function toJsonSchema(node: unknown, depth = 0): unknown {
  if (depth > 40 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, depth + 1));
  let obj = node as Json;
  if (typeof obj.$ref === 'string') {
    let target: unknown = openapi();
    for (const part of obj.$ref.slice(2).split('/')) target = (target as Json)[part];
    obj = target as Json;
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'nullable' || k === 'example' || k === 'examples' || k === 'description' || k === 'x-github') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(s, depth + 1)])) : toJsonSchema(v, depth + 1);
  }
  if (obj.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

/** A value that satisfies `schema`: required properties filled, first enum value, formats honoured. */
function sample(schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Json;
  if (depth > 12) return null;
  if (Array.isArray(s.anyOf)) return sample(s.anyOf[0], depth + 1);
  if (Array.isArray(s.oneOf)) return sample(s.oneOf[0], depth + 1);
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((x) => sample(x, depth + 1) as object));
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Json;
      const out: Json = {};
      for (const key of (s.required as string[] | undefined) ?? []) out[key] = sample(props[key], depth + 1);
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return s.format === 'date-time' ? '2026-01-01T00:00:00Z' : s.format === 'uri' ? 'https://api.github.com/x' : s.format === 'email' ? 'a@example.com' : 'x';
    default:
      return null;
  }
}

export interface RecordedCall {
  method: string;
  path: string;
  operationId: string;
  body: unknown;
  query: Record<string, string>;
  authorization: string | undefined;
}

export interface GitHubFake {
  url: string;
  calls: RecordedCall[];
  /** Requests that broke the OpenAPI description (should stay empty). */
  violations: string[];
  comments: Map<number, { id: number; body: string; issue: number }>;
  checkRuns: Map<number, Json>;
  /** Deployments by id, each with the statuses posted to it, oldest first. */
  deployments: Map<number, Json & { statuses: Json[] }>;
  /** Issues by number (comments on them are in `comments`). */
  issues: Map<number, { number: number; title: string; body: string; state: 'open' | 'closed'; labels: string[] }>;
  /** Git data written through the API: refs (`heads/<branch>` → commit sha), blobs, trees, commits; `heads/main` exists at start. */
  git: {
    refs: Map<string, string>;
    blobs: Map<string, string>;
    trees: Map<string, { path: string; sha: string }[]>;
    commits: Map<string, { message: string; tree: string; parents: string[] }>;
  };
  /** Pull requests by number. */
  pulls: Map<number, { number: number; head: string; base: string; title: string; body: string; state: 'open' | 'closed' }>;
  stop(): Promise<void>;
}

/** Starts the fake. Tokens listed in `readOnlyTokens` get 403 on every write, as a fork PR's token does. */
export async function startGitHubFake(options: { readOnlyTokens?: string[]; comments?: { issue: number; body: string }[] } = {}): Promise<GitHubFake> {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(openapi().paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
      const names: string[] = [];
      const regex = new RegExp(
        `^${template.replace(/\{([^}]+)\}/g, (_, n: string) => {
          names.push(n);
          return '([^/]+)';
        })}$`,
      );
      operations.push({ method: method.toUpperCase(), template, regex, names, op: op as Json });
    }
  }
  const calls: RecordedCall[] = [];
  const violations: string[] = [];
  const comments = new Map<number, { id: number; body: string; issue: number }>();
  const checkRuns = new Map<number, Json>();
  const deployments = new Map<number, Json & { statuses: Json[] }>();
  const issues = new Map<number, { number: number; title: string; body: string; state: 'open' | 'closed'; labels: string[] }>();
  let nextId = 1000;
  const sha = (text: string) => createHash('sha1').update(text).digest('hex');
  const git: GitHubFake['git'] = { refs: new Map(), blobs: new Map(), trees: new Map(), commits: new Map() };
  const rootTree = sha('tree:root');
  git.trees.set(rootTree, []);
  const rootCommit = sha('commit:root');
  git.commits.set(rootCommit, { message: 'initial commit', tree: rootTree, parents: [] });
  git.refs.set('heads/main', rootCommit);
  const pulls: GitHubFake['pulls'] = new Map();
  for (const c of options.comments ?? []) comments.set(++nextId, { id: nextId, body: c.body, issue: c.issue });
  const validators = new Map<string, ReturnType<AjvLike['compile']>>();
  const validate = (key: string, schema: unknown, value: unknown): string | undefined => {
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile(toJsonSchema(schema));
      validators.set(key, v);
    }
    return v(value) ? undefined : JSON.stringify(v.errors?.slice(0, 3));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const reject = (message: string) => {
        violations.push(`${req.method} ${url.pathname}: ${message}`);
        send(422, { message, documentation_url: 'https://docs.github.com/rest' });
      };
      const match = operations.map((o) => ({ o, m: o.method === req.method ? o.regex.exec(url.pathname) : null })).find((x) => x.m);
      if (!match?.m) return reject('no such operation in the OpenAPI description');
      const { o, m } = match;
      const params: Record<string, string> = Object.fromEntries(o.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      const declared = ((o.op.parameters ?? []) as unknown[]).map((p) => toJsonSchema(p) as Json);
      for (const p of declared) {
        const raw = p.in === 'path' ? params[p.name as string] : p.in === 'query' ? (url.searchParams.get(p.name as string) ?? undefined) : undefined;
        if (raw === undefined) {
          if (p.required && p.in !== 'header') return reject(`missing ${p.in} parameter ${String(p.name)}`);
          continue;
        }
        const schema = (p.schema ?? {}) as Json;
        const value = schema.type === 'integer' || schema.type === 'number' ? Number(raw) : raw;
        const problem = validate(`${o.template}#${String(p.name)}`, schema, value);
        if (problem) return reject(`parameter ${String(p.name)}=${raw}: ${problem}`);
      }
      for (const key of url.searchParams.keys())
        if (!declared.some((p) => p.in === 'query' && p.name === key)) return reject(`undeclared query parameter ${key}`);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      const requestSchema = ((o.op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return reject('body is not JSON');
        }
        if (!requestSchema) return reject('this operation takes no body');
        const problem = validate(`${o.method} ${o.template} body`, requestSchema.schema, body);
        if (problem) return reject(`body does not match the schema: ${problem}`);
      } else if ((o.op.requestBody as Json | undefined)?.required) return reject('body required');
      const operationId = String(o.op.operationId);
      const authorization = req.headers.authorization;
      calls.push({ method: o.method, path: url.pathname, operationId, body, query: Object.fromEntries(url.searchParams), authorization });
      const token = authorization?.replace(/^(token|bearer) /i, '');
      if (o.method !== 'GET' && token && options.readOnlyTokens?.includes(token)) {
        return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });
      }

      const [status, value] = answer(operationId, params, body as Json, url.searchParams);
      const responses = o.op.responses as Json;
      const schema = (((toJsonSchema(responses[String(status)]) as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined)
        ?.schema;
      if (schema) {
        const full = Array.isArray(value)
          ? value.map((v) => ({ ...(sample((schema as Json).items) as Json), ...v }))
          : { ...(sample(schema) as Json), ...(value as Json) };
        const problem = validate(`${operationId} ${status} response`, schema, full);
        if (problem) throw new Error(`the fake built an invalid ${operationId} response: ${problem}`);
        return send(status, full);
      }
      return send(status, value);
    });
  });

  function answer(operationId: string, p: Record<string, string>, body: Json, query: URLSearchParams): [number, unknown] {
    const base = `https://github.com/${p.owner}/${p.repo}`;
    const commentJson = (c: { id: number; body: string; issue: number }) => ({
      id: c.id,
      body: c.body,
      html_url: `${base}/pull/${c.issue}#issuecomment-${c.id}`,
      url: `https://api.github.com/repos/${p.owner}/${p.repo}/issues/comments/${c.id}`,
    });
    const issueJson = (i: { number: number; title: string; body: string; state: string; labels: string[] }) => ({
      id: i.number + 500_000,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels.map((name, k) => ({ id: k + 1, name })),
      html_url: `${base}/issues/${i.number}`,
      url: `https://api.github.com/repos/${p.owner}/${p.repo}/issues/${i.number}`,
    });
    switch (operationId) {
      case 'issues/list-comments': {
        const all = [...comments.values()].filter((c) => c.issue === Number(p.issue_number));
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        return [200, all.slice((page - 1) * perPage, page * perPage).map(commentJson)];
      }
      case 'issues/create-comment': {
        const c = { id: ++nextId, body: String(body.body), issue: Number(p.issue_number) };
        comments.set(c.id, c);
        return [201, commentJson(c)];
      }
      case 'issues/update-comment': {
        const c = comments.get(Number(p.comment_id));
        if (!c) return [404, { message: 'Not Found' }];
        c.body = String(body.body);
        return [200, commentJson(c)];
      }
      case 'checks/create': {
        const id = ++nextId;
        const run = { ...body, id, html_url: `${base}/runs/${id}`, annotations: [...(((body.output as Json | undefined)?.annotations as unknown[]) ?? [])] };
        checkRuns.set(id, run);
        return [201, { id, name: body.name, head_sha: body.head_sha, status: body.status, conclusion: body.conclusion, html_url: run.html_url }];
      }
      case 'checks/update': {
        const run = checkRuns.get(Number(p.check_run_id));
        if (!run) return [404, { message: 'Not Found' }];
        (run.annotations as unknown[]).push(...(((body.output as Json | undefined)?.annotations as unknown[]) ?? []));
        return [200, { id: run.id, name: run.name, head_sha: run.head_sha, html_url: run.html_url }];
      }
      case 'repos/list-deployments': {
        const all = [...deployments.values()].filter((d) => !query.get('environment') || d.environment === query.get('environment')).reverse();
        return [200, all.map(({ statuses: _, ...d }) => d)];
      }
      case 'repos/create-deployment': {
        const id = ++nextId;
        const d = {
          id,
          ref: body.ref,
          sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
          environment: body.environment ?? 'production',
          payload: body.payload ?? {},
          description: body.description ?? null,
          statuses: [] as Json[],
        };
        deployments.set(id, d);
        const { statuses: _, ...shown } = d;
        return [201, { ...shown, url: `https://api.github.com/repos/${p.owner}/${p.repo}/deployments/${id}` }];
      }
      case 'repos/create-deployment-status': {
        const d = deployments.get(Number(p.deployment_id));
        if (!d) return [404, { message: 'Not Found' }];
        const status = {
          id: ++nextId,
          state: body.state,
          description: body.description ?? '',
          environment_url: body.environment_url ?? '',
          log_url: body.log_url ?? '',
        };
        d.statuses.push(status);
        return [201, status];
      }
      case 'issues/list-for-repo': {
        const state = query.get('state') ?? 'open';
        const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
        const all = [...issues.values()]
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .reverse();
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        return [200, all.slice((page - 1) * perPage, page * perPage).map(issueJson)];
      }
      case 'issues/create': {
        const number = issues.size + 1;
        const labels = ((body.labels as unknown[] | undefined) ?? []).map((l) => (typeof l === 'string' ? l : String((l as Json).name)));
        const issue = { number, title: String(body.title), body: String(body.body ?? ''), state: 'open' as const, labels };
        issues.set(number, issue);
        return [201, issueJson(issue)];
      }
      case 'issues/update': {
        const issue = issues.get(Number(p.issue_number));
        if (!issue) return [404, { message: 'Not Found' }];
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
        return [200, issueJson(issue)];
      }
      case 'repos/get':
        return [200, { name: p.repo, full_name: `${p.owner}/${p.repo}`, default_branch: 'main', html_url: base }];
      case 'git/get-ref': {
        const target = git.refs.get(String(p.ref));
        if (!target) return [404, { message: 'Not Found' }];
        return [200, { ref: `refs/${p.ref}`, object: { sha: target, type: 'commit', url: `${base}/commit/${target}` } }];
      }
      case 'git/get-commit': {
        const c = git.commits.get(String(p.commit_sha));
        if (!c) return [404, { message: 'Not Found' }];
        return [
          200,
          {
            sha: p.commit_sha,
            message: c.message,
            tree: { sha: c.tree, url: 'https://api.github.com/x' },
            parents: c.parents.map((x) => ({ sha: x, url: 'https://api.github.com/x', html_url: base })),
          },
        ];
      }
      case 'git/create-blob': {
        const content = body.encoding === 'base64' ? Buffer.from(String(body.content), 'base64').toString('utf8') : String(body.content);
        const id = sha(`blob:${content}`);
        git.blobs.set(id, content);
        return [201, { sha: id, url: `https://api.github.com/repos/${p.owner}/${p.repo}/git/blobs/${id}` }];
      }
      case 'git/create-tree': {
        const baseEntries = body.base_tree ? (git.trees.get(String(body.base_tree)) ?? []) : [];
        const entries = new Map(baseEntries.map((e) => [e.path, e.sha]));
        for (const e of (body.tree as Json[] | undefined) ?? []) {
          if (e.sha !== null && e.sha !== undefined && !git.blobs.has(String(e.sha))) return [422, { message: `blob ${String(e.sha)} does not exist` }];
          entries.set(String(e.path), String(e.sha));
        }
        const list = [...entries].map(([path, s2]) => ({ path, sha: s2 }));
        const id = sha(`tree:${JSON.stringify(list)}`);
        git.trees.set(id, list);
        return [
          201,
          { sha: id, url: 'https://api.github.com/x', tree: list.map((e) => ({ path: e.path, mode: '100644', type: 'blob', sha: e.sha })), truncated: false },
        ];
      }
      case 'git/create-commit': {
        if (!git.trees.has(String(body.tree))) return [422, { message: 'tree does not exist' }];
        const parents = ((body.parents as string[] | undefined) ?? []).map(String);
        const id = sha(`commit:${String(body.tree)}:${parents.join(',')}:${String(body.message)}`);
        git.commits.set(id, { message: String(body.message), tree: String(body.tree), parents });
        return [
          201,
          {
            sha: id,
            message: body.message,
            tree: { sha: body.tree, url: 'https://api.github.com/x' },
            html_url: `${base}/commit/${id}`,
            parents: parents.map((x) => ({ sha: x, url: 'https://api.github.com/x', html_url: base })),
          },
        ];
      }
      case 'git/create-ref': {
        const ref = String(body.ref).replace(/^refs\//, '');
        if (git.refs.has(ref)) return [422, { message: 'Reference already exists' }];
        git.refs.set(ref, String(body.sha));
        return [201, { ref: body.ref, object: { sha: body.sha, type: 'commit', url: 'https://api.github.com/x' } }];
      }
      case 'git/update-ref': {
        if (!git.refs.has(String(p.ref))) return [422, { message: 'Reference does not exist' }];
        git.refs.set(String(p.ref), String(body.sha));
        return [200, { ref: `refs/${p.ref}`, object: { sha: body.sha, type: 'commit', url: 'https://api.github.com/x' } }];
      }
      case 'pulls/list': {
        const head = query.get('head')?.split(':').pop();
        const state = query.get('state') ?? 'open';
        const all = [...pulls.values()].filter((x) => (state === 'all' || x.state === state) && (!head || x.head === head));
        return [200, all.map((x) => ({ number: x.number, title: x.title, state: x.state, html_url: `${base}/pull/${x.number}` }))];
      }
      case 'pulls/create': {
        const head = String(body.head).split(':').pop() ?? '';
        if (!git.refs.has(`heads/${head}`)) return [422, { message: `head ${head} does not exist` }];
        const number = 100 + pulls.size + 1;
        pulls.set(number, { number, head, base: String(body.base), title: String(body.title), body: String(body.body ?? ''), state: 'open' });
        return [201, { number, title: body.title, state: 'open', html_url: `${base}/pull/${number}` }];
      }
      default:
        return [404, { message: `the fake does not implement ${operationId}` }];
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    violations,
    comments,
    checkRuns,
    deployments,
    issues,
    git,
    pulls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
