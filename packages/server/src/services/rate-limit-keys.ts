import { normalizeEmail } from "../domain/email.js";

/**
 * Every key a rate limit counts under, built here so that the HTTP routes and the link-password gate
 * cannot drift apart (a typo in one place would open a separate, fresh budget). Each function answers all
 * the keys one attempt counts under; a refusal on any of them refuses the attempt.
 */
export const rateLimitKeys = {
  /** Sign-in, sign-up, confirmation and resend: per client address and per (normalized) email. */
  clientAndEmail: (clientAddress: string, email: string): string[] => [
    `address:${clientAddress}`,
    `email:${normalizeEmail(email)}`,
  ],
  /** Upload tickets and direct uploads of a signed-in user. */
  user: (userId: string): string[] => [`user:${userId}`],
  /** Upload tickets through a guest link: per client address (guests have no account). */
  guest: (clientAddress: string): string[] => [`guest:${clientAddress}`],
  /** Public invite previews: per client address (whoever asks has no account yet). */
  invitePreview: (clientAddress: string): string[] => [`preview:${clientAddress}`],
  /** Password attempts on a share or guest link: per link and per client address. */
  linkPassword: (linkId: string, clientAddress: string): string[] => [
    `link:${linkId}`,
    `address:${clientAddress}`,
  ],
};
