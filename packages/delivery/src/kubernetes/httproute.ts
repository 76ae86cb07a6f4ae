import { UserError } from '@slipway/kit';
import type { TrafficRouter } from '../router.js';
import { type KubeClient, type KubeObject, patchWithRetry, type ResourceRef } from './client.js';

interface BackendRef {
  name: string;
  kind?: string;
  weight?: number;
}
interface Rule {
  name?: string;
  backendRefs?: BackendRef[];
}

/** Weights are relative; 10,000 in total gives basis-point precision (the CRD allows up to 1,000,000 each). */
const TOTAL = 10_000;

export interface HttpRouteRouterOptions {
  namespace: string;
  name: string;
  /** rules[].name; default the only rule. */
  rule?: string | undefined;
  stable: string;
  canary: string;
}

/**
 * Moves traffic on a Gateway API HTTPRoute: the weights of the stable and canary backendRefs of
 * one rule. Each write is a JSON patch of the two weights that also carries the resourceVersion we
 * read, so the server applies it only to the version we looked at: a concurrent edit gives 409 and
 * we read again (a failed `test` op would be a plain error, not a conflict to retry).
 */
export class HttpRouteRouter implements TrafficRouter {
  readonly name = 'kubernetes/HTTPRoute';
  private readonly ref: ResourceRef;

  constructor(
    private readonly client: KubeClient,
    private readonly o: HttpRouteRouterOptions,
  ) {
    this.ref = { kind: 'HTTPRoute', group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', namespace: o.namespace, name: o.name };
  }

  async canaryWeight(): Promise<number> {
    const route = await this.client.get(this.ref);
    const { rule } = this.locate(route);
    const refs = rule.backendRefs ?? [];
    const total = refs.reduce((sum, b) => sum + weightOf(b), 0);
    const canary = refs.filter((b) => b.name === this.o.canary && isService(b)).reduce((sum, b) => sum + weightOf(b), 0);
    return total === 0 ? 0 : round2((canary / total) * 100);
  }

  async setCanaryWeight(percent: number): Promise<void> {
    const canary = Math.round((percent / 100) * TOTAL);
    await this.write(TOTAL - canary, canary);
  }

  async promote(): Promise<void> {
    await this.write(0, TOTAL);
  }

  async rollback(): Promise<void> {
    await this.write(TOTAL, 0);
  }

  private async write(stable: number, canary: number): Promise<void> {
    await patchWithRetry(this.client, this.ref, (route) => {
      const { rule, index, stableAt, canaryAt } = this.locate(route);
      const refs = rule.backendRefs ?? [];
      if (weightOf(refs[stableAt] as BackendRef) === stable && weightOf(refs[canaryAt] as BackendRef) === canary) return undefined;
      const at = (j: number) => `/spec/rules/${index}/backendRefs/${j}`;
      return {
        type: 'json',
        body: [
          // `add` sets the member whether or not it is there (weight defaults to 1 when absent).
          { op: 'add', path: `${at(stableAt)}/weight`, value: stable },
          { op: 'add', path: `${at(canaryAt)}/weight`, value: canary },
          { op: 'replace', path: '/metadata/resourceVersion', value: route.metadata.resourceVersion },
        ],
      };
    });
  }

  /** The rule and the positions of the two backends in it, or an error that says how to fix the route. */
  private locate(route: KubeObject): { rule: Rule; index: number; stableAt: number; canaryAt: number } {
    const rules = ((route.spec as { rules?: Rule[] } | undefined)?.rules ?? []) as Rule[];
    const where = `HTTPRoute ${this.o.namespace}/${this.o.name}`;
    let index: number;
    if (this.o.rule !== undefined) {
      index = rules.findIndex((r) => r.name === this.o.rule);
      if (index < 0) {
        throw new UserError(`${where} has no rule named "${this.o.rule}" (named rules: ${rules.map((r) => r.name ?? '(unnamed)').join(', ') || 'none'})`, {
          hint: 'set deploy.kubernetes.rule to one of them, or give the rule a name in the HTTPRoute',
        });
      }
    } else if (rules.length === 1) index = 0;
    else {
      throw new UserError(`${where} has ${rules.length} rules; say which one carries the canary`, {
        hint: 'set deploy.kubernetes.rule to the rule name (spec.rules[].name)',
      });
    }
    const rule = rules[index] as Rule;
    const refs = rule.backendRefs ?? [];
    const find = (name: string, key: 'stable' | 'canary') => {
      const at = refs.findIndex((b) => b.name === name && isService(b));
      if (at < 0) {
        throw new UserError(
          `${where} rule ${rule.name ?? index} has no backendRef to Service "${name}" (it has: ${refs.map((b) => b.name).join(', ') || 'none'})`,
          { hint: `add a backendRef {name: ${name}, port: …, weight: ${key === 'canary' ? 0 : 1}} to that rule, or fix deploy.kubernetes.${key}` },
        );
      }
      return at;
    };
    return { rule, index, stableAt: find(this.o.stable, 'stable'), canaryAt: find(this.o.canary, 'canary') };
  }
}

function weightOf(b: BackendRef): number {
  return b.weight ?? 1;
}

function isService(b: BackendRef): boolean {
  return b.kind === undefined || b.kind === 'Service';
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
