import { AuditCheckpointProcessor, AuditVerifyProcessor } from './audit-verify.processor';
import { ExportCleanupProcessor, ExportGenerateProcessor } from './exports.processor';
import { ReceiptImportProcessor } from './receipt-import.processor';
import { LettersRenderProcessor, LettersScanProcessor } from './letters.processor';
import { MailDrainProcessor, MailSendProcessor, RemindersScanProcessor } from './notifications.processor';
import { DunningScanProcessor } from './dunning.processor';
import { JobsReconcileProcessor, UploadsCleanupProcessor } from './maintenance.processor';

/** Every job handler of the worker; the registry test checks them against libs/jobs. */
export const PROCESSORS = [AuditVerifyProcessor, AuditCheckpointProcessor, ExportGenerateProcessor, ExportCleanupProcessor, ReceiptImportProcessor, LettersRenderProcessor, LettersScanProcessor, RemindersScanProcessor, MailSendProcessor, MailDrainProcessor, DunningScanProcessor, JobsReconcileProcessor, UploadsCleanupProcessor];
