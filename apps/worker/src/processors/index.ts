import { AuditVerifyProcessor } from './audit-verify.processor';

/** Every job handler of the worker; the registry test checks them against libs/jobs. */
export const PROCESSORS = [AuditVerifyProcessor];
