import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { can } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { formatInteger, plural } from '../lib/format';
import { EXPORT_STATUS, label } from '../lib/labels';
import { downloadFile } from '../lib/transfer';
import { ProgressBar } from './table';
import { Alert, Button, ProblemAlert } from './ui';

const FINISHED: readonly string[] = ['COMPLETED', 'FAILED'];

/**
 * One requested export, followed until the worker has finished it: polled every half second,
 * the export history refreshed once it is done, and its file downloaded on request. The Exporte
 * page and the monitoring pages' „Exportieren“ share it, so both tell a person the same thing.
 */
export function useExportJob() {
  const queryClient = useQueryClient();
  const [activeId, setActiveId] = useState<string | null>(null);
  const active = useQuery({
    queryKey: ['export', activeId],
    enabled: activeId !== null,
    queryFn: () => call(api.GET('/api/v1/exports/{id}', { params: { path: { id: activeId! } } })),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 500),
  });
  const activeStatus = active.data?.status;
  useEffect(() => {
    if (activeStatus && FINISHED.includes(activeStatus)) void queryClient.invalidateQueries({ queryKey: ['exports'] });
  }, [activeStatus, queryClient]);
  const download = useMutation({ mutationFn: (e: Schemas['ExportDto']) => downloadFile(`/api/v1/exports/${e.id}/file`, e.fileName) });
  const job = active.data;
  return {
    job,
    /** A requested export is still queued or running: no second request until it is done. */
    running: !!job && !FINISHED.includes(job.status),
    /** Follow a freshly requested export (the POST's answer is its first state). */
    follow: (e: Schemas['ExportDto']) => {
      setActiveId(e.id);
      queryClient.setQueryData(['export', e.id], e);
    },
    download,
    error: active.error ?? download.error,
  };
}

export type ExportJob = ReturnType<typeof useExportJob>;

/** Progress, result with its download, or the German reason it failed; announced politely. */
export function ExportJobStatus({ exportJob }: { exportJob: ExportJob }) {
  const { job: e, download, error } = exportJob;
  return (
    <div aria-live="polite" data-testid="export-status">
      {e ? (
        e.status === 'COMPLETED' ? (
          <Alert type="success" title={`${e.typeLabel} ist fertig`}>
            <p className="kern-body">
              {plural(e.rowsWritten, 'Zeile', 'Zeilen')}, Datei {e.fileName}.
            </p>
            {can(e, 'download') ? (
              <div className="ff-actions">
                <Button busy={download.isPending} onClick={() => download.mutate(e)}>
                  Herunterladen
                </Button>
              </div>
            ) : null}
          </Alert>
        ) : e.status === 'FAILED' ? (
          <Alert type="danger" title="Export fehlgeschlagen">
            <p className="kern-body">{e.error ?? 'Der Export konnte nicht erstellt werden.'}</p>
          </Alert>
        ) : (
          <div className="ff-card">
            <ProgressBar label={`${e.typeLabel} wird erstellt (${label(EXPORT_STATUS, e.status)})`} value={e.progress} testId="export-progress" />
            <p className="kern-body ff-muted">
              {formatInteger(e.rowsWritten)}
              {e.rowsTotal !== null ? ` von ${formatInteger(e.rowsTotal)}` : ''} Zeilen geschrieben
            </p>
          </div>
        )
      ) : null}
      <ProblemAlert error={error} />
    </div>
  );
}
