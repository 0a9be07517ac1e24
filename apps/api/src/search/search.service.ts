import { Injectable } from '@nestjs/common';
import type { Scope } from '@foerderfluss/core';
import { ApplicationRepository } from '@foerderfluss/applications';
import { DecisionRepository } from '@foerderfluss/decisions';
import { PaymentRequestRepository } from '@foerderfluss/payments';
import { ProofOfUseRepository, RecoveryRepository, SettlementRepository } from '@foerderfluss/proof-of-use';
import { OrganisationRepository } from '@foerderfluss/organisations';
import { SEARCH_HIT_TYPES, SearchHitDto } from './search.dto';

/**
 * One search over the record types a case consists of. Each type is read through its own scoped
 * repository (`search`), so a Träger finds only what it may open, exactly as in the lists; this
 * class only merges: hits whose number is the term come first, then those starting with it, then
 * the rest, each group in the order of the types.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly decisions: DecisionRepository,
    private readonly requests: PaymentRequestRepository,
    private readonly proofs: ProofOfUseRepository,
    private readonly settlements: SettlementRepository,
    private readonly recoveries: RecoveryRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async search(scope: Scope, q: string, limit: number): Promise<SearchHitDto[]> {
    // One type after the other: seven small queries, not seven connections of a shared pool at once.
    const hits: SearchHitDto[] = [];
    for (const a of await this.applications.search(scope, q, limit)) {
      hits.push({ type: 'APPLICATION', id: a.id, reference: a.reference, title: a.title, organisationName: a.provider?.name ?? null, status: a.status });
    }
    for (const d of await this.decisions.search(scope, q, limit)) {
      hits.push({ type: 'DECISION', id: d.id, reference: d.reference, title: d.application?.title ?? '', organisationName: d.provider?.name ?? null, status: d.status });
    }
    for (const r of await this.requests.search(scope, q, limit)) {
      hits.push({ type: 'PAYMENT_REQUEST', id: r.id, reference: r.reference, title: r.decision?.application?.title ?? '', organisationName: r.provider?.name ?? null, status: r.status });
    }
    for (const p of await this.proofs.search(scope, q, limit)) {
      hits.push({ type: 'PROOF_OF_USE', id: p.id, reference: p.reference, title: p.decision?.application?.title ?? '', organisationName: p.provider?.name ?? null, status: p.status });
    }
    for (const s of await this.settlements.search(scope, q, limit)) {
      hits.push({
        type: 'SETTLEMENT',
        id: s.id,
        reference: s.decision?.reference ?? '',
        title: s.decision?.application?.title ?? '',
        organisationName: s.decision?.provider?.name ?? null,
        status: s.status,
      });
    }
    for (const r of await this.recoveries.search(scope, q, limit)) {
      hits.push({ type: 'RECOVERY', id: r.id, reference: r.reference, title: r.decision?.application?.title ?? '', organisationName: r.decision?.provider?.name ?? null, status: r.status });
    }
    for (const o of await this.organisations.search(scope, q, limit)) {
      hits.push({ type: 'ORGANISATION', id: o.id, reference: o.code ?? '', title: o.name, organisationName: o.name, status: o.active ? 'ACTIVE' : 'INACTIVE' });
    }
    const term = q.toLocaleLowerCase('de-DE');
    const rank = (h: SearchHitDto): number => {
      const ref = h.reference.toLocaleLowerCase('de-DE');
      return ref === term ? 0 : ref.startsWith(term) ? 1 : 2;
    };
    const typeOrder = (h: SearchHitDto): number => SEARCH_HIT_TYPES.indexOf(h.type);
    // Array.prototype.sort is stable: within a rank and type the repository's order stays.
    return hits.sort((a, b) => rank(a) - rank(b) || typeOrder(a) - typeOrder(b)).slice(0, limit);
  }
}
