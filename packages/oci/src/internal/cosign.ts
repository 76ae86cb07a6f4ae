import type { Exec } from './exec.js';

export interface SignOptions {
  exec: Exec;
  bin?: string;
  /** `registry/repo@sha256:…` */
  image: string;
  env: NodeJS.ProcessEnv;
  insecure: boolean;
}

/** What happened to the signature: signed with a key, signed keyless (OIDC), or why not. */
export type SignOutcome = { signed: true; mode: 'key' | 'keyless' } | { signed: false; reason: string };

/** `cosign sign` arguments: a key (`COSIGN_KEY`, a file or KMS URI) wins over keyless OIDC signing. */
export function cosignArgs(o: Pick<SignOptions, 'image' | 'env' | 'insecure'>): string[] | undefined {
  const args = ['sign', '--yes'];
  if (o.env.COSIGN_KEY) args.push('--key', o.env.COSIGN_KEY);
  else if (!o.env.ACTIONS_ID_TOKEN_REQUEST_URL) return undefined;
  if (o.insecure) args.push('--allow-insecure-registry', '--allow-http-registry');
  args.push(o.image);
  return args;
}

/**
 * Signs the pushed image with cosign when it is installed and a key (`COSIGN_KEY`, with
 * `COSIGN_PASSWORD` in the environment) or GitHub's OIDC token (`permissions: id-token: write`) is there.
 * Never fails the build for a missing tool or key; a failed signature is reported to the caller.
 */
export async function signImage(o: SignOptions): Promise<SignOutcome> {
  const args = cosignArgs(o);
  if (!args) return { signed: false, reason: 'no COSIGN_KEY and no OIDC token (give the job `id-token: write`)' };
  const version = await o.exec(o.bin ?? 'cosign', ['version'], { env: o.env, timeoutMs: 10_000 });
  if (version.code !== 0) return { signed: false, reason: 'cosign is not installed' };
  const r = await o.exec(o.bin ?? 'cosign', args, { env: o.env, timeoutMs: 120_000 });
  if (r.code !== 0) return { signed: false, reason: `cosign sign failed (exit ${r.code}): ${r.stderr.trim().split('\n').at(-1) ?? ''}` };
  return { signed: true, mode: o.env.COSIGN_KEY ? 'key' : 'keyless' };
}
