import { useMemo } from "react";
import "./invite.css";
import { Link } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { useAsync } from "../../app/use-async.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { formatDate } from "../events/format-date.js";
import { inviteApi } from "./invite-api.js";
import { QrCodeImage } from "./qr-code-card.js";

/**
 * A guest upload URL handed over in the fragment (`#link=…`: never sent to the server, which keeps only the
 * link's hash), accepted only on this origin under `/g/`, so the card cannot be made to point elsewhere.
 */
export function guestLinkFromFragment(hash: string, origin: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, "")).get("link");
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.origin === origin && /^\/g\/[\w-]+$/.test(url.pathname) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * `/events/{id}/card`: a card to print and stand on a table: the event's name, date, cover, a large QR code
 * and the short URL under it. By default the invite link (guests join with an account); opened from a new
 * guest upload link, that link (no account needed). The print stylesheet drops the app's chrome.
 */
export function TableCardPage({ eventId }: { eventId: string }) {
  const { api } = useServices();
  const invites = useMemo(() => inviteApi(api), [api]);
  const guestUrl = guestLinkFromFragment(window.location.hash, window.location.origin);
  const card = useAsync(async () => {
    const event = await api.getEvent(eventId);
    const preview = event.inviteCode ? await invites.preview(event.inviteCode).catch(() => null) : null;
    return { event, coverUrl: preview?.coverUrl ?? null };
  }, [api, invites, eventId]);

  if (card.status === "loading") return <Loading what="Preparing the table card" />;
  if (card.status === "error") return <ErrorMessage>{card.error}</ErrorMessage>;
  const { event, coverUrl } = card.value;
  const url = guestUrl ?? event.inviteUrl;
  return (
    <main className="table-card-page" id="main">
      <div className="table-card-tools no-print">
        <Link to={paths.event(eventId, "links")}>← Back to the event</Link>
        <button type="button" className="button primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {url ? (
        <article className="table-card" aria-label="Table card">
          {coverUrl && <img className="table-card-cover" src={coverUrl} alt="" />}
          <h1 className="table-card-title">{event.name}</h1>
          {event.startsAt && <p className="table-card-date">{formatDate(event.startsAt)}</p>}
          <p className="table-card-call">
            {guestUrl ? "Scan to add your photos — no account needed" : "Scan to join and share your photos"}
          </p>
          <QrCodeImage url={url} label={`QR code for ${url}`} className="table-card-qr" />
          <p className="table-card-url">{url.replace(/^https?:\/\//, "")}</p>
        </article>
      ) : (
        <ErrorMessage>Only the organizer can print the event's card.</ErrorMessage>
      )}
    </main>
  );
}
