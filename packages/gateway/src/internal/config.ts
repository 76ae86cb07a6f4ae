import { readFile } from 'node:fs/promises';
import { parseYamlWithSchema } from '@slipway/config';
import { ConfigError } from '@slipway/kit';
import { z } from 'zod';

// gateway.yml: camelCase keys, every object strict, durations with units, weights in basis points.

const duration = z
  .string()
  .regex(/^(\d+(\.\d+)?(ms|s|m|h))+$/, 'a duration with a unit, such as 250ms, 30s or 10m')
  .meta({ examples: ['2s', '10m'] });

const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a lower-case name: letters, digits, ".", "_" or "-"');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, such as OPENAI_API_KEY');
const listen = z
  .union([z.number().int().min(0).max(65535), z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'host:port, such as 127.0.0.1:8080')])
  .describe('A port, or host:port.');
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name')
  .transform((h) => h.toLowerCase());
const stickyKey = z
  .string()
  .regex(/^(api-key|client-address|header:[A-Za-z0-9-]+)$/, 'one of api-key, client-address or header:<name>')
  .transform((k) => k.toLowerCase());

const backendSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).describe('Base URL of the OpenAI-compatible API, including `/v1`.'),
    apiKeyEnv: envName.optional().describe('Environment variable holding the API key sent upstream as `Authorization: Bearer …`.'),
    timeouts: z
      .object({
        connect: duration.default('2s').describe('Time to open the connection.'),
        firstByte: duration.default('60s').describe('Time to the first byte of the answer (the first token when streaming).'),
        total: duration.default('600s').describe('Time for the whole exchange.'),
      })
      .strict()
      .prefault({}),
    retries: z.number().int().min(0).max(5).default(1).describe('Retries before the first byte (connection errors, 429, 5xx, first-byte timeout).'),
    models: z.record(z.string(), z.string()).optional().describe('Model-name mapping: the name clients send to the name this backend serves.'),
    price: z
      .object({
        inputPerMillion: z.number().min(0).describe('USD per million input tokens.'),
        outputPerMillion: z.number().min(0).describe('USD per million output tokens.'),
      })
      .strict()
      .optional(),
    healthCheck: z
      .object({
        path: z.string().startsWith('/').default('/models').describe('Path below the base URL answered with 2xx when healthy.'),
        interval: duration.default('10s'),
        timeout: duration.default('2s'),
      })
      .strict()
      .optional()
      .describe('Active health checks; an unhealthy backend is routed around like an ejected one.'),
  })
  .strict();

const ruleSchema = z
  .object({
    header: headerName.describe('Request header to test.'),
    equals: z.string().optional(),
    matches: z
      .string()
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, 'a valid regular expression')
      .optional(),
    variant: name.describe('Backend the matching requests go to.'),
  })
  .strict();

