import type { Provider } from '@nestjs/common';
import { ExportRunner, LetterDocumentsService } from '@foerderfluss/exports';
import { jobId, JOB_RECORD_SOURCES, type JobRecordSource } from '@foerderfluss/jobs';
import { MailOutboxService } from '@foerderfluss/notifications';
import { ReceiptImportService } from '@foerderfluss/proof-of-use';

/**
 * The records that wait for a job, per job name, read through the lib that owns each (the libs do
 * not know the queue). One list for both apps: the worker's reconciler and the api's admin retry
 * must agree on which record a job name stands for, so it lives here and not in either app.
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
