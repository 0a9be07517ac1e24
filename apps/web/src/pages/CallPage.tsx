/**
 * One Projektaufruf: staff create a draft (`/aufrufe/neu`), change it while it is a draft, publish
 * it, extend its Ausschlussfrist with a reason and close it; everybody else reads it. Which of these
 * the page offers comes from the call's `allowedActions` (`can(call, 'publish')` …), whether the
 * deadline has passed from the API (`deadlinePassed`, `displayStatus`), never from the browser's
 * clock. Publishing and closing ask for confirmation; extending asks for the new date and a reason.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { can } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { nameOf, useAttachmentKinds, useBudgetYears, useCall, useCostCategories, useFieldsOfAction, useSocialAreas } from '../api/queries';
import { hasRole, useCurrentUser } from '../auth/auth';
import { ActionDialog } from '../components/dialog';
import { applyProblem, CheckboxGroup, FormProblems, SelectField, TextArea, TextField } from '../components/form';
import { Alert, Badge, Button, DescriptionList, Loading, Money, PageTitle, QueryView, Section } from '../components/ui';
import { callSchema, callToForm, extendSchema, newCallForm, toCreateCallBody, toExtendCallBody, toUpdateCallBody, type CallForm, type ExtendForm } from '../lib/call-form';
import { formatDate, formatDateTime, plural } from '../lib/format';
import { CALL_STATUS, CALL_TONE, label, tone } from '../lib/labels';

type Call = Schemas['CallDto'];
type Flash = 'created' | 'saved' | 'published' | 'extended' | 'closed';

const FLASH: Record<Flash, { title: string; text: string }> = {
  created: { title: 'Entwurf angelegt', text: 'Der Projektaufruf ist als Entwurf gespeichert. Träger sehen ihn erst, wenn Sie ihn veröffentlichen.' },
  saved: { title: 'Entwurf gespeichert', text: 'Ihre Änderungen sind gespeichert.' },
  published: { title: 'Projektaufruf veröffentlicht', text: 'Die Träger sehen den Aufruf jetzt und können bis zur Ausschlussfrist Anträge stellen.' },
  extended: { title: 'Frist verlängert', text: 'Die neue Ausschlussfrist gilt. Alle Träger wurden benachrichtigt.' },
  closed: { title: 'Projektaufruf geschlossen', text: 'Zu diesem Aufruf können keine Anträge mehr gestellt werden.' },
};

/** `/aufrufe/neu`: a new draft, in the first open budget year unless another is chosen. */
export function CallNewPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageTitle subtitle="Der Aufruf bleibt ein Entwurf, bis Sie ihn veröffentlichen.">Neuer Projektaufruf</PageTitle>
      <CallEditor
        initial={newCallForm()}
        save={async (body) => (await call(api.POST('/api/v1/calls', { body: body.create }))).id}
        onSaved={(id) => {
          void queryClient.invalidateQueries({ queryKey: ['calls'] });
          navigate(`/aufrufe/${id}`, { state: { flash: 'created' } });
        }}
      />
    </>
  );
}

/** `/aufrufe/:id`: the draft's form for staff, the call as it reads for everybody else. */
export function CallPage() {
  const { id = '' } = useParams();
  const query = useCall(id);
  return (
    <QueryView query={query} what="Der Projektaufruf">
      {(c) => <CallView key={c.id} call={c} />}
    </QueryView>
  );
}

