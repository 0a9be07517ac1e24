import type { ExportType } from '../export-types';
import { APPROVALS } from './approvals';
import { AUDIT_LOG } from './audit-log';
import { BUDGET } from './budget';
import type { ExportDefinition } from './common';
import { MONITORING } from './monitoring';
import { PAYMENTS } from './payments';
import { PLAN_ACTUAL } from './plan-actual';
import { PROOF_REVIEW } from './proof-review';
import { RECEIPTS } from './receipts';
import { RECOVERIES } from './recoveries';
import { STATE_PROOF } from './state-proof';

export * from './common';

/** Every export type's definition, by type code. */
export const EXPORT_DEFINITIONS: { readonly [T in ExportType]: ExportDefinition } = {
  APPROVALS,
  PAYMENTS,
  PLAN_ACTUAL,
  RECEIPTS,
  PROOF_REVIEW,
  RECOVERIES,
  BUDGET,
  STATE_PROOF,
  AUDIT_LOG,
  MONITORING,
};
