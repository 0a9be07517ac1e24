import { Injectable } from '@nestjs/common';
import { Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { Receipt } from './receipt.entity';
import { checkReceipt, ParsedReceipt, ValidReceipt } from './receipt-rules';
import { ReceiptRepository } from './receipt.repository';
import { ProofsService } from './proofs.service';
import { proofInvalid, receiptNotFound } from './proofs.errors';

export function receiptToRow(v: ValidReceipt, proofId: string): Partial<Receipt> {
  return {
    proofId,
    position: v.position,
    receiptNumber: v.receiptNumber,
    receiptDate: v.receiptDate.toISOString(),
    paymentDate: v.paymentDate.toISOString(),
    counterparty: v.counterparty,
    reason: v.reason,
    direction: v.direction,
    costCategory: v.costCategory,
    grossAmount: v.grossAmount,
    vatAmount: v.vatAmount,
    projectSharePercent: v.projectSharePercent.toString(),
    eligibleAmount: v.eligibleAmount,
    personnelPosition: v.personnelPosition,
    inSample: false,
    sampleReason: null,
    reviewStatus: 'OPEN',
    recognisedAmount: null,
    reviewNote: null,
    retainUntil: null,
  };
}

/** The Belege of a draft typed in one by one (the import is ReceiptImportService); the Ist follows them. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly proofs: ProofsService,
    private readonly receiptRepo: ReceiptRepository,
  ) {}

  async addReceipt(scope: Scope, id: string, parsed: ParsedReceipt): Promise<Receipt> {
    return this.tx.run(async (em) => {
      const proof = await this.proofs.editable(scope, id, em);
      const ctx = await this.proofs.contextFor(em, proof);
      const { value, problems } = checkReceipt(parsed, ctx, await this.receiptRepo.nextPosition(em, id));
      if (!value) throw proofInvalid(problems.map((p) => ({ path: p.field, message: p.message })));
      if (await this.receiptRepo.positionTaken(em, id, value.position)) {
        throw proofInvalid([{ path: 'position', message: `Die lfd. Nr. ${value.position} ist bereits vergeben.` }]);
      }
      const receipt = await this.receiptRepo.insert(em, receiptToRow(value, id));
      await this.proofs.syncActuals(em, proof);
      await this.audit.record(em, scope, { action: 'receipt.create', entity: 'Receipt', entityId: receipt.id, after: { proofId: id, position: receipt.position, receiptNumber: receipt.receiptNumber, eligibleAmount: receipt.eligibleAmount.toApiString() } });
      return receipt;
    });
  }

  async deleteReceipt(scope: Scope, id: string, receiptId: string): Promise<void> {
    await this.tx.run(async (em) => {
      const proof = await this.proofs.editable(scope, id, em);
      const r = await this.receiptRepo.findOne(em, id, receiptId);
      if (!r) throw receiptNotFound();
      await this.receiptRepo.delete(em, receiptId);
      await this.proofs.syncActuals(em, proof);
      await this.audit.record(em, scope, { action: 'receipt.delete', entity: 'Receipt', entityId: receiptId, before: { proofId: id, position: r.position, receiptNumber: r.receiptNumber } });
    });
  }
}
