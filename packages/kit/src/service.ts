import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface SpawnServiceOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A line on stdout or stderr that means "ready"; its first capture group becomes `url`. */
  ready: RegExp;
  timeoutMs?: number;
  /** Shown in errors. */
  name?: string;
}

/** A long-running child process that said it was ready. */
export interface ServiceProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything it printed so far, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves when it has exited. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a server process and waits for its ready line. If it exits or stays silent
 * past the timeout, it is killed and the error quotes the end of its output.
 */
export async function spawnService(command: string, args: readonly string[], options: SpawnServiceOptions): Promise<ServiceProcess> {
  const name = options.name ?? command;
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const tail = () => output.split('\n').slice(-15).join('\n');
  const service: ServiceProcess = {
    url: '',
    pid: child.pid ?? -1,
    output: () => output,
    stop: (graceMs = 3000) => stopChild(child, graceMs),
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} was not ready after ${options.timeoutMs ?? 20_000} ms:\n${tail()}`)),
        options.timeoutMs ?? 20_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = options.ready.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] ?? '');
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`${name} could not start: ${e.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready:\n${tail()}`));
      });
    });
    return { ...service, url };
  } catch (error) {
    await service.stop(500);
    throw error;
  }
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
