import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { parseYamlSubset } from '../../../packages/eval/src/internal/yaml-subset.js';

// Every shape the fast reader accepts must read exactly as the yaml library reads it.
const SAME: string[] = [
  '- vars: { n: 0, q: "hello 0" }\n  assert:\n    - type: contains\n      value: "hello 0"\n',
  '- id: a\n  tags: [critical, unit]\n  threshold: 0.5\n  repeat: 3\n',
  '- id: b\n  vars:\n    question: Where is my order?\n    n: -12\n    ok: true\n    off: FALSE\n    none: ~\n    empty:\n',
  '- id: \'it\'\'s\'\n  expected: "say \\"hi\\"\\n"\n',
  '- description: plain words, with commas\n  assert: [{ type: regex, value: "^a.*b$" }, { type: javascript, value: "output.length < 5" }]\n',
  '- vars: {}\n  assert: []\n- id: c\n',
  '-\n  id: d\n- nested:\n    - a\n    - [1, 2.5, x]\n    - k: v\n      k2: [ ]\n',
  'list:\n- a\n- b\nmap:\n  x: 1\n',
  '- "quoted item"\n- 42\n- 3.25\n- -0.5\n',
];
const BAIL: string[] = [
  '- a: 1 # comment\n',
  '- text: |\n    block\n',
  '- &anchor a: 1\n',
  '- n: 0x1F\n',
  '- n: 007\n',
  '- d: 2024-01-01\n',
  '- x: !tag y\n',
  '- a: 1\n  a: 2\n',
  '- plain: multi\n    line\n',
  '- k: a: b\n',
  '- n: -0\n',
  '- n: .inf\n',
];

describe('the fast YAML subset reader', () => {
  test.each(SAME)('reads %j as the yaml library does', (text) => {
    expect(parseYamlSubset(text)).toEqual(parse(text));
  });
  test.each(BAIL)('hands %j to the full parser', (text) => {
    expect(parseYamlSubset(text)).toBeUndefined();
  });
  test("the example's suite reads the same through the fast path as through the yaml library", async () => {
    const text = await readFile('examples/support-bot/evals/support.yaml', 'utf8');
    const tests = text.slice(text.indexOf('tests:\n') + 'tests:\n'.length);
    const dedented = tests
      .split('\n')
      .map((l) => l.slice(2))
      .join('\n');
    const fast = parseYamlSubset(dedented);
    expect(fast).toBeDefined();
    expect(fast).toEqual(parse(dedented));
  });
});
