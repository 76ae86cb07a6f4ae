import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { closest } from '@slipway/config';
import { parse } from 'yaml';
import { z } from 'zod';

/** One thing wrong with a workflow or action file. */
export interface WorkflowProblem {
  file: string;
  message: string;
}

// GitHub's action metadata syntax (docs: "Metadata syntax for GitHub Actions"), as strict as GitHub is.
const actionInput = z
  .object({ description: z.string().min(1), required: z.boolean().optional(), default: z.string().optional(), deprecationMessage: z.string().optional() })
  .strict();
const actionOutput = z.object({ description: z.string().min(1), value: z.string().optional() }).strict();
const nodeRuns = z
  .object({
    using: z.enum(['node20', 'node24']),
    main: z.string().min(1),
    pre: z.string().optional(),
    'pre-if': z.string().optional(),
    post: z.string().optional(),
    'post-if': z.string().optional(),
  })
  .strict();
const compositeRuns = z.object({ using: z.literal('composite'), steps: z.array(z.record(z.string(), z.unknown())).min(1) }).strict();
export const actionMetadataSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().min(1),
    author: z.string().optional(),
    branding: z
      .object({ icon: z.string(), color: z.enum(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']) })
      .strict()
      .optional(),
    inputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'kebab-case input names'), actionInput).optional(),
    outputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), actionOutput).optional(),
    runs: z.union([nodeRuns, compositeRuns]),
  })
  .strict();

type ActionMetadata = z.infer<typeof actionMetadataSchema>;

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  steps?: Step[];
  permissions?: unknown;
  'timeout-minutes'?: unknown;
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

/** Validates every action.yml under `root` against the metadata syntax. */
export function checkActionFiles(root: string, files: readonly string[]): WorkflowProblem[] {
  return files.flatMap((file) => {
    const parsed = actionMetadataSchema.safeParse(parse(readFileSync(path.join(root, file), 'utf8')));
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ file, message: `${i.path.join('.') || '(top)'}: ${i.message}` }));
  });
}

