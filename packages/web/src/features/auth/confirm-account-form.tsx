import { type FormEvent, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";

export interface PendingAccount {
  email: string;
  password: string;
  /** Where the identity provider says it sent the code (masked), when it says. */
  deliveredTo: string | null;
}

/**
 * The step after signing up on Cognito: the code from the email confirms the account, then the user is
 * signed in with the password just chosen, without typing it again.
 */
export function ConfirmAccountForm({ account, onCancel }: { account: PendingAccount; onCancel: () => void }) {
  const { auth } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      await auth.confirmSignUp({ email: account.email, code });
      await auth.signIn({ email: account.email, password: account.password });
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        We emailed a confirmation code to <strong>{account.deliveredTo ?? account.email}</strong>. Enter it to
        finish creating your account.
      </p>
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
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "One moment…" : "Confirm and sign in"}
        </button>
      </form>
      <p className="switch-mode">
        Wrong email?{" "}
        <button type="button" className="link-button" onClick={onCancel}>
          Start again
        </button>
      </p>
    </>
  );
}
