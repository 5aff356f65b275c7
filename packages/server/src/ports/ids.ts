/** Randomness the services need, behind a port so tests can make it predictable. */
export interface Ids {
  /** A new, unguessable, URL-safe id (≥ 128 bits) for photos, events, shares … */
  newId(): string;
  /** A short, human-typeable invite code (unambiguous characters, ≥ 40 bits). */
  newInviteCode(): string;
}
