import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { ApiException, AppsV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { type Logger, UserError } from '@slipway/kit';

/** One namespaced object the routers read and patch; `group` '' is the core API. */
export interface ResourceRef {
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespace: string;
  name: string;
}

/** A Kubernetes object as JSON; only the fields we read are typed. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; resourceVersion?: string; generation?: number; annotations?: Record<string, string> };
  spec?: unknown;
  status?: unknown;
}

export type PatchType = 'json' | 'merge';

/** The object changed between our read and our write (HTTP 409); read again and retry. */
export class KubeConflict extends Error {
  override name = 'KubeConflict';
}

export interface ConnectionSettings {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  namespace?: string | undefined;
}

/**
 * Loads the kubeconfig: the given file, else the default chain ($KUBECONFIG, ~/.kube/config, the
 * in-cluster service account). Without any of them client-node would quietly aim at
 * localhost:8080, so that case is an error that says what to set.
 */
export function loadKubeConfig(s: ConnectionSettings): KubeConfig {
  const kc = new KubeConfig();
  const home = path.join(homedir(), '.kube', 'config');
  const source = s.kubeconfig ?? process.env.KUBECONFIG ?? (existsSync(home) ? home : undefined);
  try {
    if (s.kubeconfig) kc.loadFromFile(s.kubeconfig);
    else if (source || process.env.KUBERNETES_SERVICE_HOST) kc.loadFromDefault();
    else
      throw new UserError('no Kubernetes cluster is configured: no KUBECONFIG, no ~/.kube/config, and not running in a pod', {
        hint: 'set KUBECONFIG (e.g. from a secret), or deploy.kubernetes.kubeconfig in slipway.yml, or run inside the cluster with a service account',
      });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot load the kubeconfig ${source ?? '(in-cluster)'}: ${(error as Error).message}`, {
      hint: 'check that the file is a valid kubeconfig (kubectl config view)',
    });
  }
  if (s.context) {
    if (!kc.getContexts().some((c) => c.name === s.context)) {
      throw new UserError(
        `the kubeconfig has no context "${s.context}" (it has: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
        {
          hint: 'fix deploy.kubernetes.context, or leave it out to use the current context',
        },
      );
    }
    kc.setCurrentContext(s.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new UserError(`the kubeconfig ${source ?? ''} has no cluster for context "${kc.getCurrentContext()}"`, {
      hint: 'kubectl config get-contexts shows what the file holds',
    });
  }
  return kc;
}

/** The namespace to use: the setting, else the context's, else `default`. */
export function resolveNamespace(kc: KubeConfig, s: ConnectionSettings): string {
  return s.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Reads and patches objects through @kubernetes/client-node, turning API errors into messages a
 * user can act on: which object is missing, which verb RBAC denies, what the server rejected.
 */
export class KubeClient {
  private readonly custom: CustomObjectsApi;
  private readonly apps: AppsV1Api;
  readonly server: string;

  constructor(
    kc: KubeConfig,
    private readonly log: Logger = quiet,
  ) {
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.apps = kc.makeApiClient(AppsV1Api);
    this.server = kc.getCurrentCluster()?.server ?? '(unknown server)';
  }

  async get(ref: ResourceRef): Promise<KubeObject> {
    try {
      if (ref.group === 'apps' && ref.plural === 'deployments') {
        return plain(await this.apps.readNamespacedDeployment({ name: ref.name, namespace: ref.namespace }));
      }
      const { group, version, namespace, plural, name } = ref;
      return plain(await this.custom.getNamespacedCustomObject({ group, version, namespace, plural, name }));
    } catch (error) {
      throw this.explain(error, 'get', ref);
    }
  }

  /** Sends one patch with its content type; a 409 comes back as KubeConflict for the caller to retry. */
  async patch(ref: ResourceRef, body: unknown, type: PatchType, subresource?: 'status'): Promise<KubeObject> {
    const options = setHeaderOptions('Content-Type', type === 'json' ? PatchStrategy.JsonPatch : PatchStrategy.MergePatch);
    const fieldManager = 'slipway';
    this.log.debug(`PATCH ${ref.kind}/${ref.name}${subresource ? `/${subresource}` : ''} (${type}): ${JSON.stringify(body)}`);
    try {
      if (ref.group === 'apps' && ref.plural === 'deployments') {
        if (subresource) throw new Error('deployment status is written by its controller, never by us');
        return plain(await this.apps.patchNamespacedDeployment({ name: ref.name, namespace: ref.namespace, body, fieldManager }, options));
      }
      const { group, version, namespace, plural, name } = ref;
      const request = { group, version, namespace, plural, name, body, fieldManager };
      return plain(
        subresource ? await this.custom.patchNamespacedCustomObjectStatus(request, options) : await this.custom.patchNamespacedCustomObject(request, options),
      );
    } catch (error) {
      throw this.explain(error, 'patch', ref, subresource);
    }
  }

  private explain(error: unknown, verb: 'get' | 'patch', ref: ResourceRef, subresource?: string): Error {
    const what = `${ref.kind} "${ref.name}" in namespace "${ref.namespace}"`;
    const resource = `${ref.plural}${ref.group ? `.${ref.group}` : ''}`;
    if (!(error instanceof ApiException)) {
      const cause = error as Error & { code?: string };
      if (cause instanceof UserError) return cause;
      return new UserError(`cannot reach the Kubernetes API at ${this.server} to ${verb} ${what}: ${cause.code ?? cause.message}`, {
        hint: 'check the kubeconfig server address and that the cluster is reachable from this runner',
        cause,
      });
    }
    const status = statusOf(error.body);
    const said = status.message ? ` (${status.message})` : '';
    switch (error.code) {
      case 404:
        if (!status.details?.name) {
          return new UserError(`the cluster at ${this.server} does not serve ${resource}/${ref.version}: is the ${ref.kind} CRD installed?${said}`, {
            hint: `kubectl get crd ${resource} ; install the ${ref.kind} CRDs (version ${ref.version}), or pick another deploy.kubernetes.kind`,
          });
        }
        return new UserError(`${what} was not found at ${this.server}${said}`, {
          hint: `kubectl get ${resource} -n ${ref.namespace} lists what exists; fix deploy.kubernetes.name / namespace (or the deployments), or create it`,
        });
      case 403:
        return new UserError(`forbidden to ${verb} ${resource}${subresource ? `/${subresource}` : ''} (${what})${said}`, {
          hint: `grant the identity of this kubeconfig a Role in namespace ${ref.namespace} with apiGroups ["${ref.group}"], resources ["${ref.plural}${subresource ? `/${subresource}` : ''}"], verbs ["${verb}"] (kubectl auth can-i ${verb} ${resource}${subresource ? ` --subresource=${subresource}` : ''} -n ${ref.namespace})`,
        });
      case 401:
        return new UserError(`the Kubernetes API at ${this.server} did not accept our credentials${said}`, {
          hint: 'the kubeconfig token or certificate has expired or is wrong; refresh the secret that holds it',
        });
      case 409:
        return new KubeConflict(`${what} changed while we wrote it${said}`);
      case 422:
        return new UserError(`the Kubernetes API rejected our change to ${what}${said}`, {
          hint: 'the resource does not have the shape Slipway expects; see docs/delivery.md#kubernetes',
        });
      default:
        return new UserError(`Kubernetes API ${verb} ${what} failed with HTTP ${error.code}${said}`, {
          hint: 'see the API server logs; retry when it is healthy',
        });
    }
  }
}

/**
 * Reads an object, works out the patch, writes it; on a conflict (someone else wrote between our
 * read and our write, detected by the resourceVersion carried in the patch) reads again. `plan`
 * returns undefined when the object is already as wanted, so nothing is written: idempotent.
 */
export async function patchWithRetry(
  client: KubeClient,
  ref: ResourceRef,
  plan: (current: KubeObject) => { body: unknown; type: PatchType; subresource?: 'status' } | undefined,
  tries = 5,
): Promise<KubeObject> {
  for (let attempt = 1; ; attempt++) {
    const current = await client.get(ref);
    const change = plan(current);
    if (!change) return current;
    try {
      return await client.patch(ref, change.body, change.type, change.subresource);
    } catch (error) {
      if (!(error instanceof KubeConflict) || attempt >= tries) {
        if (error instanceof KubeConflict) {
          throw new UserError(`${error.message}, ${tries} times in a row`, {
            hint: 'another controller keeps writing it; stop the other writer (an HPA, Argo CD self-heal) or retry',
          });
        }
        throw error;
      }
    }
  }
}

/** Strips client-node model classes and Dates down to plain JSON. */
function plain(value: unknown): KubeObject {
  return JSON.parse(JSON.stringify(value)) as KubeObject;
}

function statusOf(body: unknown): { message?: string; reason?: string; details?: { name?: string } } {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as ReturnType<typeof statusOf>;
    } catch {
      return body ? { message: body.slice(0, 300) } : {};
    }
  }
  return body && typeof body === 'object' ? (body as ReturnType<typeof statusOf>) : {};
}
