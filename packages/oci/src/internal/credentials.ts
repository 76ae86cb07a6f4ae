import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** What to present to a registry: a user and password (or token), or an identity token for the token server. */
export interface Credentials {
  username?: string;
  password?: string;
  /** A refresh token from `docker login` against an OAuth2 token server. */
  identityToken?: string;
  /** Where they came from, for messages (never the values). */
  source: string;
}

/**
 * Finds credentials for `registry`, first hit wins:
 * explicit ones; the Docker config file (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`,
 * `auths.<host>.auth` or `identitytoken`); `GITHUB_TOKEN` for ghcr.io (user `GITHUB_ACTOR`).
 * Credential helpers (`credsStore`) are not run.
 */
export async function findCredentials(
  registry: string,
  options: { explicit?: { username?: string; password?: string }; env?: NodeJS.ProcessEnv } = {},
): Promise<Credentials | undefined> {
  const env = options.env ?? process.env;
  const ex = options.explicit;
  if (ex?.password !== undefined && ex.password !== '') return { username: ex.username ?? 'token', password: ex.password, source: 'inputs' };
  const fromFile = await fromDockerConfig(registry, env);
  if (fromFile) return fromFile;
  if (registry === 'ghcr.io' && env.GITHUB_TOKEN) {
    return { username: env.GITHUB_ACTOR || 'x-access-token', password: env.GITHUB_TOKEN, source: 'GITHUB_TOKEN' };
  }
  return undefined;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
}

async function fromDockerConfig(registry: string, env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  const file = path.join(dir, 'config.json');
  let config: DockerConfig;
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as DockerConfig;
  } catch {
    return undefined;
  }
  const keys = registry === 'docker.io' ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    const host = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!keys.includes(key) && !keys.includes(host)) continue;
    const source = `${file} (auths."${key}")`;
    if (entry.identitytoken) return { identityToken: entry.identitytoken, ...(entry.username ? { username: entry.username } : {}), source };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password, source };
  }
  return undefined;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (or `Basic realm=…`) into its scheme and parameters. */
export function parseChallenge(value: string): { scheme: string; params: Record<string, string> } {
  const space = value.indexOf(' ');
  const scheme = (space < 0 ? value : value.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  const re = /([a-zA-Z_]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  const rest = space < 0 ? '' : value.slice(space + 1);
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    params[(m[1] as string).toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}
