import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { CalendarDate, Dec, decimalText, Money } from '@foerderfluss/core';
import type { ValidReceipt } from '../receipt-rules';

/** `copy`: COPY … FROM STDIN per batch (pg-copy-streams); `insert`: one multi-row INSERT per batch. */
export type SinkStrategy = 'copy' | 'insert';

/**
 * COPY per 10.000 rows: bench/import measured COPY 20–35 % faster than 1.000-row INSERTs (which also
 * need every value as a parameter object on the heap); 5.000–20.000 rows per COPY differ little, and
 * 10.000 keeps each statement to a few seconds, well inside DATABASE_STATEMENT_TIMEOUT_MS.
 */
export const DEFAULT_SINK: { strategy: SinkStrategy; batchSize: number } = { strategy: 'copy', batchSize: 10000 };

/** The receipt columns an import writes; the others keep their defaults (id, in_sample, review_status, …). */
const COLUMNS = [
  'proof_id',
  'position',
  'receipt_number',
  'receipt_date',
  'payment_date',
  'counterparty',
  'reason',
  'direction',
  'cost_category',
  'gross_amount',
  'vat_amount',
  'project_share_percent',
  'eligible_amount',
  'personnel_position',
] as const;

/**
 * Two-decimal text of an amount. Amounts are whole cents by now (parsed with ≤ 2 decimals, or
 * rounded by the rules), so the exact text is padded instead of rounded (no Decimal allocated).
 */
function cents(m: Money): string {
  if (m === Money.ZERO) return '0.00';
  if (!m.isWholeCents()) return m.toApiString();
  const text = decimalText(m.toDecimal());
  const dot = text.indexOf('.');
  return dot < 0 ? `${text}.00` : text.length - dot === 2 ? `${text}0` : text;
}

/** ISO texts of the days seen (a Belegliste has a few hundred distinct days), by yyyymmdd. */
class IsoDates {
  private readonly byDay = new Map<number, string>();

  of(d: CalendarDate): string {
    const key = d.year * 10000 + d.month * 100 + d.day;
    let text = this.byDay.get(key);
    if (text === undefined) {
      text = d.toISOString();
      if (this.byDay.size >= 10000) this.byDay.clear();
      this.byDay.set(key, text);
    }
    return text;
  }
}

function values(proofId: string, r: ValidReceipt): (string | null)[] {
  return [
    proofId,
    String(r.position),
    r.receiptNumber,
    r.receiptDate.toISOString(),
    r.paymentDate.toISOString(),
    r.counterparty,
    r.reason,
    r.direction,
    r.costCategory,
    cents(r.grossAmount),
    cents(r.vatAmount),
    decimalText(r.projectSharePercent),
    cents(r.eligibleAmount),
    r.personnelPosition,
  ];
}

/**
 * Exact sum of amounts in whole cents: a Number while it is safely below 2^53 (each amount is at
 * most 10^15 cents, numeric(15,2)), carried into a BigInt before it could lose a cent. Anything
 * else (digits below the cent, a negative amount: the rules let neither through) is summed as a
 * Decimal.
 */
export class CentsTotal {
  private small = 0;
  private big = 0n;
  private exact: Dec | null = null;

