/** What a rate limiter answers for one attempt. */
export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: whole seconds until an attempt may succeed again (≥ 1). 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts attempts per key (`address:127.0.0.1`, `link:abc` …, built by `services/rate-limit-keys.ts`) and says whether one
 * more is allowed. Embedded: in memory, per process; AWS: API Gateway throttling in front, and the same port
 * for the limits only the service can key (per share link).
 */
export interface RateLimiter {
  /** Records one attempt under `key` and decides whether it may proceed. */
  hit(key: string): Promise<RateLimitDecision>;
}

/** The limiters the API applies; each one is optional (an absent limiter allows everything). */
export interface RateLimits {
  /** Sign-in attempts, keyed per client address and per email. */
  signIn?: RateLimiter;
  /** Sign-ups, keyed per client address. */
  signUp?: RateLimiter;
  /** Upload tickets and direct uploads, keyed per user (signed in) or per guest link and address. */
  tickets?: RateLimiter;
  /** Password attempts on share and guest links, keyed per link and per client address. */
  linkPasswords?: RateLimiter;
  /** Public invite previews by code (the join page), keyed per client address: codes must not be mined. */
  invitePreviews?: RateLimiter;
}
