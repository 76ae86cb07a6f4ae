// The scripted OpenAI-compatible server in a process of its own, so the benchmark harness never
// competes with it for an event loop. Prints its base URL; answers "echo: <question>".
import { startLlmServer } from '../../__tests__/helpers/llm-server.js';

const server = await startLlmServer({ latencyMs: Number(process.argv[2] ?? 0), replies: (c) => `echo: ${c.lastUserMessage}` });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
