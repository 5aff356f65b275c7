import { type FormEvent, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";

export interface PendingAccount {
  email: string;
  password: string;
  /** Where the identity provider says it sent the code (masked), when it says. */
  deliveredTo: string | null;
  /** The server has no mail server: its log holds the code. */
  codeInServerLog?: boolean;
}

/**
 * The step after signing up: the 6-digit code from the email confirms the account, then the user is signed
 * in with the password just chosen, without typing it again. A new code can be asked for.
 */
export function ConfirmAccountForm({ account, onCancel }: { account: PendingAccount; onCancel: () => void }) {
  const { auth } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const session = await auth.confirmSignUp({ email: account.email, code, password: account.password });
      if (session === null) await auth.signIn({ email: account.email, password: account.password });
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  const resend = async () => {
    setError(null);
    setNotice(null);
    try {
      await auth.resendConfirmation({ email: account.email });
      setNotice("We sent a new code. The previous one no longer works.");
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <>
      <p>
        {account.codeInServerLog ? "We made a 6-digit code for" : "We emailed a 6-digit code to"}{" "}
        <strong>{account.deliveredTo ?? account.email}</strong>. Enter it to finish creating your account.
      </p>
      {account.codeInServerLog && (
        <p className="hint">
          This server has no mail server set up: the code is printed in the server's log.
        </p>
      )}
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span>Confirmation code</span>
          <input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maxLength={10}
            pattern="[0-9A-Za-z]+"
          />
        </label>
        <ErrorMessage>{error}</ErrorMessage>
        {notice && (
          <p className="hint" role="status">
            {notice}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "One moment…" : "Confirm and sign in"}
        </button>
      </form>
      <p className="switch-mode">
        No code?{" "}
        <button type="button" className="link-button" onClick={resend}>
          Send a new one
        </button>
      </p>
      <p className="switch-mode">
        Wrong email?{" "}
        <button type="button" className="link-button" onClick={onCancel}>
          Start again
        </button>
      </p>
    </>
  );
}
