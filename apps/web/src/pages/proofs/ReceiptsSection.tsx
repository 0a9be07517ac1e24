/**
 * Belegliste of a Verwendungsnachweis: the list (paged), adding and deleting single Belege while
 * the proof is a draft, and the import of a whole list: the xlsx template of the decision, the
 * upload (xlsx or csv) with a progress bar for the bytes sent, then the import's own progress and,
 * when the file is refused, every error with its row and column.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api, call, type Schemas } from '../../api/client';
import { approvedPlan, nameOf, useCostCategories, useDecision } from '../../api/queries';
import { applyProblem, SelectField, TextField } from '../../components/form';
import { DataTable, FilterSelect, ProgressBar } from '../../components/table';
import { Alert, Badge, Button, ProblemAlert, Section } from '../../components/ui';
import { germanDecimalToApi, germanToApi } from '../../lib/decimal';
import { formatDateTime, formatInteger } from '../../lib/format';
import { IMPORT_STATUS, INCOME_CATEGORY, label, RECEIPT_DIRECTION } from '../../lib/labels';
import { germanAmount, isoDate, optionalGermanAmount } from '../../lib/schemas';
import { downloadFile, uploadWithProgress } from '../../lib/transfer';
import { receiptColumns } from './proofParts';

const PAGE = 100;

export function useReceipts(proofId: string, inSample?: boolean) {
  return useInfiniteQuery({
    queryKey: ['receipts', proofId, inSample ?? 'all'],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Schemas['ReceiptPageDto']) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Schemas['ReceiptPageDto']> =>
      call(
        api.GET('/api/v1/proofs-of-use/{id}/receipts', {
          params: { path: { id: proofId }, query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}), ...(inSample !== undefined ? { inSample } : {}) } },
        }),
      ),
  });
}

export function ReceiptsSection({ proof, editable, review }: { proof: Schemas['ProofDto']; editable: boolean; review: boolean }) {
  const queryClient = useQueryClient();
  const costCategories = useCostCategories();
  const receipts = useReceipts(proof.id);
  const items = receipts.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['receipts', proof.id] });
    void queryClient.invalidateQueries({ queryKey: ['findings', proof.id] });
    // The Ist per plan line follows the Belegliste.
    void queryClient.invalidateQueries({ queryKey: ['proof', proof.id] });
  };
  const remove = useMutation({
    mutationFn: (r: Schemas['ReceiptDto']) => call(api.DELETE('/api/v1/proofs-of-use/{id}/receipts/{receiptId}', { params: { path: { id: proof.id, receiptId: r.id } } })),
    onSuccess: refresh,
  });
  type R = Schemas['ReceiptDto'];
  const columns = [
    ...receiptColumns(costCategories.data, review),
    ...(editable
      ? [
          {
            header: <span className="kern-sr-only">Aktion</span>,
            cell: (r: R) => (
              <Button variant="tertiary" busy={remove.isPending && remove.variables?.id === r.id} onClick={() => remove.mutate(r)}>
                Löschen<span className="kern-sr-only"> Beleg {r.position}</span>
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Section title="Belegliste">
      <ProblemAlert error={receipts.error ?? remove.error} />
      <DataTable caption="Belegliste" testId="receipts" rows={items} rowKey={(r) => r.id} columns={columns} empty={receipts.isPending ? 'Wird geladen …' : 'Noch keine Belege erfasst.'} />
      {receipts.hasNextPage ? (
        <Button variant="secondary" busy={receipts.isFetchingNextPage} onClick={() => void receipts.fetchNextPage()}>
          Weitere Belege laden
        </Button>
      ) : null}
      {editable ? <AddReceipt proof={proof} onAdded={refresh} /> : null}
      <ReceiptImport proof={proof} editable={editable} onImported={refresh} />
    </Section>
  );
}

const receiptSchema = z.object({
  receiptNumber: z.string().trim().min(1, 'Bitte die Belegnummer angeben.').max(100, 'Höchstens 100 Zeichen.'),
  receiptDate: isoDate('das Belegdatum'),
  paymentDate: isoDate('das Zahlungsdatum'),
  counterparty: z.string().trim().min(1, 'Bitte Empfänger oder Einzahler angeben.').max(300, 'Höchstens 300 Zeichen.'),
  reason: z.string().trim().min(1, 'Bitte den Grund der Zahlung angeben.').max(500, 'Höchstens 500 Zeichen.'),
  direction: z.enum(['EXPENSE', 'INCOME']),
  costCategory: z.string().min(1, 'Bitte die Kostenart wählen.'),
  grossAmount: germanAmount,
  vatAmount: optionalGermanAmount,
  projectSharePercent: z.string().superRefine((v, ctx) => {
    if (v.trim() === '') return;
    const d = germanDecimalToApi(v, 2);
    if (d === null || Number(d) > 100) ctx.addIssue({ code: 'custom', message: 'Bitte einen Anteil zwischen 0 und 100 angeben.' });
  }),
  eligibleAmount: optionalGermanAmount,
  personnelPosition: z.string(),
});
type ReceiptForm = z.infer<typeof receiptSchema>;
const emptyReceipt = (): ReceiptForm => ({
  receiptNumber: '',
  receiptDate: '',
  paymentDate: '',
  counterparty: '',
  reason: '',
  direction: 'EXPENSE',
  costCategory: '',
  grossAmount: '',
  vatAmount: '',
  projectSharePercent: '',
  eligibleAmount: '',
  personnelPosition: '',
});

function AddReceipt({ proof, onAdded }: { proof: Schemas['ProofDto']; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const costCategories = useCostCategories();
  const decision = useDecision(proof.decisionId);
  const plan = approvedPlan(decision.data?.current);
  const form = useForm<ReceiptForm>({ resolver: zodResolver(receiptSchema), defaultValues: emptyReceipt() });
  const direction = useWatch({ control: form.control, name: 'direction' });
  const categories =
    direction === 'INCOME'
      ? Object.entries(INCOME_CATEGORY).map(([value, l]) => ({ value, label: l }))
      : [...new Set(plan.costLines.map((l) => l.category))].map((c) => ({ value: c, label: nameOf(costCategories.data, c) }));
  const add = useMutation({
    mutationFn: (v: ReceiptForm) =>
      call(
        api.POST('/api/v1/proofs-of-use/{id}/receipts', {
          params: { path: { id: proof.id } },
          body: {
            receiptNumber: v.receiptNumber.trim(),
            receiptDate: v.receiptDate,
            paymentDate: v.paymentDate,
            counterparty: v.counterparty.trim(),
            reason: v.reason.trim(),
            direction: v.direction,
            costCategory: v.costCategory,
            grossAmount: germanToApi(v.grossAmount) ?? v.grossAmount,
            ...(v.vatAmount.trim() ? { vatAmount: germanToApi(v.vatAmount) ?? v.vatAmount } : {}),
            ...(v.projectSharePercent.trim() ? { projectSharePercent: germanDecimalToApi(v.projectSharePercent, 2) ?? v.projectSharePercent } : {}),
            ...(v.eligibleAmount.trim() ? { eligibleAmount: germanToApi(v.eligibleAmount) ?? v.eligibleAmount } : {}),
            personnelPosition: v.personnelPosition || null,
          },
        }),
      ),
    onSuccess: () => {
      form.reset({ ...emptyReceipt(), direction: form.getValues('direction'), costCategory: form.getValues('costCategory') });
      setShown([]);
      onAdded();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  if (!open) {
    return (
      <div className="ff-actions">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Beleg hinzufügen …
        </Button>
      </div>
    );
  }
  return (
    <form className="ff-form ff-subform" noValidate onSubmit={form.handleSubmit((v) => add.mutate(v))} aria-label="Beleg hinzufügen">
      <h3 className="kern-heading-small">Beleg hinzufügen</h3>
      {add.isSuccess ? <Alert type="success" title="Beleg übernommen" live /> : null}
      <ProblemAlert error={add.error} shown={shown} title="Beleg nicht übernommen" />
      <div className="ff-grid">
        <TextField form={form} name="receiptNumber" label="Belegnummer" />
        <TextField form={form} name="receiptDate" label="Belegdatum" type="date" />
        <TextField form={form} name="paymentDate" label="Zahlungsdatum" type="date" />
        <SelectField form={form} name="direction" label="Art" options={Object.entries(RECEIPT_DIRECTION).map(([value, l]) => ({ value, label: l }))} />
        <SelectField form={form} name="costCategory" label={direction === 'INCOME' ? 'Art der Einnahme' : 'Kostenart'} placeholder="Bitte wählen" options={categories} />
        <TextField form={form} name="counterparty" label={direction === 'INCOME' ? 'Einzahler' : 'Empfänger'} />
        <TextField form={form} name="reason" label="Grund der Zahlung" />
        <TextField form={form} name="grossAmount" label="Bruttobetrag in €" inputMode="decimal" />
        <TextField form={form} name="vatAmount" label="darin Umsatzsteuer in €" inputMode="decimal" optional />
        <TextField form={form} name="projectSharePercent" label="Projektanteil in %" inputMode="decimal" optional hint="Ohne Angabe 100 %." />
        <TextField form={form} name="eligibleAmount" label="Zuwendungsfähiger Betrag in €" inputMode="decimal" optional hint="Ohne Angabe berechnet." />
        {plan.personnelPositions.length > 0 && direction === 'EXPENSE' ? (
          <SelectField form={form} name="personnelPosition" label="Personalstelle" optional placeholder="keine" options={plan.personnelPositions.map((p) => ({ value: p.label, label: p.label }))} />
        ) : null}
      </div>
      <div className="ff-actions">
        <Button type="submit" busy={add.isPending}>
          Beleg übernehmen
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Schließen
        </Button>
      </div>
    </form>
  );
}

const FINISHED = ['COMPLETED', 'FAILED'];

function ReceiptImport({ proof, editable, onImported }: { proof: Schemas['ProofDto']; editable: boolean; onImported: () => void }) {
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'REPLACE' | 'APPEND'>('REPLACE');
  const [fileName, setFileName] = useState('');
  const [uploadShare, setUploadShare] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const template = useMutation({ mutationFn: () => downloadFile(`/api/v1/decisions/${proof.decisionId}/receipt-template`, `Belegliste_${proof.decisionReference ?? 'Vorlage'}.xlsx`) });
  const history = useQuery({
    queryKey: ['imports', proof.id],
    queryFn: () => call(api.GET('/api/v1/proofs-of-use/{id}/imports', { params: { path: { id: proof.id }, query: { limit: 10 } } })),
  });
  const current = useQuery({
    queryKey: ['import', proof.id, importId],
    enabled: importId !== null,
    queryFn: async () => {
      const i = await call(api.GET('/api/v1/proofs-of-use/{id}/imports/{importId}', { params: { path: { id: proof.id, importId: importId! } } }));
      if (FINISHED.includes(i.status)) {
        void queryClient.invalidateQueries({ queryKey: ['imports', proof.id] });
        if (i.status === 'COMPLETED') onImported();
      }
      return i;
    },
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : 700),
  });

  const start = async () => {
    const file = fileRef.current?.files?.[0];
    setUploadError(null);
    if (!file) {
      setUploadError(new Error('Bitte zuerst eine Datei (xlsx oder csv) auswählen.'));
      return;
    }
    const body = new FormData();
    body.append('mode', mode);
    body.append('file', file, file.name);
    setImportId(null);
    setUploadShare(0);
    try {
      const created = await uploadWithProgress('/api/v1/proofs-of-use/{id}/imports', { id: proof.id }, body, setUploadShare).done;
      setImportId(created.id);
      queryClient.setQueryData(['import', proof.id, created.id], created);
    } catch (err) {
      setUploadShare(null);
      setUploadError(err);
    }
  };
  const imp = current.data;
  const uploading = uploadShare !== null && importId === null && !uploadError;
  return (
    <div className="ff-subform" data-testid="receipt-import">
      <h3 className="kern-heading-small">Belegliste aus Datei</h3>
      <p className="kern-body">
        Laden Sie die Vorlage mit den Kostenarten und Personalstellen Ihres Bescheids herunter, füllen Sie sie aus und laden Sie sie als Excel- oder CSV-Datei hoch. Der Import übernimmt alle
        Zeilen oder keine; Fehler werden mit Zeile und Spalte genannt.
      </p>
      <div className="ff-actions">
        <Button variant="secondary" busy={template.isPending} onClick={() => template.mutate()}>
          Vorlage herunterladen (xlsx)
        </Button>
      </div>
      <ProblemAlert error={template.error} title="Vorlage nicht verfügbar" />
      {editable ? (
        <div className="ff-form ff-form--narrow">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={fileId}>
              Datei mit der Belegliste (xlsx oder csv)
            </label>
            <input
              id={fileId}
              ref={fileRef}
              className="kern-form-input__input ff-file"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => setFileName(e.target.files?.[0]?.name ?? '')}
            />
          </div>
          <FilterSelect
            label="Vorhandene Belege"
            value={mode}
            all={null}
            onChange={(v) => v && setMode(v)}
            options={[
              { value: 'REPLACE', label: 'ersetzen (die Datei ist die ganze Belegliste)' },
              { value: 'APPEND', label: 'ergänzen (die Datei enthält weitere Belege)' },
            ]}
          />
          <div className="ff-actions">
            <Button busy={uploading} disabled={uploading || (!!imp && !FINISHED.includes(imp.status))} onClick={() => void start()}>
              Hochladen und prüfen
            </Button>
          </div>
        </div>
      ) : null}
      <ProblemAlert error={uploadError} title="Hochladen fehlgeschlagen" />
      <div aria-live="polite">
        {uploadShare !== null && !uploadError ? <ProgressBar label={`Hochladen ${fileName}`} value={uploadShare * 100} testId="upload-progress" /> : null}
        {imp ? <ImportState imp={imp} /> : null}
      </div>
      {(history.data?.items.length ?? 0) > 0 ? (
        <details className="ff-details">
          <summary className="kern-body">Frühere Importe</summary>
          <DataTable
            caption="Frühere Importe"
            rows={history.data!.items}
            rowKey={(i) => i.id}
            columns={[
              { header: 'Datei', cell: (i) => i.originalName },
              { header: 'Art', cell: (i) => (i.mode === 'APPEND' ? 'ergänzt' : 'ersetzt') },
              { header: 'Stand', cell: (i) => label(IMPORT_STATUS, i.status) },
              { header: 'Zeilen', numeric: true, cell: (i) => formatInteger(i.rowsRead) },
              { header: 'übernommen', numeric: true, cell: (i) => formatInteger(i.rowsImported) },
              { header: 'Fehler', numeric: true, cell: (i) => formatInteger(i.errors.length) },
              { header: 'Zeitpunkt', cell: (i) => formatDateTime(i.finishedAt ?? i.createdAt) },
            ]}
          />
        </details>
      ) : null}
    </div>
  );
}

function ImportState({ imp }: { imp: Schemas['ReceiptImportDto'] }) {
  if (imp.status === 'COMPLETED') {
    return (
      <Alert type="success" title="Belegliste übernommen" live>
        <p className="kern-body" data-testid="import-result">
          {imp.rowsImported === 1 ? '1 Beleg' : `${formatInteger(imp.rowsImported)} Belege`} aus {imp.originalName} übernommen.
        </p>
      </Alert>
    );
  }
  if (imp.status === 'FAILED') {
    return (
      <div data-testid="import-errors">
        <Alert type="danger" title="Die Datei wurde nicht übernommen">
          <p className="kern-body">
            {imp.errors.length === 1 ? 'Ein Fehler' : `${formatInteger(imp.errors.length)} Fehler`} in {imp.originalName}. Es wurde kein Beleg übernommen; bitte korrigieren Sie die Datei und laden Sie
            sie erneut hoch.
          </p>
        </Alert>
        <DataTable
          caption="Fehler in der Datei"
          captionVisible
          rows={imp.errors}
          rowKey={(_, i) => String(i)}
          columns={[
            { header: 'Zeile', numeric: true, cell: (e) => e.row ?? '–' },
            { header: 'Spalte', cell: (e) => e.column ?? '–' },
            { header: 'Fehler', cell: (e) => e.message },
          ]}
        />
      </div>
    );
  }
  return (
    <>
      <ProgressBar label={`Prüfen und übernehmen (${formatInteger(imp.rowsRead)} Zeilen gelesen)`} value={imp.progress} testId="import-progress" />
      <p className="kern-body">
        <Badge>{label(IMPORT_STATUS, imp.status)}</Badge>
      </p>
    </>
  );
}
