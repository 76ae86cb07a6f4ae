import { UserError } from '@slipway/kit';
import type { RollingTarget } from '../rolling.js';
import { type KubeClient, type KubeObject, patchWithRetry, type ResourceRef } from './client.js';

interface Container {
  name: string;
  image?: string;
}
interface DeploymentSpec {
  replicas?: number;
  template?: { spec?: { containers?: Container[] } };
}
interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface DeploymentStatus {
  observedGeneration?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: Condition[];
}

/** Set on `to` at the first batch, so the total survives a crash between the two scalings. */
export const SIZE_ANNOTATION = 'slipway.dev/rolling-size';

export interface DeploymentRollingOptions {
  namespace: string;
  /** The Deployment running the old version. */
  from: string;
  /** The Deployment that runs the new version. */
  to: string;
  /** Container whose image is set; default the first. */
  container?: string | undefined;
  /** The new version's image; default what `to` already runs. */
  image?: string | undefined;
}

/**
 * A rolling release across two Deployments scaled against each other: `updateTo(n)` puts the new
 * image on `to`, scales it to n replicas, then scales `from` down to size − n, so capacity never
 * drops below the size. Health is `to`'s rollout status: replicas updated, ready and available,
 * and no ProgressDeadlineExceeded or ReplicaFailure condition.
 */
export class DeploymentRollingTarget implements RollingTarget {
  readonly name = 'kubernetes/Deployment';
  private readonly fromRef: ResourceRef;
  private readonly toRef: ResourceRef;

  constructor(
    private readonly client: KubeClient,
    private readonly o: DeploymentRollingOptions,
  ) {
    const ref = (name: string): ResourceRef => ({ kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments', namespace: o.namespace, name });
    this.fromRef = ref(o.from);
    this.toRef = ref(o.to);
  }

  async size(): Promise<number> {
    const to = await this.client.get(this.toRef);
    const recorded = Number(to.metadata.annotations?.[SIZE_ANNOTATION]);
    if (Number.isInteger(recorded) && recorded > 0) return recorded;
    const from = await this.client.get(this.fromRef);
    return replicas(from) + replicas(to);
  }

  async updated(): Promise<number> {
    const to = await this.client.get(this.toRef);
    const image = this.image(to);
    return this.o.image === undefined || image.current === this.o.image ? replicas(to) : 0;
  }

  async updateTo(count: number): Promise<void> {
    const size = await this.size();
    if (!Number.isInteger(count) || count < 0 || count > size) throw new UserError(`cannot move ${count} of ${size} replicas`, { hint: 'a batch is 0…size' });
    // Up first, then down: for a moment there are more replicas than `size`, never fewer.
    await patchWithRetry(this.client, this.toRef, (to) => {
      const { index, current } = this.image(to);
      const ops: unknown[] = [];
      if (this.o.image !== undefined && current !== this.o.image)
        ops.push({ op: 'replace', path: `/spec/template/spec/containers/${index}/image`, value: this.o.image });
      if (to.metadata.annotations?.[SIZE_ANNOTATION] !== String(size)) {
        if (!to.metadata.annotations) ops.push({ op: 'add', path: '/metadata/annotations', value: {} });
        ops.push({ op: 'add', path: `/metadata/annotations/${SIZE_ANNOTATION.replace('/', '~1')}`, value: String(size) });
      }
      if (replicas(to) !== count) ops.push({ op: 'replace', path: '/spec/replicas', value: count });
      if (ops.length === 0) return undefined;
      ops.push({ op: 'replace', path: '/metadata/resourceVersion', value: to.metadata.resourceVersion });
      return { type: 'json', body: ops };
    });
    await this.scale(this.fromRef, size - count);
  }

  async health(): Promise<{ healthy: boolean; reason: string }> {
    const to = await this.client.get(this.toRef);
    const status = (to.status ?? {}) as DeploymentStatus;
    const want = replicas(to);
    const where = `Deployment ${this.o.namespace}/${this.o.to}`;
    const failed = (status.conditions ?? []).find(
      (c) =>
        (c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded') || (c.type === 'ReplicaFailure' && c.status === 'True'),
    );
    if (failed) return { healthy: false, reason: `${where}: ${failed.reason ?? failed.type}: ${failed.message ?? ''}`.trim() };
    if ((status.observedGeneration ?? 0) < (to.metadata.generation ?? 0))
      return { healthy: false, reason: `${where}: the controller has not seen the change yet` };
    const updated = status.updatedReplicas ?? 0;
    const ready = status.readyReplicas ?? 0;
    const available = status.availableReplicas ?? 0;
    if (updated < want || ready < want || available < want) {
      return { healthy: false, reason: `${where}: ${updated}/${want} updated, ${ready}/${want} ready, ${available}/${want} available` };
    }
    return { healthy: true, reason: `${where}: ${want}/${want} replicas updated, ready and available` };
  }

  async undo(): Promise<void> {
    const size = await this.size();
    await this.scale(this.fromRef, size);
    await this.scale(this.toRef, 0);
  }

  private async scale(ref: ResourceRef, count: number): Promise<void> {
    await patchWithRetry(this.client, ref, (d) =>
      replicas(d) === count ? undefined : { type: 'merge', body: { metadata: { resourceVersion: d.metadata.resourceVersion }, spec: { replicas: count } } },
    );
  }

  private image(d: KubeObject): { index: number; current: string | undefined } {
    const containers = (d.spec as DeploymentSpec | undefined)?.template?.spec?.containers ?? [];
    const index = this.o.container === undefined ? 0 : containers.findIndex((c) => c.name === this.o.container);
    if (index < 0 || !containers[index]) {
      throw new UserError(
        `Deployment ${this.o.namespace}/${this.o.to} has no container "${this.o.container ?? '(any)'}" (it has: ${containers.map((c) => c.name).join(', ')})`,
        {
          hint: 'fix deploy.kubernetes.deployments.container',
        },
      );
    }
    return { index, current: containers[index]?.image };
  }
}

/** spec.replicas; Kubernetes defaults it to 1. */
function replicas(d: KubeObject): number {
  return (d.spec as DeploymentSpec | undefined)?.replicas ?? 1;
}
