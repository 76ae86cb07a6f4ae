import { readFile } from 'node:fs/promises';
import { type ExitCode, GateError, readInputs, runCapability, UserError } from '@slipway/kit';
import { createActionsRuntime } from '@slipway/kit/actions';

/** Echoes its input through every channel of the runner protocol, and fails on demand. */
export async function run(): Promise<ExitCode> {
  const rt = createActionsRuntime();
  return runCapability(rt, 'echo', async () => {
    const inputs = readInputs(rt, {
      message: { kind: 'string', required: true },
      count: { kind: 'integer', default: '1', min: 1, max: 5 },
      token: { kind: 'secret' },
      fail: { kind: 'enum', values: ['none', 'user', 'gate', 'bug'], default: 'none' },
    });
    if (inputs.token) rt.log.info(`using token ${inputs.token}`);
    const echoed = Array.from({ length: inputs.count }, () => inputs.message).join(' ');
    rt.setOutput('echoed', echoed);
    const eventPath = process.env.GITHUB_EVENT_PATH;
    if (eventPath) {
      const event = JSON.parse(await readFile(eventPath, 'utf8')) as { action?: string };
      rt.setOutput('event-name', event.action ?? '');
    }
    await rt.appendSummary(`### echo\n\n${echoed}\n`);
    rt.annotate({ level: 'warning', message: 'fixture warning', file: 'slipway.yml', line: 3, column: 5 });
    if (inputs.fail === 'user') throw new UserError('the fixture was told to fail', { location: { file: 'slipway.yml', line: 7 } });
    if (inputs.fail === 'gate') throw new GateError('the fixture gate said no');
    if (inputs.fail === 'bug') throw new TypeError('fixture bug');
  });
}
