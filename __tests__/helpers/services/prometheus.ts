/** A real Prometheus server (Debian's `prometheus` package) in a child process. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpGet, launchService, type ServiceHandle } from './managed-process.js';

/** Where Debian installs Prometheus; CI installs the package via .ci/run. */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface PrometheusOptions {
  /** Extra `host:port` targets scraped at /metrics under job "targets". Prometheus always scrapes itself too. */
  scrapeTargets?: string[];
  /** Scrape and rule-evaluation interval, Prometheus duration syntax. Default '1s' so tests see data fast. */
  scrapeInterval?: string;
  /** Contents of a rules file (YAML, `groups: …`), loaded via `rule_files`. */
  rules?: string;
  bin?: string;
  readyTimeoutMs?: number;
}

export interface PrometheusService extends ServiceHandle {
  /** Runs an instant query and returns `data.result` (throws on a non-success answer). */
  query(expr: string): Promise<PrometheusSample[]>;
}

/** One element of an instant-vector result. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Starts Prometheus on a free loopback port with its TSDB in a fresh temp dir.
 *
 * Note that Prometheus's service discovery only hands targets to the scraper every 5 s, so the first
 * sample of anything (even `up` for itself) arrives roughly 5–6 s after start, whatever the interval.
 */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<PrometheusService> {
  const interval = options.scrapeInterval ?? '1s';
  const handle = await launchService({
    name: 'prometheus',
    command: options.bin ?? PROMETHEUS_BIN,
    prepare: async ({ port, tempDir, dataDir }) => {
      const scrapeConfigs: object[] = [{ job_name: 'prometheus', static_configs: [{ targets: [`127.0.0.1:${port}`] }] }];
      if (options.scrapeTargets?.length) {
        scrapeConfigs.push({ job_name: 'targets', static_configs: [{ targets: options.scrapeTargets }] });
      }
      const config: Record<string, unknown> = {
        global: { scrape_interval: interval, evaluation_interval: interval },
        scrape_configs: scrapeConfigs,
      };
      if (options.rules !== undefined) {
        const rulesFile = join(tempDir, 'rules.yml');
        await writeFile(rulesFile, options.rules);
        config.rule_files = [rulesFile];
      }
      const file = join(tempDir, 'prometheus.yml');
      // JSON is valid YAML, so no quoting rules to get wrong.
      await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
      return [
        `--config.file=${file}`,
        `--storage.tsdb.path=${dataDir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Info-level start-up chatter would drown the useful lines in a failure's log tail.
        '--log.level=warn',
      ];
    },
    isReady: async (port) => {
      const res = await httpGet(`http://127.0.0.1:${port}/-/ready`);
      return res.status === 200 && res.body.includes('Prometheus');
    },
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
  });
  return Object.assign(handle, { query: (expr: string) => queryPrometheus(handle.url, expr) });
}

/** Instant query against any Prometheus at `baseUrl`; returns the result vector. */
export async function queryPrometheus(baseUrl: string, expr: string): Promise<PrometheusSample[]> {
  const res = await httpGet(`${baseUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const parsed = JSON.parse(res.body) as { status?: string; error?: string; data?: { result?: PrometheusSample[] } };
  if (res.status !== 200 || parsed.status !== 'success') {
    throw new Error(`Prometheus query ${JSON.stringify(expr)} failed (${res.status}): ${parsed.error ?? res.body}`);
  }
  return parsed.data?.result ?? [];
}