function CallView({ call: c }: { call: Call }) {
  const me = useCurrentUser();
  const location = useLocation();
  const queryClient = useQueryClient();
  const kreis = hasRole(me, 'ADMIN', 'STAFF', 'APPROVER', 'AUDITOR');
  const [flash, setFlash] = useState<Flash | null>((location.state as { flash?: Flash } | null)?.flash ?? null);
  const [dirty, setDirty] = useState(false);
  const [dialog, setDialog] = useState<'publish' | 'extend' | 'close' | null>(null);
  const done = (what: Flash) => {
    setFlash(what);
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: ['call', c.id] });
    void queryClient.invalidateQueries({ queryKey: ['calls'] });
    window.scrollTo(0, 0);
  };
  const editable = can(c, 'update');

  return (
    <>
      <PageTitle subtitle={`Projektaufruf${c.budgetYear ? ` für das Haushaltsjahr ${c.budgetYear}` : ''}`}>{c.title}</PageTitle>
      {flash ? (
        <Alert type="success" title={FLASH[flash].title} live>
          <p className="kern-body">{FLASH[flash].text}</p>
        </Alert>
      ) : null}
      <div className="ff-actions" data-testid="call-status">
        <span>Status:</span> <Badge tone={tone(CALL_TONE, c.displayStatus)}>{label(CALL_STATUS, c.displayStatus)}</Badge>
        <span>
          Ausschlussfrist {formatDate(c.deadline)}
          {c.originalDeadline ? ` (verlängert, ursprünglich ${formatDate(c.originalDeadline)})` : ''}
        </span>
      </div>
      {c.displayStatus === 'DEADLINE_PASSED' ? (
        <Alert type="warning" title="Frist abgelaufen">
          <p className="kern-body">
            Die Ausschlussfrist endete am {formatDate(c.deadline)}. Anträge zu diesem Aufruf können nicht mehr eingereicht werden.
            {can(c, 'extend') ? ' Sie können die Frist verlängern oder den Aufruf schließen.' : ''}
          </p>
        </Alert>
      ) : null}
      {c.openForApplications && hasRole(me, 'PROVIDER') ? (
        <div className="ff-actions">
          <Link className="kern-btn kern-btn--primary" to={`/antraege/neu?aufruf=${c.id}`}>
            <span className="kern-label">Antrag zu diesem Aufruf stellen</span>
          </Link>
        </div>
      ) : null}
      {editable ? (
        <CallEditor
          initial={callToForm(c)}
          fixedYear={c.budgetYear}
          onDirtyChange={setDirty}
          save={async (body) => (await call(api.PATCH('/api/v1/calls/{id}', { params: { path: { id: c.id } }, body: body.update }))).id}
          onSaved={() => done('saved')}
        />
      ) : (
        <CallDetails call={c} />
      )}
      <CallActions call={c} dirty={dirty} dialog={dialog} setDialog={setDialog} onDone={done} />
      {kreis ? (
        <p className="kern-body">
          <Link className="kern-link" to={`/aufrufe/${c.id}/vergaberunde`}>
            Zur Vergaberunde dieses Aufrufs
          </Link>
        </p>
      ) : null}
      <p className="kern-body">
        <Link className="kern-link" to="/aufrufe">
          Zurück zu den Projektaufrufen
        </Link>
      </p>
    </>
  );
}

/** The call as a Träger (and, once published, everybody) reads it. */
function CallDetails({ call: c }: { call: Call }) {
  const fields = useFieldsOfAction();
  const areas = useSocialAreas();
  const cats = useCostCategories();
  const names = (list: { code: string; name: string }[] | undefined, codes: string[]) => codes.map((code) => nameOf(list, code));
  const extension: [string, ReactNode][] = c.originalDeadline
    ? [['Verlängert', `am ${formatDateTime(c.deadlineExtendedAt)} von ${formatDate(c.originalDeadline)} auf ${formatDate(c.deadline)}${c.deadlineExtensionReason ? `. Grund: ${c.deadlineExtensionReason}` : ''}`]]
    : [];
  return (
    <Section title="Der Aufruf">
      <p className="kern-body ff-pre">{c.text}</p>
      <DescriptionList
        items={[
          ['Einreichung ab', formatDate(c.openingDate)],
          ['Ausschlussfrist', `${formatDate(c.deadline)} (bis 24 Uhr)`],
          ...extension,
          ['Richtwert des Fördervolumens', c.budgetIndication === null ? 'keine Angabe' : <Money value={c.budgetIndication} />],
          ['Förderfähige Handlungsfelder', <NameList key="f" names={names(fields.data, c.eligibleFieldsOfAction)} />],
          ['Förderfähige Kostenarten', <NameList key="k" names={names(cats.data, c.eligibleCostCategories)} />],
          ['Sozialräume', c.targetSocialAreas.length === 0 ? 'ganzer Landkreis' : <NameList key="s" names={names(areas.data, c.targetSocialAreas)} />],
          ['Pflichtanlagen', c.requiredAttachmentKinds.length === 0 ? 'keine' : <NameList key="a" names={c.requiredAttachmentKinds.map((k) => k.kindLabel)} />],
          ['Veröffentlicht', c.publishedAt ? formatDateTime(c.publishedAt) : 'noch nicht'],
        ]}
      />
    </Section>
  );
}

