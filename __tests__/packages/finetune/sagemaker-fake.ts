/**
 * A fake SageMaker control plane (awsJson1_1, `X-Amz-Target: SageMaker.<Operation>`) for training
 * jobs. Every request body is validated against the operation's input shape in SageMaker's Smithy
 * model (the vendored subset in contracts/sagemaker-training.smithy.json): unknown members,
 * missing required members, types, enums, lengths, ranges and patterns. Every answer is validated
 * against the output shape. Requests must be SigV4-signed. Violations get a ValidationException
 * and land in `violations`.
 */
import { createServer } from 'node:http';
import { listenLocal } from '../../helpers/listen.js';
import { loadContract } from './contract.js';

type Json = Record<string, unknown>;
interface Shape {
  type: string;
  members?: Record<string, { target: string; traits?: Json }>;
  member?: { target: string };
  key?: { target: string };
  value?: { target: string };
  traits?: Json;
  input?: { target: string };
  output?: { target: string };
}

const model = loadContract('sagemaker-training.smithy.json') as { shapes: Record<string, Shape> };
const NS = 'com.amazonaws.sagemaker#';
const PRELUDE: Record<string, string> = {
  'smithy.api#String': 'string',
  'smithy.api#Integer': 'integer',
  'smithy.api#Long': 'long',
  'smithy.api#Boolean': 'boolean',
  'smithy.api#Float': 'float',
  'smithy.api#Double': 'double',
  'smithy.api#Timestamp': 'timestamp',
  'smithy.api#Document': 'document',
  'smithy.api#Unit': 'unit',
};

/** Problems with `value` as an instance of shape `id` (Smithy JSON semantics for awsJson1_1). */
export function validateShape(id: string, value: unknown, at = '$', traits: Json = {}): string[] {
  const shape: Shape = model.shapes[id] ?? { type: PRELUDE[id] ?? 'unknown' };
  const all = { ...(shape.traits ?? {}), ...traits };
  const problems: string[] = [];
  const length = all['smithy.api#length'] as { min?: number; max?: number } | undefined;
  const range = all['smithy.api#range'] as { min?: number; max?: number } | undefined;
  const sizeOk = (n: number) => !length || ((length.min === undefined || n >= length.min) && (length.max === undefined || n <= length.max));
  switch (shape.type) {
    case 'structure': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
      const obj = value as Json;
      for (const k of Object.keys(obj)) if (!shape.members?.[k]) problems.push(`${at}.${k}: not a member of ${id.replace(NS, '')}`);
      for (const [k, m] of Object.entries(shape.members ?? {})) {
        if (obj[k] === undefined || obj[k] === null) {
          if (m.traits?.['smithy.api#required'] !== undefined) problems.push(`${at}.${k}: required`);
          continue;
        }
        problems.push(...validateShape(m.target, obj[k], `${at}.${k}`, m.traits ?? {}));
      }
      return problems;
    }
    case 'list':
      if (!Array.isArray(value)) return [`${at}: expected a list`];
      if (!sizeOk(value.length)) problems.push(`${at}: ${value.length} items, outside ${JSON.stringify(length)}`);
      for (const [i, v] of value.entries()) problems.push(...validateShape(shape.member?.target ?? '', v, `${at}[${i}]`));
      return problems;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected a map`];
      if (!sizeOk(Object.keys(value).length)) problems.push(`${at}: ${Object.keys(value).length} entries, outside ${JSON.stringify(length)}`);
      for (const [k, v] of Object.entries(value)) {
        problems.push(...validateShape(shape.key?.target ?? 'smithy.api#String', k, `${at} key ${k}`));
        problems.push(...validateShape(shape.value?.target ?? '', v, `${at}.${k}`));
      }
      return problems;
    case 'enum': {
      const allowed = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
      return allowed.includes(value)
        ? []
        : [`${at}: ${JSON.stringify(value)} is not one of ${allowed.slice(0, 8).join(', ')}${allowed.length > 8 ? ', …' : ''}`];
    }
    case 'string': {
      if (typeof value !== 'string') return [`${at}: expected a string`];
      if (!sizeOk(value.length)) problems.push(`${at}: length ${value.length} outside ${JSON.stringify(length)}`);
      const pattern = all['smithy.api#pattern'];
      if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) problems.push(`${at}: "${value}" does not match ${pattern}`);
      return problems;
    }
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) return [`${at}: expected an integer`];
      break;
    case 'float':
    case 'double':
    case 'timestamp':
      if (typeof value !== 'number') return [`${at}: expected a number`];
      break;
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean`];
    case 'document':
      return [];
    case 'unit':
      // smithy.api#Unit: no input or output; awsJson sends `{}`.
      return value !== null && typeof value === 'object' && Object.keys(value).length === 0 ? [] : [`${at}: expected {}`];
    default:
      return [`${at}: unknown shape ${id}`];
  }
  const n = value as number;
  if (range && ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)))
    problems.push(`${at}: ${n} outside ${JSON.stringify(range)}`);
  return problems;
}

export type SageMakerScenario = 'succeed' | 'fail' | 'hang' | 'max-runtime';

export interface SageMakerFake {
  url: string;
  violations: string[];
  calls: { operation: string; body: Json }[];
  jobs: Map<string, Json>;
  stop(): Promise<void>;
}

