/**
 * A fake SageMaker control plane that checks every request against the published Smithy model
 * (the shapes vendored in sagemaker-smithy.json, from aws-sdk-js-v3's codegen model): the awsJson1_1
 * protocol (POST /, Content-Type application/x-amz-json-1.1, X-Amz-Target SageMaker.<Operation>, a
 * SigV4 Authorization for the sagemaker service), then the body against the operation's input shape —
 * unknown members, missing required members, types, string length and pattern, number ranges, enum
 * values. Answers are checked against the output shape before they are sent. A request that does not
 * fit gets SageMaker's ValidationException and is recorded in `violations`, which tests assert empty.
 *
 * Behaviour beyond the schema follows SageMaker's documentation: UpdateEndpointWeightsAndCapacities
 * needs an InService endpoint and known variants, sets the endpoint Updating, and after a few
 * DescribeEndpoint calls it is InService with the new weights (or Failed / RollingBack when scripted).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { listenLocal } from '../../helpers/listen.js';

type Json = Record<string, unknown>;
interface Shape {
  type: string;
  members?: Record<string, { target: string; traits?: Json }>;
  member?: { target: string };
  input?: { target: string };
  output?: { target: string };
  traits?: Json;
}

const model = JSON.parse(readFileSync(new URL('./sagemaker-smithy.json', import.meta.url), 'utf8')) as {
  service: { targetPrefix: string };
  shapes: Record<string, Shape>;
};
const NS = 'com.amazonaws.sagemaker#';

/** Every way `value` breaks shape `id`, with JSON paths. */
export function checkShape(id: string, value: unknown, at = '$'): string[] {
  const shape = model.shapes[id];
  if (!shape) return [`${at}: shape ${id.replace(NS, '')} is not in the vendored model (the fake refuses what it cannot check)`];
  const traits = shape.traits ?? {};
  const out: string[] = [];
  const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
  const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object (${id.replace(NS, '')})`];
      const obj = value as Json;
      for (const [name, m] of Object.entries(shape.members ?? {})) {
        if (m.traits?.['smithy.api#required'] !== undefined && obj[name] === undefined) out.push(`${at}.${name}: required`);
      }
      for (const [name, v] of Object.entries(obj)) {
        const m = shape.members?.[name];
        if (!m) out.push(`${at}.${name}: not a member of ${id.replace(NS, '')}`);
        else if (v !== null) out.push(...checkShape(m.target, v, `${at}.${name}`));
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return [`${at}: expected a list`];
      if (length?.min !== undefined && value.length < length.min) out.push(`${at}: at least ${length.min} item(s)`);
      if (length?.max !== undefined && value.length > length.max) out.push(`${at}: at most ${length.max} item(s)`);
      value.forEach((v, i) => {
        out.push(...checkShape(shape.member?.target ?? '', v, `${at}[${i}]`));
      });
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') return [`${at}: expected a string`];
      if (length?.min !== undefined && value.length < length.min) out.push(`${at}: shorter than ${length.min}`);
      if (length?.max !== undefined && value.length > length.max) out.push(`${at}: longer than ${length.max}`);
      const pattern = traits['smithy.api#pattern'] as string | undefined;
      if (pattern && !new RegExp(pattern, 'u').test(value)) out.push(`${at}: ${JSON.stringify(value)} does not match ${pattern}`);
      return out;
    }
    case 'float':
    case 'double':
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${at}: expected a number`];
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value)) out.push(`${at}: expected an integer`);
      if (range?.min !== undefined && value < range.min) out.push(`${at}: ${value} is below ${range.min}`);
      if (range?.max !== undefined && value > range.max) out.push(`${at}: ${value} is above ${range.max}`);
      return out;
    }
    case 'enum': {
      const allowed = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
      return allowed.includes(value) ? [] : [`${at}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`];
    }
    case 'timestamp':
      // awsJson1_1 sends timestamps as epoch seconds.
      return typeof value === 'number' ? [] : [`${at}: expected epoch seconds`];
    default:
      return [`${at}: shape type ${shape.type} is not supported by the fake`];
  }
}

export interface FakeEndpoint {
  status: string;
  weights: Record<string, number>;
  failureReason?: string;
}

export interface SageMakerFake {
  url: string;
  endpoints: Map<string, FakeEndpoint>;
  /** Every request that reached an operation: its target and body. */
  calls: { operation: string; body: Json }[];
  violations: string[];
  /** DescribeEndpoint calls an update stays Updating for (default 2). */
  updatingPolls: number;
  /** Make the next update end in this status instead of InService, with this FailureReason. */
  failNextUpdate?: { status: 'Failed' | 'RollingBack'; reason: string } | undefined;
  stop(): Promise<void>;
}

