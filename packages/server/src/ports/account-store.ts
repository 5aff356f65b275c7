/** An account of the embedded issuer. */
export interface UserRecord {
  id: string;
  /** Normalised (trimmed, lower-case); unique. */
  email: string;
  name: string;
  passwordHash: string;
  /**
   * Whether the owner proved the address with an emailed code (every account created since codes exist;
   * accounts from before keep signing in, with `email_verified: false` in their tokens).
   */
  emailVerified: boolean;
  createdAt: Date;
}

/** A refresh token, known only by its SHA-256: a leaked database holds no usable tokens. */
export interface RefreshTokenRecord {
  tokenHash: string;
  /** Every token rotated from one sign-in shares a family; reuse of a rotated token revokes the family. */
  familyId: string;
  userId: string;
  /** When the user last proved their password; carried through rotations as the `auth_time` claim. */
  authTime: Date;
  expiresAt: Date;
}

/** The new token of a rotation; family, user and auth time come from the token it replaces. */
export type RotatedToken = Pick<RefreshTokenRecord, "tokenHash" | "expiresAt">;

export type RotationResult =
  | { outcome: "rotated"; previous: RefreshTokenRecord }
  | { outcome: "unknown" | "expired" | "reused" };

/**
 * Accounts of the embedded issuer and their refresh tokens (SQLite: `SqliteAccountStore`). Synchronous,
 * because the one store behind it is; `rotateRefreshToken` must be atomic, so a refresh token is exchanged
 * at most once even when two requests race.
 */
export interface AccountStore {
  /** Throws `ConflictError` when the email is taken. */
  createUser(user: UserRecord): void;
  /** By normalised email. */
  findUserByEmail(email: string): UserRecord | undefined;
  getUser(id: string): UserRecord | undefined;
  addRefreshToken(token: RefreshTokenRecord, now: Date): void;
  /** Replaces `oldHash` by `next` in one step; a second use of a rotated token revokes its family. */
  rotateRefreshToken(oldHash: string, next: RotatedToken, now: Date): RotationResult;
}
