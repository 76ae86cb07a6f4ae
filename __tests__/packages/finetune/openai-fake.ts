/**
 * A fake of OpenAI's Files and Fine-tuning API that checks every request against OpenAI's
 * published OpenAPI description (the vendored subset in contracts/openai-fine-tuning.openapi.json):
 * the route and method must exist, path and query parameters fit their schemas, JSON bodies
 * validate against the request schema, multipart uploads carry the declared fields. Every answer
 * is validated against the operation's 200 schema before it is sent. A request that does not
 * fit gets 400 and lands in `violations`, which tests assert is empty.
 */
import { createServer } from 'node:http';
import { listenLocal } from '../../helpers/listen.js';
import { loadContract, toJsonSchema, validators } from './contract.js';

type Json = Record<string, unknown>;

export type Scenario = 'succeed' | 'fail' | 'hang';

export interface OpenAIFake {
  url: string;
  violations: string[];
  calls: { method: string; path: string; body: unknown }[];
  files: Map<string, { filename: string; bytes: number; purpose: string; text: string }>;
  jobs: Map<string, Json>;
  stop(): Promise<void>;
}

const spec = loadContract('openai-fine-tuning.openapi.json');
const paths = spec.paths as Record<string, Record<string, Json>>;

/** Each GET of a job moves it one status on: validating_files → queued → running → the scenario's end. */
const PROGRESSION = ['validating_files', 'queued', 'running', 'running'] as const;

