import { type FormEvent, useMemo, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import { useServices } from "../../app/services.js";
import { CopyableLink } from "../../ui/copy-button.js";
import { Dialog } from "../../ui/dialog.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { EXPIRY_CHOICES, expiresInSeconds, sharingApi } from "./sharing-api.js";
import type { CreatedShareLink } from "./sharing-types.js";

export type ShareTarget = { photoId: string; eventId?: undefined } | { eventId: string; photoId?: undefined };

/**
 * Makes a share link anyone can open without an account: 24 h unless another expiry is chosen, optionally
 * with a password and downloads. The link is shown once (the server keeps only a hash) with a copy button.
 */
export function ShareDialog({
  target,
  what,
  onClose,
}: {
  target: ShareTarget;
  what: string;
  onClose: () => void;
}) {
  const { api } = useServices();
  const sharing = useMemo(() => sharingApi(api), [api]);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const seconds = Number(form.get("expiry"));
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      setCreated(
        await sharing.createShare({
          ...target,
          expiresAt: expiresInSeconds(seconds),
          allowDownload: form.get("allowDownload") === "on",
          ...(password ? { password } : {}),
        }),
      );
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Share ${what}`} onClose={onClose} className="share-dialog">
      <div className="dialog-body stack">
        <div className="dialog-heading">
          <h2>Share {what}</h2>
          <button type="button" className="button subtle close" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </div>
        {created ? (
          <>
            <p>
              Anyone with this link can see {what} until {new Date(created.expiresAt).toLocaleString()}.
            </p>
            <CopyableLink url={created.url} label="Share link" />
            <p className="muted small">You can revoke it at any time from Links.</p>
          </>
        ) : (
          <form className="stack" onSubmit={submit}>
            <label className="field">
              <span>Link works for</span>
              <select name="expiry" defaultValue={EXPIRY_CHOICES[0].seconds}>
                {EXPIRY_CHOICES.map((choice) => (
                  <option key={choice.seconds} value={choice.seconds}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Password (optional)</span>
              <input name="password" type="password" autoComplete="new-password" maxLength={256} />
            </label>
            <label className="checkbox">
              <input name="allowDownload" type="checkbox" /> Allow downloads
            </label>
            <ErrorMessage>{error}</ErrorMessage>
            <div>
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? "Creating…" : "Create link"}
              </button>
            </div>
          </form>
        )}
      </div>
    </Dialog>
  );
}

/** A "Share" button that opens the dialog. */
export function ShareButton({
  target,
  what,
  label = "Share",
}: {
  target: ShareTarget;
  what: string;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && <ShareDialog target={target} what={what} onClose={() => setOpen(false)} />}
    </>
  );
}
