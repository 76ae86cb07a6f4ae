// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each writes bench/results/<name>.json.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, type BenchResult, writeResult } from './lib.js';

const all = readdirSync(BENCH_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(BENCH_DIR, d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`bench: no benchmark named ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length ? wanted : all) {
  console.error(`bench: ${name} …`);
  const mod = (await import(`./${name}/index.ts`)) as { run(): Promise<BenchResult> };
  const result = await mod.run();
  const file = await writeResult(result);
  console.log(`${name}: ${JSON.stringify(result.medians)}\n  ratios ${JSON.stringify(result.ratios)}`);
  for (const [key, t] of Object.entries(result.targets)) {
    console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${key}: ${t.value}${t.unit} (target ${t.direction === 'max' ? '<=' : '>='} ${t.target}${t.unit})`);
    if (!t.met) failed = true;
  }
  console.log(`  -> ${path.relative(process.cwd(), file)}`);
}
process.exitCode = failed ? 1 : 0;
