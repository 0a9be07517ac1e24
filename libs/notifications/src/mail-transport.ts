import type { Provider } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { MailCatchAllRepository } from './mail-catchall.repository';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** `<id@domain>`, the same on every attempt of one outbox row. */
  messageId: string;
  outboxId: string;
}

/** What the sender needs of a mail server: hand over one message, or throw. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SMTP by nodemailer with the settings of the configuration (SMTP_*) to the relay `host`. */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    private readonly config: AppConfig,
    host: string,
  ) {
    const smtp = config.smtp;
    this.transporter = nodemailer.createTransport({
      host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      connectionTimeout: smtp.timeoutMs,
      greetingTimeout: smtp.timeoutMs,
      socketTimeout: smtp.timeoutMs,
    });
  }

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    const info = (await this.transporter.sendMail({
      from: this.config.smtp.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: { 'X-Foerderfluss-Outbox-Id': mail.outboxId, 'Auto-Submitted': 'auto-generated' },
    })) as { response?: string };
    return { response: String(info.response ?? '') };
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Outside production without SMTP_HOST: the mail lands in the table mail_catchall, which ADMIN
 * reads in the web („Betrieb“ → Demo-Postfach). The outbox row is then SENT (delivered to the
 * catch-all), so a demo shows its mails instead of marking them failed after every attempt.
 */
export class CatchAllMailTransport implements MailTransport {
  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
  ) {}

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    const id = await MailCatchAllRepository.insert(this.tx.manager, {
      outboxId: mail.outboxId,
      sender: this.config.smtp.from,
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
      messageId: mail.messageId,
    });
    return { response: `250 caught locally (mail_catchall ${id}); SMTP_HOST is not set` };
  }

  close(): void {
    // nothing held open
  }
}

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [APP_CONFIG, TransactionRunner],
  useFactory: (config: AppConfig, tx: TransactionRunner): MailTransport =>
    config.smtp.host === null ? new CatchAllMailTransport(config, tx) : new SmtpMailTransport(config, config.smtp.host),
};
