import type { Ids } from "../../../src/ports/ids.js";

/**
 * Predictable ids for tests: `id-0001`, `id-0002` … and invite codes `CODE0001` …. Both are URL-safe,
 * like real ones, and sort in creation order.
 */
export class SequentialIds implements Ids {
  private ids = 0;
  private codes = 0;

  constructor(private readonly prefix = "id") {}

  newId(): string {
    this.ids += 1;
    return `${this.prefix}-${String(this.ids).padStart(4, "0")}`;
  }

  newInviteCode(): string {
    this.codes += 1;
    return `CODE${String(this.codes).padStart(4, "0")}`;
  }
}
