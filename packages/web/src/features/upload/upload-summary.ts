import type { UploadItem, UploadState } from "./upload-queue.js";

const MOVING: ReadonlySet<UploadState> = new Set(["queued", "uploading", "processing", "offline"]);
const SUCCEEDED: ReadonlySet<UploadState> = new Set(["ready", "hidden", "sent"]);
const FAILED: ReadonlySet<UploadState> = new Set(["refused", "rejected", "failed", "error"]);

export interface UploadSummary {
  moving: number;
  done: number;
  failed: number;
  /** Already in the event or library: nothing lost, nothing added. */
  duplicates: number;
  total: number;
}

/** Counts the rows by outcome: a failed upload is never "done". Cancelled rows count in `total` only. */
export function summarizeUploads(items: readonly Pick<UploadItem, "state">[]): UploadSummary {
  const count = (states: ReadonlySet<UploadState>) => items.filter((item) => states.has(item.state)).length;
  return {
    moving: count(MOVING),
    done: count(SUCCEEDED),
    failed: count(FAILED),
    duplicates: items.filter((item) => item.state === "duplicate").length,
    total: items.length,
  };
}

/** The upload list's header: "2 of 5 still moving", else "3 done · 1 failed · 1 already there". */
export function uploadHeaderText(summary: UploadSummary): string {
  if (summary.moving > 0) return `${summary.moving} of ${summary.total} still moving`;
  const parts = [`${summary.done} done`];
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  if (summary.duplicates > 0) parts.push(`${summary.duplicates} already there`);
  return parts.join(" · ");
}
