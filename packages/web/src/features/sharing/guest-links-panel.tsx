import { type FormEvent, useMemo, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import { Link } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { CopyableLink } from "../../ui/copy-button.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { GuestLinkModeBadge, GuestLinkModeFields } from "../invite/guest-link-mode-fields.js";
import { QrCodeCard } from "../invite/qr-code-card.js";
import { formatBytes } from "../upload/upload-limits.js";
import { LinkStatusBadge } from "./link-status.js";
import { EXPIRY_CHOICES, expiresInSeconds, sharingApi } from "./sharing-api.js";
import type { CreatedGuestLink, GuestLink, GuestLinkMode } from "./sharing-types.js";

/** The organizer's upload links for guests without an account: make one, copy it, see its use, revoke it. */
export function GuestLinksPanel({ eventId }: { eventId: string }) {
  const { api } = useServices();
  const sharing = useMemo(() => sharingApi(api), [api]);
  const links = useAsync(() => sharing.listGuestLinks(eventId), [sharing, eventId]);
  const [created, setCreated] = useState<CreatedGuestLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const maxUploads = Number(form.get("maxUploads") || 0);
    const password = String(form.get("password") ?? "");
    const mode = String(form.get("mode") ?? "upload_and_view") as GuestLinkMode;
    const revealAt = String(form.get("revealAt") ?? "");
    setBusy(true);
    setError(null);
    try {
      setCreated(
        await sharing.createGuestLink(eventId, {
          expiresAt: expiresInSeconds(Number(form.get("expiry"))),
          ...(maxUploads > 0 ? { maxUploads } : {}),
          ...(password ? { password } : {}),
          mode,
          ...(mode === "view_after_reveal" && revealAt ? { revealAt: new Date(revealAt).toISOString() } : {}),
        }),
      );
      links.reload();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (link: GuestLink) => {
    if (!window.confirm("Revoke this upload link? Guests will no longer be able to use it.")) return;
    try {
      await sharing.revokeGuestLink(link.id);
      if (created?.id === link.id) setCreated(null);
      links.reload();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section className="card stack" aria-labelledby="guest-links-title">
      <div>
        <h2 id="guest-links-title">Guest upload links</h2>
        <p className="muted">
          People with one of these links can add photos without an account. Choose what they see: the event's
          photos, only their own (a drop box), or the event's photos from a time you set.
        </p>
      </div>
      <form className="guest-link-form" onSubmit={create}>
        <label className="field">
          <span>Works for</span>
          <select name="expiry" defaultValue={EXPIRY_CHOICES[2].seconds}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.seconds} value={choice.seconds}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <GuestLinkModeFields />
        <label className="field">
          <span>Most photos (optional)</span>
          <input name="maxUploads" type="number" min={1} inputMode="numeric" />
        </label>
        <label className="field">
          <span>Password (optional)</span>
          <input name="password" type="password" autoComplete="new-password" maxLength={256} />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Creating…" : "Create upload link"}
        </button>
      </form>
      {created && (
        <div className="created-link">
          <p>New upload link (copy it now: it is shown only once):</p>
          <CopyableLink url={created.url} label="Guest upload link" />
          <QrCodeCard url={created.url} kind="guest-upload" label="Guest upload QR code" />
          <Link
            to={`${paths.tableCard(eventId)}#link=${encodeURIComponent(created.url)}`}
            className="button subtle"
          >
            Print a table card for this link
          </Link>
        </div>
      )}
      <ErrorMessage>{links.error ?? error}</ErrorMessage>
      {links.status === "loading" && <Loading what="Loading upload links" />}
      {links.value && links.value.items.length > 0 && (
        <ul className="link-list">
          {links.value.items.map((link) => (
            <li key={link.id} className="link-item" data-status={link.status}>
              <div className="link-text">
                <span className="link-title">
                  {link.uploads} photo{link.uploads === 1 ? "" : "s"} · {formatBytes(link.bytes)}
                  {link.maxUploads !== null && <span className="muted"> of {link.maxUploads}</span>}
                  {link.passwordProtected && <span className="badge">Password</span>}
                  <GuestLinkModeBadge mode={link.mode} revealAt={link.revealAt} />
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
    </section>
  );
}
