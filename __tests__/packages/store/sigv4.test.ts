import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { signV4, uriEncode } from '../../../packages/store/src/internal/s3-lean.js';

/** The SDK's own signer, with node:crypto as its hash: the reference our lean requests must match. */
class NodeSha256 {
  private readonly h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.h.update(toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.h.digest());
  }
}

function toBytes(d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof d === 'string') return d;
  if (d instanceof ArrayBuffer) return new Uint8Array(d);
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

const date = new Date('2026-11-27T23:01:02.345Z');

test.each([
  [
    'PUT with a body, conditional, session token',
    'PUT',
    'team/models/files/md5/ab/cdef0123456789abcdef0123456789',
    Buffer.from('hello world'),
    { 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==', 'if-none-match': '*', 'content-type': 'application/octet-stream' },
    'tok/en+=',
  ],
  ['GET with a range, no token', 'GET', 'a b/ü/(x)*!/files', undefined, { range: 'bytes=10-' }, undefined],
])('signV4 matches @smithy/signature-v4: %s', async (_label, method, key, body, headers, sessionToken) => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', ...(sessionToken ? { sessionToken } : {}) };
  const path = `/bucket/${key.split('/').map(uriEncode).join('/')}`;
  const ours = signV4({ method, host: '127.0.0.1:9000', path, headers, body, region: 'eu-west-1', credentials, date });
  const sdk = new SignatureV4({ credentials, region: 'eu-west-1', service: 's3', sha256: NodeSha256, uriEscapePath: false, applyChecksum: true });
  const signed = await sdk.sign(
    {
      method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 9000,
      path,
      query: {},
      headers: {
        ...headers,
        host: '127.0.0.1:9000',
        'x-amz-content-sha256': ours['x-amz-content-sha256'] as string,
        ...(body ? { 'content-length': String(body.length) } : {}),
      },
      ...(body ? { body } : {}),
    },
    { signingDate: date },
  );
  expect(ours.authorization).toBe(signed.headers.authorization);
  expect(ours.authorization).toMatch(
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261127\/eu-west-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
  );
});

test('uriEncode leaves only unreserved characters', () => {
  expect(uriEncode("a b+c!'()*~._-ü")).toBe('a%20b%2Bc%21%27%28%29%2A~._-%C3%BC');
});
