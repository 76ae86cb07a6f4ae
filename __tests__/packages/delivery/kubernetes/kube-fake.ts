/**
 * A fake Kubernetes API server over real HTTP that checks EVERY request against the published
 * schemas (schemas/SOURCES.md): the path must be one the API server serves for that kind and
 * version (the Kubernetes OpenAPI paths for Deployments; the CRD's group, versions, plural and
 * subresources for custom resources), the verb must exist there, a PATCH must use a content type
 * the server accepts for that kind, query parameters must be declared, and the object that results
 * from applying the patch must validate against the kind's schema. Anything that does not fit is
 * answered as the real server would (404, 405, 415, 400, 422) and recorded in `violations`.
 *
 * It keeps resourceVersion and generation like the server (a patch carrying a stale
 * resourceVersion gets 409), honours the status subresource split, and emulates just enough of
 * the Deployment and Argo Rollouts controllers to answer with realistic, schema-valid status.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type KindSchema, loadKindSchemas } from './kube-schemas.js';
import { applyJsonPatch, applyMergePatch, PatchError } from './patch-apply.js';

type Obj = Record<string, unknown> & { metadata: Record<string, unknown>; spec?: Record<string, unknown>; status?: Record<string, unknown> };

export interface KubeCall {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
  status: number;
}

export interface KubeFake {
  url: string;
  token: string;
  calls: KubeCall[];
  /** Requests that broke the schemas or the API's rules; tests assert it stays empty. */
  violations: string[];
  /** Seeds an object (validated like any write). */
  put(object: Record<string, unknown>): void;
  /** The stored object, by plural/namespace/name. */
  object(plural: string, namespace: string, name: string): Obj;
  /** Verbs RBAC denies, as `verb plural[/subresource]`, e.g. `patch httproutes`. */
  deny: Set<string>;
  /** Images whose pods never become ready (the Deployment reports ProgressDeadlineExceeded). */
  badImages: Set<string>;
  /** Someone else writes this object right after our next read of it, so our write conflicts. */
  interfere(plural: string, namespace: string, name: string, times?: number): void;
  stop(): Promise<void>;
}

const statusBody = (code: number, reason: string, message: string, details: Record<string, unknown> = {}) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  details,
  code,
});

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 10);

