/**
 * Users chatting through an OpenAI-compatible endpoint until `stop()` — bounded in count and time,
 * as every load on this machine must be. Each worker sends one request at a time.
 */
export function chatTraffic(baseUrl: string, options: { workers?: number; users?: number; maxRequests?: number; maxMs?: number } = {}) {
  let stopped = false;
  let sent = 0;
  const max = options.maxRequests ?? 20_000;
  const worker = async (w: number) => {
    for (let i = 0; !stopped && sent < max; i++) {
      sent++;
      await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': `user-${w}-${i % (options.users ?? 50)}` },
        body: JSON.stringify({ model: 'support-bot', messages: [{ role: 'user', content: 'where is my order?' }] }),
      })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }
  };
  const done = Promise.all(Array.from({ length: options.workers ?? 3 }, (_, w) => worker(w)));
  const deadline = setTimeout(() => {
    stopped = true;
  }, options.maxMs ?? 30_000);
  return {
    /** Stops sending and resolves with the number of requests sent, once the last one answered. */
    async stop(): Promise<number> {
      stopped = true;
      clearTimeout(deadline);
      await done;
      return sent;
    },
  };
}
