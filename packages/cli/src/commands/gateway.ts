import path from 'node:path';
import { InputError } from '@slipway/kit';
import type { CommandModule } from '../command.js';

interface GatewayFlags {
  check?: boolean;
  schema?: boolean;
  watch: boolean;
  port?: string;
  adminPort?: string;
}

function portFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InputError(name, `found ${JSON.stringify(value)}; expected a port number 0..65535`);
  return n;
}

/**
 * `slipway gateway --config gateway.yml`: serves the OpenAI-compatible gateway until SIGINT or
 * SIGTERM, then drains requests in flight. `--check` only validates the file.
 */
export const gatewayCommand: CommandModule = {
  register(program, execute) {
    program
      .command('gateway')
      .description('serve the OpenAI-compatible LLM gateway from gateway.yml (-c/--config FILE); reloads when the file changes')
      .option('--check', 'validate the configuration and exit')
      .option('--schema', 'print the JSON Schema of gateway.yml and exit')
      .option('--no-watch', 'do not reload when the file changes')
      .option('--port <port>', 'listen on this port instead of `listen` (0: any free port)')
      .option('--admin-port <port>', 'admin listener port instead of `admin.listen`')
      .action((flags: GatewayFlags) =>
        execute('gateway', {}, async (rt, globals) => {
          const { gatewayConfigJsonSchema, loadGatewayConfig, startGateway } = await import('@slipway/gateway');
          if (flags.schema) {
            const schema = gatewayConfigJsonSchema();
            if (!globals.json) process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
            return schema;
          }
          const file = path.resolve(globals.cwd, globals.config ?? 'gateway.yml');
          const display = path.relative(process.cwd(), file) || file;
          const config = await loadGatewayConfig(display.startsWith('..') ? file : display);
          const routes = config.routes.map(
            (r) =>
              `${r.name} (${Object.entries(r.weights)
                .map(([b, w]) => `${b} ${w / 100}%`)
                .join(', ')})`,
          );
          if (flags.check) {
            rt.log.info(`${display}: valid; backends ${Object.keys(config.backends).join(', ')}; routes ${routes.join('; ')}`);
            return { file, valid: true, backends: Object.keys(config.backends), routes: config.routes.map((r) => r.name) };
          }
          const port = portFlag('port', flags.port);
          const adminPort = portFlag('admin-port', flags.adminPort);
          const { parseListenAddress } = await import('@slipway/gateway');
          const adminToken = process.env[config.admin.tokenEnv];
          if (adminToken) rt.setSecret(adminToken);
          for (const b of Object.values(config.backends)) {
            const key = b.apiKeyEnv ? process.env[b.apiKeyEnv] : undefined;
            if (key) rt.setSecret(key);
          }
          // With --json, stdout carries the one result: access-log lines go to stderr instead.
          const accessLog =
            config.accessLog === 'off'
              ? undefined
              : (line: string) => (globals.json || config.accessLog === 'stderr' ? process.stderr : process.stdout).write(`${line}\n`);
          const gw = await startGateway({
            config,
            configFile: file,
            watch: flags.watch,
            log: rt.log,
            ...(accessLog ? { accessLog } : { accessLog: () => undefined }),
            ...(port !== undefined ? { listen: { host: parseListenAddress(config.listen).host, port } } : {}),
            ...(adminPort !== undefined ? { adminListen: { host: parseListenAddress(config.admin.listen).host, port: adminPort } } : {}),
          });
          rt.log.info(`gateway listening on ${gw.url} (admin ${gw.adminUrl}); routes ${routes.join('; ')}`);
          const signal = await new Promise<NodeJS.Signals>((resolve) => {
            process.once('SIGINT', () => resolve('SIGINT'));
            process.once('SIGTERM', () => resolve('SIGTERM'));
          });
          rt.log.info(`gateway: ${signal}, draining requests in flight (up to ${gw.config().drainTimeout})`);
          await gw.stop();
          rt.log.info('gateway stopped');
          return { url: gw.url, adminUrl: gw.adminUrl, version: gw.version(), changes: gw.changes().length };
        }),
      );
  },
};
