import type { Database } from "better-sqlite3";
import { scryptPasswordHasher } from "../adapters/crypto/scrypt-password-hasher.js";
import type { ScryptParameters } from "../adapters/crypto/scrypt-passwords.js";
import { JwtTokenVerifier } from "../adapters/identity/jwt-token-verifier.js";
import { loadOrCreateSigningKey } from "../adapters/identity/signing-key-store.js";
import { JwtTokenIssuer } from "../adapters/identity/token-issuer.js";
import { SqliteAccountStore } from "../adapters/sqlite/sqlite-account-store.js";
import { SqlitePendingSignUpStore } from "../adapters/sqlite/sqlite-pending-sign-up-store.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Mailer } from "../ports/mailer.js";
import type { TokenVerifier } from "../ports/token-verifier.js";
import { AccountService } from "../services/accounts/account.service.js";

export interface EmbeddedIdentityOptions {
  database: Database;
  /** The signing key lives in `<dataDir>/identity/`. */
  dataDir: string;
  /** `iss` of issued tokens: the public API URL, e.g. `http://127.0.0.1:8080/api`. */
  issuer: string;
  clientId: string;
  clock: Clock;
  /** Sends confirmation codes and sign-up notices. */
  mailer: Mailer;
  /** Reports mail that could not be sent. */
  logger?: Logger;
  /**
   * Which token the API accepts as bearer. Default "id": it carries the email and name the event services
   * need (invitations by email, attendee lists); access tokens carry neither.
   */
  tokenUse?: "access" | "id";
  scryptParameters?: ScryptParameters;
}

/**
 * The embedded host's identity provider: the account service (sign-up, sign-in, refresh, JWKS) and the
 * token verifier the API uses, configured with the issuer's own public key. The key is created on first
 * start and reloaded afterwards, so tokens survive restarts.
 */
export async function createEmbeddedIdentity(
  options: EmbeddedIdentityOptions,
): Promise<{ accounts: AccountService; tokenVerifier: TokenVerifier }> {
  const key = await loadOrCreateSigningKey(options.dataDir);
  const tokens = new JwtTokenIssuer({
    key,
    issuer: options.issuer,
    clientId: options.clientId,
    clock: options.clock,
  });
  const accounts = new AccountService({
    store: new SqliteAccountStore(options.database),
    pendingSignUps: new SqlitePendingSignUpStore(options.database),
    passwords: scryptPasswordHasher(options.scryptParameters),
    mailer: options.mailer,
    tokens,
    clock: options.clock,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const tokenVerifier = new JwtTokenVerifier({
    issuer: options.issuer,
    clientId: options.clientId,
    tokenUse: options.tokenUse ?? "id",
    jwks: tokens.jwks(),
  });
  return { accounts, tokenVerifier };
}
