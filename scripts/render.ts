import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describeProgram } from '@slipway/cli';
import { configJsonSchema } from '@slipway/config';
import { build as esbuild } from 'esbuild';
import { type Bundle, findBundles, ROOT } from './bundles.js';
import {
  actionSlug,
  type CliCommand,
  renderActionPage,
  renderActionsIndex,
  renderCliDoc,
  renderConfigDoc,
  renderWorkflowsDoc,
  type WorkflowFile,
} from './docs.js';

/** A file the build produces, by path relative to the repository root. */
export interface Rendered {
  path: string;
  content: Buffer;
  /** Which command regenerates it, for the stale-file message. */
  owner: string;
}

// Bundled dependencies written as CommonJS call `require` for Node's built-ins; an ES module has none.
// They may also read __dirname and __filename: free uses are renamed (see `define`) to these, since a
// bundled module may declare its own.
const REQUIRE_SHIM = [
  "import { createRequire as __slipwayCreateRequire } from 'node:module';",
  "import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';",
  'const require = __slipwayCreateRequire(import.meta.url);',
  'const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);',
  "const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));",
].join('\n');

/**
 * Compiles one action into its dist/ files in memory: one ES module, plus a chunk per capability
 * that is imported lazily (esbuild tree-shakes, so a chunk holds only what its code reaches).
 * tsc -b has already type-checked it.
 */
export async function renderBundle(bundle: Bundle): Promise<Rendered[]> {
  const result = await esbuild({
    entryPoints: { index: bundle.entry },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    outdir: bundle.distDir,
    write: false,
    metafile: true,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    define: { __dirname: '__slipwayDirname', __filename: '__slipwayFilename' },
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const rel = path.relative(ROOT, bundle.distDir);
  const files = result.outputFiles.map((f) => ({
    path: path.join(rel, path.relative(bundle.distDir, f.path)),
    content: Buffer.from(f.contents),
    owner: bundle.name,
  }));
  files.push({ path: path.join(rel, 'package.json'), content: Buffer.from('{\n  "type": "module"\n}\n'), owner: bundle.name });
  files.push({ path: path.join(rel, 'licenses.txt'), content: Buffer.from(await licensesOf(Object.keys(result.metafile.inputs))), owner: bundle.name });
  return files;
}

/** The licence of every npm package that went into a bundle, sorted by name, so the dist/ carries them as the licences require. */
async function licensesOf(inputs: string[]): Promise<string> {
  const roots = new Set<string>();
  for (const input of inputs) {
    const m = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (m?.[1]) roots.add(m[1]);
  }
  const entries: string[] = [];
  for (const root of [...roots].sort()) {
    const pkg = JSON.parse(await readFile(path.join(ROOT, root, 'package.json'), 'utf8')) as { name?: string; version?: string; license?: string };
    const names = await readdir(path.join(ROOT, root)).catch(() => [] as string[]);
    const file = names.find((n) => /^(licen[cs]e|copying)(\.|$)/i.test(n));
    const text = file ? (await readFile(path.join(ROOT, root, file), 'utf8')).trim() : '';
    entries.push(`${pkg.name ?? root}@${pkg.version ?? '?'}\n${pkg.license ?? 'UNKNOWN'}${text ? `\n${text}` : ''}`);
  }
  return `${[...new Set(entries)].join('\n\n')}\n`;
}

/** The JSON Schema and the reference docs generated from the zod schema and the action.yml files. */
export async function renderGenerated(): Promise<Rendered[]> {
  const schema = configJsonSchema();
  const actionFiles = [
    path.join(ROOT, 'action.yml'),
    ...findBundles()
      .filter((b) => b.name.startsWith('actions/'))
      .map((b) => path.join(path.dirname(b.distDir), 'action.yml')),
  ];
  const actions = await Promise.all(actionFiles.map(async (file) => ({ path: path.relative(ROOT, file), text: await readFile(file, 'utf8').catch(() => '') })));
  const readable = actions.filter((a) => a.text !== '');
  const workflows = await readWorkflowSources();
  return [
    ...workflows.map(({ name, text }) => ({
      path: path.join('.github/workflows', name),
      content: Buffer.from(workflowCopyHeader(name) + text),
      owner: 'workflows',
    })),
    { path: 'schema/slipway.schema.json', content: Buffer.from(`${JSON.stringify(schema, null, 2)}\n`), owner: 'schema' },
    { path: 'docs/configuration.md', content: Buffer.from(renderConfigDoc(schema)), owner: 'docs' },
    { path: 'docs/actions.md', content: Buffer.from(renderActionsIndex(readable)), owner: 'docs' },
    ...readable.map((a) => ({ path: `docs/actions/${actionSlug(a.path)}.md`, content: Buffer.from(renderActionPage(a, schema, workflows)), owner: 'docs' })),
    { path: 'docs/workflows.md', content: Buffer.from(renderWorkflowsDoc(workflows)), owner: 'docs' },
    { path: 'docs/cli.md', content: Buffer.from(renderCliDoc(describeProgram() as unknown as CliCommand, ROOT)), owner: 'docs' },
  ];
}

/** Everything the build writes: bundles first (slow, in parallel pairs), then generated files. `only` filters bundles by name. */
export async function renderAll(only?: string): Promise<Rendered[]> {
  const bundles = findBundles().filter((b) => only === undefined || b.name.includes(only));
  const rendered: Rendered[] = [];
  for (let i = 0; i < bundles.length; i += 2) {
    const batch = await Promise.all(bundles.slice(i, i + 2).map(renderBundle));
    rendered.push(...batch.flat());
  }
  rendered.push(...(await renderGenerated()));
  return rendered;
}

/** The reusable workflows' sources in workflows-templates/, by name. */
async function readWorkflowSources(): Promise<WorkflowFile[]> {
  const dir = path.join(ROOT, 'workflows-templates');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })));
}

/**
 * GitHub calls reusable workflows only from .github/workflows/, so workflows-templates/ is the
 * source and the copies are generated; check-dist fails when a copy drifts.
 */
function workflowCopyHeader(name: string): string {
  return `# Generated from workflows-templates/${name} by \`npm run build\`; edit that file, not this copy.\n`;
}