export async function startOpenAIFake(options: { scenario?: Scenario; apiKey?: string } = {}): Promise<OpenAIFake> {
  const check = validators();
  const violations: string[] = [];
  const calls: OpenAIFake['calls'] = [];
  const files: OpenAIFake['files'] = new Map();
  const jobs = new Map<string, Json>();
  const events = new Map<string, Json[]>();
  const reads = new Map<string, number>();
  let next = 1;
  const now = () => Math.floor(Date.now() / 1000);
  const operations = Object.entries(paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([m]) => ['get', 'post'].includes(m))
      .map(([method, op]) => {
        const names: string[] = [];
        const regex = new RegExp(
          `^/v1${template.replace(/\{([^}]+)\}/g, (_, n: string) => {
            names.push(n);
            return '([^/]+)';
          })}$`,
        );
        return { method: method.toUpperCase(), template, regex, names, op };
      }),
  );

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const reject = (message: string) => {
        violations.push(`${req.method} ${url.pathname}: ${message}`);
        send(400, { error: { message, type: 'invalid_request_error', param: null, code: null } });
      };
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
        return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
      const found = operations.map((o) => ({ o, m: o.method === req.method ? o.regex.exec(url.pathname) : null })).find((x) => x.m);
      if (!found?.m) return reject('no such operation in the OpenAPI description');
      const { o, m } = found;
      const params = Object.fromEntries(o.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      const declared = ((o.op.parameters ?? []) as Json[]).map((p) => toJsonSchema(spec, p) as Json);
      for (const p of declared) {
        const raw = p.in === 'path' ? params[p.name as string] : p.in === 'query' ? (url.searchParams.get(p.name as string) ?? undefined) : undefined;
        if (raw === undefined) {
          if (p.required) return reject(`missing ${p.in} parameter ${String(p.name)}`);
          continue;
        }
        const schema = (p.schema ?? {}) as Json;
        const value = schema.type === 'integer' || schema.type === 'number' ? Number(raw) : raw;
        const problem = check(`${o.template}#${String(p.name)}`, schema, value);
        if (problem) return reject(`parameter ${String(p.name)}=${raw}: ${problem}`);
      }
      for (const key of url.searchParams.keys())
        if (!declared.some((p) => p.in === 'query' && p.name === key)) return reject(`undeclared query parameter ${key}`);
      const raw = Buffer.concat(chunks);
      const content = ((o.op.requestBody as Json | undefined)?.content ?? {}) as Record<string, { schema: unknown }>;
      let body: unknown;
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (raw.length > 0) {
        const declaredBody = content[type];
        if (!declaredBody) return reject(`content type ${type || '(none)'} is not one of ${Object.keys(content).join(', ') || 'none (no body)'}`);
        const schema = toJsonSchema(spec, declaredBody.schema) as Json;
        if (type === 'application/json') {
          try {
            body = JSON.parse(raw.toString('utf8'));
          } catch {
            return reject('body is not JSON');
          }
          const problem = check(`${o.template} body`, schema, body);
          if (problem) return reject(`body does not match the schema: ${problem}`);
        } else {
          // multipart/form-data: parsed by the platform's own parser, then each field checked against the schema.
          const form = await new Request('http://x', {
            method: 'POST',
            headers: { 'content-type': String(req.headers['content-type']) },
            body: raw,
          }).formData();
          const fields: Json = {};
          const fileParts: Record<string, { name: string; text: string; size: number }> = {};
          for (const [k, v] of form.entries()) {
            if (typeof v === 'string') fields[k] = v;
            else {
              fields[k] = 'binary';
              fileParts[k] = { name: v.name, text: await v.text(), size: v.size };
            }
          }
          const problem = check(`${o.template} form`, schema, fields);
          if (problem) return reject(`form does not match the schema: ${problem}`);
          body = { fields, files: fileParts };
        }
      } else if ((o.op.requestBody as Json | undefined)?.required) return reject('body required');
      calls.push({ method: o.method, path: url.pathname, body });
      const [status, value] = answer(String(o.op.operationId), params, body as Json, url.searchParams);
      const schema = (((o.op.responses as Json)[String(status)] as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
      if (status === 200 && schema) {
        const problem = check(`${o.template} ${o.method} 200`, toJsonSchema(spec, schema.schema), value);
        if (problem) {
          // A bug in the fake, not the client: fail fast and say why.
          violations.push(`the fake built an invalid ${String(o.op.operationId)} response: ${problem}`);
          return send(500, { error: { message: 'invalid answer', type: 'server_error', param: null, code: null } });
        }
      }
      send(status, value);
    });
  });

  function event(jobId: string, message: string, extra: Json = {}): void {
    const list = events.get(jobId) ?? [];
    list.push({
      object: 'fine_tuning.job.event',
      id: `ftevent-${next++}`,
      created_at: now() + list.length,
      level: 'info',
      message,
      type: 'message',
      data: {},
      ...extra,
    });
    events.set(jobId, list);
  }

  function answer(operationId: string, p: Record<string, string>, body: Json, query: URLSearchParams): [number, unknown] {
    switch (operationId) {
      case 'createFile': {
        const f = (body.files as Record<string, { name: string; text: string; size: number }>).file as { name: string; text: string; size: number };
        const id = `file-${next++}`;
        files.set(id, { filename: f.name, bytes: f.size, purpose: String((body.fields as Json).purpose), text: f.text });
        return [200, { id, object: 'file', bytes: f.size, created_at: now(), filename: f.name, purpose: 'fine-tune', status: 'processed' }];
      }
      case 'createFineTuningJob': {
        for (const k of ['training_file', 'validation_file'] as const)
          if (body[k] !== undefined && !files.has(String(body[k])))
            return [400, { error: { message: `invalid ${k}: ${String(body[k])}`, type: 'invalid_request_error', param: k, code: null } }];
        const id = `ftjob-${next++}`;
        const hp = ((body.method as Json | undefined)?.supervised as Json | undefined)?.hyperparameters as Json | undefined;
        const job: Json = {
          object: 'fine_tuning.job',
          id,
          model: body.model,
          created_at: now(),
          finished_at: null,
          fine_tuned_model: null,
          organization_id: 'org-slipway',
          result_files: [],
          status: 'validating_files',
          validation_file: body.validation_file ?? null,
          training_file: body.training_file,
          hyperparameters: {
            n_epochs: hp?.n_epochs ?? 'auto',
            batch_size: hp?.batch_size ?? 'auto',
            learning_rate_multiplier: hp?.learning_rate_multiplier ?? 'auto',
          },
          trained_tokens: null,
          error: null,
          seed: 42,
          method: body.method ?? { type: 'supervised' },
        };
        jobs.set(id, job);
        event(id, `Created fine-tuning job: ${id}`);
        return [200, job];
      }
      case 'retrieveFineTuningJob': {
        const job = jobs.get(p.fine_tuning_job_id ?? '');
        if (!job) return [404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } }];
        if (['succeeded', 'failed', 'cancelled'].includes(String(job.status))) return [200, job];
        const n = (reads.get(String(job.id)) ?? 0) + 1;
        reads.set(String(job.id), n);
        const scenario = options.scenario ?? 'succeed';
        if (n < PROGRESSION.length || scenario === 'hang') {
          job.status = PROGRESSION[Math.min(n, PROGRESSION.length - 1)];
          if (job.status === 'running')
            event(String(job.id), `Step ${n}/4: training loss=${(1 / n).toFixed(2)}`, { type: 'metrics', data: { step: n, train_loss: 1 / n } });
          return [200, job];
        }
        if (scenario === 'fail') {
          job.status = 'failed';
          job.error = {
            code: 'invalid_training_file',
            message: 'The job failed due to an invalid training file. Expected file to have JSONL format with prompt/completion keys.',
            param: 'training_file',
          };
          event(String(job.id), 'The job has failed', { level: 'error' });
        } else {
          job.status = 'succeeded';
          job.fine_tuned_model = `ft:${String(job.model)}:slipway::${String(job.id).slice(-6)}`;
          job.trained_tokens = 12_345;
          job.finished_at = now();
          event(String(job.id), 'The job has successfully completed');
        }
        return [200, job];
      }
      case 'listFineTuningEvents': {
        const all = [...(events.get(p.fine_tuning_job_id ?? '') ?? [])].reverse();
        const after = query.get('after');
        const cut = after ? all.findIndex((e) => e.id === after) : -1;
        const page = (cut >= 0 ? all.slice(0, cut) : all).slice(0, Number(query.get('limit') ?? 20));
        return [200, { object: 'list', data: page, has_more: false }];
      }
      case 'cancelFineTuningJob': {
        const job = jobs.get(p.fine_tuning_job_id ?? '');
        if (!job) return [404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } }];
        job.status = 'cancelled';
        return [200, job];
      }
      default:
        return [404, { error: { message: `the fake does not implement ${operationId}`, type: 'invalid_request_error', param: null, code: null } }];
    }
  }

  const { url, stop } = await listenLocal(server);
  return {
    url: `${url}/v1`,
    violations,
    calls,
    files,
    jobs,
    stop,
  };
}
