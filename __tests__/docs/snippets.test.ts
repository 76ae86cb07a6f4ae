import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '@slipway/config';
import { parseGatewayConfig } from '@slipway/gateway';

// YAML examples in the docs that say what file they are (`# slipway.yml` or `# gateway.yml` as the
// first line) are parsed with the real schemas, so an example cannot drift from the code.

const ROOT = path.resolve(import.meta.dirname, '../..');

function markdownFiles(): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  return out;
}

interface Snippet {
  where: string;
  kind: 'slipway.yml' | 'gateway.yml';
  text: string;
}

function snippets(): Snippet[] {
  const found: Snippet[] = [];
  for (const file of markdownFiles()) {
    const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] !== '```yaml') continue;
      const end = lines.indexOf('```', i + 1);
      const body = lines.slice(i + 1, end);
      const kind = body[0]?.match(/^# (slipway\.yml|gateway\.yml)\b/)?.[1] as Snippet['kind'] | undefined;
      if (kind) found.push({ where: `${file}:${i + 2}`, kind, text: body.join('\n') });
      i = end;
    }
  }
  return found;
}

const all = snippets();

describe('YAML examples in the docs', () => {
  it('there are examples of both files to check', () => {
    expect(all.filter((s) => s.kind === 'slipway.yml').length).toBeGreaterThan(0);
    expect(all.filter((s) => s.kind === 'gateway.yml').length).toBeGreaterThan(0);
  });

  it.each(all.map((s) => [s.where, s] as const))('%s is valid', (_where, s) => {
    if (s.kind === 'gateway.yml') {
      expect(() => parseGatewayConfig(s.text, s.where)).not.toThrow();
    } else {
      // A section on its own is shown without `version: 1`; the file around it has one.
      const text = /^version:/m.test(s.text) ? s.text : `version: 1\n${s.text}`;
      expect(() => parseConfig(text, s.where)).not.toThrow();
    }
  });

  it('the check fails on a misspelt key', () => {
    expect(() => parseConfig('version: 1\ndeploy:\n  enviroment: production\n', 'x.md:1')).toThrow(/enviroment/);
  });
});
