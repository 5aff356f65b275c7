import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import type { JSONWebKeySet } from "jose";
import { normalizeEmail, parseEmail } from "../../domain/email.js";
import {
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  UnauthenticatedError,
  ValidationError,
} from "../../domain/errors.js";
import { requiredText } from "../../domain/text.js";
import type { AccountStore, UserRecord } from "../../ports/account-store.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { Mailer, MailMessage } from "../../ports/mailer.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import type { PendingSignUpStore } from "../../ports/pending-sign-up-store.js";
import type { TokenIssuer } from "../../ports/token-issuer.js";
import { confirmationCodeMail, signUpAttemptMail } from "./account-mail.js";

/** What sign-up, sign-in and refresh answer; the shape of Cognito's `AuthenticationResult`, camel-cased. */
export interface AuthTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Seconds until the access and id tokens expire. */
  expiresIn: number;
  tokenType: "Bearer";
}

/**
 * What sign-up and "resend" answer, whatever the address: the same for a new one and one that already has
 * an account, so the answer tells nobody which addresses are registered.
 */
export interface ConfirmationSent {
  confirmation: "sent";
  /** Where the code went: by email, or into the host's log when no mail server is configured. */
  delivery: Mailer["delivery"];
}

export interface AccountServiceDeps {
  store: AccountStore;
  pendingSignUps: PendingSignUpStore;
  /** Account passwords (scrypt; cheaper parameters in tests only). */
  passwords: PasswordHasher;
  mailer: Mailer;
  tokens: TokenIssuer;
  clock: Clock;
  /** Where failures to send mail are reported (mail goes out after the answer, so nobody else sees them). */
  logger?: Logger;
  refreshTokenTtlSeconds?: number;
}

export const PASSWORD_MIN_LENGTH = 8;
/** Bounds the work one request can ask scrypt to do. */
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 100;
const THIRTY_DAYS_SECONDS = 30 * 24 * 3600;
/** A confirmation code works this long… */
export const CONFIRMATION_CODE_TTL_MINUTES = 15;
/** …and survives this many wrong guesses (one in 200,000 odds for a guesser), then a new one is needed. */
export const CONFIRMATION_CODE_ATTEMPTS = 5;
/** Expired sign-ups are kept this long so "send a new code" still finds them, then forgotten. */
const PENDING_SIGN_UP_GRACE_MS = 24 * 3600 * 1000;

/**
 * Accounts of the embedded host: the part of a Cognito user pool Shoebox needs (sign-up, password sign-in,
 * rotating refresh tokens, a JWKS). On AWS, Cognito does all of this and this service is not used.
 */
export class AccountService {
  readonly #deps: AccountServiceDeps;
  readonly #refreshTtlMs: number;
  /** A real hash to check unknown emails against, so they cost as much time as a wrong password. */
  readonly #decoyHash: Promise<string>;

  constructor(deps: AccountServiceDeps) {
    this.#deps = deps;
    this.#refreshTtlMs = (deps.refreshTokenTtlSeconds ?? THIRTY_DAYS_SECONDS) * 1000;
    this.#decoyHash = this.#deps.passwords.hash(randomUUID());
  }

