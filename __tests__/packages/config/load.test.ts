import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configJsonSchema, loadConfig, parseConfig } from '@slipway/config';
import { ConfigError } from '@slipway/kit';

function problems(text: string): string[] {
  try {
    parseConfig(text, 'slipway.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.location.line}:${p.location.column} ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('slipway.yml errors name line, column, the value found and what is allowed', () => {
  test.each([
    [
      'unknown key with a suggestion',
      'version: 1\nartifacts:\n  remote: file://x\n  pahts: [a]\n',
      '4:3 unknown key "pahts" in artifacts (did you mean "paths"?); allowed keys: remote, paths, jobs, cache, s3',
    ],
    [
      'unknown section',
      'version: 1\nevals: {}\n',
      '2:1 unknown key "evals" in the top level (did you mean "eval"?); allowed keys: version, artifacts, eval, build, deploy, monitor, train',
    ],
    ['wrong type', 'version: 1\neval:\n  concurrency: lots\n', '3:16 eval.concurrency: expected a number, found "lots"'],
    ['out of range', 'version: 1\nartifacts:\n  jobs: 0\n', '3:9 artifacts.jobs: found 0; must be at least 1'],
    ['bad enum', 'version: 1\ndeploy:\n  router: nginx\n', '3:11 deploy.router: found "nginx"; allowed: "gateway", "kubernetes", "sagemaker"'],
    [
      'bad duration',
      'version: 1\neval:\n  timeout: 5 minutes\n',
      '3:12 eval.timeout: found "5 minutes"; expected a duration with a unit, such as 90s, 5m or 1h30m',
    ],
    [
      'bad remote',
      'version: 1\nartifacts:\n  remote: ftp://x\n',
      '3:11 artifacts.remote: found "ftp://x"; expected a remote URL: file://path or s3://bucket/prefix',
    ],
    ['missing version', 'eval: {}\n', '1:1 version is required: set it to 1'],
    ['wrong version', 'version: 2\n', '1:10 version: found 2; allowed: 1'],
    ['list item', 'version: 1\neval:\n  suites:\n    - a.yaml\n    - 7\n', '5:7 eval.suites[1]: expected a string, found 7'],
    ['bad YAML', 'version: 1\nartifacts: [a\n', '3:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['duplicate key', 'version: 1\nversion: 1\n', '2:1 invalid YAML: Map keys must be unique'],
    ['not a mapping', '- a\n- b\n', '1:1 the file must be a mapping of sections (version: 1, artifacts: …, eval: …)'],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)[0]).toBe(expected);
  });

  test('every problem is reported, in file order', () => {
    const found = problems('version: 1\ndeploy:\n  router: x\n  strategy: y\nfoo: 1\n');
    expect(found.map((p) => p.split(' ')[0])).toEqual(['3:11', '4:13', '5:1']);
  });

  test('a valid file parses to typed values', () => {
    const config = parseConfig('version: 1\nartifacts:\n  remote: s3://bucket/models\n  paths: [model]\n  jobs: 16\n', 'slipway.yml');
    expect(config.artifacts).toEqual({ remote: 's3://bucket/models', paths: ['model'], jobs: 16 });
  });
});

describe('loadConfig', () => {
  test('finds slipway.yml in the folder, or falls back to defaults', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-config-'));
    await expect(loadConfig({ dir })).resolves.toEqual({ config: { version: 1 }, file: undefined, dir });
    await writeFile(path.join(dir, 'slipway.yaml'), 'version: 1\ntrain:\n  command: make train\n');
    const loaded = await loadConfig({ dir });
    expect(loaded.file).toBe(path.join(dir, 'slipway.yaml'));
    expect(loaded.config.train?.command).toBe('make train');
  });

  test('an explicit file that does not exist is an error naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-config-'));
    await expect(loadConfig({ dir, file: 'nope.yml' })).rejects.toThrow(/nope\.yml: cannot read the configuration: no such file/);
  });

  test('the example app config is valid', async () => {
    const loaded = await loadConfig({ dir: path.resolve('examples/support-bot') });
    expect(loaded.file).toMatch(/slipway\.yml$/);
  });
});

describe('JSON Schema', () => {
  test('is strict, requires version and describes every section', () => {
    const schema = configJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, { description?: string; additionalProperties?: boolean }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version']);
    for (const section of ['artifacts', 'eval', 'build', 'deploy', 'monitor', 'train']) {
      expect(schema.properties[section]?.description).toBeTruthy();
      expect(schema.properties[section]?.additionalProperties).toBe(false);
    }
  });
});
