import { HttpError, retry } from '@slipway/kit';
import type { ModelRegistry, NewEntry } from './registry.js';

/**
 * The Hugging Face Hub as a registry: the model repository is created (private) once, and each
 * run commits a model card whose metadata holds the metrics, data digest, code revision and
 * stage, plus `slipway-model.json` with the whole entry. The version is the commit id.
 */
export class HubRegistry implements ModelRegistry {
  readonly kind = 'huggingface' as const;
  constructor(
    private readonly repo: string,
    private readonly token: string,
    private readonly url = 'https://huggingface.co',
  ) {}

  get display(): string {
    return `${this.url}/${this.repo}`;
  }

  async register(entry: NewEntry): Promise<{ version: string; url: string }> {
    const [organization, name] = this.repo.includes('/') ? this.repo.split('/') : [undefined, this.repo];
    await this.call(
      'POST',
      '/api/repos/create',
      'application/json',
      JSON.stringify({ type: 'model', name, ...(organization ? { organization } : {}), private: true }),
    ).catch((error: unknown) => {
      // 409: the repository is there already.
      if (!(error instanceof HttpError && error.status === 409)) throw error;
    });
    const card = modelCard(entry);
    const lines = [
      {
        key: 'header',
        value: {
          summary: `${entry.name}: ${entry.stage} model from ${entry.code.sha.slice(0, 12)}`,
          description: `Registered by Slipway fine-tune (release ${entry.release})`,
        },
      },
      { key: 'file', value: { path: 'README.md', content: Buffer.from(card).toString('base64'), encoding: 'base64' } },
      {
        key: 'file',
        value: { path: 'slipway-model.json', content: Buffer.from(`${JSON.stringify(entry, null, 2)}\n`).toString('base64'), encoding: 'base64' },
      },
    ];
    const res = (await this.call('POST', `/api/models/${this.repo}/commit/main`, 'application/x-ndjson', lines.map((l) => JSON.stringify(l)).join('\n'))) as {
      commitOid: string;
      commitUrl?: string;
    };
    return { version: res.commitOid, url: res.commitUrl ?? `${this.url}/${this.repo}/commit/${res.commitOid}` };
  }

  private call(method: string, route: string, type: string, body: string): Promise<unknown> {
    return retry(async () => {
      const res = await fetch(`${this.url.replace(/\/$/, '')}${route}`, {
        method,
        headers: { 'content-type': type, authorization: `Bearer ${this.token}` },
        body,
      });
      const text = await res.text();
      if (!res.ok) throw new HttpError(`Hugging Face ${route} answered ${res.status}: ${text.slice(0, 300)}`, res.status);
      return text ? JSON.parse(text) : {};
    });
  }
}

/** A model card whose YAML metadata carries what the registry records. */
export function modelCard(e: NewEntry): string {
  const q = (v: string) => JSON.stringify(v);
  const metrics = Object.entries(e.metrics)
    .map(([k, v]) => `          - type: ${q(k)}\n            value: ${v}`)
    .join('\n');
  return `---
tags: [slipway, ${q(e.stage)}]
slipway:
  stage: ${q(e.stage)}
  data_digest: ${q(e.dataDigest)}
  git_sha: ${q(e.code.sha)}
  git_ref: ${q(e.code.ref)}
  release: ${q(e.release)}
model-index:
  - name: ${q(e.name)}
    results:
      - task: { type: text-generation }
        metrics:
${metrics || '          []'}
---

# ${e.name}

Trained by Slipway from commit \`${e.code.sha}\` (${e.code.ref}) on data \`${e.dataDigest}\`; stage **${e.stage}**.
`;
}
