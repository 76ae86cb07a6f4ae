// The benchmark's upstream: an OpenAI-compatible server with fixed latency, in its own process so
// its CPU is not the gateway's. Usage: node upstream.mjs --latency-ms 20 --chunks 10 --chunk-ms 10
import { createServer } from 'node:http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const latencyMs = arg('latency-ms', 20);
const chunks = arg('chunks', 10);
const chunkMs = arg('chunk-ms', 10);

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 0,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The quick brown fox jumps over the lazy dog.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 10, total_tokens: 22 },
});
const chunk = (content) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: 'bench-model', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const usage = `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: 'bench-model', choices: [], usage: { prompt_tokens: 12, completion_tokens: chunks, total_tokens: 12 + chunks } })}\n\n`;

const server = createServer((req, res) => {
  const body = [];
  req.on('data', (c) => body.push(c));
  req.on('end', () => {
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"object":"list","data":[{"id":"bench-model","object":"model"}]}');
    }
    const stream = Buffer.concat(body).includes('"stream":true');
    if (!stream) {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
        res.end(completion);
      }, latencyMs);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    let sent = 0;
    const next = () => {
      if (res.destroyed) return;
      if (sent < chunks) {
        res.write(chunk(`tok${sent} `));
        sent++;
        setTimeout(next, chunkMs);
      } else {
        res.end(`${usage}data: [DONE]\n\n`);
      }
    };
    setTimeout(next, latencyMs);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(`upstream listening on http://127.0.0.1:${server.address().port}`));
