import type { MailMessage } from "../../ports/mailer.js";

/*
 * What the embedded issuer emails. Plain text and short: nothing but the code or the notice (never anything
 * about photos or events), so a forwarded or leaked mail tells nobody more than that an account exists.
 */

/** The code that confirms a new account; the subject carries it too, so the log mailer's one line does. */
export function confirmationCodeMail(to: string, code: string, validMinutes: number): MailMessage {
  return {
    to,
    subject: `Your Shoebox confirmation code: ${code}`,
    text: [
      `Your Shoebox confirmation code is ${code}.`,
      "",
      `Enter it where you signed up to confirm this email address. It works for ${validMinutes} minutes.`,
      "If you did not sign up for Shoebox, ignore this email: no account is created without the code.",
    ].join("\n"),
  };
}

/** Sent instead of a code when someone signs up with an address that already has an account. */
export function signUpAttemptMail(to: string): MailMessage {
  return {
    to,
    subject: "Someone tried to sign up to Shoebox with your email address",
    text: [
      "Someone tried to create a Shoebox account with this email address, which already has one.",
      "",
      "If it was you, sign in with your password instead.",
      "If it was not you, ignore this email: nothing about your account has changed.",
    ].join("\n"),
  };
}
