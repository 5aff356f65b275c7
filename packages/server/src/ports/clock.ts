/** The current time, behind a port so tests can move it (ticket expiry, reconciler, token lifetimes). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
