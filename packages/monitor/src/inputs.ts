import { type Runtime, readInputs } from '@slipway/kit';
import type { MonitorOptions } from './monitor.js';

/** The inputs of actions/monitor (and of the root action's `command: monitor`), parsed once. */
export function readMonitorInputs(rt: Runtime): MonitorOptions {
  const i = readInputs(rt, {
    environment: { kind: 'string', pattern: /^[a-z0-9][a-z0-9._-]*$/i, patternHint: 'letters, digits, dot, dash, underscore' },
    config: { kind: 'string' },
    source: { kind: 'enum', values: ['gateway', 'prometheus'] },
    'prometheus-url': { kind: 'url' },
    'gateway-admin-url': { kind: 'url' },
    'gateway-token': { kind: 'secret' },
    route: { kind: 'string' },
    state: { kind: 'string' },
    window: { kind: 'string', pattern: /^(\d+(\.\d+)?(ms|s|m|h|d))+$/, patternHint: 'a duration such as 5m or 1h' },
    'request-log': { kind: 'string' },
    reference: { kind: 'string' },
    'drift-window': { kind: 'string', pattern: /^(\d+(\.\d+)?(ms|s|m|h|d))+$/, patternHint: 'a duration such as 1h' },
    'on-breach': { kind: 'enum', values: ['none', 'rollback'] },
    'fail-on': { kind: 'enum', values: ['breach', 'warn', 'never'], default: 'breach' },
    'github-token': { kind: 'secret' },
    'webhook-url': { kind: 'secret' },
    'out-dir': { kind: 'string' },
  });
  return {
    failOn: i['fail-on'],
    ...(i.environment ? { environment: i.environment } : {}),
    ...(i.config ? { configFile: i.config } : {}),
    ...(i.source ? { source: i.source } : {}),
    ...(i['prometheus-url'] ? { prometheusUrl: i['prometheus-url'].href } : {}),
    ...(i['gateway-admin-url'] ? { gatewayAdminUrl: i['gateway-admin-url'].href } : {}),
    ...(i['gateway-token'] ? { gatewayToken: i['gateway-token'] } : {}),
    ...(i.route ? { route: i.route } : {}),
    ...(i.state ? { stateDir: i.state } : {}),
    ...(i.window ? { window: i.window } : {}),
    ...(i['request-log'] ? { requestLog: i['request-log'] } : {}),
    ...(i.reference ? { reference: i.reference } : {}),
    ...(i['drift-window'] ? { driftWindow: i['drift-window'] } : {}),
    ...(i['on-breach'] ? { onBreach: i['on-breach'] } : {}),
    ...(i['github-token'] ? { githubToken: i['github-token'] } : {}),
    ...(i['webhook-url'] ? { webhookUrl: i['webhook-url'] } : {}),
    ...(i['out-dir'] ? { outDir: i['out-dir'] } : {}),
  };
}
