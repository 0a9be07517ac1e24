/**
 * "Ausgewählte freigeben": several checked Mittelabrufe approved in one step of the approver. The
 * confirmation names how many and the sum; the API approves each on its own under the same rules
 * as a single approval (four eyes against the checker, status, bank account, Höchstbetrag), and
 * the summary names every refused one with the reason the API gave.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { Alert, Button, ProblemAlert } from '../../components/ui';
import { apiToCents } from '../../lib/decimal';
import { formatMoney, plural } from '../../lib/format';

type R = Schemas['PaymentRequestDto'];

/** What a payout of this request would be: the checked amount, else the requested one (as the API approves). */
function payout(r: R): bigint {
  return apiToCents(r.checkedAmount ?? r.requestedAmount) ?? 0n;
}

type Result = Schemas['BulkApprovalResultDto'];

/**
 * What a bulk approval did: how many approved, each refused one with its reason. Shown by the page
 * (not by `BulkApproval`), so it stays when nothing is left to approve afterwards.
 */
export function BulkApprovalResult({ result }: { result: Result }) {
  const refused = result.items.filter((i) => i.outcome === 'REFUSED');
  return (
    <Alert type={refused.length === 0 ? 'success' : 'warning'} title={`${plural(result.approved, 'Mittelabruf', 'Mittelabrufe')} freigegeben, ${plural(result.refused, 'abgelehnt', 'abgelehnt')}`} live>
      {refused.length > 0 ? (
        <ul className="kern-list" data-testid="bulk-refused">
          {refused.map((i) => (
            <li key={i.id}>
              <strong>{i.reference ?? 'Unbekannter Mittelabruf'}</strong>: {i.detail}
            </li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">Die Auszahlungen stehen unter „Auszahlungen“ für die nächste Zahlungsdatei bereit.</p>
      )}
    </Alert>
  );
}

export function BulkApproval({ selected, allSelectable, onSelect, onResult }: { selected: R[]; allSelectable: R[]; onSelect: (ids: string[]) => void; onResult: (r: Result) => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const sum = selected.reduce((s, r) => s + payout(r), 0n);
  const approve = useMutation({
    mutationFn: (ids: string[]) => call(api.POST('/api/v1/payment-requests/approve', { body: { ids } })),
    onSuccess: (r) => {
      setConfirming(false);
      onSelect([]);
      onResult(r);
      for (const key of [['payment-requests'], ['disbursements'], ['decisions'], ['worklist']]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <div className="ff-bulk" data-testid="bulk-approval">
      <ProblemAlert error={approve.error} title="Nicht freigegeben" />
      <div className="ff-actions">
        <p className="kern-body" aria-live="polite">
          {selected.length === 0 ? 'Keine Mittelabrufe ausgewählt.' : `${plural(selected.length, 'Mittelabruf', 'Mittelabrufe')} ausgewählt, zusammen ${formatMoney(sum)}.`}
        </p>
        <Button variant="secondary" onClick={() => onSelect(allSelectable.map((r) => r.id))} disabled={selected.length === allSelectable.length}>
          Alle freigebbaren auswählen
        </Button>
        <Button
          disabled={selected.length === 0 || confirming}
          onClick={() => {
            setConfirming(true);
            // The question comes next: focus moves there, so a keyboard or screen-reader user meets it at once.
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
        >
          Ausgewählte freigeben
        </Button>
      </div>
      {confirming && selected.length > 0 ? (
        <div className="kern-alert kern-alert--warning ff-alert ff-confirm" role="alertdialog" aria-labelledby="bulk-confirm-title" aria-describedby="bulk-confirm-text" tabIndex={-1} ref={confirmRef}>
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title" id="bulk-confirm-title">
              {plural(selected.length, 'Mittelabruf', 'Mittelabrufe')} über zusammen {formatMoney(sum)} freigeben?
            </span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body" id="bulk-confirm-text">
              Ausgewählt: {selected.map((r) => r.reference).join(', ')}. Jeder Abruf wird einzeln geprüft: Wo Sie selbst sachlich geprüft haben, lehnt das Vier-Augen-Prinzip die Freigabe ab.
            </p>
            <div className="ff-actions">
              <Button busy={approve.isPending} onClick={() => approve.mutate(selected.map((r) => r.id))}>
                Ja, {plural(selected.length, 'Mittelabruf', 'Mittelabrufe')} freigeben
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Abbrechen
              </Button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
