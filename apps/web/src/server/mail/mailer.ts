import "server-only";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends the portal's e-mails (invitations, password resets) over SMTP when SMTP_URL is set;
 * otherwise writes each one as an .eml file into MAIL_OUTBOX_DIR, which is what development
 * machines and tests read. Links in e-mails are secrets: they are never logged. */
export class Mailer {
  private transport?: Transporter;

  constructor(
    private readonly config: { SMTP_URL?: string | undefined; MAIL_FROM: string; MAIL_OUTBOX_DIR: string },
    private readonly log: Logger,
  ) {}

  get mode(): "smtp" | "outbox" {
    return this.config.SMTP_URL ? "smtp" : "outbox";
  }

  async send(message: MailMessage): Promise<void> {
    const mail = { from: this.config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text };
    if (this.config.SMTP_URL) {
      this.transport ??= nodemailer.createTransport(this.config.SMTP_URL);
      await this.transport.sendMail(mail);
      this.log.info({ to: message.to, subject: message.subject }, "e-mail sent");
      return;
    }
    const outbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    const info = await outbox.sendMail(mail);
    mkdirSync(this.config.MAIL_OUTBOX_DIR, { recursive: true });
    const safeTo = message.to.replace(/[^a-z0-9@._-]/gi, "_");
    const file = path.join(this.config.MAIL_OUTBOX_DIR, `${Date.now()}-${safeTo}.eml`);
    writeFileSync(file, info.message as Buffer, { mode: 0o600 });
    this.log.info({ to: message.to, subject: message.subject, outbox: this.config.MAIL_OUTBOX_DIR }, "e-mail written to the outbox (no SMTP_URL)");
  }
}
