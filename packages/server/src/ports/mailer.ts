/** One plain-text email. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends email (account confirmation codes and notices). Embedded host: SMTP through nodemailer when
 * `SHOEBOX_SMTP_URL` is set, otherwise the host's own log. Not used on AWS, where Cognito sends its mail.
 */
export interface Mailer {
  /** Where messages end up: a mail server ("email"), or the host's log when none is configured ("log"). */
  readonly delivery: "email" | "log";
  /** Resolves once the message is handed over; rejects when it could not be. */
  send(message: MailMessage): Promise<void>;
}
