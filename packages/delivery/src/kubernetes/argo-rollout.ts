import { UserError } from '@slipway/kit';
import type { TrafficRouter } from '../router.js';
import { type KubeClient, type KubeObject, patchWithRetry, type ResourceRef } from './client.js';

type Step = Record<string, unknown>;
interface RolloutSpec {
  paused?: boolean;
  strategy?: { canary?: { steps?: Step[]; trafficRouting?: { maxTrafficWeight?: number } }; blueGreen?: unknown };
}
interface RolloutStatus {
  abort?: boolean;
  promoteFull?: boolean;
  currentStepIndex?: number;
}

export interface ArgoRolloutRouterOptions {
  namespace: string;
  name: string;
}

/**
 * Moves traffic through an Argo Rollouts canary. Argo has no "set weight" call, so Slipway owns the
 * Rollout's steps: setting a weight rewrites `spec.strategy.canary.steps` to `[{setWeight: N},
 * {pause: {}}]`. Argo sees the steps change, restarts at step 0, applies the weight (through its own
 * traffic routing or replica counts) and then waits in the indefinite pause for us. Promote and
 * rollback are what `kubectl argo rollouts promote --full` and `abort` do: merge patches of
 * `status.promoteFull` / `status.abort` on the status subresource.
 */
export class ArgoRolloutRouter implements TrafficRouter {
  readonly name = 'kubernetes/Rollout';
  private readonly ref: ResourceRef;

  constructor(
    private readonly client: KubeClient,
    private readonly o: ArgoRolloutRouterOptions,
  ) {
    this.ref = { kind: 'Rollout', group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts', namespace: o.namespace, name: o.name };
  }

  /** The weight Argo is set to: its own rule (GetCurrentSetWeight): aborted 0, past the last step all, else the last setWeight. */
  async canaryWeight(): Promise<number> {
    const rollout = await this.client.get(this.ref);
    const { steps, max } = this.canary(rollout);
    const status = (rollout.status ?? {}) as RolloutStatus;
    if (status.abort) return 0;
    const index = status.currentStepIndex ?? 0;
    if (index >= steps.length) return 100;
    for (let i = index; i >= 0; i--) {
      const weight = steps[i]?.setWeight;
      if (typeof weight === 'number') return Math.round((weight / max) * 10_000) / 100;
    }
    return 0;
  }

  async setCanaryWeight(percent: number): Promise<void> {
    let aborted = false;
    await patchWithRetry(this.client, this.ref, (rollout) => {
      const { steps, max } = this.canary(rollout);
      const wanted: Step[] = [{ setWeight: Math.round((percent / 100) * max) }, { pause: {} }];
      aborted = ((rollout.status ?? {}) as RolloutStatus).abort === true;
      if (JSON.stringify(steps) === JSON.stringify(wanted)) return undefined;
      // A merge patch replaces the whole list; the resourceVersion makes it apply only to what we read.
      return {
        type: 'merge',
        body: { metadata: { resourceVersion: rollout.metadata.resourceVersion }, spec: { strategy: { canary: { steps: wanted } } } },
      };
    });
    // Changed steps clear an abort by themselves; the same steps again after a rollback need
    // Argo's retry (status.abort=false) to move traffic back onto the canary.
    if (aborted) await this.status((s) => (s.abort ? { abort: false } : undefined));
  }

  async promote(): Promise<void> {
    await patchWithRetry(this.client, this.ref, (rollout) =>
      (rollout.spec as RolloutSpec | undefined)?.paused ? { type: 'merge', body: { spec: { paused: false } } } : undefined,
    );
    await this.status((s) => (s.promoteFull ? undefined : { promoteFull: true }));
  }

  async rollback(): Promise<void> {
    await this.status((s) => (s.abort ? undefined : { abort: true }));
  }

  private async status(change: (s: RolloutStatus) => RolloutStatus | undefined): Promise<void> {
    await patchWithRetry(this.client, this.ref, (rollout) => {
      this.canary(rollout);
      const body = change((rollout.status ?? {}) as RolloutStatus);
      return body ? { type: 'merge', body: { status: body }, subresource: 'status' } : undefined;
    });
  }

  private canary(rollout: KubeObject): { steps: Step[]; max: number } {
    const strategy = (rollout.spec as RolloutSpec | undefined)?.strategy;
    if (!strategy?.canary) {
      throw new UserError(`Rollout ${this.o.namespace}/${this.o.name} does not use the canary strategy${strategy?.blueGreen ? ' (it is blueGreen)' : ''}`, {
        hint: 'Slipway sets canary weights on a Rollout; give it spec.strategy.canary (with trafficRouting for exact weights), or use router gateway',
      });
    }
    return { steps: strategy.canary.steps ?? [], max: strategy.canary.trafficRouting?.maxTrafficWeight ?? 100 };
  }
}
