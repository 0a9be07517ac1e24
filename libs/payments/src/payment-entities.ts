import { PaymentRequest } from './payment-request.entity';
import { Disbursement } from './disbursement.entity';
import { PaymentFile } from './payment-file.entity';
import { FundUse } from './fund-use.entity';
import { LateUseInterestDecision } from './late-use-interest-decision.entity';
import { StateDrawdown } from './state-drawdown.entity';
import { Repayment } from './repayment.entity';

/** The payments lib's tables, one entity per file. */
export const PAYMENT_ENTITY_LIST = [PaymentRequest, Disbursement, PaymentFile, FundUse, LateUseInterestDecision, StateDrawdown, Repayment];
