import { ValidationError } from "./errors.js";

/** RFC 5321 caps a forward path at 254 characters. */
const MAX_EMAIL_LENGTH = 254;
/** Deliberately loose: one `@`, a dot in the domain, no spaces. Deliverability is the mailer's problem. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Lower-cases and trims an address so that invitations and sign-ins match however it was typed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Normalises `email` and throws `ValidationError` unless it looks like an address. */
export function parseEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(normalized)) {
    throw new ValidationError(`"${email.slice(0, 64)}" is not a valid email address`);
  }
  return normalized;
}
