import type { Logger } from "../../ports/logger.js";
import type { Mailer, MailMessage } from "../../ports/mailer.js";

/**
 * The embedded host's mailer when no SMTP server is configured: each message becomes one warning line in
 * the host's log (the subject carries any code), so whoever runs the host can read a confirmation code there.
 */
export class LogMailer implements Mailer {
  readonly delivery = "log";

  constructor(private readonly logger: Logger) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.warn(
      `No mail server (set SHOEBOX_SMTP_URL); mail to ${message.to} not sent: ${message.subject}`,
    );
  }
}
