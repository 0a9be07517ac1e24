import type { Application } from './application.entity';
import type { FinancingPlanDoc } from './financing-plan';

// The Antrag's content and its stored snapshot as types of their own, so the version entity that
// stores the snapshot need not import the service that writes it.

export interface ApplicationContent {
  title: string;
  purpose: string;
  targetGroup: string;
  fieldsOfAction: string[];
  socialAreaCode: string;
  municipality: string | null;
  periodStart: string;
  periodEnd: string;
  plannedStart: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  projectBegun: boolean;
  projectBegunOn: string | null;
  vatDeductible: boolean;
  otherPublicFunding: string | null;
  betterPositionRespected: boolean;
  financingPlan: FinancingPlanDoc;
}

export type ApplicationSnapshotDoc = ApplicationContent & Pick<Application, 'reference' | 'callId' | 'providerId' | 'status'> & { totals: { totalCosts: string; ownFunds: string; thirdPartyFunds: string; requestedAmount: string } };
