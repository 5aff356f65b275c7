import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { JSONWebKeySet } from "jose";
import {
  defaultScryptParameters,
  hashPassword,
  type ScryptParameters,
  verifyPassword,
} from "../../adapters/crypto/scrypt-passwords.js";
import type { TokenIssuer } from "../../adapters/identity/token-issuer.js";
import type { SqliteAccountStore, UserRecord } from "../../adapters/sqlite/sqlite-account-store.js";
import { normalizeEmail, parseEmail } from "../../domain/email.js";
import { InvalidCredentialsError, UnauthenticatedError, ValidationError } from "../../domain/errors.js";
import { requiredText } from "../../domain/text.js";
import type { Clock } from "../../ports/clock.js";

/** What sign-up, sign-in and refresh answer; the shape of Cognito's `AuthenticationResult`, camel-cased. */
export interface AuthTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Seconds until the access and id tokens expire. */
  expiresIn: number;
  tokenType: "Bearer";
}

export interface AccountServiceDeps {
  store: SqliteAccountStore;
  tokens: TokenIssuer;
  clock: Clock;
  /** Lower in tests only; production hashes use the defaults. */
  scryptParameters?: ScryptParameters;
  refreshTokenTtlSeconds?: number;
}

export const PASSWORD_MIN_LENGTH = 8;
/** Bounds the work one request can ask scrypt to do. */
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 100;
const THIRTY_DAYS_SECONDS = 30 * 24 * 3600;

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
    this.#decoyHash = hashPassword(randomUUID(), this.#scryptParameters());
  }

  /** Creates an account and signs it in. @throws ValidationError, ConflictError (email taken). */
  async signUp(input: { email: string; password: string; name: string }): Promise<AuthTokens> {
    const email = parseEmail(input.email);
    const name = requiredText(input.name, { field: "name", max: NAME_MAX_LENGTH });
    checkPasswordRules(input.password);
    const now = this.#deps.clock.now();
    const user: UserRecord = {
      id: randomUUID(),
      email,
      name,
      passwordHash: await hashPassword(input.password, this.#scryptParameters()),
      createdAt: now,
    };
    this.#deps.store.createUser(user);
    return this.#startSession(user, now);
  }

  /**
   * Signs in with email and password. Unknown email and wrong password fail alike, in message and in
   * time. @throws InvalidCredentialsError
   */
  async signIn(input: { email: string; password: string }): Promise<AuthTokens> {
    const user = this.#deps.store.findUserByEmail(normalizeEmail(input.email));
    const passwordOk = user
      ? await verifyPassword(input.password, user.passwordHash)
      : await verifyPassword(input.password, await this.#decoyHash).then(() => false);
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

  #scryptParameters(): ScryptParameters {
    return this.#deps.scryptParameters ?? defaultScryptParameters;
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
  return { userId: user.id, email: user.email, name: user.name };
}

/** 256 random bits: guessing one is hopeless, so a fast hash is enough to store it. */
function newRefreshToken(): string {
  return randomBytes(32).toString("base64url");
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}
