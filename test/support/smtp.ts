import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  messageId: string | null;
  outboxId: string | null;
  raw: string;
}

/**
 * A real SMTP server on a free local port (the `smtp-server` package), so mails go through
 * nodemailer and the network exactly as in production. `refuse` makes it answer the DATA of the
 * matching messages with a temporary error (451) as often as asked, then accept them.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  private refusals: { match: (to: string[]) => boolean; times: number }[] = [];
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const refusal = this.refusals.find((r) => r.times > 0 && r.match(to));
          if (refusal) {
            refusal.times--;
            const err = new Error('Mailbox vorübergehend nicht verfügbar') as Error & { responseCode: number };
            err.responseCode = 451;
            callback(err);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const header = (name: string): string | null => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw)?.[1]?.trim() ?? null;
          this.received.push({ to, messageId: header('Message-ID'), outboxId: header('X-Foerderfluss-Outbox-Id'), raw });
          callback();
        });
      },
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Refuse the next `times` messages to a recipient (Infinity: until `accept()`). */
  refuse(recipient: string | ((to: string[]) => boolean), times = Infinity): void {
    const match = typeof recipient === 'string' ? (to: string[]) => to.includes(recipient) : recipient;
    this.refusals.push({ match, times });
  }

  accept(): void {
    this.refusals = [];
  }

  byOutboxId(id: string): ReceivedMail[] {
    return this.received.filter((m) => m.outboxId === id);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
