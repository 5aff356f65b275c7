/** The signed-in caller, as the services see it: who, not how they proved it (embedded issuer or Cognito). */
export interface Principal {
  /** Stable user id: the token's `sub`. */
  userId: string;
  email?: string;
  /**
   * Whether the identity provider checked that the caller owns `email` (the token's `email_verified`).
   * Only a verified email may accept an invitation addressed to it.
   */
  emailVerified?: boolean;
  name?: string;
}
