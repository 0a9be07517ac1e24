import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CalendarDate, Clock, Money, Page, Scope } from '@foerderfluss/core';
import { ListParams, nextReference, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { BankAccountStatus, Organisation, OrganisationsService, DistrictSettingsService } from '@foerderfluss/organisations';
import { LedgerKind, LedgerService } from '@foerderfluss/funding';
import { Disbursement } from './disbursement.entity';
import { DisbursementStatus, disbursementLifecycle } from './disbursement-state';
import { PaymentFile } from './payment-file.entity';
import { paymentFileLifecycle } from './payment-file-state';
import { DisbursementRepository } from './disbursement.repository';
import { PaymentFileFilter, PaymentFileRepository } from './payment-file.repository';
import { PaymentRequestsService } from './payment-requests.service';
import { buildCreditTransferFile } from './sepa';
import {
  bankAccountChanged,
  bankAccountUnconfirmed,
  disbursementNotSelectable,
  paymentFileAlreadyBooked,
  paymentRequestInvalid,
  valueDateInPast,
} from './payments.errors';

/**
 * The Verwendungszweck of a payout: in the SEPA file and on the Auszahlungsanordnung, the same text
 * (the Träger finds the Aktenzeichen and the Abruf on its statement).
 */
export function payoutRemittance(decisionReference: string, requestSequence: number): string {
  return `${decisionReference} Abruf ${requestSequence} Zuwendung Sozialberatung Landkreis Altenburger Land`;
}

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
    private readonly organisations: OrganisationsService,
    private readonly requests: PaymentRequestsService,
    private readonly ledger: LedgerService,
    private readonly disbursements: DisbursementRepository,
    private readonly files: PaymentFileRepository,
    private readonly districtSettings: DistrictSettingsService,
  ) {}

  async generate(scope: Scope, input: GenerateFileInput): Promise<PaymentFile> {
    if (input.disbursementIds.length === 0) throw paymentRequestInvalid([{ path: 'disbursementIds', message: 'Bitte mindestens eine Auszahlung auswählen.' }]);
    const today = this.clock.today();
    if (CalendarDate.parse(input.executionDate, 'executionDate').isBefore(today)) throw valueDateInPast(today);
    return this.tx.run(async (em) => {
      const ids = [...new Set(input.disbursementIds)];
      const rows = await this.disbursements.all(scope, {}, { em, ids, lock: true });
      const unusable = rows.filter((d) => d.status !== DisbursementStatus.APPROVED).map((d) => d.paymentRequest?.reference ?? d.id);
      const missing = ids.filter((id) => !rows.some((d) => d.id === id));
      if (unusable.length || missing.length) throw disbursementNotSelectable([...unusable, ...missing]);

      // The account must still be the confirmed one the request was made with.
      const orgs = new Map<string, Organisation>();
      for (const providerId of new Set(rows.map((d) => d.providerId))) orgs.set(providerId, await this.organisations.get(scope, providerId, em));
      for (const d of rows) {
        const org = orgs.get(d.providerId)!;
        if (org.bankAccountStatus !== BankAccountStatus.CONFIRMED) throw bankAccountUnconfirmed();
        if (org.iban !== d.iban) throw bankAccountChanged();
      }
      // One file pays for one Kreis: its debtor account, its reference series.
      const districts = [...new Set(rows.map((d) => d.districtId))];
      if (districts.length > 1) {
        throw paymentRequestInvalid([{ path: 'disbursementIds', message: 'Eine Zahlungsdatei enthält nur Auszahlungen eines Landkreises.' }]);
      }
      const districtId = districts[0]!;
      const debtor = await this.districtSettings.debtor(em, districtId);
      const messageId = await nextReference(em, await this.districtSettings.referenceSeries(em, districtId, 'PF'), today.year);
      const file = buildCreditTransferFile({
        messageId,
        createdAt: this.clock.now(),
        requestedExecutionDate: input.executionDate,
        batchBooking: input.batchBooking,
        debtor,
        transactions: rows.map((d) => {
          const request = d.paymentRequest!;
          const decision = d.decision!;
          return {
            endToEndId: request.reference,
            creditorName: d.accountHolder,
            creditorIban: d.iban,
            creditorBic: d.bic,
            amount: d.amount,
            remittanceInformation: payoutRemittance(decision.reference, request.sequence),
          };
        }),
        timeZone: this.config.timezone,
      });
      const stored = em.create(PaymentFile, {
        messageId,
        districtId,
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
      for (const d of rows) {
        await em.update(Disbursement, { id: d.id }, { status: disbursementLifecycle.transition(d.status, 'file', scope), paymentFileId: stored.id });
      }
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

  /**
   * The bank executed the file: every payout in it is paid with this value date, and only now the
   * ledger books it as "ausgezahlt" (DISBURSEMENT_PAID, same Land/Kreis split as its approval).
   * Until then it is "angewiesen": approved under four eyes, money not yet gone.
   */
  async book(scope: Scope, id: string, bookedOn: string): Promise<PaymentFile> {
    return this.tx.run(async (em) => {
      const file = await this.files.get(scope, id, { em, lock: true });
      // Booked twice keeps its established 409 PAYMENT_FILE_ALREADY_BOOKED; the table moves the status.
      if (!paymentFileLifecycle.step(file.status, 'book')) throw paymentFileAlreadyBooked();
      const status = paymentFileLifecycle.transition(file.status, 'book', scope);
      const disbursements = await this.disbursements.all(scope, { paymentFileId: id }, { em, lock: true });
      for (const d of disbursements) {
        await em.update(Disbursement, { id: d.id }, { status: disbursementLifecycle.transition(d.status, 'pay', scope), paidOn: bookedOn });
        await this.requests.markPaid(em, scope, d.paymentRequestId, bookedOn);
        await this.ledger.post(em, scope, {
          budgetYearId: d.budgetYearId,
          kind: LedgerKind.DISBURSEMENT_PAID,
          amount: d.amount,
          stateShare: d.stateShare,
          providerId: d.providerId,
          fieldOfActionCode: d.decision?.fieldOfActionCode ?? null,
          socialAreaCode: d.decision?.socialAreaCode ?? null,
          referenceType: 'Decision',
          referenceId: d.decisionId,
          note: `Auszahlung ${d.paymentRequest?.reference ?? ''} (Zahlungsdatei ${file.messageId})`.replace('  ', ' '),
          bookingDate: bookedOn,
        });
      }
      await em.update(PaymentFile, { id }, { status, bookedOn });
      Object.assign(file, { status, bookedOn });
      await this.audit.record(em, scope, { action: 'payment-file.book', entity: 'PaymentFile', entityId: id, after: { bookedOn, disbursements: disbursements.length } });
      return file;
    });
  }

  /** The file with its XML and the payouts it carries (staff only: 404 for anyone else). */
  async get(scope: Scope, id: string): Promise<{ file: PaymentFile; disbursements: Disbursement[] }> {
    const file = await this.files.withXml(scope, id);
    const disbursements = await this.disbursements.all(scope, { paymentFileId: id });
    return { file, disbursements };
  }

  /**
   * The SEPA file (pain.001) for the bank; each download is an audit event, written before the
   * file leaves. The event names the file by message id, control sum and SHA-256, never by its
   * IBANs.
   */
  async downloadXml(scope: Scope, id: string): Promise<PaymentFile> {
    const file = await this.files.withXml(scope, id);
    await this.tx.run((em) =>
      this.audit.record(em, scope, {
        action: 'payment-file.downloaded',
        entity: 'PaymentFile',
        entityId: file.id,
        after: { messageId: file.messageId, payouts: file.numberOfTransactions, controlSum: file.controlSum.toApiString(), sha256: file.sha256 },
      }),
    );
    return file;
  }

  async list(scope: Scope, params: ListParams & PaymentFileFilter): Promise<Page<PaymentFile>> {
    return this.files.list(scope, params);
  }
}
