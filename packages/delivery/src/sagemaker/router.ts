import {
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  SageMakerClient,
  type SageMakerClientConfig,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import type { sagemakerRouterSchema } from '@slipway/config';
import { type Logger, UserError } from '@slipway/kit';
import type { z } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import type { TrafficRouter } from '../router.js';
import { durationToMs } from '../strategy.js';

export type SageMakerSettings = z.infer<typeof sagemakerRouterSchema>;

export interface SageMakerRouterOptions {
  endpoint: string;
  stable: string;
  canary: string;
  /** How long one weight change may take to bring the endpoint back InService. */
  timeoutMs: number;
  /** First wait between DescribeEndpoint polls; doubles up to `maxPollMs` (defaults 1 s and 30 s). */
  pollMs?: number;
  maxPollMs?: number;
  clock?: Clock;
  log?: Logger;
}

/** Statuses after which waiting is pointless: the change failed. */
const FAILED = new Set(['Failed', 'RollingBack', 'UpdateRollbackFailed', 'OutOfService', 'Deleting']);

/**
 * Moves traffic between two production variants of one SageMaker endpoint with
 * UpdateEndpointWeightsAndCapacities, then waits (DescribeEndpoint, with backoff) until the endpoint
 * is InService again. Weights are relative in SageMaker; we always send stable = 100 - p and
 * canary = p, so the endpoint's numbers read as percentages.
 */
export class SageMakerRouter implements TrafficRouter {
  readonly name = 'sagemaker';
  private readonly clock: Clock;

  constructor(
    private readonly client: SageMakerClient,
    private readonly o: SageMakerRouterOptions,
  ) {
    this.clock = o.clock ?? systemClock;
  }

  /** A router with a client on the default credential chain (environment, profile, web identity, instance role). */
  static async create(settings: SageMakerSettings, log?: Logger, extra: Partial<SageMakerClientConfig> = {}): Promise<SageMakerRouter> {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const region = settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const client = new SageMakerClient({
      ...(region ? { region } : {}),
      ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
      ...extra,
    });
    return new SageMakerRouter(client, {
      endpoint: settings.endpoint,
      stable: settings.stable,
      canary: settings.canary,
      timeoutMs: durationToMs(settings.timeout),
      ...(log ? { log } : {}),
    });
  }

  async canaryWeight(): Promise<number> {
    const d = await this.describe();
    const { stable, canary } = this.weights(d);
    return stable + canary === 0 ? 0 : Math.round((canary / (stable + canary)) * 10_000) / 100;
  }

  async setCanaryWeight(percent: number): Promise<void> {
    const d = await this.describe();
    const now = this.weights(d);
    const total = now.stable + now.canary;
    // Already there and serving: nothing to change (keeps rollback idempotent and cheap).
    if (d.EndpointStatus === 'InService' && total > 0 && Math.abs((now.canary / total) * 100 - percent) < 0.005) return;
    if (d.EndpointStatus !== 'InService') await this.waitInService(`before setting the canary to ${percent}%`);
    try {
      await this.client.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({
          EndpointName: this.o.endpoint,
          DesiredWeightsAndCapacities: [
            { VariantName: this.o.stable, DesiredWeight: 100 - percent },
            { VariantName: this.o.canary, DesiredWeight: percent },
          ],
        }),
      );
    } catch (error) {
      throw this.explain(error, `UpdateEndpointWeightsAndCapacities (canary ${percent}%)`);
    }
    this.o.log?.info(`sagemaker: ${this.o.endpoint}: canary ${percent}%, waiting for InService`);
    await this.waitInService(`after setting the canary to ${percent}%`);
  }

  promote(): Promise<void> {
    return this.setCanaryWeight(100);
  }

  rollback(): Promise<void> {
    return this.setCanaryWeight(0);
  }

  /** The old variant keeps weight 0 (SageMaker stops routing to it once InService); its instances stay until the endpoint is updated without it. */
  async retire(): Promise<{ drained: boolean; detail: string }> {
    await this.setCanaryWeight(100);
    return {
      drained: true,
      detail: `variant ${this.o.stable} of ${this.o.endpoint} has weight 0 and the endpoint is InService; remove the variant to free its instances`,
    };
  }

  /** Polls DescribeEndpoint until InService; a failed or rolling-back endpoint is an error with SageMaker's FailureReason. */
  private async waitInService(when: string): Promise<void> {
    const started = this.clock.now();
    let delay = this.o.pollMs ?? 1000;
    for (;;) {
      const d = await this.describe();
      const status = d.EndpointStatus ?? 'unknown';
      if (status === 'InService') return;
      if (FAILED.has(status)) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} is ${status} ${when}: ${d.FailureReason ?? 'SageMaker gave no FailureReason'}`, {
          hint: 'see the endpoint in the SageMaker console; traffic is wherever SageMaker left it',
        });
      }
      const waited = this.clock.now() - started;
      if (waited >= this.o.timeoutMs) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} is still ${status} ${Math.round(waited / 1000)} s ${when}`, {
          hint: 'raise deploy.sagemaker.timeout, or check the endpoint in the SageMaker console',
        });
      }
      await this.clock.sleep(Math.min(delay, this.o.timeoutMs - waited));
      delay = Math.min(delay * 2, this.o.maxPollMs ?? 30_000);
    }
  }

  private async describe(): Promise<DescribeEndpointCommandOutput> {
    try {
      return await this.client.send(new DescribeEndpointCommand({ EndpointName: this.o.endpoint }));
    } catch (error) {
      throw this.explain(error, 'DescribeEndpoint');
    }
  }

  private weights(d: DescribeEndpointCommandOutput): { stable: number; canary: number } {
    const variants = d.ProductionVariants ?? [];
    const find = (name: string) => {
      const v = variants.find((x) => x.VariantName === name);
      if (!v) {
        throw new UserError(
          `SageMaker endpoint ${this.o.endpoint} has no production variant "${name}" (it has: ${variants.map((x) => x.VariantName).join(', ')})`,
          {
            hint: 'set deploy.sagemaker.stable and deploy.sagemaker.canary to the variant names',
          },
        );
      }
      return v.CurrentWeight ?? v.DesiredWeight ?? 0;
    };
    return { stable: find(this.o.stable), canary: find(this.o.canary) };
  }

  /** SDK errors as one line that says what failed; credential and validation problems are the user's to fix. */
  private explain(error: unknown, call: string): Error {
    if (error instanceof UserError) return error;
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const what = `SageMaker ${call} on ${this.o.endpoint} failed: ${e.name ?? 'Error'}: ${(e.message ?? String(error)).split('\n')[0]}`;
    if (/region is missing/i.test(e.message ?? '')) {
      return new UserError(`SageMaker ${call} on ${this.o.endpoint}: no AWS region`, { hint: 'set deploy.sagemaker.region, or AWS_REGION' });
    }
    if (e.name === 'CredentialsProviderError' || /credential/i.test(e.message ?? '')) {
      return new UserError(what, { hint: 'configure AWS credentials (aws-actions/configure-aws-credentials, AWS_PROFILE or AWS_ACCESS_KEY_ID)' });
    }
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return new UserError(what, { hint: 'check the endpoint and variant names, the region and the IAM permissions' });
    return new Error(what, { cause: error });
  }
}
