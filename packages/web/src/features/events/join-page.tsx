import { useState } from "react";
import { describeError, NotFoundError } from "../../api/api-errors.js";
import { Link, navigate } from "../../app/router.js";
import { paths } from "../../app/routes.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { INVALID_INVITE, JoinPreviewState, useInvitePreview } from "../invite/join-preview.js";

/** `/join/{code}` when signed in: what the invitation is for, and "Join <event>" (joining twice is harmless). */
export function JoinPage({ inviteCode }: { inviteCode: string }) {
  const { api } = useServices();
  const preview = useInvitePreview(inviteCode);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      const event = await api.joinWithCode(inviteCode);
      navigate(paths.event(event.id), { replace: true });
    } catch (caught) {
      setError(caught instanceof NotFoundError ? INVALID_INVITE : describeError(caught));
      setBusy(false);
    }
  };

  const name = preview.value?.eventName;
  return (
    <main className="page narrow stack" id="main">
      <h1>{name ? `Join ${name}` : "Join an event"}</h1>
      <JoinPreviewState preview={preview} />
      {name && (
        <button type="button" className="button primary" onClick={join} disabled={busy}>
          {busy ? "Joining…" : `Join ${name}`}
        </button>
      )}
      <ErrorMessage>{error}</ErrorMessage>
      {preview.status !== "loading" && !name && (
        <Link to={paths.events()} className="button">
          Go to your events
        </Link>
      )}
    </main>
  );
}
