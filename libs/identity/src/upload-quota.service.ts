import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, plural } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { UploadQuotaRepository } from './upload-quota.repository';
import type { UploadKind } from './upload-usage.entity';

const HOUR_SECONDS = 3600;
/** The ledger keeps a day: an hour for the limit, the rest for a look at who uploaded what. */
const KEEP_SECONDS = 24 * HOUR_SECONDS;

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
const inMinutes = (seconds: number): string => {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return `${n === 1 ? 'einer' : n} ${plural(n, 'Minute', 'Minuten')}`;
};

export const uploadRateLimited = (usedBytes: number, limitBytes: number, retryAfterSeconds: number): DomainError =>
  new DomainError(
    'UPLOAD_RATE_LIMITED',
    429,
    `Sie haben in der letzten Stunde bereits ${megabytes(usedBytes)} hochgeladen; je Stunde sind ${megabytes(limitBytes)} möglich. Bitte versuchen Sie es in ${inMinutes(retryAfterSeconds)} erneut.`,
    [{ path: 'file', message: `Das stündliche Upload-Volumen von ${megabytes(limitBytes)} ist ausgeschöpft.` }],
    { retryAfterSeconds },
  );

export const uploadTooManyPending = (pending: number, retryAfterSeconds: number): DomainError =>
  new DomainError(
    'UPLOAD_TOO_MANY_PENDING',
    429,
    `Es ${pending === 1 ? 'wird bereits eine Ihrer Beleglisten' : `werden bereits ${pending} Ihrer Beleglisten`} verarbeitet. Bitte warten Sie, bis ${pending === 1 ? 'sie abgeschlossen ist' : 'sie abgeschlossen sind'}, und laden Sie die Datei dann erneut hoch.`,
    [{ path: 'file', message: 'Zu viele Uploads in Bearbeitung.' }],
    { retryAfterSeconds },
  );

/**
 * The per-user upload limits (issue 18 item 4): imports waiting or running at once
 * (UPLOAD_MAX_PENDING_PER_USER) and bytes accepted within the last hour
 * (UPLOAD_MAX_BYTES_PER_HOUR), each a 429 in German with Retry-After. `reserve` runs in the
 * upload's transaction under a lock per user, so parallel uploads of one user are counted exactly.
 */
@Injectable()
export class UploadQuotaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly repo: UploadQuotaRepository,
  ) {}

  /** A cheap look before a file is inspected (no lock, nothing written); `reserve` decides. */
  async check(userId: string | null, bytes: number): Promise<void> {
    if (!userId) return;
    await this.assertBytes(this.tx.manager, userId, bytes);
  }

  /**
   * In the upload's transaction: takes the user's lock, refuses when `pending()` (the caller's count
   * of the user's unfinished uploads, read under that lock) or the hour's bytes would exceed the
   * limit, and records the upload. Rolled back with the upload if that fails.
   */
  async reserve(em: EntityManager, userId: string | null, kind: UploadKind, bytes: number, pending?: () => Promise<number>): Promise<void> {
    if (!userId) return;
    await this.repo.lockUser(em, userId);
    if (pending) {
      const open = await pending();
      if (open >= this.config.uploadMaxPendingPerUser) throw uploadTooManyPending(open, this.config.uploadPendingRetryAfterSeconds);
    }
    await this.assertBytes(em, userId, bytes);
    await this.repo.insert(em, { userId, kind, bytes });
  }

  /** Removes ledger rows older than a day (the nightly upload cleanup); answers how many. */
  prune(): Promise<number> {
    return this.repo.deleteOlderThan(this.tx.manager, KEEP_SECONDS);
  }

  private async assertBytes(em: EntityManager, userId: string, bytes: number): Promise<void> {
    const limit = this.config.uploadMaxBytesPerHour;
    const recent = await this.repo.lastHour(em, userId, HOUR_SECONDS);
    const used = recent.reduce((sum, r) => sum + r.bytes, 0);
    if (used + bytes <= limit) return;
    // Retry when enough of the oldest uploads have left the hour for this one to fit (a file larger
    // than the whole limit never fits; it is refused for the full hour).
    let freed = 0;
    let retryAfter = HOUR_SECONDS;
    for (const r of recent) {
      freed += r.bytes;
      if (used - freed + bytes <= limit) {
        retryAfter = r.ageSeconds >= HOUR_SECONDS ? 1 : HOUR_SECONDS - r.ageSeconds;
        break;
      }
    }
    throw uploadRateLimited(used, limit, Math.max(1, Math.ceil(retryAfter)));
  }
}
