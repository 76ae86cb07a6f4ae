// Writes every action's dist/ and the generated schema and docs. `tsc -b` runs first (see package.json).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findBundles, ROOT } from './bundles.js';
import { renderAll } from './render.js';

// `--only <name>` rebuilds the bundles whose name contains it (and the generated files): for quick iteration.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
const started = performance.now();
const files = await renderAll(only);
// A dist/ holds only what this build wrote: a file the bundler stopped emitting must not linger.
for (const bundle of findBundles().filter((b) => only === undefined || b.name.includes(only))) {
  const keep = new Set(files.filter((f) => f.owner === bundle.name).map((f) => path.join(ROOT, f.path)));
  const existing = await readdir(bundle.distDir).catch(() => [] as string[]);
  for (const name of existing) if (!keep.has(path.join(bundle.distDir, name))) await rm(path.join(bundle.distDir, name), { recursive: true });
}
for (const f of files) {
  const target = path.join(ROOT, f.path);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, f.content);
}
console.log(`built ${findBundles().length} bundles and ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
