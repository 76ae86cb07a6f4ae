import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { FolderRolloutStore, ManualClock, type MetricSource, runCanary } from '@slipway/delivery';
import { SageMakerRouter } from '@slipway/delivery/aws';
import { checkShape, type SageMakerFake, startSageMakerFake } from './sagemaker-fake.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let fake: SageMakerFake;
beforeEach(async () => {
  fake = await startSageMakerFake({ 'support-bot': { stable: 100, canary: 0 } });
});
afterEach(async () => {
  await fake.stop();
});

function router(o: { stable?: string; canary?: string; timeoutMs?: number; clock?: ManualClock } = {}) {
  const client = new SageMakerClient({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' },
    maxAttempts: 1,
  });
  return new SageMakerRouter(client, {
    endpoint: 'support-bot',
    stable: o.stable ?? 'stable',
    canary: o.canary ?? 'canary',
    timeoutMs: o.timeoutMs ?? 60_000,
    clock: o.clock ?? new ManualClock(),
  });
}

describe('sagemaker router against a contract fake of SageMaker (Smithy model)', () => {
  test('moves production-variant weights and waits until the endpoint is InService again', async () => {
    const r = router();
    expect(await r.canaryWeight()).toBe(0);
    await r.setCanaryWeight(10);
    expect(fake.endpoints.get('support-bot')).toMatchObject({ status: 'InService', weights: { stable: 90, canary: 10 } });
    expect(await r.canaryWeight()).toBe(10);
    // One update, then DescribeEndpoint until InService (2 polls Updating, then InService).
    const ops = fake.calls.map((c) => c.operation);
    expect(ops.filter((o) => o === 'UpdateEndpointWeightsAndCapacities')).toHaveLength(1);
    expect(ops.filter((o) => o === 'DescribeEndpoint').length).toBeGreaterThanOrEqual(4);
    expect(fake.calls.find((c) => c.operation === 'UpdateEndpointWeightsAndCapacities')?.body).toEqual({
      EndpointName: 'support-bot',
      DesiredWeightsAndCapacities: [
        { VariantName: 'stable', DesiredWeight: 90 },
        { VariantName: 'canary', DesiredWeight: 10 },
      ],
    });
    await r.promote();
    expect(fake.endpoints.get('support-bot')?.weights).toEqual({ stable: 0, canary: 100 });
    expect(fake.violations).toEqual([]);
  });

  test('rollback is idempotent: at the weights already, it sends no update', async () => {
    const r = router();
    await r.rollback();
    await r.rollback();
    expect(fake.calls.filter((c) => c.operation === 'UpdateEndpointWeightsAndCapacities')).toHaveLength(0);
    expect(fake.violations).toEqual([]);
  });

  test.each([
    ['Failed', 'Request to service failed. If failure persists after retry, contact customer support.'],
    ['RollingBack', 'Unable to scale variant canary: insufficient capacity for ml.g5.xlarge'],
  ] as const)('an endpoint that goes %s is a clear error with its FailureReason', async (status, reason) => {
    const r = router();
    fake.failNextUpdate = { status, reason };
    const error = await r.setCanaryWeight(10).catch((e: Error) => e);
    expect((error as Error).name).toBe('UserError');
    expect((error as Error).message).toBe(`SageMaker endpoint support-bot is ${status} after setting the canary to 10%: ${reason}`);
    expect(fake.violations).toEqual([]);
  });

  test('an endpoint that stays Updating past the timeout is an error that says how long it waited', async () => {
    fake.updatingPolls = 1_000;
    const clock = new ManualClock();
    const r = router({ timeoutMs: 120_000, clock });
    await expect(r.setCanaryWeight(10)).rejects.toThrow(/^SageMaker endpoint support-bot is still Updating 120 s after setting the canary to 10%$/);
    // Backoff: 1 s doubling to 30 s, so a 2-minute wait takes ~8 polls, not 120.
    const polls = fake.calls.filter((c) => c.operation === 'DescribeEndpoint').length;
    expect(polls).toBeGreaterThan(4);
    expect(polls).toBeLessThan(15);
  });

  test('a variant that is not on the endpoint is a user error naming the ones that are', async () => {
    await expect(router({ canary: 'green' }).setCanaryWeight(10)).rejects.toThrow(
      'SageMaker endpoint support-bot has no production variant "green" (it has: stable, canary)',
    );
  });

  test('a request SageMaker would refuse is refused by the fake, and the router says so in one line', async () => {
    // The SDK does not validate client-side: a weight below SageMaker's range reaches the service.
    const error = await router()
      .setCanaryWeight(150)
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('UserError');
    expect((error as Error).message).toBe(
      'SageMaker UpdateEndpointWeightsAndCapacities (canary 150%) on support-bot failed: ValidationException: $.DesiredWeightsAndCapacities[0].DesiredWeight: -50 is below 0',
    );
    expect(fake.violations).toEqual(['$.DesiredWeightsAndCapacities[0].DesiredWeight: -50 is below 0']);
    expect(fake.endpoints.get('support-bot')?.weights).toEqual({ stable: 100, canary: 0 });
  });

  test('no region or no credentials is a user error that says what to set', async () => {
    const saved = { ...process.env };
    for (const k of [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
    ])
      delete process.env[k];
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const noRegion = await SageMakerRouter.create({ endpoint: 'support-bot', stable: 'stable', canary: 'canary', timeout: '1m', endpointUrl: fake.url });
      const e1 = await noRegion.canaryWeight().catch((e: Error) => e);
      expect((e1 as Error).name).toBe('UserError');
      expect((e1 as Error).message).toBe('SageMaker DescribeEndpoint on support-bot: no AWS region');
      const noCredentials = await SageMakerRouter.create({
        endpoint: 'support-bot',
        stable: 'stable',
        canary: 'canary',
        timeout: '1m',
        endpointUrl: fake.url,
        region: 'us-east-1',
      });
      const e2 = await noCredentials.canaryWeight().catch((e: Error) => e);
      expect((e2 as Error).name).toBe('UserError');
      expect((e2 as Error).message).toMatch(/^SageMaker DescribeEndpoint on support-bot failed: CredentialsProviderError: /);
    } finally {
      process.env = saved;
    }
    expect(fake.calls).toHaveLength(0);
  });

  test('a canary rollout runs through SageMaker variants and is promoted', async () => {
    const clock = new ManualClock();
    const r = router({ clock });
    const source: MetricSource = {
      async collect() {
        return { 'error-rate': { test: 'proportion', stable: { events: 10, trials: 1000 }, canary: { events: 1, trials: 200 } } };
      },
    };
    const run = await runCanary({
      environment: 'production',
      releaseId: `sha256:${'5'.repeat(64)}`,
      strategy: {
        steps: [{ setWeight: 20 }, { analysis: { duration: '1m', interval: '30s' } }],
        metrics: [{ name: 'error-rate', test: 'proportion', minSample: 50 }],
      },
      router: r,
      source,
      store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-sm-'))),
      clock,
    });
    expect(run.result).toBe('promoted');
    const weights = fake.calls
      .filter((c) => c.operation === 'UpdateEndpointWeightsAndCapacities')
      .map((c) => (c.body.DesiredWeightsAndCapacities as { DesiredWeight: number }[]).map((d) => d.DesiredWeight));
    expect(weights).toEqual([
      [80, 20],
      [0, 100],
    ]);
    expect(fake.violations).toEqual([]);
  });
});

