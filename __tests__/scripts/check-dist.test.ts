import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');

function checkDist(against: string) {
  // Only the root action's bundle: the full rebuild already ran once in `npm test` before jest.
  const r = spawnSync(process.execPath, [TSX, 'scripts/check-dist.ts', '--against', against, '--only', 'umbrella'], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

// Builds the root action's bundle three times: the check is only worth having if it catches a one-line edit.
describe('check-dist', () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'slipway-dist-copy-'));
    for (const p of ['action.yml', 'actions', 'schema', 'docs', '.github/workflows', '__tests__/__fixtures__/actions'])
      cpSync(p, path.join(copy, p), { recursive: true });
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  test('passes on the committed tree, and fails naming the action when a dist line is deleted', () => {
    const fresh = checkDist(copy);
    expect(fresh.out).toContain('are fresh');
    expect(fresh.code).toBe(0);

    const bundle = path.join(copy, 'actions/umbrella/dist/index.js');
    const lines = readFileSync(bundle, 'utf8').split('\n');
    lines.splice(10, 1);
    writeFileSync(bundle, lines.join('\n'));
    const stale = checkDist(copy);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('actions/umbrella/dist/index.js is stale (from actions/umbrella)');
    expect(stale.out).toContain('Rebuild actions/umbrella with `npm run build` and commit the result.');
  }, 120_000);

  test('a stale generated schema is caught too', () => {
    const schema = path.join(copy, 'schema/slipway.schema.json');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('"version"', '"verison"'));
    const stale = checkDist(copy);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('schema/slipway.schema.json is stale (from schema)');
  }, 120_000);
});
