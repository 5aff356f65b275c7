/** The signed-in caller, as the services see it: who, not how they proved it (embedded issuer or Cognito). */
export interface Principal {
  /** Stable user id: the token's `sub`. */
  userId: string;
  email?: string;
  name?: string;
}
