/**
 * An abort signal for one run: fired by SIGINT/SIGTERM (the runner sends them when a workflow is
 * cancelled), by the time limit, or by the caller's own signal. `dispose` removes the handlers.
 */
export function runSignal(options: { signal?: AbortSignal; timeoutMs?: number; timeoutLabel?: string }): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => controller.abort(`the workflow was cancelled (${name})`);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timer = options.timeoutMs
    ? setTimeout(
        () => controller.abort({ outcome: 'timed-out', reason: `the time limit of ${options.timeoutLabel ?? `${options.timeoutMs} ms`} passed` }),
        options.timeoutMs,
      )
    : undefined;
  const onParent = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onParent();
  else options.signal?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onParent);
    },
  };
}
