import { z } from 'zod';

// The rollout schema lives here, beside the rest of slipway.yml, so the config package stays at the
// bottom of the dependency graph; @slipway/delivery re-exports and runs it.

const duration = z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a duration with a unit, such as 30s or 5m');

/**
 * One metric of a canary analysis: what it compares and how much worse the canary may be.
 * `tolerance` is in the metric's own terms: absolute rate for proportions (0.005 = half a
 * point), relative for distributions (0.1 = 10% slower), points for paired scores.
 */
export const metricSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/i, 'a name like error-rate')
      .describe('The metric, as its source names it: error-rate, latency, eval-score, …'),
    test: z
      .enum(['proportion', 'distribution', 'paired'])
      .describe('proportion: error/refusal rates; distribution: latencies, lengths; paired: eval scores by case.'),
    direction: z.enum(['lower-is-better', 'higher-is-better']).default('lower-is-better'),
    tolerance: z.number().min(0).default(0).describe('How much worse the canary may be before it counts as a regression.'),
    minSample: z.number().int().min(1).default(100).describe('Canary samples needed before any verdict; fewer is inconclusive, never a failure.'),
    max: z.number().optional().describe("Absolute limit on the canary's own value (rate, `stat` of a distribution, mean score)."),
    min: z.number().optional().describe("Absolute floor on the canary's own value."),
    stat: z.enum(['mean', 'median', 'p90', 'p95', 'p99']).default('p95').describe('Which statistic of a distribution `max`/`min` apply to.'),
    dryRun: z.boolean().default(false).describe('Evaluate and report, but never act on it.'),
  })
  .strict();

/** One step of a canary: move traffic, wait, or judge. */
export const canaryStepSchema = z.union([
  z.object({ setWeight: z.number().min(0).max(100).describe('Percent of traffic on the canary.') }).strict(),
  z.object({ pause: z.union([duration, z.literal('approval')]).describe('Wait this long, or until approved.') }).strict(),
  z
    .object({
      analysis: z
        .object({
          duration: duration.describe('How long this analysis watches the canary.'),
          interval: duration.default('30s').describe('Time between looks.'),
          warmup: duration.default('0s').describe('Time before the first measurement counts.'),
        })
        .strict(),
    })
    .strict(),
]);

/** Blue-green: after promotion and the instant-rollback window, retire the old version. */
export const retireSchema = z
  .object({
    after: duration.default('0s').describe('Rest of the instant-rollback window after promotion; the old version stays ready until it ends.'),
    drain: duration.default('30s').describe('How long requests in flight on the old version may take to finish.'),
  })
  .strict();

/** A canary rollout: steps, the metrics every analysis step judges, and how strict it is. */
export const canaryStrategySchema = z
  .object({
    steps: z.array(canaryStepSchema).min(1).describe('In order: `setWeight`, `pause` (a duration or `approval`) and `analysis` steps.'),
    metrics: z.array(metricSchema).min(1).describe('What every analysis step judges, canary against stable.'),
    alpha: z.number().gt(0).lt(0.5).default(0.01).describe('Family-wise false-rollback rate of each analysis step, however often it looks.'),
    spending: z
      .enum(['pocock', 'obrien-fleming', 'linear'])
      .default('pocock')
      .describe('How alpha is spent over an analysis: pocock stops bad canaries earliest.'),
    limits: z
      .object({
        fail: z.number().int().min(0).default(0).describe('Failed looks tolerated before the analysis fails.'),
        error: z.number().int().min(0).default(1).describe('Looks that could not measure (source errors) tolerated.'),
        inconclusive: z.number().int().min(0).default(0).describe('Inconclusive looks tolerated before the analysis is inconclusive.'),
      })
      .strict()
      .default({ fail: 0, error: 1, inconclusive: 0 })
      .describe('How many looks of each outcome a metric may have before it decides the analysis.'),
    onInconclusive: z.enum(['pause', 'rollback', 'promote']).default('pause').describe('What an inconclusive analysis does.'),
    approvalTimeout: duration
      .optional()
      .describe('How long a pause for approval (or an inconclusive hold) may wait; a run after that applies `onApprovalTimeout`.'),
    onApprovalTimeout: z.enum(['rollback', 'promote']).default('rollback').describe('What a rollout does when nobody approved it within `approvalTimeout`.'),
    retire: retireSchema.optional().describe('Blue-green: retire the old version after promotion (drain it at the router, record it in history).'),
  })
  .strict();

/** Our gateway as the traffic router. */
export const gatewayRouterSchema = z
  .object({
    adminUrl: z.url().describe('Admin listener of the gateway, e.g. http://127.0.0.1:8081.'),
    route: z.string().min(1).describe('The route whose weights move.'),
    stable: z.string().min(1).default('stable').describe('Backend name of the stable version.'),
    canary: z.string().min(1).default('canary').describe('Backend name of the canary version.'),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .default('SLIPWAY_GATEWAY_ADMIN_TOKEN')
      .describe('Environment variable holding the admin token.'),
  })
  .strict();