  /** `text`: the amount's two-decimal text as `cents()` made it. */
  add(amount: Money, text: string): void {
    if (text.charCodeAt(0) === 45 /* - */ || !amount.isWholeCents()) {
      this.exact = this.exact ? this.exact.plus(amount.toDecimal()) : amount.toDecimal();
      return;
    }
    const dot = text.length - 3;
    this.small += Number(text.slice(0, dot)) * 100 + Number(text.slice(dot + 1));
    if (this.small >= 2 ** 52) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  /** The total, rounded to the cent: "1234.56". */
  toApiString(): string {
    const total = (this.big + BigInt(this.small)).toString().padStart(3, '0');
    const whole = `${total.slice(0, -2)}.${total.slice(-2)}`;
    return this.exact ? Money.of(whole).plus(Money.of(this.exact)).toApiString() : Money.of(whole).toApiString();
  }
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return COPY_SPECIAL.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** Rows are encoded straight into Buffers of this size (off the JS heap) and handed over full. */
const COPY_CHUNK_BYTES = 64 * 1024;
/**
 * What a queued COPY may hold before the reader waits: room for a whole batch (≈ 200 bytes a row),
 * so parsing goes on while the previous batch completes. Buffers, not JS objects.
 */
const COPY_BUFFER_BYTES = 8 * 1024 * 1024;
/** PostgreSQL takes at most 65.535 parameters per statement. */
const MAX_INSERT_ROWS = Math.floor(65535 / COLUMNS.length);

/**
 * Writes validated receipts in batches on the import transaction's connection, with at most one
 * batch in flight: while PostgreSQL stores batch n, the reader parses batch n+1.
 *
 * COPY: each batch is one `COPY … FROM STDIN`. Each row's line is UTF-8-encoded into a 64 KB
 * Buffer as it comes, and a full Buffer goes to the COPY stream, so no row stays on the JS heap
 * beyond its parsing (buffered row objects or strings would survive young-generation GCs and grow
 * the old generation by the size of the file). The stream's own backpressure applies: when
 * PostgreSQL (or the socket) falls behind, `add` returns the wait. The next batch's COPY is queued
 * behind the running one and buffers (corked, up to COPY_BUFFER_BYTES) until PostgreSQL is ready
 * for it; a batch is ended only after the one before has completed: that is the one batch in flight.
 * (More batches queued on the connection did not make imports faster when the database was busy,
 * only the wait at the end longer, and pg 8 deprecates a query queue longer than one.)
 * INSERT: one multi-row INSERT per batch (parameters as strings).
 * Also sums the eligible amounts of what it was given (exact, in cents), for the audit event.
 * The caller owns the transaction; nothing here commits.
 */
export class ReceiptSink {
  /** Sum of the eligible amounts of the EXPENSE rows added. */
  readonly eligibleExpenses = new CentsTotal();
  /** Sum of the eligible amounts of the INCOME rows added. */
  readonly income = new CentsTotal();
  private copyStream: CopyStreamQuery | null = null;
  private chunk: Buffer | null = null;
  private used = 0;
  private readonly dates = new IsoDates();
  private params: (string | null)[] = [];
  private rows = 0;
  private inFlight: Promise<void> | null = null;
  private written = 0;
  private readonly insertSql = new Map<number, string>();
  private readonly batchSize: number;
  /** The staging table of the COPY path, created with the first batch. */
  private staged: Promise<void> | null = null;

  constructor(
    private readonly client: PoolClient,
    private readonly proofId: string,
    private readonly options: { strategy: SinkStrategy; batchSize: number } = DEFAULT_SINK,
  ) {
    this.batchSize = options.strategy === 'insert' ? Math.min(options.batchSize, MAX_INSERT_ROWS) : options.batchSize;
  }

  get rowsWritten(): number {
    return this.written;
  }

  /**
   * Takes one row. Returns a promise only when the caller has to wait (a batch is complete and the
   * previous one still in flight, or the COPY stream is full); otherwise null, so the common path
   * costs no await.
   */
  add(r: ValidReceipt): Promise<void> | null {
    const eligible = cents(r.eligibleAmount);
    (r.direction === 'EXPENSE' ? this.eligibleExpenses : this.income).add(r.eligibleAmount, eligible);
    this.rows++;
    if (this.options.strategy === 'insert') {
      for (const x of values(this.proofId, r)) this.params.push(x);
      return this.rows >= this.batchSize ? this.endBatch() : null;
    }
    // The columns of COLUMNS, in order; the uuid, numbers, dates and the direction need no escaping.
    const line =
      `${this.proofId}\t${r.position}\t${copyField(r.receiptNumber)}\t${this.dates.of(r.receiptDate)}\t${this.dates.of(r.paymentDate)}\t` +
      `${copyField(r.counterparty)}\t${copyField(r.reason)}\t${r.direction}\t${copyField(r.costCategory)}\t` +
      `${cents(r.grossAmount)}\t${cents(r.vatAmount)}\t${decimalText(r.projectSharePercent)}\t${eligible}\t${copyField(r.personnelPosition)}\n`;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const room = line.length * 3;
    let wait: Promise<void> | null = null;
    if (this.chunk !== null && this.used + room > this.chunk.length) wait = this.writeChunk();
    if (this.chunk === null) this.chunk = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, room));
    this.used += this.chunk.write(line, this.used, 'utf8');
    if (this.rows >= this.batchSize) return wait ? wait.then(() => this.endBatch()) : this.endBatch();
    return wait;
  }

