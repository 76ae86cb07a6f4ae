import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { buildDirObject, compareCodePoints, formatPointer, parseDirObject, parsePointer, pythonJsonDumps } from '@slipway/store';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Python's own json.dumps(…, sort_keys=True) of the same value, for the reference bytes. */
function pythonDumps(value: unknown): string {
  return execFileSync('python3', ['-c', 'import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read()), sort_keys=True))'], {
    input: JSON.stringify(value),
    encoding: 'utf8',
  });
}

describe('.dir objects match DVC 3 byte for byte', () => {
  test('the specification vector: foo, bar, sub_dir/baz', () => {
    const dir = buildDirObject([
      { relpath: 'foo', md5: md5('foo') },
      { relpath: 'sub_dir/baz', md5: md5('sub_dir/baz') },
      { relpath: 'bar', md5: md5('bar') },
    ]);
    expect(dir.id).toBe('55d05978954d1b2cd7b06aedda9b9e43.dir');
    expect(dir.entries.map((e) => e.relpath)).toEqual(['bar', 'foo', 'sub_dir/baz']);
    expect(dir.bytes.toString()).toBe(
      `[{"md5": "${md5('bar')}", "relpath": "bar"}, {"md5": "${md5('foo')}", "relpath": "foo"}, {"md5": "${md5('sub_dir/baz')}", "relpath": "sub_dir/baz"}]`,
    );
  });

  const names = [
    ['ascii', ['a.txt', 'B.txt', 'a/b/c.bin', 'a-b', 'a b', 'z']],
    ['non-ASCII and astral', ['modèle/poids.bin', 'データ/学習.jsonl', 'emoji/😀.txt', 'ﬁ-ligature', 'Ω', '\u{1F600}\u{FFFD}']],
    ['escapes', ['quote"d', 'back\\slash', 'tab\there', 'del\u007f', 'nl\nx', 'ctl\u0001']],
  ] as const;
  test.each(names)('%s names serialise exactly as Python json.dumps(sort_keys=True)', (_label, relpaths) => {
    const entries = relpaths.map((relpath) => ({ relpath, md5: md5(relpath) }));
    const ours = buildDirObject(entries);
    const sortedForPython = [...entries].sort((a, b) => compareCodePoints(a.relpath, b.relpath));
    expect(ours.bytes.toString('utf8')).toBe(pythonDumps(sortedForPython));
    // And Python sorts the same way we do.
    const pySorted = execFileSync('python3', ['-c', 'import json,sys; print(json.dumps(sorted(json.loads(sys.stdin.read()))))'], {
      input: JSON.stringify(relpaths),
      encoding: 'utf8',
    });
    expect(ours.entries.map((e) => e.relpath)).toEqual(JSON.parse(pySorted));
  });

  test('nested values, booleans and null follow Python too', () => {
    const value = { b: [1, true, null, 'é'], a: { z: -3, y: 'x' } };
    expect(pythonJsonDumps(value)).toBe(pythonDumps(value));
  });

  test.each([
    ['../escape', 'climbs out'],
    ['/etc/passwd', 'is absolute'],
    ['a/../../b', 'climbs out'],
  ])('a .dir entry with relpath %s is refused', (relpath, why) => {
    const bytes = Buffer.from(JSON.stringify([{ md5: md5('x'), relpath }]));
    const id = `${md5(bytes.toString())}.dir`;
    expect(() => parseDirObject(id, bytes, 'remote')).toThrow(why);
  });

  test('a .dir object whose bytes do not match its id is refused', () => {
    const dir = buildDirObject([{ relpath: 'a', md5: md5('a') }]);
    expect(() => parseDirObject(dir.id, Buffer.from(`${dir.bytes.toString()} `), 'remote')).toThrow(/is corrupt/);
  });
});

describe('.dvc pointers', () => {
  test('written with DVC 3 key order, hash: md5 always, nfiles for folders only', () => {
    expect(formatPointer([{ md5: 'acbd18db4cc2f85cedef654fccc4a4d8', size: 3, path: 'foo' }])).toBe(
      'outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: foo\n',
    );
    expect(formatPointer([{ md5: '55d05978954d1b2cd7b06aedda9b9e43.dir', size: 17, nfiles: 3, isexec: true, path: 'data' }])).toBe(
      'outs:\n- md5: 55d05978954d1b2cd7b06aedda9b9e43.dir\n  size: 17\n  nfiles: 3\n  isexec: true\n  hash: md5\n  path: data\n',
    );
  });

  test('paths that YAML would misread are quoted and read back', () => {
    for (const p of ['a: b', '#x', 'yes', '123', 'modèle', "it's"]) {
      const text = formatPointer([{ md5: md5(p), size: 1, path: p }]);
      expect(parsePointer(text, 'x.dvc').outs[0]?.path).toBe(p);
    }
  });

  test('a pointer DVC wrote, with extra keys, parses', () => {
    const text = 'md5: 1234\nfrozen: true\nouts:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: foo\n  desc: the foo\n  cloud: {}\n';
    expect(parsePointer(text, 'foo.dvc').outs).toEqual([{ md5: 'acbd18db4cc2f85cedef654fccc4a4d8', size: 3, path: 'foo', line: 4 }]);
  });

  test.each([
    ['outs: [', 'foo.dvc:1', /invalid YAML/],
    ['outs: []\n', 'foo.dvc:1', /non-empty list/],
    ['outs:\n- md5: xyz\n  size: 3\n  hash: md5\n  path: foo\n', 'foo.dvc:2', /"md5" must be 32/],
    ['outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: -1\n  hash: md5\n  path: foo\n', 'foo.dvc:3', /"size" must be/],
    ['outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: ../../etc\n', 'foo.dvc:5', /"path" climbs out/],
    ['outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: /etc/passwd\n', 'foo.dvc:5', /"path" is absolute/],
    ['outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  path: foo\n', 'foo.dvc:2', /DVC 2\.x layout/],
    ['outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: sha256\n  path: foo\n', 'foo.dvc:4', /"hash" must be md5/],
  ])('malformed pointer %j fails at %s', (text, at, message) => {
    let error: unknown;
    try {
      parsePointer(text, 'foo.dvc');
    } catch (e) {
      error = e;
    }
    const e = error as { name: string; message: string; exitCode: number; location?: { file: string; line?: number } };
    expect(e.name).toBe('ConfigError');
    expect(e.exitCode).toBe(2);
    expect(`${e.location?.file}:${e.location?.line}`).toBe(at);
    expect(e.message).toMatch(message);
    expect(e.message.split('\n')).toHaveLength(1);
  });
});
