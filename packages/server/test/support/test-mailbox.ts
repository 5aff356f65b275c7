import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  to: string[];
  /** The raw message (headers and body) as sent over SMTP. */
  raw: string;
  subject: string;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free loopback port that keeps what it receives, so
 * tests read confirmation codes from mail the host really sent. Point a host at it with `SHOEBOX_SMTP_URL`.
 */
export class TestMailbox {
  readonly received: ReceivedMail[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<TestMailbox> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? "";
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, subject });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    const mailbox = new TestMailbox(server, `smtp://127.0.0.1:${port}`);
    (mailbox as { received: ReceivedMail[] }).received = received;
    return mailbox;
  }

  /** Waits (bounded) for the `count`-th message to `to` and returns the messages to `to` so far. */
  async waitFor(to: string, count = 1, timeoutMs = 5_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = this.received.filter((mail) => mail.to.includes(to));
      if (mails.length >= count) return mails;
      if (Date.now() > deadline) throw new Error(`No mail #${count} to ${to} within ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  /** The code of the latest confirmation mail to `to` (waiting for mail number `count`). */
  async codeFor(to: string, count = 1): Promise<string> {
    const mails = await this.waitFor(to, count);
    const code = /confirmation code: (\d{6})/.exec(mails.at(-1)?.subject ?? "")?.[1];
    if (code === undefined)
      throw new Error(`The latest mail to ${to} carries no code: ${mails.at(-1)?.subject}`);
    return code;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
