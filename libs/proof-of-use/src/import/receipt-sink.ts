import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { decimalText, Money } from '@foerderfluss/core';
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
  if (!m.isWholeCents()) return m.toApiString();
  const text = decimalText(m.toDecimal());
  const dot = text.indexOf('.');
  return dot < 0 ? `${text}.00` : text.length - dot === 2 ? `${text}0` : text;
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

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** Text collected before it is handed to the COPY stream as one Buffer (off the JS heap). */
const COPY_CHUNK_CHARS = 64 * 1024;
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
 * COPY: each batch is one `COPY … FROM STDIN`. Rows are written into it as they come, in 64 KB
 * Buffers, so no row stays on the JS heap beyond its parsing (buffered row objects or strings would
 * survive young-generation GCs and grow the old generation by the size of the file). The next
 * batch's COPY is queued behind the running one and buffers (corked) until PostgreSQL is ready for
 * it; a batch is ended only after the one before has completed: that is the one batch in flight.
 * INSERT: one multi-row INSERT per batch (parameters as strings).
 * The caller owns the transaction; nothing here commits.
 */
export class ReceiptSink {
  private copyStream: CopyStreamQuery | null = null;
  private text = '';
  private params: (string | null)[] = [];
  private rows = 0;
  private inFlight: Promise<void> | null = null;
  private written = 0;
  private readonly insertSql = new Map<number, string>();
  private readonly batchSize: number;

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
  add(receipt: ValidReceipt): Promise<void> | null {
    const v = values(this.proofId, receipt);
    this.rows++;
    if (this.options.strategy === 'insert') {
      for (const x of v) this.params.push(x);
      return this.rows >= this.batchSize ? this.endBatch() : null;
    }
    let line = copyField(v[0] ?? null);
    for (let i = 1; i < v.length; i++) line += `\t${copyField(v[i] ?? null)}`;
    this.text += `${line}\n`;
    if (this.rows >= this.batchSize) return this.endBatch();
    if (this.text.length >= COPY_CHUNK_CHARS) return this.writeChunk();
    return null;
  }

  /** Writes what is left and waits for it; returns the number of rows written. */
  async finish(): Promise<number> {
    if (this.rows > 0) await this.endBatch();
    await this.inFlight;
    this.inFlight = null;
    return this.written;
  }

  /** Stops writing: an open COPY is cancelled (CopyFail), the batch in flight awaited, errors dropped. */
  async abort(): Promise<void> {
    const open = this.copyStream;
    this.copyStream = null;
    this.text = '';
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
    // Queued behind a COPY still running on this connection; corked until PostgreSQL is ready.
    this.copyStream ??= this.client.query(copyFrom(`COPY receipt (${COLUMNS.join(', ')}) FROM STDIN`, { highWaterMark: COPY_BUFFER_BYTES }));
    return this.copyStream;
  }

  private async writeChunk(): Promise<void> {
    const chunk = Buffer.from(this.text, 'utf8');
    this.text = '';
    const stream = this.stream();
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished(stream)]);
  }

  /** Closes the current batch: waits for the one before (one in flight), then sends this one off. */
  private async endBatch(): Promise<void> {
    const count = this.rows;
    this.rows = 0;
    let write: Promise<void>;
    if (this.options.strategy === 'insert') {
      const params = this.params;
      this.params = [];
      if (this.inFlight) await this.inFlight;
      write = this.client.query({ text: this.insertText(count), values: params }).then(() => undefined);
    } else {
      if (this.text.length > 0) await this.writeChunk();
      const stream = this.stream();
      this.copyStream = null;
      if (this.inFlight) await this.inFlight;
      const done = finished(stream);
      stream.end();
      write = done;
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
