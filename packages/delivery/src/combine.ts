import type { Observation } from './analysis/metric.js';
import type { MetricSource } from './source.js';

/** Asks several sources at once and merges what they report; a source that fails reports its error under its metrics. */
export function combineSources(...sources: MetricSource[]): MetricSource {
  return {
    async collect(window) {
      const results = await Promise.allSettled(sources.map((s) => s.collect(window)));
      const out: Record<string, Observation | Error> = {};
      for (const r of results) {
        if (r.status === 'fulfilled') Object.assign(out, r.value);
      }
      const failure = results.find((r) => r.status === 'rejected');
      // Metrics nobody reported stay absent, so the judge names them as "no data from the source".
      if (failure && Object.keys(out).length === 0) throw failure.reason;
      return out;
    },
  };
}
