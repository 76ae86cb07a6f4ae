import { PassThrough } from 'node:stream';
import { ConfigError, createTerminalRuntime, ExitCode, escapeMarkdown, GateError, InputError, markdownTable, readInputs, runCapability } from '@slipway/kit';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return { stream, text: () => text };
}

describe('terminal runtime', () => {
  test('masks secrets in every log line once registered', () => {
    const err = capture();
    const rt = createTerminalRuntime({ stderr: err.stream, env: {} });
    rt.setSecret('sk-live-123456');
    rt.log.info('calling with key sk-live-123456 now');
    rt.log.error('failed: sk-live-123456');
    expect(err.text()).not.toContain('sk-live-123456');
    expect(err.text()).toContain('calling with key *** now');
  });

  test('colour follows the TTY, NO_COLOR and FORCE_COLOR', () => {
    const err = capture();
    createTerminalRuntime({ stderr: err.stream, env: { FORCE_COLOR: '1' } }).log.warn('careful');
    expect(err.text()).toContain('\u001b[33mwarning');
    const plain = capture();
    createTerminalRuntime({ stderr: Object.assign(plain.stream, { isTTY: true }), env: { NO_COLOR: '1' } }).log.warn('careful');
    expect(plain.text()).toBe('warning careful\n');
  });

  test('annotations print as file:line:col and are kept for --json', () => {
    const err = capture();
    const rt = createTerminalRuntime({ stderr: err.stream, env: {} });
    rt.annotate({ level: 'error', message: 'bad key', file: 'slipway.yml', line: 3, column: 5 });
    expect(err.text()).toBe('slipway.yml:3:5: error: bad key\n');
    expect(rt.annotations).toHaveLength(1);
  });

  test('readInputs parses every input up front and masks secrets before use', () => {
    const err = capture();
    const rt = createTerminalRuntime({ stderr: err.stream, env: {}, inputs: { jobs: '8', token: 'tok-abcdef', timeout: '2m' } });
    const inputs = readInputs(rt, {
      jobs: { kind: 'integer', min: 1, max: 64 },
      token: { kind: 'secret' },
      timeout: { kind: 'duration' },
      remote: { kind: 'url', default: 'file:///tmp/remote', schemes: ['file', 's3'] },
      missing: { kind: 'string' },
    });
    expect(inputs).toMatchObject({ jobs: 8, token: 'tok-abcdef', timeout: 120_000, missing: undefined });
    expect(inputs.remote.protocol).toBe('file:');
    rt.log.info(`token=${inputs.token}`);
    expect(err.text()).toBe('token=***\n');
  });

  test('readInputs names a missing required input', () => {
    const rt = createTerminalRuntime({ stderr: capture().stream, env: {} });
    expect(() => readInputs(rt, { paths: { kind: 'list', required: true, description: 'the files to sync' } })).toThrow('input "paths": is required');
  });
});

describe('runCapability maps errors to exit codes and messages', () => {
  test.each([
    [
      new InputError('jobs', '"x" is not a whole number', { hint: 'use 1 to 64' }),
      ExitCode.BadInput,
      /run failed: input "jobs": "x" is not a whole number \(use 1 to 64\)/,
    ],
    [new GateError('2 regressions'), ExitCode.GateFailed, /run failed: 2 regressions/],
    [
      new ConfigError([{ location: { file: 'slipway.yml', line: 2, column: 3 }, message: 'unknown key "x"' }]),
      ExitCode.BadInput,
      /slipway.yml:2:3: error: run failed: unknown key "x"/,
    ],
    [new TypeError('undefined is not a function'), ExitCode.Internal, /unexpected error. This is a bug[\s\S]*TypeError: undefined is not a function\n\s+at /],
  ])('%s', async (error, code, message) => {
    const err = capture();
    const rt = createTerminalRuntime({ stderr: err.stream, env: {} });
    await expect(
      runCapability(rt, 'run', async () => {
        throw error;
      }),
    ).resolves.toBe(code);
    expect(err.text()).toMatch(message);
  });

  test('a user error never prints a stack trace', async () => {
    const err = capture();
    await runCapability(createTerminalRuntime({ stderr: err.stream, env: {} }), 'run', async () => {
      throw new GateError('no');
    });
    expect(err.text()).not.toMatch(/\n\s+at /);
  });
});

describe('markdown escaping', () => {
  test('model output cannot inject HTML, links, mentions or table breaks', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](http://evil) @admin | cell <!-- slipway -->';
    const safe = escapeMarkdown(hostile);
    expect(safe).not.toMatch(/<img|<!--/);
    expect(safe).not.toMatch(/(^|[^\\])\[click\]/);
    expect(safe).not.toMatch(/(^|[^\\])\|/);
    expect(safe).not.toContain('@admin');
    expect(markdownTable(['a'], [[safe]]).split('\n')).toHaveLength(3);
  });
});
