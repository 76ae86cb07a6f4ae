import type { Logger } from '@slipway/kit';
import { ECS_VERSION } from './access-log.js';

/**
 * A {@link Logger} that writes one ECS JSON line per message (the same shape as the access log),
 * so a container's whole output goes to Elasticsearch without a parser. `secrets` are masked, in
 * case a message ever quotes one.
 */
export function ecsLogger(write: (line: string) => void, secrets: readonly string[] = [], minLevel: 'debug' | 'info' = 'info'): Logger {
  const mask = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join('***') : t), text);
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) => {
    if (level === 'debug' && minLevel !== 'debug') return;
    write(
      JSON.stringify({
        '@timestamp': new Date().toISOString(),
        'log.level': level,
        message: mask(message),
        'ecs.version': ECS_VERSION,
        log: { logger: 'slipway.gateway' },
        event: { dataset: 'slipway.gateway.log' },
        service: { name: 'slipway-gateway' },
      }),
    );
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
