import type { Provider } from '@nestjs/common';
import { ExportRunner, LetterDocumentsService } from '@foerderfluss/exports';
import { jobId, JOB_RECORD_SOURCES, type JobRecordSource } from '@foerderfluss/jobs';
import { MailOutboxService } from '@foerderfluss/notifications';
import { ReceiptImportService } from '@foerderfluss/proof-of-use';

/**
 * The records that wait for a job, per job name, read through the lib that owns each (the libs do
 * not know the queue). The worker has the same list for its reconciler (apps/worker/src/job-record-sources.ts;
 * api and worker share code only through libs/, and the libs may not know the queue).
 */
export function jobRecordSources(exports: ExportRunner, imports: ReceiptImportService, letters: LetterDocumentsService, mails: MailOutboxService): JobRecordSource[] {
  const EXPORT = 'exports.generate' as const;
  const IMPORT = 'proof-of-use.import-receipts' as const;
  const LETTER = 'letters.render' as const;
  const MAIL = 'mail.send' as const;
  return [
    {
      name: EXPORT,
      open: async (f) => (await exports.openRecords(f)).map((r) => ({ entity: 'ExportJob', id: r.id, status: r.status, jobId: r.jobId ?? jobId(EXPORT, r.id), busy: r.busy })),
      payload: (exportId) => ({ exportId }),
    } satisfies JobRecordSource<typeof EXPORT>,
    {
      name: IMPORT,
      open: async (f) => (await imports.openRecords(f)).map((r) => ({ entity: 'ReceiptImport', id: r.id, status: r.status, jobId: r.jobId ?? jobId(IMPORT, r.id), busy: r.busy })),
      payload: (importId) => ({ importId }),
    } satisfies JobRecordSource<typeof IMPORT>,
    {
      name: LETTER,
      open: async (f) =>
        (await letters.openRecords(f)).map((r) => ({ entity: 'GeneratedDocument', id: r.id, status: r.status, jobId: r.jobId ?? jobId(LETTER, r.jobKey), busy: false })),
      payload: (documentId) => ({ documentId }),
    } satisfies JobRecordSource<typeof LETTER>,
    {
      name: MAIL,
      open: async (f) => (await mails.openRecords(f)).map((r) => ({ entity: 'MailOutbox', id: r.id, status: r.status, jobId: jobId(MAIL, r.id), busy: r.busy })),
      payload: (outboxId) => ({ outboxId }),
    } satisfies JobRecordSource<typeof MAIL>,
  ];
}

export const jobRecordSourcesProvider: Provider = {
  provide: JOB_RECORD_SOURCES,
  inject: [ExportRunner, ReceiptImportService, LetterDocumentsService, MailOutboxService],
  useFactory: jobRecordSources,
};