  /** Writes what is left and waits for it; returns the number of rows written. */
  async finish(): Promise<number> {
    if (this.rows > 0) await this.endBatch();
    await this.inFlight;
    this.inFlight = null;
    if (this.staged) {
      await this.staged;
      await this.client.query(`INSERT INTO receipt (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM receipt_stage`);
      await this.client.query('DROP TABLE receipt_stage');
      this.staged = null;
    }
    return this.written;
  }

  /** Stops writing: an open COPY is cancelled (CopyFail), the batch in flight awaited, errors dropped. */
  async abort(): Promise<void> {
    const open = this.copyStream;
    this.copyStream = null;
    this.chunk = null;
    this.used = 0;
    this.params = [];
    this.rows = 0;
    if (open) {
      const settled = finished(open).catch(() => undefined);
      open.destroy(new Error('import aborted'));
      await settled;
    }
    await this.inFlight?.catch(() => undefined);
    this.inFlight = null;
  }

  private stream(): CopyStreamQuery {
    // PostgreSQL refuses COPY FROM into a table under row-level security (receipt is, issue 20), so
    // the batches go into a staging table of the transaction, moved into receipt once by finish()
    // with one INSERT … SELECT, which the policies and the Kreis trigger see like any insert.
    if (!this.staged) {
      this.staged = this.client.query(`CREATE TEMP TABLE receipt_stage ON COMMIT DROP AS SELECT ${COLUMNS.join(', ')} FROM receipt WITH NO DATA`).then(() => undefined);
      this.staged.catch(() => undefined);
    }
    // Queued behind a COPY still running on this connection; corked until PostgreSQL is ready.
    this.copyStream ??= this.client.query(copyFrom(`COPY receipt_stage (${COLUMNS.join(', ')}) FROM STDIN`, { highWaterMark: COPY_BUFFER_BYTES }));
    return this.copyStream;
  }

  /**
   * Hands the filled part of the current Buffer to the COPY stream. Returns the wait only while the
   * stream is full (a queued COPY holds COPY_BUFFER_BYTES, or the socket is behind), else null.
   */
  private writeChunk(): Promise<void> | null {
    const chunk = this.chunk!.subarray(0, this.used);
    this.chunk = null;
    this.used = 0;
    const stream = this.stream();
    if (stream.write(chunk)) return null;
    return Promise.race([once(stream, 'drain'), finished(stream)]).then(() => undefined);
  }

  /** Closes the current batch: waits for the one before (one in flight), then sends this one off. */
  private async endBatch(): Promise<void> {
    const count = this.rows;
    this.rows = 0;
    let write: Promise<unknown>;
    if (this.options.strategy === 'insert') {
      const params = this.params;
      this.params = [];
      if (this.inFlight) await this.inFlight;
      write = this.client.query({ text: this.insertText(count), values: params });
    } else {
      if (this.used > 0) await this.writeChunk();
      const stream = this.stream();
      this.copyStream = null;
      if (this.inFlight) await this.inFlight;
      write = finished(stream);
      stream.end();
    }
    this.inFlight = write.then(() => {
      this.written += count;
    });
    // Errors surface on the next add/finish; until then nobody may see an unhandled rejection.
    this.inFlight.catch(() => undefined);
  }

  private insertText(rows: number): string {
    let sql = this.insertSql.get(rows);
    if (!sql) {
      const n = COLUMNS.length;
      const tuples = Array.from({ length: rows }, (_, i) => `(${COLUMNS.map((_c, j) => `$${i * n + j + 1}`).join(',')})`);
      sql = `INSERT INTO receipt (${COLUMNS.join(', ')}) VALUES ${tuples.join(',')}`;
      this.insertSql.set(rows, sql);
    }
    return sql;
  }
}
