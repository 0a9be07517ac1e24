import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isKreisSide, Money, Scope } from '@foerderfluss/core';
import { RepositoryDefinition, ScopedRepository } from '@foerderfluss/database';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { ProofOfUse } from './proof-of-use.entity';
import { Receipt } from './receipt.entity';
import { ProofStatus } from './proof-state';
import { receiptNotFound } from './proofs.errors';

/** The filters of the Belegliste; each is declared once below. */
export interface ReceiptFilter {
  proofId?: string;
  inSample?: boolean;
}

/**
 * "A Träger sees the check of its Belege (sample, result, recognised amount, note) once the
 * Festsetzung is made, not while it runs", as SQL on the alias of the joined `proof_of_use` row.
 * The one definition for the api (`ReceiptRepository.reviewVisible`) and the exports, which hide
 * the review columns from a Träger with `CASE WHEN <Träger> AND NOT (<this>) THEN NULL …`.
 */
export function receiptReviewVisibleCondition(proofAlias: string): string {
  return `${proofAlias}.status = '${ProofStatus.SETTLED}'`;
}

/**
 * Belege as the caller may see them: a Träger those of its own proofs of an issued decision, staff
 * and auditors all. Which columns of the check a Träger sees is `reviewVisible` (a column rule, not
 * a row rule: the Träger sees its Belege all along).
 */
@Injectable()
export class ReceiptRepository extends ScopedRepository<Receipt, ReceiptFilter> {
  protected readonly definition: RepositoryDefinition<Receipt, ReceiptFilter> = {
    entity: Receipt,
    alias: 'r',
    joins: (qb) => qb.innerJoin('r.proof', 'p').innerJoin('p.decision', 'd'),
    visibility: { providerColumn: 'p.provider_id', providerCondition: decisionIssuedCondition('d'), districtColumn: 'r.district_id' },
    sort: {
      position: { sql: 'r.position', value: (r) => r.position },
      receiptNumber: { sql: 'r.receipt_number', value: (r) => r.receiptNumber },
      paymentDate: { sql: 'r.payment_date', value: (r) => r.paymentDate },
      eligibleAmount: { sql: 'r.eligible_amount', value: (r) => r.eligibleAmount.toApiString() },
    },
    defaultSort: ['position'],
    filters: {
      proofId: (qb, v) => qb.andWhere('r.proof_id = :proofId', { proofId: v }),
      inSample: (qb, v) => qb.andWhere('r.in_sample = :inSample', { inSample: v }),
    },
    notFound: receiptNotFound,
    // A VN has up to thousands of Belege; ix_receipt_page walks one page of them (issue 20, bench:land).
    pageByIndex: true,
  };

  /** Whether this caller sees the check of the proof's Belege (the same rule as `receiptReviewVisibleCondition`). */
  reviewVisible(scope: Scope, proof: Pick<ProofOfUse, 'status'>): boolean {
    return isKreisSide(scope) || proof.status === ProofStatus.SETTLED;
  }

  // Named queries for a proof its service has already read through the scope.

  forProof(em: EntityManager, proofId: string): Promise<Receipt[]> {
    return em.getRepository(Receipt).find({ where: { proofId }, order: { position: 'ASC' } });
  }

  /** One Beleg of the proof, locked for its decision in the review. */
  lockOne(em: EntityManager, proofId: string, receiptId: string): Promise<Receipt | null> {
    return em.getRepository(Receipt).findOne({ where: { id: receiptId, proofId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The Belege of the sample not yet decided, locked and in list order (for accepting them at once). */
  lockOpenInSample(em: EntityManager, proofId: string): Promise<Receipt[]> {
    return em.getRepository(Receipt).find({
      where: { proofId, inSample: true, reviewStatus: 'OPEN' },
      order: { position: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findOne(em: EntityManager, proofId: string, receiptId: string): Promise<Receipt | null> {
    return em.getRepository(Receipt).findOneBy({ id: receiptId, proofId });
  }

  countOf(em: EntityManager, proofId: string, where: { inSample?: boolean; reviewStatus?: Receipt['reviewStatus'] } = {}): Promise<number> {
    return em.getRepository(Receipt).count({ where: { proofId, ...where } });
  }

  positionTaken(em: EntityManager, proofId: string, position: number): Promise<boolean> {
    return em.getRepository(Receipt).existsBy({ proofId, position });
  }

  async nextPosition(em: EntityManager, proofId: string): Promise<number> {
    const [row] = (await em.query('SELECT coalesce(max(position), 0) + 1 AS next FROM receipt WHERE proof_id = $1', [proofId])) as { next: number }[];
    return Number(row!.next);
  }

  /** Σ eligible amounts of the expense Belege per Kostenart. */
  async expenseSums(em: EntityManager, proofId: string): Promise<Map<string, Money>> {
    const rows = (await em.query(
      `SELECT cost_category AS category, sum(eligible_amount)::text AS total FROM receipt WHERE proof_id = $1 AND direction = 'EXPENSE' GROUP BY cost_category`,
      [proofId],
    )) as { category: string; total: string }[];
    return new Map(rows.map((r) => [r.category, Money.of(r.total)]));
  }

  async insert(em: EntityManager, row: Partial<Receipt>): Promise<Receipt> {
    return em.save(Receipt, em.create(Receipt, row));
  }

  async save(em: EntityManager, receipt: Receipt): Promise<Receipt> {
    return em.save(Receipt, receipt);
  }

  async delete(em: EntityManager, receiptId: string): Promise<void> {
    await em.delete(Receipt, { id: receiptId });
  }

  /** The retention of the proof's Belege, set on submission. */
  async retainUntil(em: EntityManager, proofId: string, retainUntil: string): Promise<void> {
    await em.update(Receipt, { proofId }, { retainUntil });
  }

  /** A new sample: every Beleg out, the drawn ones in with their reason. */
  async setSample(em: EntityManager, proofId: string, sample: Map<string, string>): Promise<void> {
    await em.update(Receipt, { proofId }, { inSample: false, sampleReason: null });
    for (const [id, reason] of sample) await em.update(Receipt, { id, proofId }, { inSample: true, sampleReason: reason });
  }
}
