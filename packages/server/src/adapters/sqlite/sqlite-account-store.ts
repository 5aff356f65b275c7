import type { Database, Statement } from "better-sqlite3";
import { ConflictError } from "../../domain/errors.js";
import type {
  AccountStore,
  RefreshTokenRecord,
  RotatedToken,
  RotationResult,
  UserRecord,
} from "../../ports/account-store.js";

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  email_verified: number;
  created_at: number;
}

interface RefreshRow {
  token_hash: string;
  family_id: string;
  user_id: string;
  auth_time: number;
  expires_at: number;
  replaced_at: number | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS identity_users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    email_verified INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE IF NOT EXISTS identity_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES identity_users(id) ON DELETE CASCADE,
    auth_time INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    replaced_at INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS identity_refresh_tokens_by_family ON identity_refresh_tokens (family_id);
  CREATE INDEX IF NOT EXISTS identity_refresh_tokens_by_user ON identity_refresh_tokens (user_id, expires_at);
`;

/**
 * Users and refresh tokens of the embedded issuer, in SQLite. Creates its tables on construction
 * (idempotent). Rotation is one transaction, so a refresh token can be exchanged at most once even when two
 * requests race.
 */
export class SqliteAccountStore implements AccountStore {
  readonly #insertUser: Statement<[string, string, string, string, number, number]>;
  readonly #userByEmail: Statement<[string], UserRow>;
  readonly #userById: Statement<[string], UserRow>;
  readonly #insertToken: Statement<[string, string, string, number, number]>;
  readonly #tokenByHash: Statement<[string], RefreshRow>;
  readonly #markReplaced: Statement<[number, string]>;
  readonly #deleteFamily: Statement<[string]>;
  readonly #deleteExpiredOfUser: Statement<[string, number]>;
  readonly #rotate: (oldHash: string, next: RotatedToken, now: Date) => RotationResult;

  constructor(db: Database) {
    db.exec(SCHEMA);
    addEmailVerifiedColumn(db);
    this.#insertUser = db.prepare(
      "INSERT INTO identity_users (id, email, name, password_hash, created_at, email_verified) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.#userByEmail = db.prepare("SELECT * FROM identity_users WHERE email = ?");
    this.#userById = db.prepare("SELECT * FROM identity_users WHERE id = ?");
    this.#insertToken = db.prepare(
      "INSERT INTO identity_refresh_tokens (token_hash, family_id, user_id, auth_time, expires_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.#tokenByHash = db.prepare("SELECT * FROM identity_refresh_tokens WHERE token_hash = ?");
    this.#markReplaced = db.prepare(
      "UPDATE identity_refresh_tokens SET replaced_at = ? WHERE token_hash = ? AND replaced_at IS NULL",
    );
    this.#deleteFamily = db.prepare("DELETE FROM identity_refresh_tokens WHERE family_id = ?");
    this.#deleteExpiredOfUser = db.prepare(
      "DELETE FROM identity_refresh_tokens WHERE user_id = ? AND expires_at < ?",
    );
    this.#rotate = db.transaction((oldHash, next, now) => this.#rotateInTransaction(oldHash, next, now));
  }

  /** @throws ConflictError when the email is taken. */
  createUser(user: UserRecord): void {
    try {
      this.#insertUser.run(
        user.id,
        user.email,
        user.name,
        user.passwordHash,
        user.createdAt.getTime(),
        user.emailVerified ? 1 : 0,
      );
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
        throw new ConflictError("An account with this email already exists");
      }
      throw error;
    }
  }

  findUserByEmail(email: string): UserRecord | undefined {
    const row = this.#userByEmail.get(email);
    return row && toUser(row);
  }

  getUser(id: string): UserRecord | undefined {
    const row = this.#userById.get(id);
    return row && toUser(row);
  }

  /** Stores a token issued at sign-in, and forgets the user's expired ones. */
  addRefreshToken(token: RefreshTokenRecord, now: Date): void {
    this.#deleteExpiredOfUser.run(token.userId, now.getTime());
    this.#insertRefreshToken(token);
  }

  /**
   * Exchanges the token hashed `oldHash` for `next` (which inherits its family, user and auth time).
   * A token already exchanged once is a sign it was stolen: its whole family is revoked.
   */
  rotateRefreshToken(oldHash: string, next: RotatedToken, now: Date): RotationResult {
    return this.#rotate(oldHash, next, now);
  }

  #rotateInTransaction(oldHash: string, next: RotatedToken, now: Date): RotationResult {
    const row = this.#tokenByHash.get(oldHash);
    if (!row) return { outcome: "unknown" };
    if (row.replaced_at !== null) {
      this.#deleteFamily.run(row.family_id);
      return { outcome: "reused" };
    }
    if (row.expires_at <= now.getTime()) {
      this.#deleteFamily.run(row.family_id);
      return { outcome: "expired" };
    }
    this.#markReplaced.run(now.getTime(), oldHash);
    const previous = toRefreshToken(row);
    this.#insertRefreshToken({
      ...next,
      familyId: previous.familyId,
      userId: previous.userId,
      authTime: previous.authTime,
    });
    return { outcome: "rotated", previous };
  }

  #insertRefreshToken(token: RefreshTokenRecord): void {
    this.#insertToken.run(
      token.tokenHash,
      token.familyId,
      token.userId,
      token.authTime.getTime(),
      token.expiresAt.getTime(),
    );
  }
}

/** Databases from before email confirmation lack the column; their accounts start unverified. */
function addEmailVerifiedColumn(db: Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('identity_users')").all() as {
    name: string;
  }[];
  if (!columns.some((column) => column.name === "email_verified")) {
    db.exec("ALTER TABLE identity_users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0");
  }
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    emailVerified: row.email_verified === 1,
    createdAt: new Date(row.created_at),
  };
}

function toRefreshToken(row: RefreshRow): RefreshTokenRecord {
  return {
    tokenHash: row.token_hash,
    familyId: row.family_id,
    userId: row.user_id,
    authTime: new Date(row.auth_time),
    expiresAt: new Date(row.expires_at),
  };
}
