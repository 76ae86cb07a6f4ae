#!/usr/bin/env node
// `npm run demo` on a fresh clone: install dependencies if missing, compile, then run `slipway demo`.
// Plain JavaScript on purpose: it must run before anything is installed or built.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(label, command, args) {
  console.error(`> ${label}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: "${label}" failed (exit ${r.status ?? r.signal}); fix that first, then run npm run demo again`);
    process.exit(r.status || 1);
  }
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) step('npm ci', npm, ['ci', '--no-audit', '--no-fund']);
step('compile (tsc -b)', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b']);
const demo = spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/slipway.js'), 'demo', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(demo.status ?? 1);
