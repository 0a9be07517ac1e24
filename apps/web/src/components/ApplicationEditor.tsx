/**
 * The Antrag form: master data, declarations and the Kosten- und Finanzierungsplan. "Entwurf
 * speichern" stores it; "Antrag einreichen" stores and submits, but only with a balance of 0,00 €.
 * Field errors from the schema (before sending) and from the API (after) show next to their field.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Schemas } from '../api/client';
import { useCostCategories, useFieldsOfAction, useSocialAreas } from '../api/queries';
import { formatAmount, plural } from '../lib/format';
import { applicationSchema, emptyCostLine, emptyFundingLine, type ApplicationForm } from '../lib/schemas';
import { FinancingPlanEditor, planTotals } from './FinancingPlanEditor';
import { applyProblem, Checkbox, CheckboxGroup, FormProblems, SelectField, TextArea, TextField } from './form';
import { Button, Loading, Section } from './ui';

const germanDecimal = (s: string) => s.replace('.', ',');

/** How many fields react-hook-form marked (nested: arrays of rows, objects of fields). */
function countErrors(errors: object): number {
  let n = 0;
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object' || key === 'ref') continue;
    if (typeof (value as { message?: unknown }).message === 'string') n += 1;
    else n += countErrors(value as object);
  }
  return n;
}

export function applicationToForm(a: Schemas['ApplicationDto']): ApplicationForm {
  return {
    callId: a.callId,
    title: a.title,
    purpose: a.purpose,
    targetGroup: a.targetGroup,
    fieldsOfAction: a.fieldsOfAction,
    socialAreaCode: a.socialAreaCode,
    municipality: a.municipality ?? '',
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    plannedStart: a.plannedStart,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone ?? '',
    projectBegun: a.projectBegun,
    projectBegunOn: a.projectBegunOn ?? '',
    vatDeductible: a.vatDeductible,
    otherPublicFunding: a.otherPublicFunding ?? '',
    betterPositionRespected: a.betterPositionRespected,
    financingPlan: {
      costLines: a.financingPlan.costLines.map((l) => ({ category: l.category, description: l.description, amount: formatAmount(l.amount) })),
      personnelPositions: a.financingPlan.personnelPositions.map((p) => ({
        label: p.label,
        payGrade: p.payGrade,
        monthlyEmployerGross: formatAmount(p.monthlyEmployerGross),
        comparisonAmount: formatAmount(p.comparisonAmount),
        fte: germanDecimal(p.fte),
        months: germanDecimal(p.months),
      })),
      fundingLines: a.financingPlan.fundingLines.map((l) => ({ kind: l.kind, source: l.source, amount: formatAmount(l.amount) })),
    },
  };
}

export function newApplicationForm(callId: string, year?: number, contact?: { name?: string | null; email?: string | null }): ApplicationForm {
  return {
    callId,
    title: '',
    purpose: '',
    targetGroup: '',
    fieldsOfAction: [],
    socialAreaCode: '',
    municipality: '',
    periodStart: year ? `${year}-01-01` : '',
    periodEnd: year ? `${year}-12-31` : '',
    plannedStart: year ? `${year}-01-01` : '',
    contactName: contact?.name ?? '',
    contactEmail: contact?.email ?? '',
    contactPhone: '',
    projectBegun: false,
    projectBegunOn: '',
    vatDeductible: false,
    otherPublicFunding: '',
    betterPositionRespected: true,
    financingPlan: {
      costLines: [{ ...emptyCostLine(), category: 'PERSONNEL' }],
      personnelPositions: [],
      fundingLines: [{ ...emptyFundingLine('OWN_FUNDS'), source: 'Eigenmittel' }, { ...emptyFundingLine('GRANT'), source: 'Zuwendung des Landkreises' }],
    },
  };
}

interface Props {
  initial: ApplicationForm;
  /** Stores the form (create or update); resolves to the application's id. */
  save: (values: ApplicationForm) => Promise<string>;
  submit: (id: string) => Promise<unknown>;
  onDone: (id: string, submitted: boolean) => void;
  eligibleCostCategories?: string[];
  eligibleFieldsOfAction?: string[];
}

