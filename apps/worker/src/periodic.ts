/** When a periodic pass first runs after the worker starts, and how often after that. */
export type PassTiming = { firstAfterMs: number; everyMs: number };

/**
 * Runs `pass` once `firstAfterMs` after start (a starting worker's first moments belong to the
 * refreshes and tests due) and then every `everyMs`, never two at once. `stop` waits for a
 * pass under way. `pass` handles its own failures: one that throws is not retried early.
 */
export function startPeriodicPass(pass: () => Promise<void>, timing: PassTiming) {
  let running: Promise<void> | null = null;
  const start = () => {
    running ??= pass().finally(() => {
      running = null;
    });
  };
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    start();
    timer = setInterval(start, timing.everyMs);
  }, timing.firstAfterMs);
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
