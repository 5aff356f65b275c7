/**
 * The secrets in share and guest-upload links. Only a hash of a token is stored, so a leaked database row
 * does not open the link; the token itself is shown once, when the link is created.
 */
export interface LinkTokens {
  /** A new unguessable, URL-safe token (≥ 128 bits). */
  newToken(): string;
  /** The stored form of `token`: deterministic, so a link is found by the hash of what a visitor sent. */
  hashOf(token: string): string;
}

/**
 * Short-lived proofs that a visitor typed a link's password, so they need not send it with every request
 * (a cookie on the share page, a header for the JSON API).
 */
export interface AccessGrants {
  /** A grant for `linkId` that expires after `ttlSeconds`. */
  issue(linkId: string, ttlSeconds: number): { grant: string; expiresAt: Date };
  /** Whether `grant` was issued for `linkId` and has not expired. */
  verify(grant: string, linkId: string): boolean;
}
