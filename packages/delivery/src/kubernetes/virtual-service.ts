import { UserError } from '@slipway/kit';
import type { TrafficRouter } from '../router.js';
import { type KubeClient, type KubeObject, patchWithRetry, type ResourceRef } from './client.js';

interface Destination {
  destination: { host: string; subset?: string };
  weight?: number;
}
interface HttpRoute {
  name?: string;
  route?: Destination[];
}

export interface VirtualServiceRouterOptions {
  namespace: string;
  name: string;
  /** http[].name; default the only HTTP route. */
  rule?: string | undefined;
  stable: string;
  canary: string;
  /** Whether stable/canary name destination subsets (DestinationRule subsets) or hosts (Services). */
  destination: 'subset' | 'host';
}

/**
 * Moves traffic on an Istio VirtualService: the weights of the stable and canary destinations of
 * one HTTP route, in whole percents adding up to 100 (current Istio takes weights as relative, older
 * releases required a sum of 100: this suits both). Writes are JSON patches carrying the
 * resourceVersion read (409 on a concurrent edit, then read again).
 */
export class VirtualServiceRouter implements TrafficRouter {
  readonly name = 'kubernetes/VirtualService';
  private readonly ref: ResourceRef;

  constructor(
    private readonly client: KubeClient,
    private readonly o: VirtualServiceRouterOptions,
  ) {
    this.ref = { kind: 'VirtualService', group: 'networking.istio.io', version: 'v1', plural: 'virtualservices', namespace: o.namespace, name: o.name };
  }

  async canaryWeight(): Promise<number> {
    const vs = await this.client.get(this.ref);
    const { route, canaryAt } = this.locate(vs);
    const dests = route.route ?? [];
    const total = dests.reduce((sum, d) => sum + weightOf(d, dests.length), 0);
    return total === 0 ? 0 : Math.round((weightOf(dests[canaryAt] as Destination, dests.length) / total) * 10_000) / 100;
  }

  async setCanaryWeight(percent: number): Promise<void> {
    const canary = Math.min(100, Math.max(0, Math.round(percent)));
    await this.write(100 - canary, canary);
  }

  async promote(): Promise<void> {
    await this.write(0, 100);
  }

  async rollback(): Promise<void> {
    await this.write(100, 0);
  }

  private async write(stable: number, canary: number): Promise<void> {
    await patchWithRetry(this.client, this.ref, (vs) => {
      const { route, index, stableAt, canaryAt } = this.locate(vs);
      const dests = route.route ?? [];
      const others = dests.filter((_, j) => j !== stableAt && j !== canaryAt && weightOf(dests[j] as Destination, dests.length) > 0);
      if (others.length > 0) {
        throw new UserError(
          `VirtualService ${this.o.namespace}/${this.o.name} route ${route.name ?? index} sends traffic to destinations other than stable and canary (${others.map((d) => d.destination.subset ?? d.destination.host).join(', ')})`,
          { hint: 'they would take a share the canary weight does not account for: set them to weight 0, or move them to another route' },
        );
      }
      if (dests[stableAt]?.weight === stable && dests[canaryAt]?.weight === canary) return undefined;
      const at = (j: number) => `/spec/http/${index}/route/${j}/weight`;
      return {
        type: 'json',
        body: [
          { op: 'add', path: at(stableAt), value: stable },
          { op: 'add', path: at(canaryAt), value: canary },
          { op: 'replace', path: '/metadata/resourceVersion', value: vs.metadata.resourceVersion },
        ],
      };
    });
  }

  private locate(vs: KubeObject): { route: HttpRoute; index: number; stableAt: number; canaryAt: number } {
    const routes = ((vs.spec as { http?: HttpRoute[] } | undefined)?.http ?? []) as HttpRoute[];
    const where = `VirtualService ${this.o.namespace}/${this.o.name}`;
    let index: number;
    if (this.o.rule !== undefined) {
      index = routes.findIndex((r) => r.name === this.o.rule);
      if (index < 0) {
        throw new UserError(`${where} has no HTTP route named "${this.o.rule}" (named: ${routes.map((r) => r.name ?? '(unnamed)').join(', ') || 'none'})`, {
          hint: 'set deploy.kubernetes.rule to one of them, or name the route (spec.http[].name)',
        });
      }
    } else if (routes.length === 1) index = 0;
    else {
      throw new UserError(`${where} has ${routes.length} HTTP routes; say which one carries the canary`, {
        hint: 'set deploy.kubernetes.rule to the route name (spec.http[].name)',
      });
    }
    const route = routes[index] as HttpRoute;
    const dests = route.route ?? [];
    const key = this.o.destination;
    const find = (value: string, role: 'stable' | 'canary') => {
      const at = dests.findIndex((d) => d.destination[key] === value);
      if (at < 0) {
        throw new UserError(
          `${where} route ${route.name ?? index} has no destination with ${key} "${value}" (it has: ${dests.map((d) => d.destination[key] ?? '(none)').join(', ') || 'none'})`,
          {
            hint: `add a destination {${key === 'subset' ? `host: …, subset: ${value}` : `host: ${value}`}} with weight ${role === 'canary' ? 0 : 100}, or fix deploy.kubernetes.${role}`,
          },
        );
      }
      return at;
    };
    return { route, index, stableAt: find(this.o.stable, 'stable'), canaryAt: find(this.o.canary, 'canary') };
  }
}

/** Istio: a lone destination takes everything; among several, a missing weight is 0. */
function weightOf(d: Destination, count: number): number {
  return d.weight ?? (count === 1 ? 100 : 0);
}
