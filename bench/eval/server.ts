// The scripted OpenAI-compatible server in a process of its own, so the benchmark harness never
// competes with it for an event loop. Prints its base URL; answers "echo: <question>".
import { startLlmServer } from '../../__tests__/helpers/llm-server.js';

const server = await startLlmServer({ latencyMs: Number(process.argv[2] ?? 0), replies: (c) => `echo: ${c.lastUserMessage}` });
// The helper records every request for tests to inspect; nobody reads them here, and tens of
// thousands of kept bodies would only make this process's garbage collector pause mid-benchmark.
setInterval(() => {
  server.requests.length = 0;
}, 100).unref();
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
