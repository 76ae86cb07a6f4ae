/** A real OCI/Docker registry (Debian's `docker-registry`, distribution 2.8) in a child process. */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpGet, launchService, type ServiceHandle } from './managed-process.js';

/** Where Debian installs the registry; CI installs the package via .ci/run. */
export const REGISTRY_BIN = '/usr/bin/docker-registry';

export interface RegistryOptions {
  /** Override the binary (e.g. a locally built `registry`). */
  bin?: string;
  readyTimeoutMs?: number;
}

/**
 * Starts docker-registry on a free loopback port, storing blobs in a fresh temp dir.
 *
 * We write our own config because the packaged /etc/docker/registry/config.yml enables htpasswd
 * auth. Deletes are enabled so tests can exercise DELETE of blobs and manifests; an explicit HTTP
 * secret silences the "No HTTP secret provided" warning; access logs are off so `logs()` and failure
 * messages show only problems.
 * REGISTRY_* variables are dropped from the environment because the registry lets them override any
 * config key, and a developer's shell should not be able to redirect storage or the listen address.
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<ServiceHandle> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRY_')));
  return launchService({
    name: 'docker-registry',
    command: options.bin ?? REGISTRY_BIN,
    env,
    prepare: async ({ port, tempDir, dataDir }) => {
      // JSON is valid YAML, so no YAML quoting rules to get wrong for odd temp paths.
      const config = {
        version: '0.1',
        log: { level: 'warn', accesslog: { disabled: true } },
        storage: { filesystem: { rootdirectory: dataDir }, delete: { enabled: true } },
        http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
      };
      const file = join(tempDir, 'config.yml');
      await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
      return ['serve', file];
    },
    isReady: async (port) => {
      const res = await httpGet(`http://127.0.0.1:${port}/v2/`);
      return res.status === 200 && res.headers['docker-distribution-api-version'] === 'registry/2.0';
    },
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
  });
}
