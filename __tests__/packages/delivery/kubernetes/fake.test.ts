/** The fake API server's checks can fail: each bad request below is refused and recorded. */
import { deployment, httpRoute, NS, rollout } from './fixtures.js';
import { type KubeFake, startKubeFake } from './kube-fake.js';

let fake: KubeFake;

beforeEach(async () => {
  fake = await startKubeFake();
  fake.put(httpRoute());
  fake.put(rollout());
  fake.put(deployment('bot-blue', 'registry.example/support-bot:v1', 3));
});

afterEach(async () => {
  await fake.stop();
});

const ROUTE = `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes/support-bot`;
const ROLLOUT = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts/support-bot`;
const DEPLOY = `/apis/apps/v1/namespaces/${NS}/deployments/bot-blue`;

async function send(method: string, path: string, contentType?: string, body?: unknown) {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${fake.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { message?: string; reason?: string; metadata?: { resourceVersion?: string } } };
}

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

describe('the fake Kubernetes API server refuses what the real one would', () => {
  test.each([
    [
      'a negative backend weight (CRD minimum 0)',
      'PATCH',
      ROUTE,
      JSON_PATCH,
      [{ op: 'replace', path: '/spec/rules/1/backendRefs/0/weight', value: -5 }],
      422,
      /must be >= 0/,
    ],
    [
      'a misspelt field (strict fields)',
      'PATCH',
      ROUTE,
      JSON_PATCH,
      [{ op: 'add', path: '/spec/rules/1/backendRefs/0/wieght', value: 5 }],
      422,
      /additional properties.*wieght/,
    ],
    ['a weight as a string', 'PATCH', ROUTE, MERGE, { spec: { rules: [{ backendRefs: [{ name: 'bot-v1', weight: 'ten' }] }] } }, 422, /must be integer/],
    ['strategic merge on a custom resource', 'PATCH', ROUTE, 'application/strategic-merge-patch+json', { spec: {} }, 415, /accepted media types include/],
    ['a patch with no content type the server takes', 'PATCH', ROUTE, 'application/json', { spec: {} }, 415, /unknown format/],
    ['a version the CRD does not serve', 'GET', ROUTE.replace('/v1/', '/v2/'), undefined, undefined, 404, /could not find the requested resource/],
    ['an undeclared query parameter', 'GET', `${ROUTE}?watch=sometimes`, undefined, undefined, 400, /undeclared query parameter watch/],
    ['a JSON patch that is not a list', 'PATCH', ROUTE, JSON_PATCH, { op: 'replace' }, 400, /must be an array/],
    [
      'a JSON patch path that does not exist',
      'PATCH',
      ROUTE,
      JSON_PATCH,
      [{ op: 'replace', path: '/spec/rules/7/backendRefs/0/weight', value: 1 }],
      422,
      /does not exist/,
    ],
    [
      'a Deployment with replicas as a string',
      'PATCH',
      DEPLOY,
      JSON_PATCH,
      [{ op: 'replace', path: '/spec/replicas', value: 'three' }],
      422,
      /replicas must be integer/,
    ],
    [
      'a Deployment whose container loses its name',
      'PATCH',
      DEPLOY,
      JSON_PATCH,
      [{ op: 'remove', path: '/spec/template/spec/containers/0/name' }],
      422,
      /must have required property 'name'/,
    ],
    [
      'a Rollout step with an unknown kind of step',
      'PATCH',
      ROLLOUT,
      MERGE,
      { spec: { strategy: { canary: { steps: [{ setWieght: 10 }] } } } },
      422,
      /setWieght/,
    ],
    ['a subresource the kind does not have', 'PATCH', `${ROUTE}/scale`, MERGE, {}, 404, /no subresource scale/],
  ])('%s', async (_what, method, path, type, body, status, message) => {
    const answer = await send(method, path, type, body);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatch(message);
  });

  test('a valid patch is applied and leaves no violation', async () => {
    const answer = await send('PATCH', ROUTE, JSON_PATCH, [{ op: 'add', path: '/spec/rules/1/backendRefs/1/weight', value: 7 }]);
    expect(answer.status).toBe(200);
    expect(fake.violations).toEqual([]);
    expect((fake.object('httproutes', NS, 'support-bot').spec as { rules: { backendRefs: { weight?: number }[] }[] }).rules[1]?.backendRefs[1]?.weight).toBe(7);
  });

  test('a stale resourceVersion in the patch is a 409 conflict, as on a real server', async () => {
    const before = await send('GET', ROUTE);
    await send('PATCH', ROUTE, MERGE, { metadata: { labels: { touched: 'yes' } } });
    const answer = await send('PATCH', ROUTE, MERGE, {
      metadata: { resourceVersion: before.body.metadata?.resourceVersion },
      spec: { hostnames: ['a.example'] },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.reason).toBe('Conflict');
    expect(fake.violations).toEqual([]);
  });

  test('the main resource cannot write status, and the status subresource cannot write spec', async () => {
    await send('PATCH', ROLLOUT, MERGE, { status: { abort: true } });
    expect(fake.object('rollouts', NS, 'support-bot').status?.abort).toBeUndefined();
    await send('PATCH', `${ROLLOUT}/status`, MERGE, { spec: { replicas: 9 }, status: { abort: true } });
    const stored = fake.object('rollouts', NS, 'support-bot');
    expect(stored.spec?.replicas).toBe(4);
    expect(stored.status?.abort).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  test('a request without the kubeconfig token is unauthorized', async () => {
    const res = await fetch(`${fake.url}${ROUTE}`);
    expect(res.status).toBe(401);
  });
});
