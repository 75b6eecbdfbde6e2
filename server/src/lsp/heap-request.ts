/** `threadscape/heap`: heap use after a forced collection, for the benchmark only. */
import type { ServerContext } from './context';
import { HeapRequest } from './protocol';

/** True when the server was started for benchmarking (`--bench` or `THREADSCAPE_BENCH=1`). */
export function benchEnabled(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--bench') || env.THREADSCAPE_BENCH === '1';
}

/** Registers the request; callers register it only when `benchEnabled()`. */
export function registerHeapRequest(ctx: ServerContext): void {
  ctx.connection.onRequest(HeapRequest, () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      gc();
    }
    return { heapUsed: process.memoryUsage().heapUsed, collected: gc !== undefined };
  });
}
