import { Injectable } from '@nestjs/common';
import { Clock, Money, Scope } from '@foerderfluss/core';
import { ProofWorklistRepository } from './proof-worklist.repository';
import { proofAllowedActions, ProofStatus } from './proof-state';
import { SETTLEMENT_LIFECYCLE, SettlementStatus } from './settlement-state';

/** One worklist entry of this lib, in the shape of the decisions lib's `WorklistEntry`. */
export interface ProofWorklistEntry {
  kind: 'START_PROOF_REVIEW' | 'COMPLETE_PROOF_REVIEW' | 'PROPOSE_SETTLEMENT' | 'APPROVE_SETTLEMENT';
  entity: 'ProofOfUse' | 'Settlement';
  id: string;
  reference: string;
  title: string;
  providerName: string;
  dueDate: string;
  since: Date;
  action: string;
}

/**
 * What waits in the Verwendungsnachweis for the caller: submitted proofs to review, reviews to
 * finish, reviewed final proofs to propose for the Festsetzung, and Festsetzungen waiting for the
 * second pair of eyes (never one's own). Which step the caller may take comes from the lifecycle
 * tables, as the records' `allowedActions` do. These have no deadline, so their date is the day
 * the matter arrived (VN submitted, Festsetzung proposed): oldest first.
 */
@Injectable()
export class ProofWorklistService {
  constructor(
    private readonly rows: ProofWorklistRepository,
    private readonly clock: Clock,
  ) {}

  async worklist(scope: Scope): Promise<ProofWorklistEntry[]> {
    const entries: ProofWorklistEntry[] = [];
    for (const p of await this.rows.proofsWaiting(scope, this.clock.timeZone)) {
      const actions = proofAllowedActions(p.status as ProofStatus, p.kind, scope);
      const base = { entity: 'ProofOfUse' as const, id: p.id, reference: p.reference, title: p.title, providerName: p.provider_name, dueDate: p.arrived, since: p.since };
      if (actions.includes('startReview')) entries.push({ ...base, kind: 'START_PROOF_REVIEW', action: 'Verwendungsnachweis prüfen' });
      if (actions.includes('completeReview')) entries.push({ ...base, kind: 'COMPLETE_PROOF_REVIEW', action: 'Prüfung des Verwendungsnachweises abschließen' });
      if (actions.includes('proposeSettlement') && !p.settlement_pending) entries.push({ ...base, kind: 'PROPOSE_SETTLEMENT', action: 'Festsetzung vorschlagen' });
    }
    for (const s of await this.rows.settlementsProposed(scope, this.clock.timeZone)) {
      if (!SETTLEMENT_LIFECYCLE.permits(SettlementStatus.PROPOSED, 'approve', scope, { firstActorId: s.proposed_by })) continue;
      entries.push({
        kind: 'APPROVE_SETTLEMENT',
        entity: 'Settlement',
        id: s.id,
        reference: s.reference,
        title: s.title,
        providerName: s.provider_name,
        dueDate: s.proposed_on,
        since: s.since,
        action: `Festsetzung über ${Money.of(s.final_grant).formatEur()} freigeben (Vier-Augen-Prinzip)`,
      });
    }
    return entries;
  }
}
