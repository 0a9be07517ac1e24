/**
 * Vergaberunde eines Aufrufs: all applications with Votum, the proposed amounts (editable while
 * the round is open), the running total against the free budget, the committee's resolution,
 * confirmation, and the proposal of all decisions in one step.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { mayAct, useCurrentUser } from '../auth/auth';
import { FieldShell } from '../components/form';
import { Alert, Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../components/ui';
import { fieldErrorMap } from '../api/problem';
import { germanToApi, parseGermanAmount } from '../lib/decimal';
import { formatAmount, formatDate, formatMoney } from '../lib/format';
import { APPLICATION_STATUS, codeOf, FINANCING_TYPE, INSTRUMENT, label, optionsOf, ROUND_STATUS, ROUND_TONE, tone, VOTUM } from '../lib/labels';

export function AllocationRoundPage() {
  const { id = '' } = useParams();
  const round = useQuery({ queryKey: ['round', id], queryFn: () => call(api.GET('/api/v1/calls/{id}/allocation-round', { params: { path: { id } } })) });
  const callQ = useQuery({ queryKey: ['call', id], queryFn: () => call(api.GET('/api/v1/calls/{id}', { params: { path: { id } } })) });
  return (
    <QueryView query={round} what="Die Vergaberunde">
      {(r) => <Round key={round.dataUpdatedAt} r={r} title={callQ.data?.title ?? 'Vergaberunde'} />}
    </QueryView>
  );
}

function Round({ r, title }: { r: Schemas['RoundOverviewDto']; title: string }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const mayEdit = mayAct(me, 'ADMIN', 'STAFF') && r.status === 'OPEN';
  // The parent remounts this component (key) whenever the round is loaded again.
  const [amounts, setAmounts] = useState<Record<string, string>>(() => Object.fromEntries(r.items.map((i) => [i.applicationId, i.proposedAmount ? formatAmount(i.proposedAmount) : ''])));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['round', r.callId] });
  const saveItems = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/calls/{id}/allocation-round/items', {
          params: { path: { id: r.callId } },
          // A row with a proposed decision shows the decision's amount; it is not the round's to change.
          body: { items: r.items.filter((i) => i.proposalSource !== 'DECISION' && (amounts[i.applicationId] ?? '').trim() !== '').map((i) => ({ applicationId: i.applicationId, proposedAmount: germanToApi(amounts[i.applicationId]!) ?? amounts[i.applicationId]! })) },
        }),
      ),
    onSuccess: refresh,
  });
  const errors = fieldErrorMap(saveItems.error);
  const [resolution, setResolution] = useState({ body: r.resolutionBody ?? '', date: r.resolutionDate ?? '', number: r.resolutionNumber ?? '' });
  const saveResolution = useMutation({
    mutationFn: () => call(api.PUT('/api/v1/calls/{id}/allocation-round/resolution', { params: { path: { id: r.callId } }, body: resolution })),
    onSuccess: refresh,
  });
  const confirm = useMutation({ mutationFn: () => call(api.POST('/api/v1/calls/{id}/allocation-round/confirm', { params: { path: { id: r.callId } } })), onSuccess: refresh });
  const [proposal, setProposal] = useState<Schemas['ProposeFromRoundDto']>({ instrument: 'BESCHEID', financingType: 'DEFICIT' });
  const propose = useMutation({
    mutationFn: () => call(api.POST('/api/v1/calls/{id}/allocation-round/propose-decisions', { params: { path: { id: r.callId } }, body: proposal })),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const resErrors = fieldErrorMap(saveResolution.error);
  return (
    <>
      <PageTitle subtitle={title}>Vergaberunde</PageTitle>
      <div className="ff-grid">
        <div className="ff-card"><h2 className="kern-heading-small">Freies Budget</h2><p className="ff-kpi">{formatMoney(r.freeBudget.total)}</p><p className="kern-body kern-body--small">Land {formatMoney(r.freeBudget.state)} · Kreis {formatMoney(r.freeBudget.district)}</p></div>
        <div className="ff-card"><h2 className="kern-heading-small">Beantragt</h2><p className="ff-kpi">{formatMoney(r.requestedTotal)}</p></div>
        <div className="ff-card" data-testid="round-proposed"><h2 className="kern-heading-small">Vorgeschlagen</h2><p className="ff-kpi">{formatMoney(r.proposedTotal.total)}</p><p className="kern-body kern-body--small">Land {formatMoney(r.proposedTotal.state)} · Kreis {formatMoney(r.proposedTotal.district)}</p><p className="kern-body kern-body--small ff-muted">vorgeschlagene Entscheidungen und Vorschläge der Runde</p></div>
        <div className="ff-card"><h2 className="kern-heading-small">Verbleibend</h2><p className="ff-kpi">{formatMoney(r.remaining.total)}</p><p className="kern-body kern-body--small">Land {formatMoney(r.remaining.state)} · Kreis {formatMoney(r.remaining.district)}</p></div>
      </div>
      <p className="kern-body">Status der Runde: <Badge tone={tone(ROUND_TONE, r.status)}>{label(ROUND_STATUS, r.status)}</Badge></p>
      <Section title="Anträge in der Runde">
        <ProblemAlert error={saveItems.error} shown={Object.keys(errors)} />
        <TableWrap label="Anträge in der Runde">
          <table className="kern-table kern-table--small" data-testid="round-items">
            <caption className="kern-sr-only">Anträge in der Runde</caption>
            <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Antrag</th><th className="kern-table__header" scope="col">Träger</th><th className="kern-table__header" scope="col">Status</th><th className="kern-table__header" scope="col">Votum</th><th className="kern-table__header kern-table__header--numeric" scope="col">Beantragt</th><th className="kern-table__header kern-table__header--numeric" scope="col">Vorschlag in €</th><th className="kern-table__header kern-table__header--numeric" scope="col">laufende Summe</th></tr></thead>
            <tbody className="kern-table__body">
              {r.items.map((i, idx) => {
                const err = errors[`items.${idx}.proposedAmount`];
                const parsed = parseGermanAmount(amounts[i.applicationId] ?? '');
                return (
                  <tr className="kern-table__row" key={i.applicationId}>
                    <td className="kern-table__cell"><Link className="kern-link" to={`/antraege/${i.applicationId}/pruefung`}>{i.reference}</Link><br />{i.title}</td>
                    <td className="kern-table__cell">{i.providerName}</td>
                    <td className="kern-table__cell">{label(APPLICATION_STATUS, i.status)}</td>
                    <td className="kern-table__cell">{i.votum ? label(VOTUM, i.votum) : '–'}{i.votumAmount ? ` (${formatMoney(i.votumAmount)})` : ''}</td>
                    <td className="kern-table__cell kern-table__cell--numeric"><Money value={i.requestedAmount} /></td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {i.proposalSource === 'DECISION' ? (
                        <>
                          <Money value={i.proposedAmount} />
                          <br />
                          <span className="kern-body kern-body--small ff-muted">laut Vorschlag {i.decisionReference}</span>
                        </>
                      ) : mayEdit ? (
                        <FieldShell id={`round-${i.applicationId}`} label={<span className="kern-sr-only">Vorschlag für {i.reference} in Euro</span>} error={err ?? ((amounts[i.applicationId] ?? '') !== '' && !parsed.ok ? parsed.message : undefined)}>
                          {(aria) => <input {...aria} className="kern-form-input__input ff-cell-input" inputMode="decimal" value={amounts[i.applicationId] ?? ''} onChange={(e) => setAmounts({ ...amounts, [i.applicationId]: e.target.value })} />}
                        </FieldShell>
                      ) : (
                        <Money value={i.proposedAmount} />
                      )}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">{i.runningTotal ? <Money value={i.runningTotal} /> : '–'} {i.withinBudget === false ? <Badge tone="danger">über Budget</Badge> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        {mayEdit ? <div className="ff-actions"><Button onClick={() => saveItems.mutate()} busy={saveItems.isPending}>Vorschläge speichern</Button></div> : null}
      </Section>
      <Section title="Summen nach Handlungsfeld und Sozialraum">
        <div className="ff-grid ff-grid--2">
          {([['Handlungsfeld', r.byFieldOfAction], ['Sozialraum', r.bySocialArea]] as const).map(([t, rows]) => (
            <TableWrap key={t} label={`Summen nach ${t}`}>
              <table className="kern-table kern-table--small">
                <caption className="kern-title">nach {t}</caption>
                <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">{t}</th><th className="kern-table__header kern-table__header--numeric" scope="col">beantragt</th><th className="kern-table__header kern-table__header--numeric" scope="col">vorgeschlagen</th></tr></thead>
                <tbody className="kern-table__body">
                  {rows.map((g) => <tr className="kern-table__row" key={g.code}><th className="kern-table__header" scope="row">{g.name}</th><td className="kern-table__cell kern-table__cell--numeric"><Money value={g.requested} /></td><td className="kern-table__cell kern-table__cell--numeric"><Money value={g.proposed} /></td></tr>)}
                </tbody>
              </table>
            </TableWrap>
          ))}
        </div>
      </Section>
      <Section title="Beschluss">
        {mayEdit ? (
          <div className="ff-form">
            <ProblemAlert error={saveResolution.error} shown={Object.keys(resErrors)} />
            <div className="ff-grid">
              {(['body', 'date', 'number'] as const).map((k) => (
                <FieldShell key={k} id={`res-${k}`} label={{ body: 'Gremium', date: 'Datum des Beschlusses', number: 'Beschlussnummer' }[k]} error={resErrors[k]}>
                  {(aria) => <input {...aria} className="kern-form-input__input" type={k === 'date' ? 'date' : 'text'} value={resolution[k]} onChange={(e) => setResolution({ ...resolution, [k]: e.target.value })} />}
                </FieldShell>
              ))}
            </div>
            <div className="ff-actions">
              <Button variant="secondary" onClick={() => saveResolution.mutate()} busy={saveResolution.isPending}>Beschluss speichern</Button>
              <Button onClick={() => confirm.mutate()} busy={confirm.isPending}>Runde bestätigen</Button>
            </div>
            <ProblemAlert error={confirm.error} title="Bestätigung nicht möglich" />
          </div>
        ) : (
          <DescriptionList items={[['Gremium', r.resolutionBody ?? '–'], ['Datum', formatDate(r.resolutionDate)], ['Nummer', r.resolutionNumber ?? '–']]} />
        )}
      </Section>
      {r.status === 'CONFIRMED' && mayAct(me, 'ADMIN', 'STAFF') ? (
        <Section title="Entscheidungen vorschlagen">
          <p className="kern-body">Für jeden Antrag der bestätigten Runde wird eine Bewilligung oder Ablehnung vorgeschlagen; die Freigabe erfolgt im Vier-Augen-Prinzip.</p>
          <div className="ff-grid">
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="p-instr">Form</label>
              <div className="kern-form-input__select-wrapper">
                <select id="p-instr" className="kern-form-input__select" value={proposal.instrument} onChange={(e) => setProposal({ ...proposal, instrument: codeOf(INSTRUMENT, e.target.value) || proposal.instrument })}>
                  {optionsOf(INSTRUMENT).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </div>
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="p-ft">Finanzierungsart</label>
              <div className="kern-form-input__select-wrapper">
                <select id="p-ft" className="kern-form-input__select" value={proposal.financingType} onChange={(e) => setProposal({ ...proposal, financingType: codeOf(FINANCING_TYPE, e.target.value) || proposal.financingType })}>
                  {optionsOf(FINANCING_TYPE).filter((o) => o.value !== 'SHARE').map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </div>
            </div>
          </div>
          <ProblemAlert error={propose.error} />
          {propose.data ? (
            <Alert type="success" title="Vorschläge erstellt" live>
              <ul className="kern-list">
                {propose.data.map((p) => <li key={p.applicationId}>{p.reference}: {p.detail ?? p.outcome}{p.decisionId ? <> – <Link className="kern-link" to={`/bescheide/${p.decisionId}`}>zum Vorschlag</Link></> : null}</li>)}
              </ul>
            </Alert>
          ) : null}
          <div className="ff-actions"><Button onClick={() => propose.mutate()} busy={propose.isPending}>Entscheidungen vorschlagen</Button></div>
        </Section>
      ) : null}
    </>
  );
}
