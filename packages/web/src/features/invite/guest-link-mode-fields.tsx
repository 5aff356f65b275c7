import { useState } from "react";
import { formatDateTime } from "../events/format-date.js";
import type { GuestLinkMode } from "../sharing/sharing-types.js";

export const GUEST_LINK_MODE_LABELS: Record<GuestLinkMode, string> = {
  upload_and_view: "Upload and view",
  upload_only: "Upload only (drop box)",
  view_after_reveal: "View from a set time",
};

/** The mode picker of a new guest link; a reveal time appears for "view from a set time". */
export function GuestLinkModeFields() {
  const [mode, setMode] = useState<GuestLinkMode>("upload_and_view");
  return (
    <>
      <label className="field">
        <span>Guests can</span>
        <select name="mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as GuestLinkMode)}>
          {Object.entries(GUEST_LINK_MODE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {mode === "view_after_reveal" && (
        <label className="field">
          <span>Gallery opens to guests at</span>
          <input name="revealAt" type="datetime-local" step={1} required />
        </label>
      )}
    </>
  );
}

/** How a listed link treats its guests, in words. */
export function GuestLinkModeBadge({ mode, revealAt }: { mode: GuestLinkMode; revealAt: string | null }) {
  const text =
    mode === "view_after_reveal"
      ? `View from ${formatDateTime(revealAt)}`
      : mode === "upload_only"
        ? "Upload only"
        : "Upload and view";
  return (
    <span className="badge" data-mode={mode}>
      {text}
    </span>
  );
}
