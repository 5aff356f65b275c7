import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";

/**
 * `PhotoChangeNotifier` for a host where the API and the pipeline share one process (embedded): waiters
 * are kept in memory and woken by `notify`. Holds nothing for photos nobody waits on.
 */
export class InProcessChangeNotifier implements PhotoChangeNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(photoId: string): void {
    const waiting = this.waiters.get(photoId);
    if (waiting === undefined) return;
    this.waiters.delete(photoId);
    for (const wake of waiting) wake();
  }

  waitForChange(photoId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (changed: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const waiting = this.waiters.get(photoId);
        waiting?.delete(wake);
        if (waiting?.size === 0) this.waiters.delete(photoId);
        resolve(changed);
      };
      const wake = () => finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      signal?.addEventListener("abort", onAbort, { once: true });
      const waiting = this.waiters.get(photoId) ?? new Set();
      waiting.add(wake);
      this.waiters.set(photoId, waiting);
    });
  }

  /** How many photos have waiters (tests check nothing is left behind). */
  get waitedOn(): number {
    return this.waiters.size;
  }
}
