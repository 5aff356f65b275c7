import type { Database, Statement } from "better-sqlite3";
import type { PendingSignUp, PendingSignUpStore } from "../../ports/pending-sign-up-store.js";

interface PendingRow {
  email: string;
  name: string;
  password_hash: string;
  code_hash: string;
  code_expires_at: number;
  attempts_left: number;
  created_at: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS identity_pending_sign_ups (
    email TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    code_expires_at INTEGER NOT NULL,
    attempts_left INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
`;

/** Pending sign-ups of the embedded issuer, in SQLite (tables created on construction, idempotently). */
export class SqlitePendingSignUpStore implements PendingSignUpStore {
  readonly #upsert: Statement<[string, string, string, string, number, number, number]>;
  readonly #byEmail: Statement<[string], PendingRow>;
  readonly #consumeAttempt: Statement<[string, number]>;
  readonly #renewCode: Statement<[string, number, number, string]>;
  readonly #deleteIfCode: Statement<[string, string]>;
  readonly #deleteExpired: Statement<[number]>;
  readonly #complete: (email: string, codeHash: string, createAccount: () => void) => boolean;

  constructor(db: Database) {
    db.exec(SCHEMA);
    this.#upsert = db.prepare(
      `INSERT INTO identity_pending_sign_ups
         (email, name, password_hash, code_hash, code_expires_at, attempts_left, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (email) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash,
         code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at,
         attempts_left = excluded.attempts_left, created_at = excluded.created_at`,
    );
    this.#byEmail = db.prepare("SELECT * FROM identity_pending_sign_ups WHERE email = ?");
    this.#consumeAttempt = db.prepare(
      `UPDATE identity_pending_sign_ups SET attempts_left = attempts_left - 1
       WHERE email = ? AND attempts_left > 0 AND code_expires_at > ?`,
    );
    this.#renewCode = db.prepare(
      "UPDATE identity_pending_sign_ups SET code_hash = ?, code_expires_at = ?, attempts_left = ? WHERE email = ?",
    );
    this.#deleteIfCode = db.prepare(
      "DELETE FROM identity_pending_sign_ups WHERE email = ? AND code_hash = ?",
    );
    this.#deleteExpired = db.prepare("DELETE FROM identity_pending_sign_ups WHERE code_expires_at < ?");
    this.#complete = db.transaction((email: string, codeHash: string, createAccount: () => void) => {
      if (this.#deleteIfCode.run(email, codeHash).changes === 0) return false;
      createAccount();
      return true;
    });
  }

  /** Stores a sign-up, replacing any pending one for the same address (its code stops working). */
  put(signUp: PendingSignUp): void {
    this.#upsert.run(
      signUp.email,
      signUp.name,
      signUp.passwordHash,
      signUp.codeHash,
      signUp.codeExpiresAt.getTime(),
      signUp.attemptsLeft,
      signUp.createdAt.getTime(),
    );
  }

  find(email: string): PendingSignUp | undefined {
    const row = this.#byEmail.get(email);
    return row && toPending(row);
  }

  /**
   * Spends one attempt on the pending sign-up of `email` and returns it, or `undefined` when there is
   * none, its code has expired or its attempts are used up. Spending first (one atomic UPDATE) means
   * parallel guesses cannot exceed the limit.
   */
  takeAttempt(email: string, now: Date): PendingSignUp | undefined {
    if (this.#consumeAttempt.run(email, now.getTime()).changes === 0) return undefined;
    return this.find(email);
  }

  /** Gives a pending sign-up a new code (the old one stops working); false when there is none. */
  renewCode(
    email: string,
    code: Pick<PendingSignUp, "codeHash" | "codeExpiresAt" | "attemptsLeft">,
  ): boolean {
    const { changes } = this.#renewCode.run(
      code.codeHash,
      code.codeExpiresAt.getTime(),
      code.attemptsLeft,
      email,
    );
    return changes > 0;
  }

  /**
   * In one transaction: removes the pending sign-up if its code is still `codeHash` and runs
   * `createAccount` (same database). True for exactly one caller, so a code confirms at most once even when
   * two requests race; if `createAccount` throws, the sign-up stays pending.
   */
  complete(email: string, codeHash: string, createAccount: () => void): boolean {
    return this.#complete(email, codeHash, createAccount);
  }

  /** Forgets sign-ups whose code expired before `before` (a day's grace keeps "resend" useful). */
  removeExpired(before: Date): void {
    this.#deleteExpired.run(before.getTime());
  }
}

function toPending(row: PendingRow): PendingSignUp {
  return {
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    codeHash: row.code_hash,
    codeExpiresAt: new Date(row.code_expires_at),
    attemptsLeft: row.attempts_left,
    createdAt: new Date(row.created_at),
  };
}
