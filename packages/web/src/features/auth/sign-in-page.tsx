import { type FormEvent, type ReactNode, useState } from "react";
import { describeError, UnauthorizedError } from "../../api/api-errors.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { AccountNotConfirmedError } from "./auth-errors.js";
import { ConfirmAccountForm, type PendingAccount } from "./confirm-account-form.js";

export type Mode = "signIn" | "signUp";

/**
 * Sign in, or create an account; on success the app renders the page that was asked for. `initialMode`
 * opens on sign-up (an invitee is most likely new); `lead` shows above the form (what one is joining).
 */
export function SignInPage({
  intro,
  initialMode = "signIn",
  lead,
}: {
  intro?: string;
  initialMode?: Mode;
  lead?: ReactNode;
}) {
  const { auth } = useServices();
  const [mode, setMode] = useState<Mode>(initialMode);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingAccount | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    try {
      if (mode === "signUp") {
        const outcome = await auth.signUp({ email, password, name: String(form.get("name") ?? "").trim() });
        if (outcome.status === "confirmationRequired") {
          setPending({
            email,
            password,
            deliveredTo: outcome.deliveredTo,
            ...(outcome.codeInServerLog ? { codeInServerLog: true } : {}),
          });
          setBusy(false);
        }
      } else await auth.signIn({ email, password });
    } catch (caught) {
      // Signed up earlier but never entered the code: ask for it now.
      if (caught instanceof AccountNotConfirmedError) {
        setPending({ email, password, deliveredTo: null });
        setBusy(false);
        return;
      }
      setError(
        caught instanceof UnauthorizedError && mode === "signIn"
          ? "That email and password do not match an account. Check them and try again."
          : describeError(caught),
      );
      setBusy(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setError(null);
    setPending(null);
  };

  if (pending) {
    return (
      <main className="auth-page" id="main">
        <div className="auth-card">
          <p className="brand brand-large" aria-hidden="true">
            <span className="brand-mark">▣</span> Shoebox
          </p>
          <h1>Confirm your email</h1>
          <ConfirmAccountForm account={pending} onCancel={() => switchTo("signUp")} />
        </div>
      </main>
    );
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">▣</span> Shoebox
        </p>
        {lead}
        <h1>{mode === "signIn" ? "Welcome back" : "Create your account"}</h1>
        <p className="muted">{intro ?? "Collect everyone's photos of an event in one private place."}</p>
        <form onSubmit={submit} className="stack" noValidate={false}>
          {mode === "signUp" && (
            <label className="field">
              <span>Your name</span>
              <input name="name" autoComplete="name" required maxLength={100} />
            </label>
          )}
          <label className="field">
            <span>Email</span>
            <input name="email" type="email" autoComplete="email" required maxLength={254} />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              name="password"
              type="password"
              autoComplete={mode === "signIn" ? "current-password" : "new-password"}
              required
              minLength={mode === "signUp" ? 8 : undefined}
              maxLength={256}
            />
            {mode === "signUp" && <small className="hint">At least 8 characters.</small>}
          </label>
          <ErrorMessage>{error}</ErrorMessage>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "One moment…" : mode === "signIn" ? "Sign in" : "Create account"}
          </button>
        </form>
        <p className="switch-mode">
          {mode === "signIn" ? (
            <>
              New here?{" "}
              <button type="button" className="link-button" onClick={() => switchTo("signUp")}>
                Create an account
              </button>
            </>
          ) : (
            <>
              Already have an account?{" "}
              <button type="button" className="link-button" onClick={() => switchTo("signIn")}>
                Sign in
              </button>
            </>
          )}
        </p>
      </div>
    </main>
  );
}
