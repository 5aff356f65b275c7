import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";

/**
 * The longest a request may wait for a photo to leave `pending`: API Gateway ends requests at 29 s, so a
 * Lambda must answer well before that.
 */
export const MAX_WAIT_SECONDS = 25;

const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 3000;

/**
 * Re-reads a photo until `stillPending` says it left `pending`, `seconds` pass (capped at
 * `MAX_WAIT_SECONDS`) or `signal` aborts (the client went away), then returns the last read. Between reads
 * it waits with backoff (200 ms doubling to 3 s, a handful of keyed reads per request), or less when the
 * notifier reports a change first — the embedded host's pipeline runs in the same process. Both hosts
 * share this loop; no host keeps state between requests.
 */
export async function waitWhilePending<T>(
  read: () => Promise<T>,
  stillPending: (value: T) => boolean,
  options: { photoId: string; seconds: number; notifier?: PhotoChangeNotifier; signal?: AbortSignal },
): Promise<T> {
  const deadline = performance.now() + Math.min(Math.max(options.seconds, 0), MAX_WAIT_SECONDS) * 1000;
  let value = await read();
  let pause = FIRST_POLL_MS;
  for (;;) {
    const remaining = deadline - performance.now();
    if (!stillPending(value) || remaining <= 0 || options.signal?.aborted) return value;
    const slice = Math.min(pause, remaining);
    if (options.notifier) await options.notifier.waitForChange(options.photoId, slice, options.signal);
    else await pauseFor(slice, options.signal);
    pause = Math.min(pause * 2, MAX_POLL_MS);
    value = await read();
  }
}

async function pauseFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch {
    // Aborted: the loop sees `signal.aborted` and returns.
  }
}
