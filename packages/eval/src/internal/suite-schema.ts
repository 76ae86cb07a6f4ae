import { z } from 'zod';

// One schema reads both our suites and the common subset of a promptfoo config: promptfoo's names
// (`defaultTest`, `config.apiBaseUrl`, `openai:chat:<model>`, `icontains-any`, `llm-rubric`, …) are
// accepted beside ours, so a team can point Slipway at the file it already has.

const vars = z.record(z.string(), z.unknown());

export const ASSERTION_TYPES = [
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'regex',
  'starts-with',
  'is-json',
  'contains-json',
  'json-schema',
  'is-valid-json-schema',
  'javascript',
  'latency',
  'ttft',
  'cost',
  'tokens',
  'levenshtein',
  'bleu',
  'rouge-1',
  'rouge-2',
  'rouge-l',
  'rouge-n',
  'chrf',
  'similar',
  'llm-rubric',
  'is-refusal',
  'no-secrets',
  'no-pii',
] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];

const typeName = z.string().refine((t) => (ASSERTION_TYPES as readonly string[]).includes(t.replace(/^not-/, '')), {
  message: `unknown assertion type; allowed: ${ASSERTION_TYPES.join(', ')} (each may be prefixed with not-)`,
});

export const assertionSchema = z
  .object({
    type: typeName.describe('What to check; `not-` inverts it.'),
    value: z.unknown().optional().describe('What the check compares against: text, a list, a regex, a JS expression, a schema, a rubric.'),
    threshold: z.number().optional().describe('Score (or ms, USD, tokens) the check must reach or stay under.'),
    weight: z.number().min(0).optional().describe('Weight of this check in the test score (default 1).'),
    metric: z.string().optional().describe('Name the score is reported under.'),
    provider: z.string().optional().describe('llm-rubric / similar: the judge or embeddings provider id.'),
    votes: z.number().int().min(1).max(15).optional().describe('llm-rubric: ask the judge k times and take the majority.'),
    mode: z.enum(['sentence', 'corpus']).optional(),
  })
  .strict();
export type AssertionSpec = z.infer<typeof assertionSchema>;

const price = z
  .object({ input: z.number().min(0), output: z.number().min(0) })
  .strict()
  .describe('USD per million tokens.');

export const providerObjectSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .describe('`openai:chat:<model>`, `azure:chat:<deployment>`, `anthropic:messages:<model>`, `http`, `exec:<command>`, or a name of yours.'),
    label: z.string().optional().describe('The name shown in reports and used to pair results; defaults to id.'),
    type: z.enum(['openai', 'anthropic', 'http', 'command']).optional(),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: documents the suite's ${VAR} syntax
    baseUrl: z.string().optional().describe('Base URL including /v1 for OpenAI-compatible servers. `${VAR}` reads the environment.'),
    model: z.string().optional(),
    apiKeyEnv: z.string().optional().describe('Environment variable holding the API key (never the key itself).'),
    params: z.record(z.string(), z.unknown()).optional().describe('Request parameters: temperature, max_tokens, seed, …'),
    stream: z.boolean().optional().describe('Stream the answer to measure time to first token (default true).'),
    concurrency: z.number().int().min(1).max(1024).optional(),
    rpm: z.number().positive().optional().describe('Requests per minute.'),
    tpm: z.number().positive().optional().describe('Tokens per minute.'),
    timeout: z.number().int().positive().optional().describe('Milliseconds for one call.'),
    retries: z.number().int().min(0).max(10).optional(),
    price: price.optional(),
    // http provider
    url: z.string().optional(),
    method: z.string().optional(),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: documents the suite's ${VAR} syntax
    headers: z.record(z.string(), z.string()).optional().describe('Extra request headers (any provider); `${VAR}` reads the environment.'),
    query: z.record(z.string(), z.string()).optional().describe('openai: query parameters on every call, e.g. Azure OpenAI `api-version`.'),
    apiKeyHeader: z.string().min(1).optional().describe('openai: send the key in this header (Azure OpenAI: `api-key`) instead of `Authorization: Bearer`.'),
    body: z.unknown().optional(),
    responsePath: z.string().optional().describe('http: where the answer is in the JSON response, e.g. `choices.0.message.content`.'),
    // command provider
    command: z.string().optional(),
    // promptfoo
    config: z.record(z.string(), z.unknown()).optional().describe('promptfoo style: apiBaseUrl, apiKeyEnvar, temperature, max_tokens, …'),
  })
  .strict();
export type ProviderSpec = z.infer<typeof providerObjectSchema>;

const message = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }).strict();
export const promptSchema = z.union([
  z.string().min(1),
  z
    .object({
      id: z.string().optional(),
      label: z.string().optional(),
      raw: z.string().optional(),
      messages: z.array(message).min(1).optional(),
    })
    .strict(),
]);

export const testSchema = z
  .object({
    id: z.string().min(1).optional().describe('Stable id that pairs this test with its baseline; defaults to a hash of description and vars.'),
    description: z.string().optional(),
    vars: vars.optional(),
    expected: z.string().optional().describe('Reference answer for metrics (`{{expected}}` in templates).'),
    tags: z.array(z.string()).optional().describe('unit, integration, regression, inference, critical, or your own.'),
    assert: z.array(assertionSchema).optional(),
    threshold: z.number().min(0).max(1).optional().describe('Weighted score the test needs to pass (default: every check passes).'),
    repeat: z.number().int().min(1).max(100).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type TestSpec = z.infer<typeof testSchema>;

const defaults = z
  .object({
    vars: vars.optional(),
    assert: z.array(assertionSchema).optional(),
    threshold: z.number().min(0).max(1).optional(),
    tags: z.array(z.string()).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const suiteSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    prompts: z.array(promptSchema).min(1).describe('Templates with {{variables}}, chat messages, or file:// paths.'),
    providers: z.array(z.union([z.string().min(1), providerObjectSchema])).min(1),
    tests: z.array(testSchema).min(1),
    defaults: defaults.optional(),
    defaultTest: defaults.optional().describe('promptfoo name for defaults.'),
    repeat: z.number().int().min(1).max(100).optional(),
    evaluateOptions: z.record(z.string(), z.unknown()).optional(),
    sharing: z.unknown().optional(),
  })
  .strict();
export type SuiteFile = z.infer<typeof suiteSchema>;