describe('the contract fake itself', () => {
  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(fake.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-date': '20261128T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  test.each([
    ['a missing required member', { EndpointName: 'support-bot' }, /DesiredWeightsAndCapacities: required/],
    ['an empty list (length min 1)', { EndpointName: 'support-bot', DesiredWeightsAndCapacities: [] }, /at least 1 item/],
    [
      'a negative weight (range min 0)',
      { EndpointName: 'support-bot', DesiredWeightsAndCapacities: [{ VariantName: 'canary', DesiredWeight: -1 }] },
      /-1 is below 0/,
    ],
    ['a name over 63 characters', { EndpointName: 'x'.repeat(64), DesiredWeightsAndCapacities: [{ VariantName: 'canary' }] }, /longer than 63/],
    ['an unknown member', { EndpointName: 'support-bot', DesiredWeightsAndCapacities: [{ VariantName: 'canary', Weight: 1 }] }, /Weight: not a member/],
    [
      'a weight as a string',
      { EndpointName: 'support-bot', DesiredWeightsAndCapacities: [{ VariantName: 'canary', DesiredWeight: '1' }] },
      /expected a number/,
    ],
  ])('rejects %s', async (_what, body, message) => {
    const res = await post({ 'x-amz-target': 'SageMaker.UpdateEndpointWeightsAndCapacities' }, body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { __type: string; message: string };
    expect(json.__type).toBe('ValidationException');
    expect(json.message).toMatch(message);
    expect(fake.calls).toHaveLength(0);
  });

  test('rejects an unknown target, a wrong content type and a request without SigV4', async () => {
    expect((await post({ 'x-amz-target': 'SageMaker.DeleteEndpoint' }, { EndpointName: 'support-bot' })).status).toBe(400);
    expect((await post({ 'x-amz-target': 'SageMaker.DescribeEndpoint', 'content-type': 'application/json' }, { EndpointName: 'support-bot' })).status).toBe(
      400,
    );
    expect((await post({ 'x-amz-target': 'SageMaker.DescribeEndpoint', authorization: 'Bearer x' }, { EndpointName: 'support-bot' })).status).toBe(400);
    expect(fake.violations.join('\n')).toMatch(/not an operation[\s\S]*Content-Type[\s\S]*SigV4/);
  });

  test('checks enums and required members of answers too', () => {
    expect(checkShape('com.amazonaws.sagemaker#EndpointStatus', 'InService')).toEqual([]);
    expect(checkShape('com.amazonaws.sagemaker#EndpointStatus', 'Ready')[0]).toMatch(/not one of OutOfService, Creating, Updating/);
    expect(checkShape('com.amazonaws.sagemaker#DescribeEndpointOutput', { EndpointName: 'a' })).toEqual(
      expect.arrayContaining(['$.EndpointArn: required', '$.EndpointStatus: required', '$.CreationTime: required']),
    );
  });
});
