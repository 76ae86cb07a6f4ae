import { spawn } from 'node:child_process';
import { type ServiceProcess, spawnService } from '@slipway/kit';

/** Runs one of the example app's scripts to completion; rejects with its output on failure. */
export function runScript(exampleDir: string, script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`scripts/${script}`, ...args], { cwd: exampleDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`))));
  });
}

/** Starts the example model's OpenAI-compatible server on a free port. */
export function serveModel(exampleDir: string, modelDir: string, modelName: string): Promise<ServiceProcess> {
  return spawnService(process.execPath, ['scripts/serve.mjs', '--model', modelDir, '--port', '0', '--model-name', modelName], {
    cwd: exampleDir,
    ready: /listening on (http:\/\/\S+)/,
    name: `support-bot ${modelName}`,
  });
}

export interface ChatAnswer {
  content: string;
  latencyMs: number;
  completionTokens: number;
}

/** One chat completion against an OpenAI-compatible base URL (…/v1), streamed or not. */
export async function ask(baseUrl: string, model: string, question: string, stream = false): Promise<ChatAnswer> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, ...(stream ? { stream_options: { include_usage: true } } : {}), messages: [{ role: 'user', content: question }] }),
  });
  if (!res.ok) throw new Error(`${model} answered ${res.status}: ${await res.text()}`);
  if (!stream) {
    const body = (await res.json()) as { choices: { message: { content: string } }[]; usage?: { completion_tokens: number } };
    return { content: body.choices[0]?.message.content ?? '', latencyMs: performance.now() - started, completionTokens: body.usage?.completion_tokens ?? 0 };
  }
  let content = '';
  let completionTokens = 0;
  for (const line of (await res.text()).split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const chunk = JSON.parse(line.slice(6)) as { choices: { delta: { content?: string } }[]; usage?: { completion_tokens: number } };
    content += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
  }
  return { content, latencyMs: performance.now() - started, completionTokens };
}
