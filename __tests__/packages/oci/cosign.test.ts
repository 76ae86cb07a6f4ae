import { cosignArgs, type Exec, signImage } from '@slipway/oci';

const image = `127.0.0.1:5000/acme/bot@sha256:${'a'.repeat(64)}`;

describe('cosign signing', () => {
  test.each([
    ['a key wins over OIDC', { COSIGN_KEY: 'cosign.key', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }, false, ['sign', '--yes', '--key', 'cosign.key', image]],
    ['keyless with the Actions OIDC token', { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }, false, ['sign', '--yes', image]],
    ['a plain-HTTP registry', { COSIGN_KEY: 'k' }, true, ['sign', '--yes', '--key', 'k', '--allow-insecure-registry', '--allow-http-registry', image]],
    ['neither key nor token: nothing to run', {}, false, undefined],
  ])('%s', (_name, env, insecure, expected) => {
    expect(cosignArgs({ image, env, insecure })).toEqual(expected);
  });

  test.each([
    ['cosign missing', 127, 0, { signed: false, reason: 'cosign is not installed' }],
    ['signature refused', 0, 1, { signed: false, reason: 'cosign sign failed (exit 1): error: signing: no credentials' }],
    ['signed', 0, 0, { signed: true, mode: 'key' }],
  ])('%s', async (_name, versionCode, signCode, outcome) => {
    const calls: string[][] = [];
    const exec: Exec = async (_c, args) => {
      calls.push([...args]);
      return args[0] === 'version'
        ? { code: versionCode, stdout: '', stderr: '' }
        : { code: signCode, stdout: '', stderr: 'Generating ephemeral keys\nerror: signing: no credentials\n' };
    };
    expect(await signImage({ exec, image, env: { COSIGN_KEY: 'k' }, insecure: false })).toEqual(outcome);
    expect(calls[0]).toEqual(['version']);
  });
});
