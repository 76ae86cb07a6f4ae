import { HttpError, retry } from '@slipway/kit';

/** Embeds texts through an OpenAI-compatible `/embeddings` endpoint, 64 at a time. */
export function openAiEmbedder(baseUrl: string, model: string, apiKey: string | undefined): (texts: string[]) => Promise<number[][]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/embeddings`;
  return async (texts) => {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += 64) {
      const batch = texts.slice(i, i + 64);
      const data = await retry(async () => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify({ model, input: batch }),
        });
        if (!res.ok) throw new HttpError(`embeddings endpoint ${url} answered ${res.status}`, res.status, res.headers.get('retry-after') ?? undefined);
        return ((await res.json()) as { data: { index: number; embedding: number[] }[] }).data;
      });
      for (const d of [...data].sort((a, b) => a.index - b.index)) out.push(d.embedding);
    }
    return out;
  };
}
