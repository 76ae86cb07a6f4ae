import { HttpError, retry } from '@slipway/kit';
import type { ModelRegistry, NewEntry } from './registry.js';

/** MLflow's fixed stages; anything else is kept as a tag only. */
const STAGES: Record<string, string> = { staging: 'Staging', production: 'Production', archived: 'Archived', none: 'None' };

/**
 * The MLflow Model Registry over its REST API (2.0): the registered model is created once, each
 * run becomes a model version whose tags carry the metrics, data digest, code revision and
 * release, and the version moves to the configured stage.
 */
export class MlflowRegistry implements ModelRegistry {
  readonly kind = 'mlflow' as const;
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  get display(): string {
    return this.url;
  }

  async register(entry: NewEntry): Promise<{ version: string; url: string }> {
    await this.call('registered-models/create', { name: entry.name, description: 'Registered by Slipway fine-tune' }).catch((error: unknown) => {
      // Already registered: the model exists, add a version to it.
      if (!(error instanceof HttpError && error.message.includes('RESOURCE_ALREADY_EXISTS'))) throw error;
    });
    const tags = [
      { key: 'slipway.data_digest', value: entry.dataDigest },
      { key: 'slipway.git_sha', value: entry.code.sha },
      { key: 'slipway.git_ref', value: entry.code.ref },
      { key: 'slipway.release', value: entry.release },
      { key: 'slipway.stage', value: entry.stage },
      { key: 'slipway.launcher', value: entry.model.launcher },
      ...Object.entries(entry.metrics).map(([k, v]) => ({ key: `metric.${k}`, value: String(v) })),
      ...Object.entries(entry.params).map(([k, v]) => ({ key: `param.${k}`, value: String(v) })),
    ].map((t) => ({ key: t.key.slice(0, 250), value: t.value.slice(0, 5000) }));
    const created = (await this.call('model-versions/create', {
      name: entry.name,
      source: entry.model.location,
      tags,
      description: `eval ${entry.eval.metric} = ${entry.eval.value ?? 'n/a'}`,
    })) as { model_version: { version: string } };
    const version = String(created.model_version.version);
    const stage = STAGES[entry.stage.toLowerCase()];
    if (stage && stage !== 'None') await this.call('model-versions/transition-stage', { name: entry.name, version, stage, archive_existing_versions: false });
    return { version, url: `${this.url.replace(/\/$/, '')}/#/models/${encodeURIComponent(entry.name)}/versions/${version}` };
  }

  private call(route: string, body: unknown): Promise<unknown> {
    return retry(async () => {
      const res = await fetch(`${this.url.replace(/\/$/, '')}/api/2.0/mlflow/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new HttpError(`MLflow ${route} answered ${res.status}: ${text.slice(0, 300)}`, res.status);
      return text ? JSON.parse(text) : {};
    });
  }
}
