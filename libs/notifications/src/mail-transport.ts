import type { Provider } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';

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

/** SMTP by nodemailer with the settings of the configuration (SMTP_*). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    const smtp = config.smtp;
    this.transporter = nodemailer.createTransport({
      host: smtp.host,
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

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): MailTransport => new SmtpMailTransport(config),
};
