import { Injectable } from '@nestjs/common';
import { Clock, conflict, Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { StateDrawdown } from '@foerderfluss/payments';
import { LAND_DRAWDOWN_LIFECYCLE, LandDrawdownAction } from './land-drawdown-state';
import { LandDrawdownFilter, LandDrawdownRepository } from './land-drawdown.repository';

/** The Kreise's drawdowns seen from the Land, and the Land's payment of them (issue 20 item 3). */
@Injectable()
export class LandDrawdownsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly repo: LandDrawdownRepository,
  ) {}

  list(scope: Scope, filter: LandDrawdownFilter): Promise<StateDrawdown[]> {
    return this.repo.all(scope, filter);
  }

  allowedActions(scope: Scope, d: StateDrawdown): LandDrawdownAction[] {
    return d.statePaidOn ? [] : LAND_DRAWDOWN_LIFECYCLE.allowedActions(d.status, scope);
  }

  /** The Land paid the drawdown (its date); the Kreis books the receipt afterwards. */
  async pay(scope: Scope, id: string, paidOn: string): Promise<StateDrawdown> {
    if (paidOn > this.clock.today().toISOString()) throw validationError([{ path: 'paidOn', message: 'Eine Auszahlung kann nicht in der Zukunft liegen.' }]);
    await this.tx.run(async (em) => {
      const d = await this.repo.get(scope, id, { em, lock: true });
      LAND_DRAWDOWN_LIFECYCLE.transition(d.status, 'pay', scope);
      if (d.statePaidOn) throw conflict('STATE_DRAWDOWN_ALREADY_PAID', `Das Land hat diesen Mittelabruf bereits am ${d.statePaidOn} ausgezahlt.`);
      if (paidOn < d.requestedOn) throw validationError([{ path: 'paidOn', message: 'Die Auszahlung liegt vor dem Abruf.' }]);
      d.statePaidOn = paidOn;
      d.statePaidBy = scope.userId;
      await em.save(StateDrawdown, d);
      await this.audit.record(em, scope, { action: 'state-drawdown.pay', entity: 'StateDrawdown', entityId: d.id, before: { statePaidOn: null }, after: { statePaidOn: paidOn } });
    });
    return this.repo.get(scope, id);
  }
}