/** SageMaker as the traffic router: production-variant weights on one endpoint. */
export const sagemakerRouterSchema = z
  .object({
    endpoint: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'a SageMaker endpoint name: letters, digits and dashes, at most 63')
      .describe('The SageMaker endpoint whose production variants carry stable and canary.'),
    stable: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'a production-variant name')
      .default('stable')
      .describe('Production variant of the stable version.'),
    canary: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'a production-variant name')
      .default('canary')
      .describe('Production variant of the canary version.'),
    region: z.string().min(1).optional().describe('AWS region; default from the credential chain (AWS_REGION, profile).'),
    endpointUrl: z.url().optional().describe('A custom SageMaker API endpoint (a VPC endpoint); default the public one of the region.'),
    timeout: duration.default('30m').describe('How long a weight change may take to bring the endpoint back InService.'),
  })
  .strict();

/** One old backend of a gateway route and the new one that replaces it in a rolling release. */
export const rollingBackendSchema = z
  .object({
    from: z.string().min(1).describe('Backend serving the old version now.'),
    to: z.string().min(1).describe('Backend serving the new version that takes its share.'),
  })
  .strict();

/** A rolling release: units (backends, replicas) replaced in batches, each health-checked before the next. */
export const rollingStrategySchema = z
  .object({
    batchSize: z.number().int().min(1).optional().describe('Units replaced per batch (default 1).'),
    batches: z.number().int().min(1).optional().describe('Or: how many batches; the units are split evenly.'),
    interval: duration.default('5s').describe('Time between health checks of a batch.'),
    timeout: duration.default('5m').describe('How long a batch has to become healthy before the release is undone.'),
    soak: duration.default('0s').describe('How long a healthy batch must stay healthy before the next one starts.'),
    backends: z.array(rollingBackendSchema).min(1).optional().describe('router gateway: the backends of deploy.gateway.route, old and new, in order.'),
    maxErrorRate: z.number().min(0).max(1).default(0.05).describe('router gateway: highest error rate a new backend may show during its batch.'),
    minRequests: z.number().int().min(0).default(0).describe('router gateway: requests a new backend must have served before its batch counts as healthy.'),
  })
  .strict()
  .refine((r) => r.batchSize === undefined || r.batches === undefined, { message: 'set batchSize or batches, not both' });

const kubeName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a Kubernetes name: lower-case letters, digits, dashes and dots');

/** Kubernetes as the traffic router: a Gateway API HTTPRoute, an Istio VirtualService or an Argo Rollout; Deployments for rolling. */
export const kubernetesRouterSchema = z
  .object({
    kind: z
      .enum(['HTTPRoute', 'VirtualService', 'Rollout'])
      .optional()
      .describe('The resource whose weights move: a Gateway API `HTTPRoute`, an Istio `VirtualService` or an Argo Rollouts `Rollout`.'),
    name: kubeName.optional().describe('Name of that resource.'),
    namespace: kubeName.optional().describe("Namespace; default the kubeconfig context's namespace, else `default`."),
    kubeconfig: z.string().min(1).optional().describe('A kubeconfig file; default `$KUBECONFIG`, `~/.kube/config`, then the in-cluster service account.'),
    context: z.string().min(1).optional().describe("The kubeconfig context to use; default the file's current context."),
    rule: z
      .string()
      .min(1)
      .optional()
      .describe('HTTPRoute: the rule (`rules[].name`); VirtualService: the HTTP route (`http[].name`) whose weights move; default the only one.'),
    stable: z.string().min(1).default('stable').describe('HTTPRoute: backendRef (Service) name of stable; VirtualService: its destination subset (or host).'),
    canary: z
      .string()
      .min(1)
      .default('canary')
      .describe('HTTPRoute: backendRef (Service) name of the canary; VirtualService: its destination subset (or host).'),
    destination: z.enum(['subset', 'host']).default('subset').describe('VirtualService: whether `stable`/`canary` name destination subsets or hosts.'),
    deployments: z
      .object({
        from: kubeName.describe('Deployment running the old version; scaled down batch by batch.'),
        to: kubeName.describe('Deployment that runs the new version; scaled up batch by batch.'),
        container: z.string().min(1).optional().describe('Container whose image is set on `to`; default its first container.'),
        image: z.string().min(1).optional().describe('Image of the new version when the release record names none; default the image `to` already has.'),
      })
      .strict()
      .optional()
      .describe('strategy rolling: two Deployments scaled against each other, replicas moved from `from` to `to` in batches.'),
  })
  .strict();
