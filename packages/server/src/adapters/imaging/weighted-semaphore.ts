/**
 * Admits tasks by weight: the weights of the tasks running at once never add up to more than `capacity`.
 * The image processor weighs each decode by its pixels (width × height, read from the header), so a few
 * huge images cannot decode side by side and take the host's memory, while many small ones still can.
 *
 * A task heavier than the whole capacity is admitted alone (its weight is capped at the capacity): it
 * still runs, it just never shares. Admission is first come, first served: a heavy task at the head of the
 * line is not overtaken forever by light ones behind it.
 *
 * @example
 * const decodes = new WeightedSemaphore(100_000_000);
 * await decodes.run(width * height, () => decode(bytes));
 */
export class WeightedSemaphore {
  private used = 0;
  private readonly waiting: { weight: number; admit: () => void }[] = [];

  constructor(
    readonly capacity: number,
    /** Hears the weight in flight after every change (tests and metrics). */
    private readonly onChange: (inFlight: number) => void = () => {},
  ) {
    if (!(capacity > 0)) throw new RangeError(`capacity must be positive, got ${capacity}`);
  }

  /** The weight of the tasks running now. */
  get inFlight(): number {
    return this.used;
  }

  /** How many tasks wait for room. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` once `weight` fits, and gives the weight back when it settles (either way). */
  async run<T>(weight: number, task: () => Promise<T>): Promise<T> {
    const held = Math.min(Math.max(weight, 0), this.capacity);
    await this.acquire(held);
    try {
      return await task();
    } finally {
      this.used -= held;
      this.onChange(this.used);
      this.admitWaiting();
    }
  }

  private acquire(weight: number): Promise<void> {
    if (this.waiting.length === 0 && this.used + weight <= this.capacity) {
      this.take(weight);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ weight, admit: resolve }));
  }

  private admitWaiting(): void {
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      if (this.used + next.weight > this.capacity) return;
      this.waiting.shift();
      this.take(next.weight);
      next.admit();
    }
  }

  private take(weight: number): void {
    this.used += weight;
    this.onChange(this.used);
  }
}
