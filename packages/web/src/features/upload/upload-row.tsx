import { formatBytes } from "./upload-limits.js";
import type { UploadItem, UploadState } from "./upload-queue.js";

const stateWords: Record<UploadState, string> = {
  refused: "Not uploaded",
  queued: "Waiting",
  uploading: "Uploading",
  processing: "Processing",
  ready: "Ready",
  hidden: "Awaiting review",
  duplicate: "Already there",
  rejected: "Rejected",
  failed: "Processing failed",
  error: "Upload failed",
  cancelled: "Cancelled",
  sent: "Uploaded",
  offline: "Offline, will resume",
};

/** One file's row: name, size, a real progress bar while sending, then what the pipeline decided. */
export function UploadRow({
  item,
  onCancel,
  onRetry,
}: {
  item: UploadItem;
  onCancel: () => void;
  onRetry: () => void;
}) {
  const percent = Math.round(item.progress * 100);
  const canCancel = item.state === "queued" || item.state === "uploading";
  const canRetry = item.state === "error" || item.state === "cancelled" || item.state === "failed";
  const done = item.state === "ready" || item.state === "sent";
  return (
    <li className={`upload-row ${item.state}`} data-state={item.state}>
      <div className="upload-file">
        <span className="upload-name" title={item.file.name}>
          {item.file.name}
        </span>
        <span className="muted small">{formatBytes(item.file.size)}</span>
      </div>
      <div className="upload-progress">
        {(item.state === "uploading" || item.state === "queued") && (
          <progress max={100} value={percent} aria-label={`Uploading ${item.file.name}`}>
            {percent}%
          </progress>
        )}
        {item.state === "processing" && <span className="spinner" aria-hidden="true" />}
        <span className={`upload-state ${done ? "ready" : item.state}`}>
          {stateWords[item.state]}
          {item.state === "uploading" ? ` ${percent}%` : ""}
        </span>
        {item.message && item.state !== "cancelled" && item.state !== "offline" && (
          <span className="upload-message">{item.message}</span>
        )}
      </div>
      <div className="upload-actions">
        {canCancel && (
          <button type="button" className="button subtle small" onClick={onCancel}>
            Cancel<span className="visually-hidden"> {item.file.name}</span>
          </button>
        )}
        {canRetry && (
          <button type="button" className="button subtle small" onClick={onRetry}>
            Retry<span className="visually-hidden"> {item.file.name}</span>
          </button>
        )}
      </div>
    </li>
  );
}
