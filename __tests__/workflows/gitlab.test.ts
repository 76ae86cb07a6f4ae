import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const BIN = path.resolve('packages/cli/bin/slipway.js');
const TEMPLATE = 'templates/gitlab/llm-ci.gitlab-ci.yml';

/** Every `slipway …` line of the template's jobs. */
function slipwayLines(): string[] {
  const doc = parse(readFileSync(TEMPLATE, 'utf8')) as Record<string, { script?: string[] }>;
  return Object.values(doc)
    .flatMap((job) => (typeof job === 'object' && job && Array.isArray(job.script) ? job.script : []))
    .filter((l) => l.startsWith('slipway '));
}

describe('the GitLab template', () => {
  test('calls only commands and flags the CLI has', () => {
    const lines = slipwayLines();
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const words = line
        .replace(/"[^"]*"/g, 'ARG')
        .split(/\s+/)
        .slice(1);
      const command = words.slice(0, words.findIndex((w) => w.startsWith('-') || w === 'ARG' || w.includes('/')) >>> 0).filter((w) => !w.includes('*'));
      const help = spawnSync(process.execPath, [BIN, ...command, '--help'], { encoding: 'utf8' });
      expect({ line, status: help.status }).toEqual({ line, status: 0 });
      expect(help.stdout).toMatch(/^Usage: slipway /);
      for (const flag of words.filter((w) => w.startsWith('--')))
        expect({ line, flag, known: help.stdout.includes(flag) }).toEqual({ line, flag, known: true });
    }
  });

  test('a wrong flag would be caught', () => {
    const help = spawnSync(process.execPath, [BIN, 'eval', 'run', '--help'], { encoding: 'utf8' });
    expect(help.stdout.includes('--out-dir')).toBe(false);
  });
});
