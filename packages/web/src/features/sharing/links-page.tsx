import { useMemo, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import { Link } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { formatDateTime } from "../events/format-date.js";
import { LinkStatusBadge } from "./link-status.js";
import { sharingApi } from "./sharing-api.js";
import type { ShareLink } from "./sharing-types.js";

/** The share links the user made, newest first, each revocable while active. */
export function LinksPage() {
  const { api } = useServices();
  const sharing = useMemo(() => sharingApi(api), [api]);
  const links = useAsync(() => sharing.listShares(), [sharing]);
  const [error, setError] = useState<string | null>(null);

  const revoke = async (link: ShareLink) => {
    if (!window.confirm("Revoke this link? Anyone who has it will no longer be able to open it.")) return;
    try {
      await sharing.revokeShare(link.id);
      setError(null);
      links.reload();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <main className="page" id="main">
      <header className="page-header">
        <div>
          <h1>Your share links</h1>
          <p className="muted">
            Links you made to photos and events. Revoke one and it stops working at once.
          </p>
        </div>
      </header>
      {links.status === "loading" && <Loading what="Loading your links" />}
      <ErrorMessage>{links.error ?? error}</ErrorMessage>
      {links.value && links.value.items.length === 0 && (
        <p className="empty-note">No links yet. Open a photo and choose Share.</p>
      )}
      {links.value && links.value.items.length > 0 && (
        <ul className="link-list card">
          {links.value.items.map((link) => (
            <li key={link.id} className="link-item" data-status={link.status}>
              <div className="link-text">
                <span className="link-title">
                  {link.kind === "photo" ? "Photo" : "Event"} link
                  {link.passwordProtected && <span className="badge">Password</span>}
                  {link.allowDownload && <span className="badge">Downloads</span>}
                </span>
                <span className="muted small">
                  Made {formatDateTime(link.createdAt)}
                  {link.eventId && (
                    <>
                      {" · "}
                      <Link to={paths.event(link.eventId)}>open event</Link>
                    </>
                  )}
                </span>
              </div>
              <LinkStatusBadge status={link.status} expiresAt={link.expiresAt} revokedAt={link.revokedAt} />
              {link.status === "active" && (
                <button type="button" className="button subtle danger small" onClick={() => revoke(link)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
