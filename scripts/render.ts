import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { configJsonSchema } from '@slipway/config';
import { type Bundle, findBundles, ROOT } from './bundles.js';
import { renderActionsDoc, renderConfigDoc } from './docs.js';

type Ncc = (entry: string, options: Record<string, unknown>) => Promise<{ code: string; assets: Record<string, { source: string | Buffer }> }>;
const ncc = createRequire(import.meta.url)('@vercel/ncc') as Ncc;

/** A file the build produces, by path relative to the repository root. */
export interface Rendered {
  path: string;
  content: Buffer;
  /** Which command regenerates it, for the stale-file message. */
  owner: string;
}

/** Compiles one action into its dist/ files in memory. tsc -b has already type-checked it. */
export async function renderBundle(bundle: Bundle): Promise<Rendered[]> {
  const out = await ncc(bundle.entry, { transpileOnly: true, quiet: true, license: 'licenses.txt', target: 'es2022' });
  const rel = path.relative(ROOT, bundle.distDir);
  const files = [{ name: 'index.js', source: out.code }, ...Object.entries(out.assets).map(([name, a]) => ({ name, source: a.source }))];
  return files.map((f) => ({ path: path.join(rel, f.name), content: Buffer.from(f.source), owner: bundle.name }));
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
  return [
    ...(await renderWorkflowCopies()),
    { path: 'schema/slipway.schema.json', content: Buffer.from(`${JSON.stringify(schema, null, 2)}\n`), owner: 'schema' },
    { path: 'docs/configuration.md', content: Buffer.from(renderConfigDoc(schema)), owner: 'docs' },
    { path: 'docs/actions.md', content: Buffer.from(renderActionsDoc(actions.filter((a) => a.text !== ''))), owner: 'docs' },
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

/**
 * GitHub calls reusable workflows only from .github/workflows/, so workflows-templates/ is the
 * source and these copies are generated; check-dist fails when a copy drifts.
 */
export async function renderWorkflowCopies(): Promise<Rendered[]> {
  const dir = path.join(ROOT, 'workflows-templates');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(path.join(dir, name), 'utf8');
      const header = `# Generated from workflows-templates/${name} by \`npm run build\`; edit that file, not this copy.\n`;
      return { path: path.join('.github/workflows', name), content: Buffer.from(header + text), owner: 'workflows' };
    }),
  );
}
