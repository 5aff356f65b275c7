/**
 * A sign-up waiting for its email to be confirmed. It is not an account: sign-in does not know it, and it
 * becomes one only when the code sent to the address comes back with the password chosen at sign-up.
 */
export interface PendingSignUp {
  /** Normalised; one pending sign-up per address (a new sign-up replaces it). */
  email: string;
  name: string;
  passwordHash: string;
  /** SHA-256 of the address and the code: the code itself is only in the email. */
  codeHash: string;
  codeExpiresAt: Date;
  /** Wrong guesses the code still tolerates; at 0 it is dead and a new one must be asked for. */
  attemptsLeft: number;
  createdAt: Date;
}

/** Sign-ups waiting for their emailed code (SQLite: `SqlitePendingSignUpStore`, beside the accounts). */
export interface PendingSignUpStore {
  /** Stores a sign-up, replacing any pending one for the same address. */
  put(signUp: PendingSignUp): void;
  find(email: string): PendingSignUp | undefined;
  /** Spends one guess of the code, atomically; undefined when none is pending, expired or out of guesses. */
  takeAttempt(email: string, now: Date): PendingSignUp | undefined;
  /** Replaces the code of a pending sign-up; false when none is pending. */
  renewCode(email: string, code: Pick<PendingSignUp, "codeHash" | "codeExpiresAt" | "attemptsLeft">): boolean;
  /**
   * Atomically removes the pending sign-up if its code is still `codeHash` and runs `createAccount` (same
   * transaction): true for exactly one caller, so a code confirms at most once even when requests race.
   */
  complete(email: string, codeHash: string, createAccount: () => void): boolean;
  /** Forgets sign-ups whose code expired before `before`. */
  removeExpired(before: Date): void;
}
