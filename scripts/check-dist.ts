// Fails when a committed dist/ or generated file differs from what the build makes now,
// naming each stale file, the command that refreshes it, and the diff.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBundles, ROOT } from './bundles.js';
import { renderAll } from './render.js';

// `--against DIR` compares with a copy of the tree instead of this checkout (used by the tests).
const againstAt = process.argv.indexOf('--against');
const against = againstAt > 0 ? path.resolve(process.argv[againstAt + 1] ?? '.') : ROOT;

// `--only <name>` checks only the bundles whose name contains it (and the generated files).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
const files = await renderAll(only);
const stale: string[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'slipway-check-dist-'));
try {
  for (const f of files) {
    const target = path.join(against, f.path);
    let current: Buffer | undefined;
    try {
      current = readFileSync(target);
    } catch {
      current = undefined;
    }
    if (current?.equals(f.content)) continue;
    stale.push(`${f.path} (${f.owner})`);
    const fresh = path.join(scratch, f.path.replace(/[\\/]/g, '__'));
    writeFileSync(fresh, f.content);
    const diff = spawnSync('git', ['diff', '--no-index', '--stat', '--', current ? target : '/dev/null', fresh], { encoding: 'utf8' });
    const detail = spawnSync('git', ['diff', '--no-index', '-U1', '--', current ? target : '/dev/null', fresh], { encoding: 'utf8' });
    console.error(`\n✗ ${f.path} is stale (from ${f.owner})\n${diff.stdout}${detail.stdout.split('\n').slice(0, 40).join('\n')}`);
  }
  // A file in a dist/ that the build no longer writes is stale too.
  const expected = new Set(files.map((f) => f.path));
  for (const b of findBundles().filter((x) => only === undefined || x.name.includes(only))) {
    const distRel = path.relative(ROOT, b.distDir);
    for (const name of readdirSafe(path.join(against, distRel))) {
      const rel = path.join(distRel, name);
      if (!expected.has(rel)) stale.push(`${rel} (${b.name}: no longer built)`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (stale.length > 0) {
  const owners = [...new Set(stale.map((s) => s.replace(/^.*\((.*?)(:.*)?\)$/, '$1')))];
  console.error(
    `\ncheck-dist: ${stale.length} file(s) are stale:\n  ${stale.join('\n  ')}\nRebuild ${owners.join(', ')} with \`npm run build\` and commit the result.`,
  );
  process.exit(1);
}
console.log(`check-dist: ${files.length} built and generated files are fresh`);

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
