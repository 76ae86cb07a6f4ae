/**
 * The git-data and pull-request operations a revert PR needs (repos/get, repos/get-branch,
 * git/get-commit, git/create-commit, git/create-ref, pulls/create), in front of the shared GitHub
 * fake (which lacks them): each request is matched to its operation in GitHub's published OpenAPI
 * description (@octokit/openapi, dereferenced) and its JSON body validated against the operation's
 * request schema with ajv; anything else is forwarded to the shared fake, which checks it the same
 * way. Answers carry the fields the client reads, not every field of the response schema.
 */
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
type AjvLike = { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
const require = createRequire(import.meta.url);
const Ajv = (require('ajv') as { default: new (o: object) => AjvLike }).default;
const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8')) as { paths: Record<string, Json> };

const OPS = [
  ['GET', '/repos/{owner}/{repo}'],
  ['GET', '/repos/{owner}/{repo}/branches/{branch}'],
  ['GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}'],
  ['POST', '/repos/{owner}/{repo}/git/commits'],
  ['POST', '/repos/{owner}/{repo}/git/refs'],
  ['POST', '/repos/{owner}/{repo}/pulls'],
] as const;

export interface GitFake {
  url: string;
  violations: string[];
  /** Commits by sha: tree and parents. */
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  refs: Map<string, string>;
  pulls: { number: number; head: string; base: string; title: string; body: string }[];
  stop(): Promise<void>;
}

/** Starts the git fake with `main` at `tip`, whose parent is `parent`, in front of `upstream` (the shared fake's URL). */
export async function startGitFake(upstream: string, history: { tip: string; parent: string }): Promise<GitFake> {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const ops = OPS.map(([method, template]) => {
    const names: string[] = [];
    const regex = new RegExp(
      `^${template.replace(/\{([^}]+)\}/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    const op = (spec.paths[template] as Json)[method.toLowerCase()] as Json;
    const schema = (((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
    return { method, regex, names, id: String(op.operationId), validate: schema ? ajv.compile(schema) : undefined };
  });
  const fake: GitFake = {
    url: '',
    violations: [],
    commits: new Map([
      [history.parent, { tree: `tree-of-${history.parent}`, parents: [], message: 'before' }],
      [history.tip, { tree: `tree-of-${history.tip}`, parents: [history.parent], message: 'the release' }],
    ]),
    refs: new Map([['refs/heads/main', history.tip]]),
    pulls: [],
    stop: async () => {},
  };
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks);
      const hit = ops.map((o) => ({ o, m: o.method === req.method ? o.regex.exec(url.pathname) : null })).find((x) => x.m);
      if (!hit?.m) {
        const fwd = request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        fwd.end(body);
        return;
      }
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(value));
      };
      const p = Object.fromEntries(hit.o.names.map((name, i) => [name, decodeURIComponent(hit.m?.[i + 1] ?? '')]));
      let json: Json = {};
      if (body.length) json = JSON.parse(body.toString('utf8')) as Json;
      if (hit.o.validate && !hit.o.validate(json)) {
        const why = `${req.method} ${url.pathname}: body does not match ${hit.o.id}: ${JSON.stringify(hit.o.validate.errors?.slice(0, 3))}`;
        fake.violations.push(why);
        return send(422, { message: why });
      }
      const base = `https://github.com/${p.owner}/${p.repo}`;
      switch (hit.o.id) {
        case 'repos/get':
          return send(200, { id: 1, name: p.repo, full_name: `${p.owner}/${p.repo}`, default_branch: 'main', html_url: base });
        case 'repos/get-branch':
          return send(200, { name: p.branch, commit: { sha: fake.refs.get(`refs/heads/${p.branch}`) }, protected: false });
        case 'git/get-commit': {
          const c = fake.commits.get(String(p.commit_sha));
          if (!c) return send(404, { message: 'Not Found' });
          return send(200, { sha: p.commit_sha, tree: { sha: c.tree }, parents: c.parents.map((sha) => ({ sha })), message: c.message });
        }
        case 'git/create-commit': {
          const sha = `${++n}`.padStart(40, 'c');
          fake.commits.set(sha, { tree: String(json.tree), parents: (json.parents as string[] | undefined) ?? [], message: String(json.message) });
          return send(201, {
            sha,
            tree: { sha: json.tree },
            parents: ((json.parents as string[] | undefined) ?? []).map((s) => ({ sha: s })),
            message: json.message,
          });
        }
        case 'git/create-ref':
          fake.refs.set(String(json.ref), String(json.sha));
          return send(201, { ref: json.ref, object: { sha: json.sha, type: 'commit' } });
        case 'pulls/create': {
          const pr = {
            number: fake.pulls.length + 1,
            head: String(json.head),
            base: String(json.base),
            title: String(json.title),
            body: String(json.body ?? ''),
          };
          fake.pulls.push(pr);
          return send(201, { id: pr.number, number: pr.number, html_url: `${base}/pull/${pr.number}`, title: pr.title });
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
