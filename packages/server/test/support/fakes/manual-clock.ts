import type { Clock } from "../../../src/ports/clock.js";

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = "2026-06-01T12:00:00.000Z") {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward (or back, with a negative value). */
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(time: Date | string): void {
    this.current = new Date(time).getTime();
  }
}
