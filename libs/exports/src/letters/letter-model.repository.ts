import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { User } from '@foerderfluss/identity';
import { Organisation } from '@foerderfluss/organisations';
import { CostCategory, Programme } from '@foerderfluss/programmes';
import { BudgetYear } from '@foerderfluss/funding';
import { Application, ApplicationVersion, EarlyStartConsent, FundingCall } from '@foerderfluss/applications';
import { Decision, DecisionVersion, VersionStatus } from '@foerderfluss/decisions';
import { Repayment } from '@foerderfluss/payments';
import { ProofOfUse, ProofReview, Receipt, Recovery, RecoveryDunning, Settlement } from '@foerderfluss/proof-of-use';

/**
 * The read model of the letter models (LetterModelBuilder): the records a letter is filled from,
 * read by id inside the worker's transaction. No scope: the worker renders under the system scope,
 * and who may read the finished letter is decided by GeneratedDocumentRepository.
 * Each method fails (EntityNotFound) when a record a letter needs is missing, except where it says.
 */
@Injectable()
export class LetterModelRepository {
  decision(em: EntityManager, id: string): Promise<Decision> {
    return em.getRepository(Decision).findOneByOrFail({ id });
  }

  /** The decision's approved versions (Fassungen), in order. */
  approvedVersions(em: EntityManager, decisionId: string): Promise<DecisionVersion[]> {
    return em.getRepository(DecisionVersion).find({ where: { decisionId, status: VersionStatus.APPROVED }, order: { versionNo: 'ASC' } });
  }

  application(em: EntityManager, id: string): Promise<Application> {
    return em.getRepository(Application).findOneByOrFail({ id });
  }

  applicationVersion(em: EntityManager, applicationId: string, versionNo: number): Promise<ApplicationVersion> {
    return em.getRepository(ApplicationVersion).findOneByOrFail({ applicationId, versionNo });
  }

  earlyStartConsents(em: EntityManager, applicationId: string): Promise<EarlyStartConsent[]> {
    return em.getRepository(EarlyStartConsent).find({ where: { applicationId }, order: { consentDate: 'ASC' } });
  }

  fundingCall(em: EntityManager, id: string): Promise<FundingCall> {
    return em.getRepository(FundingCall).findOneByOrFail({ id });
  }

  budgetYear(em: EntityManager, id: string): Promise<BudgetYear> {
    return em.getRepository(BudgetYear).findOneByOrFail({ id });
  }

  programme(em: EntityManager, id: string): Promise<Programme> {
    return em.getRepository(Programme).findOneByOrFail({ id });
  }

  organisation(em: EntityManager, id: string): Promise<Organisation> {
    return em.getRepository(Organisation).findOneByOrFail({ id });
  }

  /** Null when there is no such user (or no id). */
  async user(em: EntityManager, id: string | null): Promise<User | null> {
    return id ? em.getRepository(User).findOneBy({ id }) : null;
  }

  costCategories(em: EntityManager): Promise<CostCategory[]> {
    return em.getRepository(CostCategory).find();
  }

  recovery(em: EntityManager, id: string): Promise<Recovery> {
    return em.getRepository(Recovery).findOneByOrFail({ id });
  }

  dunning(em: EntityManager, id: string): Promise<RecoveryDunning> {
    return em.getRepository(RecoveryDunning).findOneByOrFail({ id });
  }

  /** A recovery's Mahnung of one level, or null. */
  dunningOf(em: EntityManager, recoveryId: string, level: 1 | 2): Promise<RecoveryDunning | null> {
    return em.getRepository(RecoveryDunning).findOneBy({ recoveryId, level });
  }

  /** Repayments on a recovery by the day received. */
  repayments(em: EntityManager, recoveryId: string): Promise<Repayment[]> {
    return em.getRepository(Repayment).find({ where: { recoveryId }, order: { receivedOn: 'ASC' } });
  }

  settlement(em: EntityManager, id: string): Promise<Settlement> {
    return em.getRepository(Settlement).findOneByOrFail({ id });
  }

  /** The approved Festsetzung of a proof, or null. */
  approvedSettlementOf(em: EntityManager, proofId: string): Promise<Settlement | null> {
    return em.getRepository(Settlement).findOneBy({ proofId, status: 'APPROVED' });
  }

  proof(em: EntityManager, id: string): Promise<ProofOfUse> {
    return em.getRepository(ProofOfUse).findOneByOrFail({ id });
  }

  proofReview(em: EntityManager, proofId: string): Promise<ProofReview> {
    return em.getRepository(ProofReview).findOneByOrFail({ proofId });
  }

  /** The expense Belege of a proof by lfd. Nr. */
  expenseReceipts(em: EntityManager, proofId: string): Promise<Receipt[]> {
    return em.getRepository(Receipt).find({ where: { proofId, direction: 'EXPENSE' }, order: { position: 'ASC' } });
  }
}
