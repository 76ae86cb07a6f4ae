import { type Gateway, type GatewayConfigInput, gatewayConfigSchema, startGateway } from '@slipway/gateway';
import type { Logger } from '@slipway/kit';

/** A logger that keeps lines for assertions. */
export function memoryLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => {
    lines.push(`${level}: ${m}`);
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

export interface Harness {
  gw: Gateway;
  log: Logger & { lines: string[] };
  access: Record<string, unknown>[];
}

/** Starts a gateway on free loopback ports with an in-memory log and access log. */
export async function startTestGateway(config: Omit<GatewayConfigInput, 'version'>, env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const log = memoryLog();
  const access: Record<string, unknown>[] = [];
  const gw = await startGateway({
    config: gatewayConfigSchema.parse({ version: 1, ...config }),
    log,
    env,
    accessLog: (line) => access.push(JSON.parse(line) as Record<string, unknown>),
    listen: { host: '127.0.0.1', port: 0 },
    adminListen: { host: '127.0.0.1', port: 0 },
  });
  return { gw, log, access };
}

/** A chat completion through the gateway; returns status, headers and parsed body. */
export async function chat(
  url: string,
  options: { headers?: Record<string, string>; body?: Record<string, unknown> } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...options.body }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
