import { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { CalendarDate, dec, Money } from '@foerderfluss/core';
import type { ValidReceipt } from '../receipt-rules';
import { CentsTotal, ReceiptSink } from './receipt-sink.repository';

const PROOF = '5b0e3b0c-6a8f-4c79-9a0f-0d2a5c6f1e11';

/**
 * Just enough of pg and PostgreSQL for pg-copy-streams: COPYs run one at a time in the order they
 * were queued; each gets CopyInResponse, its data is collected, and CopyDone completes it.
 */
function fakeClient(): { client: PoolClient; copies: string[]; statements: string[] } {
  type Copy = Writable & Record<'submit' | 'handleCopyInResponse' | 'handleCommandComplete' | 'handleReadyForQuery', (...args: unknown[]) => void>;
  const copies: string[] = [];
  const queue: Copy[] = [];
  let active: Copy | null = null;
  let data: Buffer[] = [];
  const connection = {
    stream: {
      write(buf: Buffer): boolean {
        if (buf.length === 5 && buf[0] === 0x64) return true; // CopyData header
        if (buf.length === 5 && buf[0] === 0x63) {
          // CopyDone: the COPY completes, the next one starts
          copies.push(Buffer.concat(data).toString('utf8'));
          data = [];
          const done = active!;
          active = null;
          setImmediate(() => {
            done.handleCommandComplete({ text: `COPY ${copies[copies.length - 1]!.split('\n').length - 1}` });
            done.handleReadyForQuery();
            next();
          });
          return true;
        }
        data.push(Buffer.from(buf));
        return true;
      },
      once(): void {},
    },
    query(): void {},
    sendCopyFail(): void {},
  };
  const next = (): void => {
    if (active || queue.length === 0) return;
    const copy = queue.shift()!;
    active = copy;
    copy.submit(connection);
    setImmediate(() => copy.handleCopyInResponse(connection));
  };
  const statements: string[] = [];
  const client = {
    query(q: Copy | string) {
      // The staging table's CREATE, the INSERT … SELECT into receipt and the DROP (RLS forbids COPY into receipt).
      if (typeof q === 'string') {
        statements.push(q);
        return Promise.resolve({ rows: [] });
      }
      queue.push(q);
      next();
      return q;
    },
  } as unknown as PoolClient;
  return { client, copies, statements };
}

const day = (d: number): CalendarDate => CalendarDate.of(2026, 3, d);

function receipt(position: number, over: Partial<ValidReceipt> = {}): ValidReceipt {
  return {
    position,
    receiptNumber: `RE-${position}`,
    receiptDate: day(1),
    paymentDate: day(2),
    counterparty: 'Bürobedarf Müller',
    reason: 'Papier',
    direction: 'EXPENSE',
    costCategory: 'MATERIAL_ADMIN',
    grossAmount: Money.of('119.5'),
    vatAmount: Money.ZERO,
    projectSharePercent: dec(100),
    eligibleAmount: Money.of('119.5'),
    personnelPosition: null,
    ...over,
  };
}

describe('ReceiptSink (COPY)', () => {
  it('encodes rows in COPY text format: escapes, NULL, two-decimal amounts, ISO dates', async () => {
    const { client, copies } = fakeClient();
    const sink = new ReceiptSink(client, PROOF, { strategy: 'copy', batchSize: 10000 });
    expect(sink.add(receipt(1))).toBeNull();
    sink.add(
      receipt(2, {
        receiptNumber: 'A\\B',
        reason: 'Zeile 1\nZeile 2\tmit Tab\r',
        vatAmount: Money.of('3.8'),
        grossAmount: Money.of('23.8'),
        projectSharePercent: dec('33.333333'),
        eligibleAmount: Money.of('7.93'),
        direction: 'INCOME',
        costCategory: 'REVENUE',
        personnelPosition: 'Stelle 1',
        paymentDate: day(31),
      }),
    );
    expect(await sink.finish()).toBe(2);
    expect(copies).toEqual([
      `${PROOF}\t1\tRE-1\t2026-03-01\t2026-03-02\tBürobedarf Müller\tPapier\tEXPENSE\tMATERIAL_ADMIN\t119.50\t0.00\t100\t119.50\t\\N\n` +
        `${PROOF}\t2\tA\\\\B\t2026-03-01\t2026-03-31\tBürobedarf Müller\tZeile 1\\nZeile 2\\tmit Tab\\r\tINCOME\tREVENUE\t23.80\t3.80\t33.333333\t7.93\tStelle 1\n`,
    ]);
    expect(sink.eligibleExpenses.toApiString()).toBe('119.50');
    expect(sink.income.toApiString()).toBe('7.93');
  });

  it('one COPY per batch, in order; every row written once, also across 64 KB chunks', async () => {
    const { client, copies, statements } = fakeClient();
    const sink = new ReceiptSink(client, PROOF, { strategy: 'copy', batchSize: 1000 });
    const long = 'x'.repeat(400);
    for (let i = 1; i <= 2500; i++) {
      const wait = sink.add(receipt(i, { reason: long }));
      if (wait) await wait;
    }
    expect(await sink.finish()).toBe(2500);
    expect(copies.map((c) => c.split('\n').length - 1)).toEqual([1000, 1000, 500]);
    const positions = copies.flatMap((c) => c.split('\n').filter(Boolean).map((line) => Number(line.split('\t')[1])));
    expect(positions).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    // Staged, then moved once: COPY FROM is refused on a table under row-level security.
    expect(statements.map((q) => q.split(' (')[0]!.split(' SELECT')[0])).toEqual(['CREATE TEMP TABLE receipt_stage ON COMMIT DROP AS', 'INSERT INTO receipt', 'DROP TABLE receipt_stage']);
    expect(statements[1]).toContain('FROM receipt_stage');
  });
});

describe('CentsTotal', () => {
  it('sums whole cents exactly, also beyond 2^53 cents', () => {
    const total = new CentsTotal();
    const max = Money.of('9999999999999.99');
    for (let i = 0; i < 20000; i++) total.add(max, '9999999999999.99');
    total.add(Money.of('0.01'), '0.01');
    expect(total.toApiString()).toBe((999999999999999n * 20000n + 1n).toString().replace(/(\d{2})$/, '.$1'));
  });

  it('an empty total is 0.00; an amount with sub-cent digits is summed exactly and rounded once at the end', () => {
    expect(new CentsTotal().toApiString()).toBe('0.00');
    const total = new CentsTotal();
    total.add(Money.of('10.10'), '10.10');
    total.add(Money.of('0.004'), '0.00');
    total.add(Money.of('0.004'), '0.00');
    expect(total.toApiString()).toBe('10.11');
  });
});