export function ApplicationEditor({ initial, save, submit, onDone, eligibleCostCategories, eligibleFieldsOfAction }: Props) {
  const form = useForm<ApplicationForm>({ resolver: zodResolver(applicationSchema), defaultValues: initial, mode: 'onSubmit', reValidateMode: 'onChange' });
  const costCategories = useCostCategories();
  const fields = useFieldsOfAction();
  const areas = useSocialAreas();
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; focus: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const plan = useWatch({ control: form.control, name: 'financingPlan' });
  const projectBegun = useWatch({ control: form.control, name: 'projectBegun' });
  const balance = planTotals(plan).balance;

  const run = (mode: 'save' | 'submit') =>
    form.handleSubmit(
      async (values) => {
        setAttempt((n) => n + 1);
        setError(null);
        setShown([]);
        setRefusal(null);
        setBusy(mode);
        try {
          const id = await save(values);
          if (mode === 'submit') await submit(id);
          form.reset(values);
          onDone(id, mode === 'submit');
        } catch (err) {
          setError(err);
          // The call is fixed once the Antrag exists; an error about it belongs to no field here.
          setShown(applyProblem(form, err, (p) => (p === 'callId' ? '' : p)));
        } finally {
          setBusy(null);
        }
      },
      (errors) => {
        setAttempt((n) => n + 1);
        setError(null);
        // react-hook-form has moved the focus to the first invalid field; the message says why.
        setRefusal({ message: `Bitte korrigieren Sie die markierten Angaben (${plural(countErrors(errors), 'Angabe', 'Angaben')}).`, focus: false });
      },
    );

  // Selects must have their options before the form's values are put into them.
  if (!costCategories.data || !fields.data || !areas.data) return <Loading label="Stammdaten werden geladen …" />;

  const cats = (costCategories.data ?? []).filter((c) => !eligibleCostCategories || eligibleCostCategories.includes(c.code));
  const foa = (fields.data ?? []).filter((f) => !eligibleFieldsOfAction || eligibleFieldsOfAction.includes(f.code));

  return (
    <form className="ff-form" noValidate onSubmit={run('save')} aria-label="Antrag bearbeiten">
      <Section title="Projekt">
        <div className="ff-stack">
          <TextField form={form} name="title" label="Titel des Projekts" />
          <TextArea form={form} name="purpose" label="Zweck (was wird mit der Zuwendung erreicht?)" />
          <TextArea form={form} name="targetGroup" label="Zielgruppe" rows={2} />
          <CheckboxGroup form={form} name="fieldsOfAction" legend="Handlungsfelder der Leitlinien" options={foa.map((f) => ({ value: f.code, label: f.name }))} />
          <div className="ff-grid">
            <SelectField form={form} name="socialAreaCode" label="Sozialraum" placeholder="Bitte wählen" options={(areas.data ?? []).map((a) => ({ value: a.code, label: a.name }))} />
            <TextField form={form} name="municipality" label="Gemeinde" optional />
          </div>
          <div className="ff-grid">
            <TextField form={form} name="periodStart" label="Durchführungszeitraum von" type="date" />
            <TextField form={form} name="periodEnd" label="Durchführungszeitraum bis" type="date" />
            <TextField form={form} name="plannedStart" label="Geplanter Maßnahmebeginn" type="date" />
          </div>
        </div>
      </Section>
      <Section title="Ansprechperson">
        <div className="ff-grid">
          <TextField form={form} name="contactName" label="Name" autoComplete="name" />
          <TextField form={form} name="contactEmail" label="E-Mail-Adresse" type="email" autoComplete="email" />
          <TextField form={form} name="contactPhone" label="Telefon" type="tel" autoComplete="tel" optional />
        </div>
      </Section>
      <Section title="Erklärungen">
        <div className="ff-stack">
          <Checkbox form={form} name="projectBegun" label="Die Maßnahme hat bereits begonnen" hint="Ausgaben vor der Bewilligung sind nur mit Zustimmung zum vorzeitigen Maßnahmebeginn förderfähig." />
          {projectBegun ? <TextField form={form} name="projectBegunOn" label="Begonnen am" type="date" /> : null}
          <Checkbox form={form} name="vatDeductible" label="Wir sind zum Vorsteuerabzug berechtigt (dann nur Nettobeträge)" />
          <Checkbox form={form} name="betterPositionRespected" label="Das Besserstellungsverbot wird eingehalten (keine höheren Entgelte als nach TV-L)" />
          <TextArea form={form} name="otherPublicFunding" label="Andere öffentliche Förderung (beantragt oder erhalten)" optional rows={2} />
        </div>
      </Section>
      <Section title="Kosten- und Finanzierungsplan">
        <FinancingPlanEditor form={form} costCategories={cats} />
      </Section>
      <FormProblems
        error={error}
        shown={shown}
        message={refusal ? <span data-testid="submit-refusal">{refusal.message}</span> : undefined}
        focusMessage={refusal?.focus ?? true}
        attempt={attempt}
        title={error ? 'Der Antrag wurde nicht gespeichert' : 'Noch nicht möglich'}
      />
      <div className="ff-actions">
        <Button type="submit" variant="secondary" busy={busy === 'save'}>
          Entwurf speichern
        </Button>
        {/* Stays operable (a disabled button explains nothing); a click while unbalanced shows why it is refused. */}
        <Button
          type="button"
          aria-describedby="submit-hint"
          busy={busy === 'submit'}
          onClick={() => {
            // The balance comes first: an unbalanced plan is refused before anything is sent.
            if (planTotals(form.getValues('financingPlan')).balance !== 0n) {
              setError(null);
              setAttempt((n) => n + 1);
              setRefusal({ message: 'Der Antrag kann erst eingereicht werden, wenn der Saldo aus Kosten und Finanzierung 0,00 € beträgt.', focus: true });
              void form.trigger();
              return;
            }
            void run('submit')();
          }}
        >
          Antrag einreichen
        </Button>
        <span id="submit-hint" className="kern-hint">
          {balance === 0n ? 'Mit dem Einreichen wird der Antrag verbindlich gestellt.' : 'Einreichen ist erst bei einem Saldo von 0,00 € möglich.'}
        </span>
      </div>
    </form>
  );
}

export { formatAmount };
