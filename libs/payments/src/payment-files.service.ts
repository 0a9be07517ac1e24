import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig, CalendarDate, clampLimit, Clock, decodeCursor, Money, Page, Scope, toPage } from '@foerderfluss/core';
import { nextReference, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BankAccountStatus, Organisation } from '@foerderfluss/organisations';
import { Decision } from '@foerderfluss/decisions';
import { Disbursement, DisbursementStatus, PaymentFile, PaymentRequest } from './payment.entity';
import { nextPaymentStatus } from './payment-request-state';
import { buildCreditTransferFile } from './sepa';
import {
  bankAccountChanged,
  bankAccountUnconfirmed,
  disbursementNotSelectable,
  paymentFileAlreadyBooked,
  paymentFileNotFound,
  paymentRequestInvalid,
  valueDateInPast,
} from './payments.errors';

export interface GenerateFileInput {
  disbursementIds: string[];
  executionDate: string;
  batchBooking: boolean;
}

/**
 * SEPA payment files. Creating one is a single transaction: the selected payouts are locked,
 * must all still be unfiled, the XML is built and stored, and each payout is marked with its file.
 * A crash before the commit leaves every payout selectable; after it, each is in exactly one file.
 */
@Injectable()
export class PaymentFilesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async generate(scope: Scope, input: GenerateFileInput): Promise<PaymentFile> {
    if (input.disbursementIds.length === 0) throw paymentRequestInvalid([{ path: 'disbursementIds', message: 'Bitte mindestens eine Auszahlung auswählen.' }]);
    const today = this.clock.today();
    if (CalendarDate.parse(input.executionDate, 'executionDate').isBefore(today)) throw valueDateInPast(today);
    return this.tx.run(async (em) => {
      const ids = [...new Set(input.disbursementIds)];
      const rows = await em.getRepository(Disbursement).find({
        where: { id: In(ids) },
        relations: { paymentRequest: true },
        order: { createdAt: 'ASC' },
        lock: { mode: 'pessimistic_write', tables: ['disbursement'] },
      });
      const unusable = rows.filter((d) => d.status !== DisbursementStatus.APPROVED).map((d) => d.paymentRequest?.reference ?? d.id);
      const missing = ids.filter((id) => !rows.some((d) => d.id === id));
      if (unusable.length || missing.length) throw disbursementNotSelectable([...unusable, ...missing]);

      // The account must still be the confirmed one the request was made with.
      const orgs = await em.getRepository(Organisation).findBy({ id: In([...new Set(rows.map((d) => d.providerId))]) });
      for (const d of rows) {
        const org = orgs.find((o) => o.id === d.providerId)!;
        if (org.bankAccountStatus !== BankAccountStatus.CONFIRMED) throw bankAccountUnconfirmed();
        if (org.iban !== d.iban) throw bankAccountChanged();
      }
      const decisions = await em.getRepository(Decision).findBy({ id: In([...new Set(rows.map((d) => d.decisionId))]) });
      const messageId = await nextReference(em, 'PF', today.year);
      const file = buildCreditTransferFile({
        messageId,
        createdAt: this.clock.now(),
        requestedExecutionDate: input.executionDate,
        batchBooking: input.batchBooking,
        debtor: { name: this.config.districtDebtorName, iban: this.config.districtDebtorIban, bic: this.config.districtDebtorBic },
        transactions: rows.map((d) => {
          const request = d.paymentRequest!;
          const decision = decisions.find((x) => x.id === d.decisionId)!;
          return {
            endToEndId: request.reference,
            creditorName: d.accountHolder,
            creditorIban: d.iban,
            creditorBic: d.bic,
            amount: d.amount,
            remittanceInformation: `${decision.reference} Abruf ${request.sequence} Zuwendung Sozialberatung Landkreis Altenburger Land`,
          };
        }),
        timeZone: this.config.timezone,
      });
      const stored = em.create(PaymentFile, {
        messageId,
        status: 'CREATED',
        executionDate: input.executionDate,
        numberOfTransactions: file.numberOfTransactions,
        controlSum: Money.of(file.controlSum),
        painVersion: file.painVersion,
        xml: file.xml,
        sha256: createHash('sha256').update(file.xml, 'utf8').digest('hex'),
        warnings: file.warnings.map((w) => ({ path: w.path, message: w.message })),
        createdBy: scope.userId,
        bookedOn: null,
      });
      await em.save(PaymentFile, stored);
      await em.update(Disbursement, { id: In(ids) }, { status: DisbursementStatus.IN_FILE, paymentFileId: stored.id });
      await this.audit.record(em, scope, {
        action: 'payment-file.create',
        entity: 'PaymentFile',
        entityId: stored.id,
        after: {
          messageId,
          executionDate: input.executionDate,
          numberOfTransactions: file.numberOfTransactions,
          controlSum: file.controlSum,
          sha256: stored.sha256,
          disbursementIds: ids,
        },
      });
      return stored;
    });
  }

  /** The bank executed the file: every payout in it is paid with this value date. */
  async book(scope: Scope, id: string, bookedOn: string): Promise<PaymentFile> {
    return this.tx.run(async (em) => {
      const file = await em.getRepository(PaymentFile).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!file) throw paymentFileNotFound();
      if (file.status === 'BOOKED') throw paymentFileAlreadyBooked();
      const disbursements = await em.getRepository(Disbursement).findBy({ paymentFileId: id });
      for (const d of disbursements) {
        await em.update(Disbursement, { id: d.id }, { status: DisbursementStatus.PAID, paidOn: bookedOn });
        const request = await em.getRepository(PaymentRequest).findOneByOrFail({ id: d.paymentRequestId });
        request.status = nextPaymentStatus(request.status, 'pay');
        request.paidOn = bookedOn;
        await em.save(PaymentRequest, request);
      }
      file.status = 'BOOKED';
      file.bookedOn = bookedOn;
      await em.save(PaymentFile, file);
      await this.audit.record(em, scope, { action: 'payment-file.book', entity: 'PaymentFile', entityId: id, after: { bookedOn, disbursements: disbursements.length } });
      return file;
    });
  }

  async get(id: string): Promise<{ file: PaymentFile; disbursements: Disbursement[] }> {
    const file = await this.tx.manager.getRepository(PaymentFile).findOneBy({ id });
    if (!file) throw paymentFileNotFound();
    const disbursements = await this.tx.manager.getRepository(Disbursement).find({ where: { paymentFileId: id }, relations: { paymentRequest: true } });
    return { file, disbursements };
  }

  async list(limit?: number, cursor?: string): Promise<Page<PaymentFile>> {
    const take = clampLimit(limit);
    const qb = this.tx.manager.getRepository(PaymentFile).createQueryBuilder('f').select([
      'f.id', 'f.messageId', 'f.status', 'f.executionDate', 'f.numberOfTransactions', 'f.controlSum', 'f.painVersion', 'f.sha256', 'f.createdAt', 'f.createdBy', 'f.bookedOn', 'f.warnings',
    ]);
    const c = decodeCursor(cursor, 1);
    if (c) qb.where('f.message_id < :m', { m: String(c[0]) });
    const rows = await qb.orderBy('f.message_id', 'DESC').take(take + 1).getMany();
    return toPage(rows, take, (f) => [f.messageId]);
  }
}
