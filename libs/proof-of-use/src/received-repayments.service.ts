import { Injectable } from '@nestjs/common';
import { Scope, validationError } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { Repayment, RepaymentInput, StateFlowsService } from '@foerderfluss/payments';
import { RecoveriesService } from './recoveries.service';

/**
 * Zahlungseingang eines Trägers, routed in one transaction: money against a Rückforderung also
 * settles it (interest, status, closing the decision) through the recoveries; a RECOVERY payment
 * without an explicit recovery goes to the decision's open one; anything else (a voluntary
 * repayment, or a RECOVERY payment with none open) is booked by payments alone. It lives here, not
 * in payments, because payments sits below proof-of-use (.dependency-cruiser.cjs).
 */
@Injectable()
export class ReceivedRepaymentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly recoveries: RecoveriesService,
    private readonly flows: StateFlowsService,
  ) {}

  async receive(scope: Scope, input: RepaymentInput): Promise<Repayment> {
    return this.tx.run(async () => {
      const recoveryId =
        input.recoveryId ??
        (input.kind === 'RECOVERY' ? (await this.recoveries.list(scope, { decisionId: input.decisionId })).find((r) => r.status !== 'SETTLED')?.id : undefined);
      if (recoveryId) {
        const recovery = await this.recoveries.get(scope, recoveryId);
        if (recovery.decisionId !== input.decisionId || input.kind !== 'RECOVERY') {
          throw validationError([{ path: 'recoveryId', message: 'Die Rückforderung gehört nicht zu dieser Entscheidung oder die Art ist nicht RECOVERY.' }]);
        }
        const { repayment } = await this.recoveries.recordRepayment(scope, recoveryId, {
          amount: input.amount,
          receivedOn: input.receivedOn,
          payer: input.payer,
          paymentReference: input.paymentReference,
        });
        return repayment;
      }
      return this.flows.recordRepayment(scope, { ...input, recoveryId: null });
    });
  }
}
