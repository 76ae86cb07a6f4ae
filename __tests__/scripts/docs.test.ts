import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeProgram } from '@slipway/cli';
import { parse } from 'yaml';
import { findBundles, ROOT } from '../../scripts/bundles.js';
import { type CliCommand, renderActionPage, renderCliDoc, renderWorkflowsDoc } from '../../scripts/docs.js';
import { renderGenerated } from '../../scripts/render.js';

// The reference pages are generated; these tests check that what they are generated from is all there,
// so an input, a command or a config key cannot be left out of the docs.

const actionFiles = [
  'action.yml',
  ...findBundles()
    .filter((b) => b.name.startsWith('actions/'))
    .map((b) => path.relative(ROOT, path.join(path.dirname(b.distDir), 'action.yml')))
    .filter((file) => existsSync(path.join(ROOT, file))),
];

describe('generated reference docs', () => {
  let generated: Map<string, string>;
  beforeAll(async () => {
    generated = new Map((await renderGenerated()).map((f) => [f.path, f.content.toString('utf8')]));
  });

  it.each(actionFiles)('%s: its page lists every input and output', (file) => {
    const action = parse(readFileSync(path.join(ROOT, file), 'utf8')) as { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
    const slug = file === 'action.yml' ? 'slipway' : path.basename(path.dirname(file));
    const page = generated.get(`docs/actions/${slug}.md`);
    expect(page).toBeDefined();
    for (const name of [...Object.keys(action.inputs ?? {}), ...Object.keys(action.outputs ?? {})]) expect(page).toContain(`| \`${name}\` |`);
    expect(page).toContain('## Example');
    expect(generated.get('docs/actions.md')).toContain(`(actions/${slug}.md)`);
  });

  it('an action page shows the real step from the reusable workflow that calls it', () => {
    const workflows = [
      { name: 'ci.yml', text: 'jobs:\n  a:\n    steps:\n      - uses: acme/slipway/actions/eval@v1\n        with:\n          suites: evals/x.yaml\n' },
    ];
    const page = renderActionPage({ path: 'actions/eval/action.yml', text: 'name: eval\ninputs:\n  suites:\n    description: s\n' }, {}, workflows);
    expect(page).toContain('From [`ci.yml`]');
    expect(page).toContain('suites: evals/x.yaml');
  });

  it('the CLI page has a section for every command and every option', () => {
    const program = describeProgram() as unknown as CliCommand;
    const page = renderCliDoc(program, ROOT);
    const walk = (c: CliCommand, prefix: string): void => {
      for (const sub of c.commands) {
        if (sub.name() === 'help') continue;
        const name = `${prefix} ${sub.name()}`;
        expect(page).toContain(`\`${name}\``);
        for (const o of sub.options) expect(page).toContain(o.flags.replace(/\|/g, '\\|'));
        walk(sub, name);
      }
    };
    walk(program, 'slipway');
    expect(page).not.toContain(ROOT);
  });

  it('the workflows page lists every workflow_call input, secret and output', () => {
    const text = readFileSync(path.join(ROOT, 'workflows-templates/llm-ci.yml'), 'utf8');
    const call = (parse(text) as { on: { workflow_call: Record<string, Record<string, unknown>> } }).on.workflow_call;
    const page = renderWorkflowsDoc([{ name: 'llm-ci.yml', text }]);
    for (const group of ['inputs', 'secrets', 'outputs']) for (const key of Object.keys(call[group] ?? {})) expect(page).toContain(`| \`${key}\` |`);
  });
});
