import type { Clock } from "../../ports/clock.js";
import type { RateLimitDecision, RateLimiter } from "../../ports/rate-limiter.js";

export interface FixedWindowOptions {
  /** Attempts allowed per key and window. */
  limit: number;
  windowSeconds: number;
  clock: Clock;
  /** Keys tracked at most; past it, finished windows are dropped first (bounds memory under a flood of keys). */
  maxKeys?: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * `RateLimiter` in memory: at most `limit` attempts per key in each fixed window of `windowSeconds`.
 * Fixed windows allow a burst of up to twice the limit across a window boundary; for sign-in and password
 * guessing that is immaterial, and it costs one map lookup. Per process: the embedded host is one process.
 */
export class FixedWindowRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(private readonly options: FixedWindowOptions) {
    if (!(Number.isInteger(options.limit) && options.limit > 0))
      throw new RangeError("limit must be a positive integer");
    this.windowMs = options.windowSeconds * 1000;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  async hit(key: string): Promise<RateLimitDecision> {
    const now = this.options.clock.now().getTime();
    let window = this.windows.get(key);
    if (window === undefined || now - window.startedAt >= this.windowMs) {
      if (window === undefined && this.windows.size >= this.maxKeys) this.evict(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.options.limit) return { allowed: true, retryAfterSeconds: 0 };
    const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
    return { allowed: false, retryAfterSeconds };
  }

  /** Drops finished windows; if none are finished, the oldest key (a flood must not grow memory). */
  private evict(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
  }
}
