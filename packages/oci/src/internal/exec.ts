import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program; injected into drivers so tests can check arguments without the program. */
export type Exec = (
  command: string,
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; onLine?: (line: string) => void },
) => Promise<ExecResult>;

/** The real {@link Exec}: a child process, output collected (and streamed line by line to `onLine`). */
export const execFile: Exec = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const line = (chunk: string) => {
      if (!options.onLine) return;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) options.onLine(l);
    };
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      line(c.toString());
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      line(c.toString());
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.once('error', (e) => {
      if (timer) clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: `${stderr}${e.message}` });
    });
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
