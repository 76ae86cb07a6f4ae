/**
 * A fake Kubernetes API server for training jobs. Every object it is sent is checked against the
 * published schemas: batch/v1 Job with kubernetes-models (generated from Kubernetes' OpenAPI
 * description), kubeflow.org/v1 PyTorchJob with the CRD's openAPIV3Schema (vendored in
 * contracts/kubeflow-pytorchjob.crd.json). Query parameters are checked too. A request that does
 * not fit gets 422 with a Status body and lands in `violations`.
 */
import { createServer, type ServerResponse } from 'node:http';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { listenLocal } from '../../helpers/listen.js';
import { loadContract, toJsonSchema, validators } from './contract.js';

type Json = Record<string, unknown>;
export type K8sScenario = 'succeed' | 'fail' | 'hang';

export interface KubernetesFake {
  url: string;
  token: string;
  violations: string[];
  created: Json[];
  deleted: string[];
  stop(): Promise<void>;
}

const crd = loadContract('kubeflow-pytorchjob.crd.json');
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export async function startKubernetesFake(options: { scenario?: K8sScenario; logLines?: string[] } = {}): Promise<KubernetesFake> {
  const check = validators();
  const token = 'k8s-token-0123456789abcdef';
  const violations: string[] = [];
  const created: Json[] = [];
  const deleted: string[] = [];
  const reads = new Map<string, number>();
  const status = (res: ServerResponse, code: number, reason: string, message: string) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
  };
  const json = (res: ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const find = (kind: string, ns: string, name: string) =>
    created.find((o) => o.kind === kind && (o.metadata as Json).namespace === ns && (o.metadata as Json).name === name);

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const reject = (message: string) => {
        violations.push(`${req.method} ${url.pathname}${url.search}: ${message}`);
        status(res, 422, 'Invalid', message);
      };
      if (req.headers.authorization !== `Bearer ${token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
      const text = Buffer.concat(chunks).toString('utf8');
      const collection = /^\/apis\/(batch\/v1|kubeflow\.org\/v1)\/namespaces\/([^/]+)\/(jobs|pytorchjobs)(?:\/([^/]+))?$/.exec(url.pathname);
      const pods = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname);
      const log = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
      if (collection) {
        const [, group, ns = '', plural, name] = collection;
        const kind = plural === 'jobs' ? 'Job' : 'PyTorchJob';
        if (!NAME.test(ns)) return reject(`namespace ${ns} is not a DNS label`);
        if (req.method === 'POST' && !name) {
          let body: Json;
          try {
            body = JSON.parse(text) as Json;
          } catch {
            return reject('body is not JSON');
          }
          if (body.apiVersion !== group || body.kind !== kind)
            return reject(`expected apiVersion ${group} kind ${kind}, got ${String(body.apiVersion)} ${String(body.kind)}`);
          const meta = (body.metadata ?? {}) as Json;
          if (typeof meta.name !== 'string' || !NAME.test(meta.name) || meta.name.length > 63)
            return reject(`metadata.name ${String(meta.name)} is not a DNS label of at most 63 characters`);
          if (meta.namespace !== undefined && meta.namespace !== ns) return reject('metadata.namespace does not match the URL');
          if (kind === 'Job') {
            try {
              new Job(body as never).validate();
            } catch (error) {
              return reject(`not a valid batch/v1 Job: ${(error as Error).message}`);
            }
            const spec = ((body.spec as Json).template as Json).spec as Json;
            if (!['Never', 'OnFailure'].includes(String(spec.restartPolicy))) return reject('a Job pod template needs restartPolicy Never or OnFailure');
          } else {
            const problem = check('pytorchjob', toJsonSchema(crd, crd.schema), body);
            if (problem) return reject(`not a valid PyTorchJob (CRD schema): ${problem}`);
            const replicas = (body.spec as Json).pytorchReplicaSpecs as Record<string, Json>;
            if (!replicas.Master) return reject('a PyTorchJob needs a Master replica');
            for (const [type, r] of Object.entries(replicas)) {
              const containers = (((r.template as Json).spec as Json).containers ?? []) as Json[];
              if (!containers.some((c) => c.name === 'pytorch')) return reject(`${type}: the training operator needs a container named pytorch`);
            }
          }
          if (find(kind, ns, meta.name)) return status(res, 409, 'AlreadyExists', `${plural} "${meta.name}" already exists`);
          const stored = {
            ...body,
            metadata: { ...meta, namespace: ns, uid: `uid-${created.length + 1}`, creationTimestamp: new Date().toISOString() },
            status: {},
          };
          created.push(stored);
          return json(res, 201, stored);
        }
        if (!name) return reject(`${req.method} on the collection is not used`);
        const obj = find(kind, ns, name);
        if (!obj) return status(res, 404, 'NotFound', `${plural} "${name}" not found`);
        if (req.method === 'GET') {
          const n = (reads.get(name) ?? 0) + 1;
          reads.set(name, n);
          const scenario = options.scenario ?? 'succeed';
          const now = new Date().toISOString();
          if (n >= 3 && scenario !== 'hang') {
            const conditions =
              scenario === 'succeed'
                ? [{ type: kind === 'Job' ? 'Complete' : 'Succeeded', status: 'True', lastTransitionTime: now }]
                : [
                    {
                      type: 'Failed',
                      status: 'True',
                      reason: kind === 'Job' ? 'BackoffLimitExceeded' : 'PyTorchJobFailed',
                      message:
                        kind === 'Job' ? 'Job has reached the specified backoff limit' : `PyTorchJob ${name} is failed because 1 Master replica(s) failed.`,
                      lastTransitionTime: now,
                    },
                  ];
            obj.status = kind === 'Job' ? { conditions, ...(scenario === 'succeed' ? { succeeded: 1 } : { failed: 1 }) } : { conditions };
          } else obj.status = kind === 'Job' ? { active: 1 } : { conditions: [{ type: 'Running', status: 'True' }] };
          return json(res, 200, obj);
        }
        if (req.method === 'DELETE') {
          const policy = url.searchParams.get('propagationPolicy');
          if (policy !== null && !['Foreground', 'Background', 'Orphan'].includes(policy))
            return reject(`propagationPolicy ${policy} is not Foreground, Background or Orphan`);
          created.splice(created.indexOf(obj), 1);
          deleted.push(name);
          return json(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, kind: plural } });
        }
        return reject(`method ${req.method} is not used`);
      }
      if (pods && req.method === 'GET') {
        const selector = url.searchParams.get('labelSelector') ?? '';
        if (!/^[a-z0-9./-]+=[a-z0-9-]+(,[a-z0-9./-]+=[a-z0-9-]+)*$/.test(selector)) return reject(`labelSelector "${selector}" is not an equality selector`);
        const labels = Object.fromEntries(selector.split(',').map((kv) => kv.split('=') as [string, string]));
        const jobName = labels['job-name'] ?? labels['training.kubeflow.org/job-name'];
        const owner = created.find((o) => (o.metadata as Json).name === jobName);
        if (!owner) return json(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] });
        const failed = options.scenario === 'fail';
        const container = owner.kind === 'Job' ? 'trainer' : 'pytorch';
        return json(res, 200, {
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: {},
          items: [
            {
              metadata: { name: `${jobName}-${owner.kind === 'Job' ? 'abcde' : 'master-0'}`, namespace: pods[1] },
              status: {
                phase: failed ? 'Failed' : 'Running',
                containerStatuses: [
                  {
                    name: container,
                    state: failed ? { terminated: { exitCode: 137, reason: 'OOMKilled', message: 'CUDA out of memory\n' } } : { running: {} },
                  },
                ],
              },
            },
          ],
        });
      }
      if (log && req.method === 'GET') {
        const container = url.searchParams.get('container');
        if (!container || !['trainer', 'pytorch'].includes(container)) return reject(`container ${String(container)} is not in the pod`);
        if (!['true', 'false', null].includes(url.searchParams.get('follow'))) return reject('follow must be a boolean');
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (const line of options.logLines ?? ['starting', '{"step": 1, "loss": 0.9}', '{"step": 2, "loss": 0.4}', 'saved model']) res.write(`${line}\n`);
        return res.end();
      }
      reject('no such route in the fake');
    });
  });
  const { url, stop } = await listenLocal(server);
  return {
    url,
    token,
    violations,
    created,
    deleted,
    stop,
  };
}
