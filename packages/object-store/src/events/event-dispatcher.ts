import { setTimeout as delay } from "node:timers/promises";
import type { JournalEntry } from "../catalog/catalog.js";
import type { EventSubscriber, S3EventMessage } from "./event-types.js";

/** The part of the catalog the dispatcher uses: the durable event journal. */
export interface EventJournal {
  oldestEvent(): JournalEntry | undefined;
  removeEvent(seq: number): void;
  recordFailedAttempt(seq: number): void;
}

export interface DispatcherOptions {
  baseDelayMs: number;
  maxDelayMs?: number;
  /** How long `close()` waits for a delivery in flight; default 2 s. */
  closeGraceMs?: number;
  /** Where delivery failures are reported; they are retried, never dropped. */
  onDeliveryError?: (error: unknown, attempts: number) => void;
}

/**
 * Delivers journaled events to one subscriber, oldest first, one at a time (in order per store). An event
 * leaves the journal only after the subscriber resolves; a rejection is retried with exponential backoff
 * (at-least-once). Events journaled while nobody listens (or before a restart) wait in the journal.
 */
export class EventDispatcher {
  private subscriber: EventSubscriber | undefined;
  private running = false;
  private closed = false;
  /** Set when `close()` stopped waiting for a hung delivery: its outcome must not touch the journal. */
  private abandoned = false;
  private wakeUp: (() => void) | undefined;
  private idle: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor(
    private readonly journal: EventJournal,
    private readonly options: DispatcherOptions,
  ) {}

  /** Starts delivering to `subscriber` (replacing any previous one); returns unsubscribe. */
  subscribe(subscriber: EventSubscriber): () => void {
    this.subscriber = subscriber;
    this.ensureRunning();
    return () => {
      if (this.subscriber === subscriber) this.subscriber = undefined;
      this.wake();
    };
  }

  /** Tells the dispatcher the journal may have new entries. */
  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }

  /**
   * Stops delivering. A delivery in flight gets `closeGraceMs` to finish (and leave the journal); past
   * that its event stays journaled and is delivered again after a restart.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.closeGraceMs ?? 2_000);
    });
    await Promise.race([this.idle, grace]);
    clearTimeout(timer);
    this.abandoned = true;
  }

  private ensureRunning(): void {
    if (this.running || this.closed) return;
    this.running = true;
    this.idle = this.run().finally(() => {
      this.running = false;
    });
  }

  private async run(): Promise<void> {
    while (!this.closed && this.subscriber) {
      const entry = this.journal.oldestEvent();
      if (!entry) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
        });
        continue;
      }
      const subscriber = this.subscriber;
      try {
        await subscriber(JSON.parse(entry.message) as S3EventMessage);
        if (this.abandoned) return;
        this.journal.removeEvent(entry.seq);
      } catch (error) {
        if (this.closed || this.abandoned) return;
        this.journal.recordFailedAttempt(entry.seq);
        this.options.onDeliveryError?.(error, entry.attempts + 1);
        await this.sleep(this.backoff(entry.attempts));
      }
    }
  }

  private backoff(previousAttempts: number): number {
    const max = this.options.maxDelayMs ?? 30_000;
    return Math.min(max, this.options.baseDelayMs * 2 ** Math.min(previousAttempts, 20));
  }

  /** Waits `ms`, cut short only by `close()`. */
  private sleep(ms: number): Promise<void> {
    return delay(ms, undefined, { signal: this.stopping.signal }).catch(() => {});
  }
}
