/**
 * A fake Hugging Face Hub for the registry: repository creation and commits. Each JSON body and
 * each NDJSON line of a commit is validated against the Hub API's published payload types (the
 * transcription in contracts/hf-hub-api.schema.json); a violation gets 400 and lands in `violations`.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { listenLocal } from '../../helpers/listen.js';
import { loadContract, validators } from './contract.js';

type Json = Record<string, unknown>;
const contract = loadContract('hf-hub-api.schema.json') as { definitions: Json };
const schema = (name: string) => ({ ...(contract.definitions[name] as Json), definitions: contract.definitions });

export interface HubFake {
  url: string;
  token: string;
  violations: string[];
  repos: Map<string, { private: boolean; files: Map<string, string>; commits: { oid: string; summary: string }[] }>;
  stop(): Promise<void>;
}

export async function startHubFake(): Promise<HubFake> {
  const check = validators();
  const token = 'hf_fakeTokenForTheContractFake0123';
  const violations: string[] = [];
  const repos: HubFake['repos'] = new Map();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const reject = (message: string) => {
        violations.push(`${req.method} ${req.url}: ${message}`);
        send(400, { error: message });
      };
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'Invalid credentials in Authorization header' });
      const text = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/api/repos/create') {
        let body: Json;
        try {
          body = JSON.parse(text) as Json;
        } catch {
          return reject('body is not JSON');
        }
        const problem = check('CreateRepo', schema('CreateRepo'), body);
        if (problem) return reject(problem);
        const id = `${body.organization ? `${String(body.organization)}/` : 'me/'}${String(body.name)}`;
        if (repos.has(id)) return send(409, { error: 'You already created this model repo', url: `https://huggingface.co/${id}` });
        repos.set(id, { private: body.private === true, files: new Map(), commits: [] });
        return send(200, { url: `https://huggingface.co/${id}`, name: id, id });
      }
      const commit = /^\/api\/models\/([^/]+\/[^/]+)\/commit\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'POST' && commit) {
        if (!String(req.headers['content-type']).startsWith('application/x-ndjson')) return reject('a commit is application/x-ndjson');
        const repo = repos.get(commit[1] ?? '');
        if (!repo) return send(404, { error: 'Repository not found' });
        const lines = text.split('\n').filter((l) => l.trim() !== '');
        const parsed: Json[] = [];
        for (const [i, line] of lines.entries()) {
          try {
            parsed.push(JSON.parse(line) as Json);
          } catch {
            return reject(`line ${i + 1} is not JSON`);
          }
          const problem = check(i === 0 ? 'CommitHeader' : 'CommitOperation', schema(i === 0 ? 'CommitHeader' : 'CommitOperation'), parsed[i]);
          if (problem) return reject(`line ${i + 1}: ${problem}`);
        }
        if (parsed.length < 2) return reject('a commit needs a header and at least one operation');
        for (const op of parsed.slice(1)) {
          const v = op.value as Json;
          if (op.key === 'file')
            repo.files.set(String(v.path), v.encoding === 'base64' ? Buffer.from(String(v.content), 'base64').toString('utf8') : String(v.content));
          if (op.key === 'deletedFile') repo.files.delete(String(v.path));
        }
        const oid = createHash('sha1').update(text).update(String(repo.commits.length)).digest('hex');
        repo.commits.push({ oid, summary: String((parsed[0]?.value as Json).summary) });
        return send(200, { success: true, commitOid: oid, commitUrl: `https://huggingface.co/${commit[1]}/commit/${oid}` });
      }
      reject('no such route in the fake');
    });
  });
  const { url, stop } = await listenLocal(server);
  return {
    url,
    token,
    violations,
    repos,
    stop,
  };
}
