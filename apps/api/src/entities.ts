import { DATABASE_ENTITIES } from '@foerderfluss/database';
import { AUDIT_ENTITIES } from '@foerderfluss/audit';
import { IDENTITY_ENTITIES } from '@foerderfluss/identity';
import { ORGANISATION_ENTITIES } from '@foerderfluss/organisations';
import { PROGRAMME_ENTITIES } from '@foerderfluss/programmes';
import { FUNDING_ENTITIES } from '@foerderfluss/funding';
import { APPLICATION_ENTITIES } from '@foerderfluss/applications';
import { DECISION_ENTITIES } from '@foerderfluss/decisions';
import { PAYMENT_ENTITIES } from '@foerderfluss/payments';
import { PROOF_ENTITIES } from '@foerderfluss/proof-of-use';
import { NOTIFICATION_ENTITIES } from '@foerderfluss/notifications';
import { EXPORT_JOB_ENTITIES, LETTER_ENTITIES, OPEN_DATA_ENTITIES } from '@foerderfluss/exports';
import { CASE_ENTITIES } from '@foerderfluss/cases';
import { LAND_ENTITIES } from '@foerderfluss/land';

/**
 * Every entity of every lib: for the migration CLI (drift check) and for standalone scripts.
 * The running apps register entities through each lib's TypeOrmModule.forFeature; an e2e test
 * checks that both lists agree.
 */
export const ALL_ENTITIES = [
  ...DATABASE_ENTITIES,
  ...AUDIT_ENTITIES, ...IDENTITY_ENTITIES, ...ORGANISATION_ENTITIES, ...PROGRAMME_ENTITIES, ...FUNDING_ENTITIES,
  ...APPLICATION_ENTITIES, ...DECISION_ENTITIES, ...PAYMENT_ENTITIES, ...PROOF_ENTITIES, ...EXPORT_JOB_ENTITIES,
  ...LETTER_ENTITIES, ...NOTIFICATION_ENTITIES, ...CASE_ENTITIES, ...OPEN_DATA_ENTITIES, ...LAND_ENTITIES];
