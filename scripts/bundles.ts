import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One action bundle: its TypeScript entry and the committed dist/ folder it compiles to. */
export interface Bundle {
  name: string;
  entry: string;
  distDir: string;
}

/**
 * Every action (and test-fixture action) with a src/index.ts, found by folder so adding an action
 * needs no list edit; and the CLI, which starts in a third of the time from one bundle instead of
 * some 250 module files.
 */
export function findBundles(): Bundle[] {
  const roots = ['actions', '__tests__/__fixtures__/actions'];
  const cli = { name: 'packages/cli', entry: path.join(ROOT, 'packages/cli/src/main.ts'), distDir: path.join(ROOT, 'packages/cli/dist') };
  return [
    cli,
    ...roots.flatMap((root) => {
      const dir = path.join(ROOT, root);
      if (!existsSync(dir)) return [];
      return readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'src/index.ts')))
        .map((d) => ({ name: `${root}/${d.name}`, entry: path.join(dir, d.name, 'src/index.ts'), distDir: path.join(dir, d.name, 'dist') }));
    }),
  ];
}
