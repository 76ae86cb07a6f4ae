import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { addArtifacts, collectGarbage, pushArtifacts } from '@slipway/store';
import { quietRuntime, tempRepo, writeTree } from './helpers.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

test('gc keeps objects that pointers in the given git refs reference, and only those', async () => {
  const repo = await tempRepo();
  const remote = await tempRepo('slipway-gc-remote-');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo.dir, encoding: 'utf8' });
  try {
    git('init', '-q', '-b', 'main');
    const rt = quietRuntime(repo.dir);
    const options = { remote: `file://${remote.dir}` };
    for (const v of ['v1', 'v2', 'v3']) {
      await writeTree(repo.dir, { 'model/weights.bin': `weights ${v}`, 'model/config.json': '{"same": true}' });
      await addArtifacts(rt, { paths: ['model'] });
      await pushArtifacts(rt, options);
      git('add', 'model.dvc', '.gitignore');
      git('commit', '-q', '-m', v);
      if (v === 'v1') git('tag', 'release-1');
    }
    // Workspace = v3; release-1 = v1; v2 is referenced by nothing we name.
    const result = await collectGarbage(rt, { ...options, refs: ['release-1'], cloud: true, force: true });
    const removed = result.remote?.unreferenced ?? [];
    expect(removed).toContain(`files/md5/${md5('weights v2').slice(0, 2)}/${md5('weights v2').slice(2)}`);
    expect(removed.join(' ')).not.toContain(md5('weights v1').slice(2));
    expect(removed.join(' ')).not.toContain(md5('weights v3').slice(2));
    expect(removed.join(' ')).not.toContain(md5('{"same": true}').slice(2));
    expect(removed).toHaveLength(2); // v2's weights and v2's .dir listing
    expect(result.remote?.removed).toBe(2);
    const bad = (await collectGarbage(rt, { ...options, refs: ['no-such-ref'] }).catch((e: unknown) => e)) as { exitCode: number; message: string };
    expect(bad.exitCode).toBe(2);
    expect(bad.message).toMatch(/input "refs": git cannot read "no-such-ref"/);
  } finally {
    await repo.cleanup();
    await remote.cleanup();
  }
});