/** Resolves a `uses:` that points at one of our actions or reusable workflows to its file in this repository. */
function localTarget(uses: string, workflowDir: string): { kind: 'action' | 'workflow'; file: string } | undefined {
  const ours = /^[^/]+\/slipway(\/.*)?@[^@]+$/.exec(uses);
  const sub = uses.startsWith('./') ? uses.slice(2) : ours ? (ours[1] ?? '').replace(/^\//, '').replace(/@.*$/, '') : undefined;
  if (sub === undefined) return undefined;
  if (/\.ya?ml$/.test(sub)) return { kind: 'workflow', file: path.join(workflowDir, sub.replace(/^\.github\/workflows\//, '')) };
  return { kind: 'action', file: path.join(sub, 'action.yml') };
}

/**
 * The checks actionlint cannot do for us: every `with:` key exists in the called action's or
 * reusable workflow's inputs and every required one is given; least privilege and time limits
 * on every job; no `pull_request_target`.
 */
export function checkWorkflowFile(root: string, file: string, workflowDir = '.github/workflows'): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const text = readFileSync(path.join(root, file), 'utf8');
  const wf = parse(text) as Workflow;
  problems.push(...unpinnedActions(file, text));
  const on = wf.on;
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys((on ?? {}) as object);
  if (triggers.includes('pull_request_target'))
    problems.push({ file, message: 'pull_request_target runs fork code with write tokens and secrets; use pull_request' });
  for (const [jobName, job] of Object.entries(wf.jobs ?? {})) {
    if (wf.permissions === undefined && job.permissions === undefined)
      problems.push({ file, message: `job "${jobName}" has no permissions: block (least privilege)` });
    if (!job.uses && job['timeout-minutes'] === undefined) problems.push({ file, message: `job "${jobName}" has no timeout-minutes` });
    const calls: { uses: string; with: Record<string, unknown>; where: string }[] = [];
    if (job.uses) calls.push({ uses: job.uses, with: job.with ?? {}, where: `job "${jobName}"` });
    (job.steps ?? []).forEach((s, i) => {
      if (s.uses) calls.push({ uses: s.uses, with: s.with ?? {}, where: `job "${jobName}" step ${i + 1}` });
    });
    for (const call of calls) {
      const target = localTarget(call.uses, workflowDir);
      if (!target) continue;
      const targetPath = path.join(root, target.file);
      if (!existsSync(targetPath)) {
        problems.push({ file, message: `${call.where}: ${call.uses} points at ${target.file}, which does not exist` });
        continue;
      }
      const inputs = target.kind === 'action' ? actionInputs(targetPath) : workflowCallInputs(targetPath);
      for (const key of Object.keys(call.with)) {
        if (key in inputs) continue;
        const guess = closest(key, Object.keys(inputs));
        const help = guess ? `did you mean "${guess}"?` : `it has: ${Object.keys(inputs).join(', ')}`;
        problems.push({ file, message: `${call.where}: input "${key}" is not an input of ${target.file} (${help})` });
      }
      for (const [name, spec] of Object.entries(inputs)) {
        if (spec.required && spec.default === undefined && !(name in call.with))
          problems.push({ file, message: `${call.where}: required input "${name}" of ${target.file} is not given` });
      }
    }
  }
  return problems;
}

/** Third-party actions must be pinned by full commit SHA with the version in a comment: a tag can be moved. */
function unpinnedActions(file: string, text: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)['"]?\s*(#\s*(\S+))?/.exec(line);
    if (!m?.[1] || m[1].startsWith('./') || m[1].startsWith('docker://') || /^[^/]+\/slipway(\/|@)/.test(m[1])) return;
    const [, ref = ''] = m[1].split('@');
    if (!/^[0-9a-f]{40}$/.test(ref)) problems.push({ file, message: `line ${i + 1}: ${m[1]} is not pinned by a full commit SHA` });
    else if (!m[3]) problems.push({ file, message: `line ${i + 1}: ${m[1]} needs a version comment, e.g. # v4.2.2` });
  });
  return problems;
}

type InputSpec = { required?: boolean; default?: unknown };

function actionInputs(file: string): Record<string, InputSpec> {
  return ((parse(readFileSync(file, 'utf8')) as ActionMetadata).inputs ?? {}) as Record<string, InputSpec>;
}

function workflowCallInputs(file: string): Record<string, InputSpec> {
  const wf = parse(readFileSync(file, 'utf8')) as { on?: { workflow_call?: { inputs?: Record<string, InputSpec> } } };
  return wf.on?.workflow_call?.inputs ?? {};
}

/** The workflow files we ship or run: the reusable templates, their copies, the starter templates and our own CI. */
export function workflowFiles(root: string): string[] {
  return ['workflows-templates', '.github/workflows', 'workflow-templates'].flatMap((dir) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((n) => /\.ya?ml$/.test(n))
          .map((n) => path.join(dir, n))
      : [],
  );
}

/** Every action.yml we ship, plus the test fixtures. */
export function actionFiles(root: string): string[] {
  const found = ['action.yml'];
  for (const dir of ['actions', '__tests__/__fixtures__/actions']) {
    if (!existsSync(path.join(root, dir))) continue;
    for (const name of readdirSync(path.join(root, dir)))
      if (existsSync(path.join(root, dir, name, 'action.yml'))) found.push(path.join(dir, name, 'action.yml'));
  }
  return found;
}

/** Every starter template needs its `.properties.json` (name, description) for GitHub's "new workflow" page. */
export function checkStarterTemplates(root: string): WorkflowProblem[] {
  const dir = path.join(root, 'workflow-templates');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .flatMap((n) => {
      const props = path.join(dir, n.replace(/\.ya?ml$/, '.properties.json'));
      const file = path.join('workflow-templates', n);
      if (!existsSync(props)) return [{ file, message: `no ${path.basename(props)} beside it` }];
      const p = JSON.parse(readFileSync(props, 'utf8')) as { name?: unknown; description?: unknown };
      return typeof p.name === 'string' && typeof p.description === 'string'
        ? []
        : [{ file, message: `${path.basename(props)} needs a name and a description` }];
    });
}
