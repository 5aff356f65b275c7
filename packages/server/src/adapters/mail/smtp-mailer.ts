import { createTransport, type Transporter } from "nodemailer";
import type { Mailer, MailMessage } from "../../ports/mailer.js";

export interface SmtpMailerOptions {
  /**
   * nodemailer's connection URL: `smtp://user:pass@host:587` (STARTTLS when offered), `smtps://…:465`
   * (TLS from the start), `?tls.rejectUnauthorized=false` and other options as query parameters.
   */
  url: string;
  /** The `From:` of every message, e.g. `Shoebox <shoebox@example.org>`. */
  from: string;
}

/** Sends plain-text mail over SMTP with nodemailer (one pooled transport for the process). */
export class SmtpMailer implements Mailer {
  readonly delivery = "email";
  readonly #transport: Transporter;

  constructor(options: SmtpMailerOptions) {
    this.#transport = createTransport(options.url, { from: options.from });
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.#transport.close();
  }
}
