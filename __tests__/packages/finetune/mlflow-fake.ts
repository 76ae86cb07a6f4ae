/**
 * A fake MLflow Model Registry (REST API 2.0). Each request body is validated against a JSON
 * Schema transcribed from MLflow's own protocol definition (contracts/mlflow-model-registry.schema.json,
 * from mlflow/protos/model_registry.proto): unknown fields, missing required fields and wrong
 * types are refused with MLflow's INVALID_PARAMETER_VALUE error and recorded in `violations`.
 */
import { createServer } from 'node:http';
import { listenLocal } from '../../helpers/listen.js';
import { loadContract, validators } from './contract.js';

type Json = Record<string, unknown>;
const contract = loadContract('mlflow-model-registry.schema.json') as { endpoints: Record<string, string>; definitions: Json };

export interface MlflowFake {
  url: string;
  violations: string[];
  models: Map<string, { versions: { version: string; source: string; tags: Record<string, string>; stage: string }[] }>;
  stop(): Promise<void>;
}

export async function startMlflowFake(options: { token?: string } = {}): Promise<MlflowFake> {
  const check = validators();
  const violations: string[] = [];
  const models: MlflowFake['models'] = new Map();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: string, message: string) => send(status, { error_code: code, message });
      const key = `${req.method} ${req.url}`;
      const message = contract.endpoints[key];
      if (!message) {
        violations.push(`${key}: not an endpoint of the Model Registry API`);
        return error(404, 'ENDPOINT_NOT_FOUND', `no endpoint ${key}`);
      }
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return error(401, 'UNAUTHENTICATED', 'bad credentials');
      let body: Json;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      } catch {
        violations.push(`${key}: body is not JSON`);
        return error(400, 'MALFORMED_REQUEST', 'body is not JSON');
      }
      let problem: string | undefined;
      try {
        problem = check(message, { ...(contract.definitions[message] as Json), definitions: contract.definitions }, body);
      } catch (e) {
        problem = `the fake's schema does not compile: ${(e as Error).message}`;
      }
      if (problem) {
        violations.push(`${key}: ${problem}`);
        return error(400, 'INVALID_PARAMETER_VALUE', problem);
      }
      const name = String(body.name);
      const now = Date.now();
      switch (message) {
        case 'CreateRegisteredModel':
          if (models.has(name)) return error(400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`);
          models.set(name, { versions: [] });
          return send(200, { registered_model: { name, creation_timestamp: now, last_updated_timestamp: now } });
        case 'CreateModelVersion': {
          const model = models.get(name);
          if (!model) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${name} not found`);
          const version = String(model.versions.length + 1);
          const tags = Object.fromEntries(((body.tags as Json[] | undefined) ?? []).map((t) => [String(t.key), String(t.value)]));
          model.versions.push({ version, source: String(body.source), tags, stage: 'None' });
          return send(200, { model_version: { name, version, creation_timestamp: now, current_stage: 'None', source: body.source, status: 'READY' } });
        }
        case 'TransitionModelVersionStage': {
          const v = models.get(name)?.versions.find((x) => x.version === body.version);
          if (!v) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Model Version (name=${name}, version=${String(body.version)}) not found`);
          v.stage = String(body.stage);
          return send(200, { model_version: { name, version: v.version, current_stage: v.stage, status: 'READY' } });
        }
      }
      return error(500, 'INTERNAL_ERROR', 'unreachable');
    });
  });
  const { url, stop } = await listenLocal(server);
  return {
    url,
    violations,
    models,
    stop,
  };
}