  /**
   * Starts a sign-up. A new address gets a pending sign-up and a 6-digit code by email; an address that
   * already has an account gets a notice instead and the account is left alone. Both answer the same and
   * hash the password alike, so neither the answer nor its timing says whether the address is registered.
   * Signing up again before confirming replaces the pending sign-up (a squatter cannot hold an address).
   * @throws ValidationError for a malformed email, name or password (whoever owns the address).
   */
  async signUp(input: { email: string; password: string; name: string }): Promise<ConfirmationSent> {
    const email = parseEmail(input.email);
    const name = requiredText(input.name, { field: "name", max: NAME_MAX_LENGTH });
    checkPasswordRules(input.password);
    const passwordHash = await this.#deps.passwords.hash(input.password);
    const now = this.#deps.clock.now();
    if (this.#deps.store.findUserByEmail(email)) {
      this.#sendLater(signUpAttemptMail(email));
      return this.#sent();
    }
    this.#deps.pendingSignUps.removeExpired(new Date(now.getTime() - PENDING_SIGN_UP_GRACE_MS));
    const code = newConfirmationCode();
    this.#deps.pendingSignUps.put({
      email,
      name,
      passwordHash,
      ...this.#codeRecord(email, code, now),
      createdAt: now,
    });
    this.#sendLater(confirmationCodeMail(email, code, CONFIRMATION_CODE_TTL_MINUTES));
    return this.#sent();
  }

  /**
   * Sends a new code for a pending sign-up (the previous one stops working). Answers the same whether or
   * not there is one, like sign-up.
   */
  async resendConfirmation(input: { email: string }): Promise<ConfirmationSent> {
    const email = normalizeEmail(input.email);
    const code = newConfirmationCode();
    if (this.#deps.pendingSignUps.renewCode(email, this.#codeRecord(email, code, this.#deps.clock.now()))) {
      this.#sendLater(confirmationCodeMail(email, code, CONFIRMATION_CODE_TTL_MINUTES));
    }
    return this.#sent();
  }

  /**
   * Confirms a pending sign-up with the emailed code and the password chosen at sign-up, creates the
   * account (email verified) and signs it in. The password is asked again so that a code only ever
   * confirms the sign-up its owner made: someone who signed up with another person's address cannot get
   * their password confirmed by the owner typing the code. A code works once, for 15 minutes, and for 5
   * attempts. @throws InvalidConfirmationCodeError for any wrong, expired, used or unknown combination.
   */
  async confirmSignUp(input: { email: string; code: string; password: string }): Promise<AuthTokens> {
    const email = normalizeEmail(input.email);
    const now = this.#deps.clock.now();
    const pending = this.#deps.pendingSignUps.takeAttempt(email, now);
    // Verify against a decoy when nothing is pending, so a wrong guess costs the same either way.
    const passwordOk = await this.#deps.passwords.verify(
      input.password,
      pending?.passwordHash ?? (await this.#decoyHash),
    );
    const codeOk = pending !== undefined && sameHash(codeHash(email, input.code.trim()), pending.codeHash);
    if (!pending || !passwordOk || !codeOk) throw new InvalidConfirmationCodeError();
    const user: UserRecord = {
      id: randomUUID(),
      email,
      name: pending.name,
      passwordHash: pending.passwordHash,
      emailVerified: true,
      createdAt: now,
    };
    const created = this.#deps.pendingSignUps.complete(email, pending.codeHash, () =>
      this.#deps.store.createUser(user),
    );
    if (!created) throw new InvalidConfirmationCodeError();
    return this.#startSession(user, now);
  }

  /**
   * Signs in with email and password. Unknown email and wrong password fail alike, in message and in
   * time. @throws InvalidCredentialsError
   */
  async signIn(input: { email: string; password: string }): Promise<AuthTokens> {
    const user = this.#deps.store.findUserByEmail(normalizeEmail(input.email));
    const passwordOk = user
      ? await this.#deps.passwords.verify(input.password, user.passwordHash)
      : await this.#deps.passwords.verify(input.password, await this.#decoyHash).then(() => false);
    if (!user || !passwordOk) throw new InvalidCredentialsError();
    return this.#startSession(user, this.#deps.clock.now());
  }

  /**
   * Exchanges a refresh token for new tokens and a new refresh token; the old one stops working.
   * @throws UnauthenticatedError for an unknown, expired, revoked or already used token.
   */
  async refresh(refreshToken: string): Promise<AuthTokens> {
    const now = this.#deps.clock.now();
    const next = newRefreshToken();
    const result = this.#deps.store.rotateRefreshToken(
      sha256(refreshToken),
      { tokenHash: sha256(next), expiresAt: new Date(now.getTime() + this.#refreshTtlMs) },
      now,
    );
    if (result.outcome !== "rotated") throw new UnauthenticatedError(refreshFailure[result.outcome]);
    const user = this.#deps.store.getUser(result.previous.userId);
    if (!user) throw new UnauthenticatedError("The account no longer exists");
    const signed = await this.#deps.tokens.issue({ ...subjectOf(user), authTime: result.previous.authTime });
    return { ...signed, refreshToken: next, tokenType: "Bearer" };
  }

  /** The public keys that verify this issuer's tokens. */
  jwks(): JSONWebKeySet {
    return this.#deps.tokens.jwks();
  }

  async #startSession(user: UserRecord, now: Date): Promise<AuthTokens> {
    const refreshToken = newRefreshToken();
    this.#deps.store.addRefreshToken(
      {
        tokenHash: sha256(refreshToken),
        familyId: randomUUID(),
        userId: user.id,
        authTime: now,
        expiresAt: new Date(now.getTime() + this.#refreshTtlMs),
      },
      now,
    );
    const signed = await this.#deps.tokens.issue({ ...subjectOf(user), authTime: now });
    return { ...signed, refreshToken, tokenType: "Bearer" };
  }

  #codeRecord(email: string, code: string, now: Date) {
    return {
      codeHash: codeHash(email, code),
      codeExpiresAt: new Date(now.getTime() + CONFIRMATION_CODE_TTL_MINUTES * 60_000),
      attemptsLeft: CONFIRMATION_CODE_ATTEMPTS,
    };
  }

  /** Mail goes out after the answer: a slow or failing mail server must not change what callers see. */
  #sendLater(message: MailMessage): void {
    this.#deps.mailer.send(message).catch((error: unknown) => {
      this.#deps.logger?.error("mail.send_failed", {
        error,
        subject: message.subject.replace(/\d{6}/, "******"),
      });
    });
  }

  #sent(): ConfirmationSent {
    return { confirmation: "sent", delivery: this.#deps.mailer.delivery };
  }
}

const refreshFailure = {
  unknown: "The refresh token is not valid",
  expired: "The refresh token has expired; sign in again",
  reused: "The refresh token was already used; sign in again",
} as const;

function checkPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError(`password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(`password must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
}

function subjectOf(user: UserRecord) {
  return { userId: user.id, email: user.email, emailVerified: user.emailVerified, name: user.name };
}

/** Six digits, uniformly drawn: short enough to type from a phone, guarded by expiry and an attempt limit. */
function newConfirmationCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** Bound to the address, so a code hash is useless for any other sign-up. */
function codeHash(email: string, code: string): string {
  return sha256(`${email}\n${code}`);
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** 256 random bits: guessing one is hopeless, so a fast hash is enough to store it. */
function newRefreshToken(): string {
  return randomBytes(32).toString("base64url");
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}
