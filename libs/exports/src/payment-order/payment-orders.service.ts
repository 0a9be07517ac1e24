import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { PaymentFilesService, payoutRemittance } from '@foerderfluss/payments';
import { LetterModelBuilder } from '../letters/letter-model-builder';
import { dayOf, paymentOrderCsv, paymentOrderFileName, type PaymentOrderModel, renderAuszahlungsanordnung } from './payment-order';
import { PaymentOrderRepository } from './payment-order.repository';

export type PaymentOrderFormat = 'pdf' | 'csv';

/**
 * Auszahlungsanordnung for the Kreiskasse (issue 16 item 4): besides the SEPA file, the order to
 * pay each of its payouts, as PDF and CSV, made on request from the file and its records (the same
 * content whenever it is made). Kreis side only: the payment file's repository answers 404 to
 * anyone else. Each download is an audit event, like the download of an Anlage.
 */
@Injectable()
export class PaymentOrdersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: PaymentFilesService,
    private readonly read: PaymentOrderRepository,
    private readonly letters: LetterModelBuilder,
  ) {}

  /** The model of one payment file's Auszahlungsanordnung (404 when the caller may not see the file). */
  async model(scope: Scope, paymentFileId: string): Promise<PaymentOrderModel> {
    const { file } = await this.files.get(scope, paymentFileId);
    const em = this.tx.manager;
    const rows = await this.read.rows(em, file.id);
    const tz = this.config.timezone;
    return {
      messageId: file.messageId,
      orderDate: dayOf(file.createdAt, tz),
      executionDate: file.executionDate,
      createdBy: await this.read.displayName(em, file.createdBy),
      bookedOn: file.bookedOn,
      sha256: file.sha256,
      controlSum: file.controlSum.toApiString(),
      lines: rows.map((r, i) => ({
        position: i + 1,
        budgetLine: r.budget_line,
        budgetYear: r.budget_year,
        payee: r.account_holder,
        iban: r.iban,
        bic: r.bic,
        amount: r.amount,
        dueDate: r.requested_value_date,
        reference: r.decision_reference,
        paymentRequestReference: r.request_reference,
        remittance: payoutRemittance(r.decision_reference, r.request_sequence),
        factuallyCorrect: r.checked_by_name && r.checked_at ? { name: r.checked_by_name, date: dayOf(r.checked_at, tz) } : null,
        arithmeticallyCorrect: r.approved_by_name && r.approved_at ? { name: r.approved_by_name, date: dayOf(r.approved_at, tz) } : null,
      })),
    };
  }

  /** The file as PDF or CSV, with its German name; the download is audited. */
  async download(scope: Scope, paymentFileId: string, format: PaymentOrderFormat): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const model = await this.model(scope, paymentFileId);
    // The letterhead of the Kreis whose file it is (issue 20).
    const letterhead = format === 'pdf' ? await this.letters.letterheadOf((await this.files.get(scope, paymentFileId)).file.districtId) : null;
    const content = letterhead ? await renderAuszahlungsanordnung(model, letterhead) : await paymentOrderCsv(model);
    await this.tx.run(async (em) => {
      await this.audit.record(em, scope, {
        action: 'payment-file.payment-order.download',
        entity: 'PaymentFile',
        entityId: paymentFileId,
        after: { format, messageId: model.messageId, payouts: model.lines.length, controlSum: model.controlSum },
      });
    });
    return {
      fileName: paymentOrderFileName(model.messageId, format),
      contentType: format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
      content,
    };
  }
}