const ACCOUNT = '123456789012';

/** Starts the fake with the given endpoints (name → variant weights), all InService. */
export async function startSageMakerFake(endpoints: Record<string, Record<string, number>>): Promise<SageMakerFake> {
  const pending = new Map<string, { polls: number; weights: Record<string, number>; end: { status: string; reason?: string } }>();
  const fake: SageMakerFake = {
    url: '',
    endpoints: new Map(Object.entries(endpoints).map(([name, weights]) => [name, { status: 'InService', weights: { ...weights } }])),
    calls: [],
    violations: [],
    updatingPolls: 2,
    stop: async () => {},
  };

  const reply = (res: import('node:http').ServerResponse, status: number, body: Json) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': `req-${fake.calls.length}`,
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const invalid = (res: import('node:http').ServerResponse, problems: string[]) => {
    fake.violations.push(...problems);
    reply(res, 400, { __type: 'ValidationException', message: problems.join('; ') });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const problems: string[] = [];
      if (req.method !== 'POST' || req.url !== '/') problems.push(`awsJson1_1: expected POST /, got ${req.method} ${req.url}`);
      if (req.headers['content-type'] !== 'application/x-amz-json-1.1') problems.push(`awsJson1_1: Content-Type ${req.headers['content-type']}`);
      const auth = String(req.headers.authorization ?? '');
      if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/sagemaker\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(auth))
        problems.push('SigV4: missing or malformed Authorization for service sagemaker');
      if (!req.headers['x-amz-date']) problems.push('SigV4: missing X-Amz-Date');
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(`${model.service.targetPrefix}.`) ? target.slice(model.service.targetPrefix.length + 1) : '';
      const op = model.shapes[`${NS}${operation}`];
      if (!op || op.type !== 'operation') problems.push(`X-Amz-Target: ${JSON.stringify(target)} is not an operation of the vendored SageMaker model`);
      let body: Json = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
      } catch {
        problems.push('body: not JSON');
      }
      if (op?.input) problems.push(...checkShape(op.input.target, body));
      if (problems.length) return invalid(res, problems);
      fake.calls.push({ operation, body });
      const name = String(body.EndpointName);
      const endpoint = fake.endpoints.get(name);
      if (!endpoint) return reply(res, 400, { __type: 'ValidationException', message: `Could not find endpoint "${name}".` });
      const arn = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${name.toLowerCase()}`;
      let out: Json;
      if (operation === 'UpdateEndpointWeightsAndCapacities') {
        if (endpoint.status !== 'InService') {
          return reply(res, 400, { __type: 'ValidationException', message: `Cannot update in-progress endpoint "${arn}".` });
        }
        const next = { ...endpoint.weights };
        for (const d of body.DesiredWeightsAndCapacities as { VariantName: string; DesiredWeight?: number }[]) {
          if (!(d.VariantName in next))
            return reply(res, 400, { __type: 'ValidationException', message: `The variant name(s) "${d.VariantName}" is/are not present.` });
          if (d.DesiredWeight !== undefined) next[d.VariantName] = d.DesiredWeight;
        }
        const fail = fake.failNextUpdate;
        fake.failNextUpdate = undefined;
        pending.set(name, { polls: fake.updatingPolls, weights: next, end: fail ? { status: fail.status, reason: fail.reason } : { status: 'InService' } });
        endpoint.status = 'Updating';
        out = { EndpointArn: arn };
      } else {
        const p = pending.get(name);
        if (p && p.polls-- <= 0) {
          pending.delete(name);
          endpoint.status = p.end.status;
          if (p.end.reason) endpoint.failureReason = p.end.reason;
          if (p.end.status === 'InService') endpoint.weights = p.weights;
        }
        out = {
          EndpointName: name,
          EndpointArn: arn,
          EndpointConfigName: `${name}-config`,
          EndpointStatus: endpoint.status,
          ...(endpoint.failureReason ? { FailureReason: endpoint.failureReason } : {}),
          CreationTime: 1_764_000_000,
          LastModifiedTime: 1_764_000_100,
          ProductionVariants: Object.entries(endpoint.weights).map(([VariantName, w]) => ({
            VariantName,
            CurrentWeight: w,
            DesiredWeight: p?.weights[VariantName] ?? w,
          })),
        };
      }
      const bad = op?.output ? checkShape(op.output.target, out) : [];
      if (bad.length) {
        fake.violations.push(...bad.map((b) => `fake's own answer: ${b}`));
        return reply(res, 500, { __type: 'InternalFailure', message: bad.join('; ') });
      }
      reply(res, 200, out);
    });
  });
  Object.assign(fake, await listenLocal(server));
  return fake;
}
