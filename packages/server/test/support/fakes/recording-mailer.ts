import type { Mailer, MailMessage } from "../../../src/ports/mailer.js";

/** Keeps every message in memory; `codeFor` reads the latest confirmation code sent to an address. */
export class RecordingMailer implements Mailer {
  readonly delivery = "email";
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }

  /** The messages sent to `to`, oldest first. */
  to(to: string): MailMessage[] {
    return this.sent.filter((message) => message.to === to);
  }

  /** The 6-digit code of the latest confirmation mail to `to`. */
  codeFor(to: string): string {
    const code = this.to(to)
      .flatMap((message) => /code is (\d{6})\./.exec(message.text)?.[1] ?? [])
      .at(-1);
    if (code === undefined) throw new Error(`No confirmation code was sent to ${to}`);
    return code;
  }
}