export async function startKubeFake(): Promise<KubeFake> {
  const kinds = loadKindSchemas();
  const store = new Map<string, Obj>();
  const calls: KubeCall[] = [];
  const violations: string[] = [];
  const deny = new Set<string>();
  const badImages = new Set<string>();
  const interference = new Map<string, number>();
  /** Deployments whose controller has not caught up yet: it does on the next read. */
  const lagging = new Set<string>();
  let revision = 1000;
  const token = `fake-${hash(Math.random())}`;
  const key = (plural: string, ns: string, name: string) => `${plural}/${ns}/${name}`;

  const check = (k: KindSchema, version: string, o: Obj): string[] => {
    const problems = k.validate(version, o);
    if (o.apiVersion !== `${k.group}/${version}`) problems.push(`apiVersion is ${String(o.apiVersion)}, not ${k.group}/${version}`);
    if (o.kind !== k.kind) problems.push(`kind is ${String(o.kind)}, not ${k.kind}`);
    return problems;
  };

  const reconcile = (k: KindSchema, o: Obj) => {
    if (k.plural === 'rollouts') reconcileRollout(o);
  };

  const save = (k: KindSchema, o: Obj, keyed: string) => {
    o.metadata.resourceVersion = String(++revision);
    reconcile(k, o);
    const problems = check(k, k.versions[0] as string, o);
    // The fake's own status must be valid too, or its answers would teach the client wrong shapes.
    if (problems.length) throw new Error(`the fake built an invalid ${k.kind}: ${problems.join('; ')}`);
    store.set(keyed, o);
    if (k.plural === 'deployments') lagging.add(keyed);
  };

  const reconcileDeployment = (o: Obj) => {
    const spec = o.spec as { replicas?: number; template: { spec: { containers: { image?: string }[] } } };
    const n = spec.replicas ?? 1;
    const broken = spec.template.spec.containers.some((c) => c.image !== undefined && badImages.has(c.image));
    const now = new Date().toISOString();
    const condition = (type: string, status: string, reason: string, message: string) => ({
      type,
      status,
      reason,
      message,
      lastUpdateTime: now,
      lastTransitionTime: now,
    });
    o.status = {
      observedGeneration: o.metadata.generation,
      replicas: n,
      updatedReplicas: n,
      readyReplicas: broken ? 0 : n,
      availableReplicas: broken ? 0 : n,
      ...(broken && n > 0 ? { unavailableReplicas: n } : {}),
      conditions: [
        broken && n > 0
          ? condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.')
          : condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
        broken && n > 0
          ? condition(
              'Progressing',
              'False',
              'ProgressDeadlineExceeded',
              `ReplicaSet "${String(o.metadata.name)}-${hash(spec.template)}" has timed out progressing.`,
            )
          : condition(
              'Progressing',
              'True',
              'NewReplicaSetAvailable',
              `ReplicaSet "${String(o.metadata.name)}-${hash(spec.template)}" has successfully progressed.`,
            ),
      ],
    };
  };

  /** What the Argo Rollouts controller does with a canary Rollout, reduced to steps, abort and promote. */
  const reconcileRollout = (o: Obj) => {
    const steps = ((o.spec?.strategy as Record<string, unknown>)?.canary as { steps?: Record<string, unknown>[] } | undefined)?.steps ?? [];
    const st = (o.status ?? {}) as Record<string, unknown>;
    const podHash = hash(o.spec?.template);
    const stepHash = hash(steps);
    st.stableRS ??= podHash;
    if (st.currentPodHash !== podHash || st.currentStepHash !== stepHash) {
      st.currentPodHash = podHash;
      st.currentStepHash = stepHash;
      st.currentStepIndex = 0;
      delete st.abort;
      delete st.abortedAt;
      delete st.promoteFull;
      delete st.pauseConditions;
      st.controllerPause = false;
    }
    const now = new Date().toISOString();
    if (st.abort === true) {
      st.phase = 'Degraded';
      st.message = 'RolloutAborted: Rollout aborted update to revision 2';
      st.abortedAt ??= now;
      delete st.pauseConditions;
    } else if (st.promoteFull === true || st.stableRS === podHash) {
      st.currentStepIndex = steps.length;
      st.stableRS = podHash;
      st.phase = 'Healthy';
      delete st.pauseConditions;
      delete st.message;
    } else {
      let i = (st.currentStepIndex as number | undefined) ?? 0;
      while (i < steps.length && !('pause' in (steps[i] as object))) i++;
      st.currentStepIndex = i;
      if (i < steps.length) {
        st.phase = 'Paused';
        st.message = 'CanaryPauseStep';
        st.controllerPause = true;
        st.pauseConditions ??= [{ reason: 'CanaryPauseStep', startTime: now }];
      } else {
        st.stableRS = podHash;
        st.phase = 'Healthy';
      }
    }
    st.observedGeneration = String(o.metadata.generation);
    o.status = st;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        violations.push(`fake crashed: ${(error as Error).message}`);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(statusBody(500, 'InternalError', (error as Error).message)));
      }
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, text: string) {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const contentType = req.headers['content-type']?.split(';')[0]?.trim();
    let body: unknown;
    const send = (status: number, value: unknown) => {
      calls.push({ method, path: url.pathname, contentType, body, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const reject = (status: number, reason: string, message: string) => {
      violations.push(`${method} ${url.pathname}${url.search}: ${message}`);
      send(status, statusBody(status, reason, message));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, statusBody(401, 'Unauthorized', 'Unauthorized'));

    const m = /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    const k = m ? kinds.get(m[4] as string) : undefined;
    if (!m || !k || k.group !== m[1] || !k.versions.includes(m[2] as string)) {
      return reject(404, 'NotFound', 'the server could not find the requested resource');
    }
    const [, group, version, namespace, plural, name, sub] = m as unknown as [string, string, string, string, string, string, string | undefined];
    if (sub !== undefined && !k.subresources.includes(sub)) return reject(404, 'NotFound', `${plural} has no subresource ${sub}`);
    if (!k.methods.includes(method)) return reject(405, 'MethodNotAllowed', `${method} is not served on ${plural}`);
    if (method !== 'GET' && method !== 'PATCH') return reject(405, 'MethodNotAllowed', `the fake does not emulate ${method}`);
    if (sub === 'scale') return reject(405, 'MethodNotAllowed', 'the fake does not emulate the scale subresource');
    const allowed = method === 'PATCH' ? k.patchParams : ['pretty', 'resourceVersion'];
    for (const q of url.searchParams.keys()) if (!allowed.includes(q)) return reject(400, 'BadRequest', `undeclared query parameter ${q}`);

    const resource = `${plural}${sub ? `/${sub}` : ''}`;
    if (deny.has(`${method === 'GET' ? 'get' : 'patch'} ${resource}`)) {
      const verb = method === 'GET' ? 'get' : 'patch';
      return send(
        403,
        statusBody(
          403,
          'Forbidden',
          `${plural}.${group} "${name}" is forbidden: User "system:serviceaccount:ci:slipway" cannot ${verb} resource "${resource}" in API group "${group}" in the namespace "${namespace}"`,
          { name, group, kind: plural },
        ),
      );
    }
    const keyed = key(plural, namespace, name);
    const current = store.get(keyed);
    if (!current) return send(404, statusBody(404, 'NotFound', `${plural}.${group} "${name}" not found`, { name, group, kind: plural }));

    if (method === 'GET') {
      if (text) return reject(400, 'BadRequest', 'GET with a body');
      const answer = structuredClone(current);
      if (lagging.delete(keyed)) reconcileDeployment(current);
      if (version !== k.versions[0]) answer.apiVersion = `${group}/${version}`;
      send(200, answer);
      const left = interference.get(keyed) ?? 0;
      if (left > 0) {
        interference.set(keyed, left - 1);
        current.metadata.resourceVersion = String(++revision);
      }
      return;
    }

    // PATCH
    if (!contentType || !k.patchTypes.includes(contentType)) {
      return reject(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format (${contentType}) - accepted media types include: ${k.patchTypes.join(', ')}`,
      );
    }
    if (contentType === 'application/apply-patch+yaml' || contentType === 'application/strategic-merge-patch+json') {
      return reject(415, 'UnsupportedMediaType', `the fake does not emulate ${contentType}`);
    }
    try {
      body = JSON.parse(text);
    } catch {
      return reject(400, 'BadRequest', 'the body is not JSON');
    }
    let next: Obj;
    try {
      next = (contentType === 'application/json-patch+json' ? applyJsonPatch(current, body) : applyMergePatch(current, body)) as Obj;
    } catch (error) {
      if (!(error instanceof PatchError)) throw error;
      return reject(error.status, error.status === 422 ? 'Invalid' : 'BadRequest', error.message);
    }
    if (next === null || typeof next !== 'object' || typeof next.metadata !== 'object' || next.metadata === null) {
      return reject(422, 'Invalid', 'the patch removed the object or its metadata');
    }
    const sent = next.metadata.resourceVersion;
    if (sent !== undefined && sent !== current.metadata.resourceVersion) {
      return send(
        409,
        statusBody(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${plural}.${group} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          {
            name,
            group,
            kind: plural,
          },
        ),
      );
    }
    for (const field of ['name', 'namespace', 'uid', 'creationTimestamp', 'generation']) {
      if (JSON.stringify(next.metadata[field]) !== JSON.stringify(current.metadata[field])) {
        return reject(422, 'Invalid', `metadata.${field} cannot be changed by a patch`);
      }
    }
    // The status subresource changes only status; the main resource never does (the API server drops it).
    const result: Obj =
      sub === 'status'
        ? { ...structuredClone(current), status: next.status as Record<string, unknown> }
        : { ...next, status: structuredClone(current.status) as Record<string, unknown> };
    if (result.status === undefined) delete result.status;
    if (sub !== 'status' && JSON.stringify(result.spec) !== JSON.stringify(current.spec)) {
      result.metadata.generation = ((current.metadata.generation as number | undefined) ?? 1) + 1;
    }
    const problems = check(k, k.versions[0] as string, { ...result, apiVersion: `${group}/${k.versions[0]}` });
    if (problems.length) return reject(422, 'Invalid', `${k.kind}.${group} "${name}" is invalid: ${problems.join('; ')}`);
    save(k, result, keyed);
    send(200, result);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    calls,
    violations,
    deny,
    badImages,
    put(object) {
      const o = structuredClone(object) as Obj;
      const k = [...kinds.values()].find((x) => x.kind === o.kind);
      if (!k) throw new Error(`the fake does not serve ${String(o.kind)}`);
      o.metadata.generation ??= 1;
      o.metadata.uid ??= `uid-${hash(o.metadata)}`;
      o.metadata.creationTimestamp ??= '2026-01-01T00:00:00Z';
      const problems = check(k, String(o.apiVersion).split('/')[1] ?? '', o);
      if (problems.length) throw new Error(`seed ${String(o.kind)} is invalid: ${problems.join('; ')}`);
      if (k.plural === 'deployments') reconcileDeployment(o);
      save(k, o, key(k.plural, String(o.metadata.namespace), String(o.metadata.name)));
      lagging.delete(key(k.plural, String(o.metadata.namespace), String(o.metadata.name)));
    },
    object(plural, namespace, name) {
      const o = store.get(key(plural, namespace, name));
      if (!o) throw new Error(`no ${plural} ${namespace}/${name}`);
      return o;
    },
    interfere(plural, namespace, name, times = 1) {
      interference.set(key(plural, namespace, name), times);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
