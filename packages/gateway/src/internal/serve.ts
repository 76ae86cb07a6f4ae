import { exitCodeFor, InputError, UserError } from '@slipway/kit';
import { loadGatewayConfig } from './config.js';
import { ecsLogger } from './ecs-logger.js';
import { startGateway } from './gateway.js';

/** Where the container image looks for its configuration when neither flag nor variable names one. */
export const DEFAULT_CONFIG_FILE = '/etc/slipway/gateway.yml';

export interface ServeOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where log and access-log lines go (stdout in the image). */
  write: (line: string) => void;
  /** Resolves when the process should drain and stop (SIGTERM/SIGINT in the image). */
  stopSignal: Promise<string>;
}

interface ServeArgs {
  config: string;
  check: boolean;
  watch: boolean;
}

const USAGE = 'usage: gateway.mjs [--config FILE] [--check] [--no-watch]; the file also comes from SLIPWAY_GATEWAY_CONFIG';

/** Reads `--config FILE` (or `-c`, or `--config=FILE`), `--check` and `--no-watch`; SLIPWAY_GATEWAY_CONFIG names the file otherwise. */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServeArgs {
  const args: ServeArgs = { config: env.SLIPWAY_GATEWAY_CONFIG || DEFAULT_CONFIG_FILE, check: false, watch: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--check') args.check = true;
    else if (a === '--no-watch') args.watch = false;
    else if (a === '--config' || a === '-c') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new InputError('config', 'needs a file name', { hint: USAGE });
      args.config = v;
    } else if (a.startsWith('--config=')) args.config = a.slice('--config='.length);
    else throw new InputError(a, 'is not an option of the gateway', { hint: USAGE });
  }
  return args;
}

/**
 * The gateway as a process of its own (the container image's entry point): loads the file, serves
 * until `stopSignal`, drains, and returns the exit code. Every line it writes, log or access log, is
 * ECS JSON; a bad file is one error line naming file:line and exit code 2, before anything listens.
 */
export async function serveGateway(options: ServeOptions): Promise<number> {
  const { env, write } = options;
  const log = ecsLogger(write);
  try {
    const args = parseServeArgs(options.argv, env);
    const config = await loadGatewayConfig(args.config);
    // Secrets the file names are masked in every log line from here on.
    const secrets = [env[config.admin.tokenEnv], ...Object.values(config.backends).map((b) => (b.apiKeyEnv ? env[b.apiKeyEnv] : undefined))].filter(
      (s): s is string => s !== undefined && s !== '',
    );
    const masked = ecsLogger(write, secrets);
    if (args.check) {
      masked.info(`${args.config}: valid; backends ${Object.keys(config.backends).join(', ')}; routes ${config.routes.map((r) => r.name).join(', ')}`);
      return 0;
    }
    const gw = await startGateway({
      config,
      configFile: args.config,
      watch: args.watch,
      log: masked,
      env,
      accessLog: config.accessLog === 'off' ? () => undefined : write,
    });
    masked.info(`gateway listening on ${gw.url} (admin ${gw.adminUrl})`);
    const signal = await options.stopSignal;
    masked.info(`gateway: ${signal}, draining requests in flight (up to ${gw.config().drainTimeout})`);
    await gw.stop();
    masked.info('gateway stopped');
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      log.error(`${error.message}${error.hint ? ` (${error.hint})` : ''}`);
      return exitCodeFor(error);
    }
    const e = error as NodeJS.ErrnoException;
    // A port in use or not allowed is the user's to fix, not a bug.
    if (e?.code === 'EADDRINUSE' || e?.code === 'EACCES' || e?.code === 'EADDRNOTAVAIL') {
      log.error(`gateway: cannot listen: ${e.message} (set listen / admin.listen in the configuration to a free address)`);
      return 2;
    }
    log.error(`gateway: unexpected failure: ${e?.stack ?? String(error)}`);
    return 70;
  }
}
