import { formatDateTime } from "../events/format-date.js";
import type { LinkStatus } from "./sharing-types.js";

/** "Active until …", "Expired …", "Revoked …", with a colour per state. */
export function LinkStatusBadge({
  status,
  expiresAt,
  revokedAt,
}: {
  status: LinkStatus;
  expiresAt: string;
  revokedAt: string | null;
}) {
  const text =
    status === "active"
      ? `Active until ${formatDateTime(expiresAt)}`
      : status === "revoked"
        ? `Revoked ${formatDateTime(revokedAt)}`
        : `Expired ${formatDateTime(expiresAt)}`;
  return <span className={`link-status ${status}`}>{text}</span>;
}
