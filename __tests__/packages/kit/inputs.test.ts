import { InputError, parseBoolean, parseDuration, parseEnum, parseInteger, parseList, parseNumber, parseSize, parseUrl } from '@slipway/kit';

describe('input parsers accept what users write', () => {
  test.each([
    ['true', true],
    ['FALSE', false],
    [' yes ', true],
    ['off', false],
    ['1', true],
  ])('boolean %j -> %j', (raw, expected) => expect(parseBoolean('flag', raw)).toBe(expected));

  test.each([
    ['42', 42],
    ['-3', -3],
    ['1_000', 1000],
  ])('integer %j -> %j', (raw, expected) => expect(parseInteger('n', raw)).toBe(expected));

  test.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['2d', 172_800_000],
  ])('duration %j -> %j ms', (raw, expected) => expect(parseDuration('timeout', raw)).toBe(expected));

  test.each([
    ['4096', 4096],
    ['512MiB', 512 * 2 ** 20],
    ['64KiB', 65536],
    ['1.5GB', 1.5e9],
    ['2 gib', 2 * 2 ** 30],
  ])('size %j -> %j bytes', (raw, expected) => expect(parseSize('cache', raw)).toBe(expected));

  test('list splits lines and commas and drops comments and blanks', () => {
    expect(parseList('paths', 'models/a, models/b\n\n  data/train.jsonl # the data\n# only a comment\n')).toEqual(['models/a', 'models/b', 'data/train.jsonl']);
  });

  test('enum matches case-insensitively and returns the canonical spelling', () => {
    expect(parseEnum('engine', 'BuildAh', ['auto', 'buildah'] as const)).toBe('buildah');
  });

  test('url keeps the parsed URL', () => {
    expect(parseUrl('remote', 's3://bucket/prefix', ['s3', 'file']).host).toBe('bucket');
  });

  test('number takes decimals and exponents', () => {
    expect(parseNumber('alpha', '5e-2', { min: 0, max: 1 })).toBeCloseTo(0.05);
  });
});

describe('input parsers refuse bad values with what, where and how', () => {
  test.each([
    [() => parseBoolean('fail-fast', 'maybe'), /input "fail-fast": "maybe" is not a boolean/, /true or false/],
    [() => parseInteger('jobs', 'eight', { min: 1, max: 64 }), /input "jobs": "eight" is not a whole number/, /from 1 to 64/],
    [() => parseInteger('jobs', '0', { min: 1, max: 64 }), /input "jobs": 0 is out of range/, /from 1 to 64/],
    [() => parseInteger('jobs', '1.5'), /not a whole number/, /number/],
    [() => parseDuration('timeout', '90'), /input "timeout": "90" is not a duration/, /90s, 5m/],
    [() => parseDuration('timeout', '5 minutes'), /is not a duration/, /unit/],
    [() => parseDuration('timeout', '2h', { max: 3_600_000 }), /out of range/, /at most 3600000/],
    [() => parseSize('cache', '12 parsecs'), /input "cache": "12 parsecs" is not a size/, /512MiB/],
    [() => parseEnum('engine', 'docker', ['auto', 'buildah']), /"docker" is not one of auto, buildah/, /auto \| buildah/],
    [() => parseUrl('remote', 'not a url', ['s3']), /"not a url" is not a URL/, /s3:\/\//],
    [() => parseUrl('remote', 'ftp://x/y', ['s3', 'file']), /scheme "ftp" is not supported/, /s3:\/\/, file:\/\//],
    [() => parseNumber('alpha', 'NaN'), /not a number/, /number/],
  ])('%#', (fn, message, hint) => {
    let caught: unknown;
    try {
      fn();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toMatch(message);
    expect((caught as InputError).hint).toMatch(hint);
    expect((caught as InputError).exitCode).toBe(2);
  });
});
