/** Never refresh more than this long before expiry (an hour-long token renews at 55 min). */
const MAX_LEAD_MS = 5 * 60_000;
/** A token this close to expiry is renewed before it is used, not sent and refused. */
export const MIN_REMAINING_MS = 15_000;

/**
 * How long to wait before renewing a token quietly: a fifth of its lifetime before expiry, at most five
 * minutes before, and never a negative delay.
 *
 * @example refreshDelayMs({ issuedAt: 0, expiresAt: 3_600_000 }, 0) // → 3_300_000 (at 55 minutes)
 */
export function refreshDelayMs(token: { issuedAt: number; expiresAt: number }, now: number): number {
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
  const lead = Math.min(MAX_LEAD_MS, lifetime / 5);
  return Math.max(0, token.expiresAt - lead - now);
}

/** Whether a token must be renewed before it is sent. */
export function needsRefreshBeforeUse(token: { expiresAt: number }, now: number): boolean {
  return token.expiresAt - now < MIN_REMAINING_MS;
}