function NameList({ names }: { names: string[] }) {
  return (
    <ul className="kern-list ff-compact-list">
      {names.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

interface Bodies {
  create: ReturnType<typeof toCreateCallBody>;
  update: ReturnType<typeof toUpdateCallBody>;
}

/** The draft's form: every field of the call, saved as a draft; German field errors from the API land at their fields. */
function CallEditor({
  initial,
  fixedYear,
  save,
  onSaved,
  onDirtyChange,
}: {
  initial: CallForm;
  /** The budget year of an existing draft, which cannot change. */
  fixedYear?: number | null;
  save: (bodies: Bodies) => Promise<string>;
  onSaved: (id: string) => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const years = useBudgetYears();
  // A new call goes into an open year, the latest first; the first one is chosen for a new call.
  const openYears = (years.data ?? []).filter((y) => y.status === 'OPEN').sort((a, b) => b.year - a.year);
  const form = useForm<CallForm>({ resolver: zodResolver(callSchema), defaultValues: initial, mode: 'onSubmit', reValidateMode: 'onChange' });
  const fields = useFieldsOfAction();
  const areas = useSocialAreas();
  const cats = useCostCategories();
  const kinds = useAttachmentKinds();
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: () => call(api.GET('/api/v1/programmes')) });
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const isDirty = form.formState.isDirty;
  const yearId = useWatch({ control: form.control, name: 'budgetYearId' });
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);
  const firstOpen = openYears[0]?.id;
  useEffect(() => {
    if (fixedYear === undefined && firstOpen && form.getValues('budgetYearId') === '') form.setValue('budgetYearId', firstOpen);
  }, [fixedYear, firstOpen, form]);

  if (!fields.data || !areas.data || !cats.data || !kinds.data || years.isPending) return <Loading label="Stammdaten werden geladen …" />;
  const requirable = kinds.data.filter((k) => k.requirable);
  const programmeId = (years.data ?? []).find((y) => y.id === yearId)?.programmeId;
  // The Kostenarten the year's programme allows (Investitionen are not eligible under this Richtlinie).
  const eligible = programmes.data?.items.find((p) => p.id === programmeId)?.eligibleCostCategories.map((c) => c.code);
  const costOptions = cats.data.filter((c) => !eligible || eligible.includes(c.code) || initial.eligibleCostCategories.includes(c.code));

  const onSubmit = form.handleSubmit(
    async (values) => {
      setAttempt((n) => n + 1);
      setError(null);
      setShown([]);
      setRefusal(null);
      setBusy(true);
      try {
        const codes = requirable.map((k) => k.kind);
        const id = await save({ create: toCreateCallBody(values, codes), update: toUpdateCallBody(values, codes) });
        form.reset(values);
        onSaved(id);
      } catch (err) {
        setError(err);
        // "eligibleFieldsOfAction[1]" belongs to the group of checkboxes, not to one of them.
        setShown(applyProblem(form, err, (p) => p.replace(/^(eligibleFieldsOfAction|eligibleCostCategories|targetSocialAreas|requiredAttachments)\.\d+$/, '$1')));
      } finally {
        setBusy(false);
      }
    },
    (errors) => {
      setAttempt((n) => n + 1);
      setError(null);
      const n = Object.keys(errors).length;
      setRefusal(`Bitte korrigieren Sie die markierten Angaben (${plural(n, 'Angabe', 'Angaben')}).`);
    },
  );

  return (
    <form className="ff-form" noValidate onSubmit={onSubmit} aria-label="Projektaufruf bearbeiten">
      <Section title="Aufruf">
        <div className="ff-stack">
          {fixedYear === undefined ? (
            <SelectField form={form} name="budgetYearId" label="Haushaltsjahr" placeholder="Bitte wählen" options={openYears.map((y) => ({ value: y.id, label: String(y.year) }))} />
          ) : (
            <p className="kern-body">Haushaltsjahr: {fixedYear ?? '–'}</p>
          )}
          <TextField form={form} name="title" label="Titel" />
          <TextArea form={form} name="text" label="Text des Aufrufs" hint="Was gefördert wird, wer antragsberechtigt ist und was Träger beachten müssen." rows={8} />
          <div className="ff-grid">
            <TextField form={form} name="openingDate" label="Einreichung ab" type="date" />
            <TextField form={form} name="deadline" label="Ausschlussfrist" type="date" hint="Letzter Tag der Einreichung (bis 24 Uhr)." />
            <TextField form={form} name="budgetIndication" label="Richtwert des Fördervolumens in €" inputMode="decimal" optional hint="Orientierung für die Träger, keine Obergrenze; z. B. 250.000,00" />
          </div>
        </div>
      </Section>
      <Section title="Förderfähig">
        <div className="ff-stack">
          <CheckboxGroup form={form} name="eligibleFieldsOfAction" legend="Handlungsfelder" options={fields.data.map((f) => ({ value: f.code, label: f.name }))} />
          <CheckboxGroup form={form} name="eligibleCostCategories" legend="Kostenarten" options={costOptions.map((c) => ({ value: c.code, label: c.name }))} />
          <CheckboxGroup form={form} name="targetSocialAreas" legend="Sozialräume" hint="Keiner gewählt: der ganze Landkreis." options={areas.data.map((a) => ({ value: a.code, label: a.name }))} />
          <CheckboxGroup form={form} name="requiredAttachments" legend="Pflichtanlagen" hint="Ohne diese Anlagen kann ein Antrag nicht eingereicht werden. Keine gewählt: keine Pflichtanlagen." options={requirable.map((k) => ({ value: k.kind, label: k.kindLabel }))} />
        </div>
      </Section>
      <FormProblems error={error} shown={shown} message={refusal ?? undefined} focusMessage={false} attempt={attempt} title={error ? 'Der Entwurf wurde nicht gespeichert' : 'Noch nicht gespeichert'} />
      <div className="ff-actions">
        <Button type="submit" variant={fixedYear === undefined ? 'primary' : 'secondary'} busy={busy}>
          Entwurf speichern
        </Button>
      </div>
    </form>
  );
}

/** Publish, extend, close: each button only when the API lists the action for this caller. */
function CallActions({
  call: c,
  dirty,
  dialog,
  setDialog,
  onDone,
}: {
  call: Call;
  dirty: boolean;
  dialog: 'publish' | 'extend' | 'close' | null;
  setDialog: (d: 'publish' | 'extend' | 'close' | null) => void;
  onDone: (what: Flash) => void;
}) {
  const publish = useMutation({ mutationFn: () => call(api.POST('/api/v1/calls/{id}/publish', { params: { path: { id: c.id } } })), onSuccess: () => onDone('published') });
  const close = useMutation({ mutationFn: () => call(api.POST('/api/v1/calls/{id}/close', { params: { path: { id: c.id } } })), onSuccess: () => onDone('closed') });
  if (!can(c, 'publish') && !can(c, 'extend') && !can(c, 'close')) return null;
  const open = (d: 'publish' | 'extend' | 'close') => {
    publish.reset();
    close.reset();
    setDialog(d);
  };
  return (
    <Section title="Nächste Schritte">
      <div className="ff-actions">
        {can(c, 'publish') ? <Button onClick={() => open('publish')}>Veröffentlichen …</Button> : null}
        {can(c, 'extend') ? <Button onClick={() => open('extend')}>Frist verlängern …</Button> : null}
        {can(c, 'close') ? (
          <Button variant="secondary" onClick={() => open('close')}>
            Aufruf schließen …
          </Button>
        ) : null}
      </div>
      <ActionDialog
        open={dialog === 'publish'}
        title="Projektaufruf veröffentlichen?"
        onClose={() => setDialog(null)}
        footer={
          dirty ? null : (
            <Button onClick={() => publish.mutate()} busy={publish.isPending}>
              Ja, veröffentlichen
            </Button>
          )
        }
      >
        {dirty ? (
          <Alert type="warning" title="Ungespeicherte Änderungen">
            <p className="kern-body">Bitte speichern Sie den Entwurf zuerst; veröffentlicht wird die gespeicherte Fassung.</p>
          </Alert>
        ) : (
          <p className="kern-body">
            „{c.title}“ wird für alle Träger sichtbar. Anträge sind vom {formatDate(c.openingDate)} bis zum {formatDate(c.deadline)} möglich. Danach kann der Aufruf nicht mehr geändert, nur noch die Frist verlängert werden.
          </p>
        )}
        <FormProblems error={publish.error} title="Nicht veröffentlicht" />
      </ActionDialog>
      <ActionDialog
        open={dialog === 'close'}
        title="Projektaufruf schließen?"
        onClose={() => setDialog(null)}
        footer={
          <Button onClick={() => close.mutate()} busy={close.isPending}>
            Ja, schließen
          </Button>
        }
      >
        <p className="kern-body">Nach dem Schließen können zu „{c.title}“ keine Anträge mehr gestellt und die Frist nicht mehr verlängert werden. Eingereichte Anträge bleiben bestehen.</p>
        <FormProblems error={close.error} title="Nicht geschlossen" />
      </ActionDialog>
      {dialog === 'extend' ? <ExtendDialog call={c} onClose={() => setDialog(null)} onDone={() => onDone('extended')} /> : null}
    </Section>
  );
}

function ExtendDialog({ call: c, onClose, onDone }: { call: Call; onClose: () => void; onDone: () => void }) {
  const formId = useId();
  const form = useForm<ExtendForm>({ resolver: zodResolver(extendSchema), defaultValues: { deadline: '', reason: '' } });
  const [shown, setShown] = useState<string[]>([]);
  const extend = useMutation({
    mutationFn: (v: ExtendForm) => call(api.POST('/api/v1/calls/{id}/extend', { params: { path: { id: c.id } }, body: toExtendCallBody(v) })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <ActionDialog
      open
      title="Ausschlussfrist verlängern"
      onClose={onClose}
      footer={
        <Button type="submit" form={formId} busy={extend.isPending}>
          Frist verlängern
        </Button>
      }
    >
      <form id={formId} className="ff-stack" noValidate onSubmit={form.handleSubmit((v) => extend.mutate(v))}>
        <p className="kern-body">
          Bisherige Ausschlussfrist: {formatDate(c.deadline)}
          {c.deadlinePassed ? ' (abgelaufen)' : ''}. Alle Träger werden über die neue Frist und den Grund benachrichtigt.
        </p>
        <TextField form={form} name="deadline" label="Neue Ausschlussfrist" type="date" />
        <TextArea form={form} name="reason" label="Grund der Verlängerung" rows={3} />
        <FormProblems error={extend.error} shown={shown} title="Frist nicht verlängert" />
      </form>
    </ActionDialog>
  );
}

