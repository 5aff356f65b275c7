import { formatDateTime } from "./format-date.js";
import type { UploadWindow } from "./manage-api.js";

/** What uploaders see instead of the drop zone while the event takes no uploads, with the times. */
export function UploadsClosedNotice({ window }: { window: UploadWindow }) {
  const now = Date.now();
  const opensLater = window.opensAt !== null && new Date(window.opensAt).getTime() > now;
  let detail: string;
  if (window.closedByHand) detail = "The organizer closed uploads for now.";
  else if (opensLater) detail = `They open ${formatDateTime(window.opensAt)}.`;
  else if (window.closesAt) detail = `They closed ${formatDateTime(window.closesAt)}.`;
  else detail = window.message ?? "";
  return (
    <section className="uploads-closed card" aria-live="polite">
      <h2>Uploads are closed</h2>
      <p>{detail}</p>
      {!window.closedByHand && opensLater && window.closesAt && (
        <p className="muted small">Open until {formatDateTime(window.closesAt)}.</p>
      )}
    </section>
  );
}
