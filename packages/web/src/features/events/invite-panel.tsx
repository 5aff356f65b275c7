import { useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { ShoeboxEvent } from "../../api/api-types.js";
import { Link } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { CopyButton } from "../../ui/copy-button.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { QrCodeCard } from "../invite/qr-code-card.js";

/** The organizer's invite link: copy it, or replace it so the old one stops working. */
export function InvitePanel({
  event,
  onChange,
}: {
  event: ShoeboxEvent;
  onChange: (event: ShoeboxEvent) => void;
}) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  if (!event.inviteUrl) return null;

  const rotate = async () => {
    if (!window.confirm("Make a new invite link? The current one will stop working.")) return;
    try {
      onChange(await api.rotateInviteCode(event.id));
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section className="invite card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite people</h2>
      <p className="muted">Anyone with this link can join the event, see its photos and add their own.</p>
      <div className="copy-row">
        <input
          className="copy-field"
          readOnly
          value={event.inviteUrl}
          aria-label="Invite link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={event.inviteUrl} label="Copy invite link" />
        <button type="button" className="button subtle" onClick={rotate}>
          New link
        </button>
      </div>
      <QrCodeCard url={event.inviteUrl} kind="invite" label="Invite QR code" />
      <Link to={paths.tableCard(event.id)} className="button subtle">
        Print a table card
      </Link>
      <ErrorMessage>{error}</ErrorMessage>
    </section>
  );
}