const routeSchema = z
  .object({
    name: name.describe('Route (experiment) name; part of the sticky hash.'),
    models: z.array(z.string().min(1)).optional().describe('Request models this route serves; absent: every model.'),
    weights: z.record(name, z.number().int().min(0).max(10_000)).describe('Share of traffic per backend in basis points; they add up to 10000.'),
    sticky: z
      .array(stickyKey)
      .default(['header:x-user-id', 'api-key', 'client-address'])
      .describe('Where the sticky key comes from, first present wins: `header:<name>`, `api-key`, `client-address`.'),
    rules: z.array(ruleSchema).default([]).describe('Header-match rules for A/B tests; the first match wins over the weights.'),
    fallback: z.record(name, name).default({}).describe('Where a failing or ejected backend\u2019s requests go, e.g. `canary: stable`.'),
    shadow: z
      .object({
        variant: name.describe('Backend that receives the mirrored requests.'),
        sampleRate: z.number().min(0).max(1).describe('Share of requests mirrored (0..1).'),
        captureText: z.boolean().default(false).describe('Keep the first 2000 characters of both answers for comparison.'),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The schema of `gateway.yml`. */
export const gatewayConfigSchema = z
  .object({
    version: z.literal(1).describe('Format version; only `1` exists.'),
    listen: listen.default('127.0.0.1:8080').describe('Where the OpenAI-compatible API listens.'),
    admin: z
      .object({
        listen: listen.default('127.0.0.1:8081').describe('Admin API, /metrics and /healthz; loopback unless you say otherwise.'),
        tokenEnv: envName.default('SLIPWAY_GATEWAY_ADMIN_TOKEN').describe('The admin API is off unless this variable holds a token.'),
      })
      .strict()
      .prefault({}),
    overrideHeader: headerName.default('x-slipway-variant').describe('Header that sends a request to a named backend.'),
    clientKeysEnv: envName.optional().describe('Variable with comma-separated client keys; when set, clients must send one as a Bearer token.'),
    limits: z
      .object({
        maxBodyBytes: z
          .number()
          .int()
          .min(1)
          .default(4 * 1024 * 1024)
          .describe('Largest request body accepted (413 beyond).'),
      })
      .strict()
      .prefault({}),
    outlierDetection: z
      .object({
        consecutiveFailures: z.number().int().min(1).default(5),
        ejectFor: duration.default('30s').describe('Cool-down before an ejected backend gets traffic again.'),
      })
      .strict()
      .prefault({}),
    drainTimeout: duration.default('30s').describe('How long shutdown waits for requests in flight.'),
    accessLog: z.enum(['stdout', 'stderr', 'off']).default('stdout').describe('JSON access log (no prompt bodies).'),
    requestLog: z
      .object({
        sampleRate: z.number().min(0).max(1).describe('Share of requests whose prompt and answer are logged, redacted.'),
        redact: z.array(z.string()).default([]).describe('Extra regular expressions to mask, beside e-mail addresses and keys.'),
        file: z.string().min(1).optional().describe('Append one JSON line per sampled exchange to this file; without it each goes to the log.'),
        captureText: z.boolean().default(true).describe('Keep the prompt and answer text (redacted); false keeps only sizes and token counts.'),
        maxTextChars: z.number().int().min(0).max(100_000).default(2000).describe('Texts are cut to this many characters.'),
        keep: z.number().int().min(0).max(100_000).default(5000).describe('Entries kept in memory for `GET /admin/requests` (slipway monitor reads them).'),
      })
      .strict()
      .optional(),
    tracing: z
      .object({
        otlpEndpoint: z
          .url({ protocol: /^https?$/ })
          .describe('OTLP/HTTP endpoint, e.g. http://127.0.0.1:4318; spans are posted to <endpoint>/v1/traces as JSON.'),
        sampleRate: z.number().min(0).max(1).default(1).describe('Share of requests traced when the caller sent no sampled traceparent.'),
        serviceName: z.string().min(1).default('slipway-gateway'),
      })
      .strict()
      .optional()
      .describe('OpenTelemetry traces: one span per request with the GenAI attributes; `traceparent` is continued and passed upstream.'),
    stats: z
      .object({ maxSamples: z.number().int().min(100).max(1_000_000).default(20_000).describe('Samples kept per variant for /admin/stats.') })
      .strict()
      .prefault({}),
    backends: z.record(name, backendSchema).refine((b) => Object.keys(b).length > 0, 'at least one backend'),
    routes: z.array(routeSchema).min(1),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const known = new Set(Object.keys(cfg.backends));
    const list = [...known].join(', ');
    const names = new Set<string>();
    cfg.routes.forEach((route, i) => {
      const at = ['routes', i];
      if (names.has(route.name)) ctx.addIssue({ code: 'custom', path: [...at, 'name'], message: `route name "${route.name}" is used twice` });
      names.add(route.name);
      let sum = 0;
      for (const [backend, w] of Object.entries(route.weights)) {
        sum += w;
        if (!known.has(backend))
          ctx.addIssue({ code: 'custom', path: [...at, 'weights', backend], message: `unknown backend "${backend}"; backends: ${list}` });
      }
      if (sum !== 10_000)
        ctx.addIssue({ code: 'custom', path: [...at, 'weights'], message: `weights add up to ${sum}; they must add up to 10000 (basis points)` });
      route.rules.forEach((r, j) => {
        if (!known.has(r.variant))
          ctx.addIssue({ code: 'custom', path: [...at, 'rules', j, 'variant'], message: `unknown backend "${r.variant}"; backends: ${list}` });
        if ((r.equals === undefined) === (r.matches === undefined))
          ctx.addIssue({ code: 'custom', path: [...at, 'rules', j], message: 'a rule needs exactly one of equals or matches' });
      });
      for (const [from, to] of Object.entries(route.fallback)) {
        if (!known.has(from)) ctx.addIssue({ code: 'custom', path: [...at, 'fallback', from], message: `unknown backend "${from}"; backends: ${list}` });
        if (!known.has(to)) ctx.addIssue({ code: 'custom', path: [...at, 'fallback', from], message: `unknown backend "${to}"; backends: ${list}` });
        if (from === to) ctx.addIssue({ code: 'custom', path: [...at, 'fallback', from], message: 'a backend cannot fall back to itself' });
      }
      if (route.shadow && !known.has(route.shadow.variant))
        ctx.addIssue({ code: 'custom', path: [...at, 'shadow', 'variant'], message: `unknown backend "${route.shadow.variant}"; backends: ${list}` });
    });
  })
  .meta({ title: 'gateway.yml', description: 'Slipway gateway: backends, routes with weights, sticky keys, rules, fallback and shadow.' });

/** A validated `gateway.yml`, defaults filled in. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
/** What a user writes in `gateway.yml` (defaults optional). */
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type BackendConfig = GatewayConfig['backends'][string];
export type RouteConfig = GatewayConfig['routes'][number];

/** The JSON Schema of `gateway.yml`, for editors (`# yaml-language-server: $schema=…`). */
export function gatewayConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(gatewayConfigSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}

/** Parses and validates `gateway.yml` text (YAML or JSON); throws a ConfigError naming file:line:col. */
export function parseGatewayConfig(text: string, file = 'gateway.yml'): GatewayConfig {
  return parseYamlWithSchema(gatewayConfigSchema, text, file);
}

/** Reads and validates a `gateway.yml`. */
export async function loadGatewayConfig(file: string): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      { location: { file }, message: `cannot read the gateway configuration: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}` },
    ]);
  }
  return parseGatewayConfig(text, file);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds in a duration such as `1m30s` (already validated by the schema). */
export function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
  return total;
}

/** `8080` or `host:8080` as host and port (a bare port listens on loopback). */
export function parseListen(value: number | string): { host: string; port: number } {
  if (typeof value === 'number') return { host: '127.0.0.1', port: value };
  const i = value.lastIndexOf(':');
  return { host: value.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(value.slice(i + 1)) };
}