export async function startSageMakerFake(options: { scenario?: SageMakerScenario } = {}): Promise<SageMakerFake> {
  const violations: string[] = [];
  const calls: SageMakerFake['calls'] = [];
  const jobs = new Map<string, Json>();
  const reads = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const fail = (status: number, type: string, message: string) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type });
        res.end(JSON.stringify({ __type: type, message }));
      };
      const reject = (message: string) => {
        violations.push(`${target}: ${message}`);
        fail(400, 'ValidationException', message);
      };
      if (req.method !== 'POST' || req.url !== '/') return reject(`awsJson1_1 takes POST /, got ${req.method} ${req.url}`);
      if (!String(req.headers['content-type']).startsWith('application/x-amz-json-1.1')) return reject(`content-type ${String(req.headers['content-type'])}`);
      if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/sagemaker\/aws4_request/.test(String(req.headers.authorization ?? '')))
        return reject('not signed with SigV4 for sagemaker');
      const [prefix, operation = ''] = target.split('.');
      const op = model.shapes[`${NS}${operation}`];
      if (prefix !== 'SageMaker' || op?.type !== 'operation') return reject(`unknown operation ${target}`);
      let body: Json;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
      } catch {
        return reject('body is not JSON');
      }
      const problems = validateShape(op.input?.target ?? '', body);
      if (problems.length > 0) return reject(problems.slice(0, 3).join('; '));
      calls.push({ operation, body });
      const [status, value, error] = answer(operation, body);
      if (error) return fail(status, error, String((value as Json).message));
      const outProblems = validateShape(op.output?.target ?? '', value);
      if (outProblems.length > 0) {
        // A bug in the fake, not in the client: answer 500 so the test fails fast, and say why.
        violations.push(`the fake built an invalid ${operation} answer: ${outProblems.join('; ')}`);
        return fail(500, 'InternalFailure', 'invalid answer');
      }
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(value));
    });
  });

  function answer(operation: string, body: Json): [number, Json, string?] {
    const name = String(body.TrainingJobName);
    const arn = `arn:aws:sagemaker:us-east-1:123456789012:training-job/${name.toLowerCase()}`;
    switch (operation) {
      case 'CreateTrainingJob':
        if (jobs.has(name)) return [400, { message: `Training job ${name} already exists` }, 'ResourceInUse'];
        jobs.set(name, { ...body, TrainingJobArn: arn, TrainingJobStatus: 'InProgress', SecondaryStatus: 'Starting', CreationTime: Date.now() / 1000 });
        return [200, { TrainingJobArn: arn }];
      case 'DescribeTrainingJob': {
        const job = jobs.get(name);
        if (!job) return [400, { message: `Requested resource not found: ${name}` }, 'ResourceNotFound'];
        const n = (reads.get(name) ?? 0) + 1;
        reads.set(name, n);
        const scenario = options.scenario ?? 'succeed';
        if (job.TrainingJobStatus === 'Stopping') Object.assign(job, { TrainingJobStatus: 'Stopped', SecondaryStatus: 'Stopped' });
        else if (n === 2) job.SecondaryStatus = 'Training';
        else if (n >= 3 && scenario !== 'hang' && job.TrainingJobStatus === 'InProgress') {
          if (scenario === 'succeed')
            Object.assign(job, {
              TrainingJobStatus: 'Completed',
              SecondaryStatus: 'Completed',
              FinalMetricDataList: [{ MetricName: 'validation:loss', Value: 0.21, Timestamp: Date.now() / 1000 }],
            });
          else if (scenario === 'fail')
            Object.assign(job, {
              TrainingJobStatus: 'Failed',
              SecondaryStatus: 'Failed',
              FailureReason: 'AlgorithmError: ExecuteUserScriptError: CUDA out of memory',
            });
          else Object.assign(job, { TrainingJobStatus: 'Stopped', SecondaryStatus: 'MaxRuntimeExceeded' });
        }
        const out = (job.OutputDataConfig as Json).S3OutputPath as string;
        return [
          200,
          {
            TrainingJobName: name,
            TrainingJobArn: arn,
            ModelArtifacts: { S3ModelArtifacts: `${out.replace(/\/$/, '')}/${name}/output/model.tar.gz` },
            TrainingJobStatus: job.TrainingJobStatus,
            SecondaryStatus: job.SecondaryStatus,
            AlgorithmSpecification: job.AlgorithmSpecification,
            ResourceConfig: job.ResourceConfig,
            StoppingCondition: job.StoppingCondition,
            CreationTime: job.CreationTime,
            HyperParameters: job.HyperParameters,
            ...(job.FailureReason ? { FailureReason: job.FailureReason } : {}),
            ...(job.FinalMetricDataList ? { FinalMetricDataList: job.FinalMetricDataList } : {}),
          },
        ];
      }
      case 'StopTrainingJob': {
        const job = jobs.get(name);
        if (!job) return [400, { message: `Requested resource not found: ${name}` }, 'ResourceNotFound'];
        job.TrainingJobStatus = 'Stopping';
        return [200, {}];
      }
      default:
        return [400, { message: `the fake does not implement ${operation}` }, 'UnknownOperationException'];
    }
  }

  const { url, stop } = await listenLocal(server);
  return {
    url,
    violations,
    calls,
    jobs,
    stop,
  };
}
