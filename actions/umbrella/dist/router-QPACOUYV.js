import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  durationToMs,
  systemClock
} from "./chunk-2XW6KGEI.js";
import "./chunk-TLULELRW.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-LUQ2JWWH.js";
import {
  UserError
} from "./chunk-V3AZTN5L.js";
import {
  require_dist_cjs
} from "./chunk-FE7LPGIT.js";
import "./chunk-JTDPND5Z.js";
import "./chunk-FALF6MIS.js";
import {
  __toESM
} from "./chunk-I2UBCO3D.js";

// packages/delivery/lib/sagemaker/router.js
var import_client_sagemaker = __toESM(require_dist_cjs(), 1);
var FAILED = /* @__PURE__ */ new Set(["Failed", "RollingBack", "UpdateRollbackFailed", "OutOfService", "Deleting"]);
var SageMakerRouter = class _SageMakerRouter {
  client;
  o;
  name = "sagemaker";
  clock;
  constructor(client, o) {
    this.client = client;
    this.o = o;
    this.clock = o.clock ?? systemClock;
  }
  /** A router with a client on the default credential chain (environment, profile, web identity, instance role). */
  static async create(settings, log, extra = {}) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const region = settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const client = new import_client_sagemaker.SageMakerClient({
      ...region ? { region } : {},
      ...settings.endpointUrl ? { endpoint: settings.endpointUrl } : {},
      ...extra
    });
    return new _SageMakerRouter(client, {
      endpoint: settings.endpoint,
      stable: settings.stable,
      canary: settings.canary,
      timeoutMs: durationToMs(settings.timeout),
      ...log ? { log } : {}
    });
  }
  async canaryWeight() {
    const d = await this.describe();
    const { stable, canary } = this.weights(d);
    return stable + canary === 0 ? 0 : Math.round(canary / (stable + canary) * 1e4) / 100;
  }
  async setCanaryWeight(percent) {
    const d = await this.describe();
    const now = this.weights(d);
    const total = now.stable + now.canary;
    if (d.EndpointStatus === "InService" && total > 0 && Math.abs(now.canary / total * 100 - percent) < 5e-3)
      return;
    if (d.EndpointStatus !== "InService")
      await this.waitInService(`before setting the canary to ${percent}%`);
    try {
      await this.client.send(new import_client_sagemaker.UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: this.o.endpoint,
        DesiredWeightsAndCapacities: [
          { VariantName: this.o.stable, DesiredWeight: 100 - percent },
          { VariantName: this.o.canary, DesiredWeight: percent }
        ]
      }));
    } catch (error) {
      throw this.explain(error, `UpdateEndpointWeightsAndCapacities (canary ${percent}%)`);
    }
    this.o.log?.info(`sagemaker: ${this.o.endpoint}: canary ${percent}%, waiting for InService`);
    await this.waitInService(`after setting the canary to ${percent}%`);
  }
  promote() {
    return this.setCanaryWeight(100);
  }
  rollback() {
    return this.setCanaryWeight(0);
  }
  /** The old variant keeps weight 0 (SageMaker stops routing to it once InService); its instances stay until the endpoint is updated without it. */
  async retire() {
    await this.setCanaryWeight(100);
    return {
      drained: true,
      detail: `variant ${this.o.stable} of ${this.o.endpoint} has weight 0 and the endpoint is InService; remove the variant to free its instances`
    };
  }
  /** Polls DescribeEndpoint until InService; a failed or rolling-back endpoint is an error with SageMaker's FailureReason. */
  async waitInService(when) {
    const started = this.clock.now();
    let delay = this.o.pollMs ?? 1e3;
    for (; ; ) {
      const d = await this.describe();
      const status = d.EndpointStatus ?? "unknown";
      if (status === "InService")
        return;
      if (FAILED.has(status)) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} is ${status} ${when}: ${d.FailureReason ?? "SageMaker gave no FailureReason"}`, {
          hint: "see the endpoint in the SageMaker console; traffic is wherever SageMaker left it"
        });
      }
      const waited = this.clock.now() - started;
      if (waited >= this.o.timeoutMs) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} is still ${status} ${Math.round(waited / 1e3)} s ${when}`, {
          hint: "raise deploy.sagemaker.timeout, or check the endpoint in the SageMaker console"
        });
      }
      await this.clock.sleep(Math.min(delay, this.o.timeoutMs - waited));
      delay = Math.min(delay * 2, this.o.maxPollMs ?? 3e4);
    }
  }
  async describe() {
    try {
      return await this.client.send(new import_client_sagemaker.DescribeEndpointCommand({ EndpointName: this.o.endpoint }));
    } catch (error) {
      throw this.explain(error, "DescribeEndpoint");
    }
  }
  weights(d) {
    const variants = d.ProductionVariants ?? [];
    const find = (name) => {
      const v = variants.find((x) => x.VariantName === name);
      if (!v) {
        throw new UserError(`SageMaker endpoint ${this.o.endpoint} has no production variant "${name}" (it has: ${variants.map((x) => x.VariantName).join(", ")})`, {
          hint: "set deploy.sagemaker.stable and deploy.sagemaker.canary to the variant names"
        });
      }
      return v.CurrentWeight ?? v.DesiredWeight ?? 0;
    };
    return { stable: find(this.o.stable), canary: find(this.o.canary) };
  }
  /** SDK errors as one line that says what failed; credential and validation problems are the user's to fix. */
  explain(error, call) {
    if (error instanceof UserError)
      return error;
    const e = error;
    const what = `SageMaker ${call} on ${this.o.endpoint} failed: ${e.name ?? "Error"}: ${(e.message ?? String(error)).split("\n")[0]}`;
    if (/region is missing/i.test(e.message ?? "")) {
      return new UserError(`SageMaker ${call} on ${this.o.endpoint}: no AWS region`, { hint: "set deploy.sagemaker.region, or AWS_REGION" });
    }
    if (e.name === "CredentialsProviderError" || /credential/i.test(e.message ?? "")) {
      return new UserError(what, { hint: "configure AWS credentials (aws-actions/configure-aws-credentials, AWS_PROFILE or AWS_ACCESS_KEY_ID)" });
    }
    const status = e.$metadata?.httpStatusCode;
    if (status !== void 0 && status >= 400 && status < 500)
      return new UserError(what, { hint: "check the endpoint and variant names, the region and the IAM permissions" });
    return new Error(what, { cause: error });
  }
};
export {
  SageMakerRouter
};
