/**
 * Anlagen of an Antrag or a Verwendungsnachweis: the Pflichtanlagen of the call (present or
 * „fehlt“), the list with German kinds, size, who uploaded when, download, and for the Träger
 * while it works on the record an upload with the kind to choose and deletion of what has not yet
 * been submitted. A list, not a table, so it fits a 390 px screen without sideways scrolling.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { formatDateTime } from '../lib/format';
import { downloadFile, uploadWithProgress } from '../lib/transfer';
import { Badge, Button, Empty, ProblemAlert, QueryView, Section } from './ui';

export type AttachmentOwner = 'applications' | 'proofs-of-use';
type Page = Schemas['AttachmentPageDto'];
type Item = Schemas['AttachmentDto'];

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,application/pdf,image/png,image/jpeg';
const numberDe = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

/** 512 Bytes, 12,3 KB, 4,5 MB */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'Byte' : 'Bytes'}`;
  if (bytes < 1024 * 1024) return `${numberDe.format(bytes / 1024)} KB`;
  return `${numberDe.format(bytes / (1024 * 1024))} MB`;
}

async function fetchAll(owner: AttachmentOwner, id: string): Promise<Page> {
  const page = (cursor?: string) => {
    const opts = { params: { path: { id }, query: { limit: 200, cursor } } };
    return owner === 'applications' ? call(api.GET('/api/v1/applications/{id}/attachments', opts)) : call(api.GET('/api/v1/proofs-of-use/{id}/attachments', opts));
  };
  const first = await page();
  const items = [...first.items];
  let cursor = first.nextCursor;
  while (cursor) {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items, nextCursor: null };
}

export const attachmentsKey = (owner: AttachmentOwner, id: string) => ['attachments', owner, id];

export function useAttachments(owner: AttachmentOwner, id: string) {
  return useQuery({ queryKey: attachmentsKey(owner, id), queryFn: () => fetchAll(owner, id) });
}

export function AttachmentsSection({ owner, id, editable, title = 'Anlagen' }: { owner: AttachmentOwner; id: string; editable: boolean; title?: string }) {
  const query = useAttachments(owner, id);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: attachmentsKey(owner, id) });
  const download = useMutation({ mutationFn: (a: Item) => downloadFile(a.downloadUrl, a.fileName) });
  const remove = useMutation({
    mutationFn: (a: Item) => call(api.DELETE('/api/v1/attachments/{id}', { params: { path: { id: a.id } } })),
    onSuccess: refresh,
  });
  return (
    <Section title={title}>
      <QueryView query={query}>
        {(data) => (
          <div data-testid="attachments">
            <Requirements requirements={data.requirements} />
            <ProblemAlert error={download.error ?? remove.error} />
            {data.items.length === 0 ? (
              <Empty>Noch keine Anlagen hochgeladen.</Empty>
            ) : (
              <ul className="ff-attachments" aria-label={title}>
                {data.items.map((a) => (
                  <li key={a.id} className="ff-attachment" data-testid="attachment">
                    <div className="ff-attachment__text">
                      <strong>{a.kindLabel}</strong>
                      <span className="ff-attachment__name">{a.fileName}</span>
                      <span className="kern-body--muted">
                        {formatFileSize(a.size)} · {formatDateTime(a.uploadedAt)} · {a.uploadedBy.displayName}
                        {a.submittedAt ? ' · eingereicht' : ''}
                      </span>
                    </div>
                    <div className="ff-actions ff-attachment__actions">
                      <Button variant="tertiary" busy={download.isPending && download.variables?.id === a.id} onClick={() => download.mutate(a)}>
                        Herunterladen<span className="kern-sr-only">: {a.fileName}</span>
                      </Button>
                      {editable && !a.submittedAt ? (
                        <Button variant="tertiary" busy={remove.isPending && remove.variables?.id === a.id} onClick={() => remove.mutate(a)}>
                          Löschen<span className="kern-sr-only">: {a.fileName}</span>
                        </Button>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {editable ? <Upload owner={owner} id={id} kinds={data.allowedKinds} missing={data.requirements.filter((r) => !r.fulfilled).map((r) => r.kind)} onDone={refresh} /> : null}
          </div>
        )}
      </QueryView>
    </Section>
  );
}

function Requirements({ requirements }: { requirements: Schemas['AttachmentRequirementDto'][] }) {
  if (requirements.length === 0) return null;
  return (
    <div className="ff-subform">
      <h3 className="kern-heading-small">Pflichtanlagen des Projektaufrufs</h3>
      <ul className="kern-list" data-testid="attachment-requirements">
        {requirements.map((r) => (
          <li key={r.kind}>
            {r.kindLabel}: {r.fulfilled ? <Badge tone="success">liegt vor</Badge> : <Badge tone="warning">fehlt</Badge>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Upload({ owner, id, kinds, missing, onDone }: { owner: AttachmentOwner; id: string; kinds: Schemas['AttachmentKindDto'][]; missing: string[]; onDone: () => void }) {
  const fileId = useId();
  const kindId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState(missing[0] ?? kinds[0]?.kind ?? 'OTHER');
  const [share, setShare] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const start = async () => {
    const file = fileRef.current?.files?.[0];
    setError(null);
    setDone(null);
    if (!file) {
      setError(new Error('Bitte zuerst eine Datei auswählen.'));
      return;
    }
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file, file.name);
    setShare(0);
    try {
      const created = await uploadWithProgress(`/api/v1/${owner}/{id}/attachments`, { id }, body, setShare).done;
      setDone(`${created.kindLabel}: ${created.fileName}`);
      if (fileRef.current) fileRef.current.value = '';
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setShare(null);
    }
  };
  return (
    <div className="ff-subform" data-testid="attachment-upload">
      <h3 className="kern-heading-small">Anlage hochladen</h3>
      <p className="kern-body">PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) oder OpenDocument-Text (.odt).</p>
      <div className="ff-form ff-form--narrow">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={kindId}>
            Art der Anlage
          </label>
          <div className="kern-form-input__select-wrapper">
            <select id={kindId} className="kern-form-input__select" value={kind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.kindLabel}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={fileId}>
            Datei
          </label>
          <input id={fileId} ref={fileRef} className="kern-form-input__input ff-file" type="file" accept={ACCEPT} />
        </div>
        <div className="ff-actions">
          <Button busy={share !== null} disabled={share !== null} onClick={() => void start()}>
            Hochladen
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {share !== null ? <p className="kern-body">Wird hochgeladen … {Math.round(share * 100)} %</p> : null}
        {done ? <p className="kern-body" data-testid="attachment-uploaded">Hochgeladen: {done}</p> : null}
      </div>
      <ProblemAlert error={error} title="Hochladen fehlgeschlagen" />
    </div>
  );
}

/** Download of the latest signed Antragsformular, for the checklist item „rechtsverbindlich unterschrieben“. */
export function SignedFormLink({ applicationId }: { applicationId: string }) {
  const query = useAttachments('applications', applicationId);
  const download = useMutation({ mutationFn: (a: Item) => downloadFile(a.downloadUrl, a.fileName) });
  const signed = query.data?.items.filter((a) => a.kind === 'SIGNED_APPLICATION_FORM').at(-1);
  if (!query.data) return null;
  if (!signed) return <span className="kern-body--muted ff-signed-form"> (kein unterschriebenes Antragsformular hochgeladen)</span>;
  return (
    <span className="ff-signed-form">
      <Button variant="tertiary" busy={download.isPending} onClick={() => download.mutate(signed)}>
        unterschriebenes Antragsformular öffnen<span className="kern-sr-only">: {signed.fileName}</span>
      </Button>
      {download.error ? <ProblemAlert error={download.error} /> : null}
    </span>
  );
}
