/**
 * Four eyes with context (issue 16): what the second pair of eyes reads before signing, the same
 * on the Bescheid, the Festsetzung and the Mittelabruf: the Votum, the checklist with its
 * Vermerke, who proposed it and when, the effect on the budget, the draft of the letter; why
 * Freigeben is not offered (the API's `approvalBlockedReason`); and the confirmation that
 * names what is being signed.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { formatDateTime } from '../lib/format';
import { CHECK_RESULT, CHECK_RESULT_TONE, label, tone, VOTUM } from '../lib/labels';
import { openFile } from '../lib/transfer';
import { DataTable } from './table';
import { Alert, Badge, Button, DescriptionList, Money, ProblemAlert } from './ui';

type Checklist = Schemas['LabelledChecklistEntryDto'][];

/** The checklist as the proposer left it: point, result, Vermerk. */
export function ChecklistView({ checklist, caption }: { checklist: Checklist; caption: string }) {
  // The title stands above the table, not in it: a table that scrolls sideways on a phone would cut it.
  return (
    <div>
      <h3 className="kern-heading-small">{caption}</h3>
      <DataTable
        caption={caption}
        testId="four-eyes-checklist"
        rows={checklist}
        rowKey={(c) => c.code}
        columns={[
          { header: 'Prüfpunkt', rowHeader: true, cell: (c) => c.label },
          { header: 'Ergebnis', cell: (c) => <Badge tone={tone(CHECK_RESULT_TONE, c.result)}>{label(CHECK_RESULT, c.result)}</Badge> },
          { header: 'Vermerk', cell: (c) => c.note ?? '–' },
        ]}
      />
    </div>
  );
}

/** Votum (recommendation, amount, reasons) and proposer with date. */
export function ProposalFacts({
  votum,
  reasons,
  proposedBy,
  proposedAt,
  proposedLabel = 'Vorgeschlagen von',
  reasonsLabel = 'Begründung (Votum)',
}: {
  votum?: Schemas['ReviewVotumViewDto'] | null;
  /** A Votum that is only a reason (Festsetzung, Prüfvermerk of a Mittelabruf). */
  reasons?: string | null;
  proposedBy: Schemas['PersonRefDto'] | null;
  proposedAt: string | null;
  proposedLabel?: string;
  reasonsLabel?: string;
}) {
  const items: [string, ReactNode][] = [];
  if (votum) {
    items.push(['Votum', <strong key="v">{label(VOTUM, votum.recommendation)}</strong>]);
    if (votum.proposedAmount) items.push(['Vorgeschlagener Betrag', <Money key="a" value={votum.proposedAmount} />]);
    items.push(['Begründung des Votums', <span key="r" className="ff-pre">{votum.reasons}</span>]);
  } else if (reasons) {
    items.push([reasonsLabel, <span key="r" className="ff-pre">{reasons}</span>]);
  }
  if (proposedBy) items.push([proposedLabel, `${proposedBy.displayName}${proposedAt ? `, am ${formatDateTime(proposedAt)}` : ''}`]);
  return <DescriptionList items={items} />;
}

/** Free Land and Kreis money before and after the approval, per Haushaltsjahr. */
export function BudgetEffectTable({ effect }: { effect: Schemas['BudgetEffectDto'] }) {
  return (
    <div>
      <h3 className="kern-heading-small">Wirkung auf den Haushalt</h3>
      <p className="kern-body kern-body--muted">Freie Mittel (zugewiesen − gebunden) jetzt und nach der Freigabe.</p>
      <DataTable
        caption="Wirkung auf den Haushalt: freie Landes- und Kreismittel vor und nach der Freigabe"
        testId="budget-effect"
        rows={effect.years}
        rowKey={(y) => String(y.budgetYear)}
        columns={[
          { header: 'Haushaltsjahr', rowHeader: true, cell: (y) => String(y.budgetYear) },
          { header: 'Land frei vorher', numeric: true, cell: (y) => <Money value={y.stateFreeBefore} /> },
          { header: 'Land frei nachher', numeric: true, cell: (y) => <Money value={y.stateFreeAfter} /> },
          { header: 'Kreis frei vorher', numeric: true, cell: (y) => <Money value={y.districtFreeBefore} /> },
          { header: 'Kreis frei nachher', numeric: true, cell: (y) => <Money value={y.districtFreeAfter} /> },
        ]}
      />
    </div>
  );
}

/** Opens the draft letter (PDF marked "Entwurf") in a new tab; the API renders it on the fly. */
export function PreviewButton({ path, label: text, fileName }: { path: string; label: string; fileName: string }) {
  const open = useMutation({ mutationFn: () => openFile(path, fileName) });
  return (
    <>
      <ProblemAlert error={open.error} title="Der Entwurf konnte nicht geöffnet werden" />
      <Button variant="secondary" busy={open.isPending} onClick={() => open.mutate()}>
        {text}
      </Button>
    </>
  );
}

/** Why Freigeben is not offered although the caller may sign: the API's reason, in German. */
export function ApprovalBlocked({ reason }: { reason: string | null | undefined }) {
  if (!reason) return null;
  return (
    <Alert type="info" title="Freigabe durch eine andere Person">
      <p className="kern-body" data-testid="approval-blocked">
        {reason}
      </p>
    </Alert>
  );
}

/**
 * "Freigeben" asks first: a modal dialog (KERN dialog on the native <dialog>) naming the
 * Aktenzeichen and the amount. Escape or "Abbrechen" closes it without signing.
 */
export function ConfirmApproval({
  open,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // jsdom (component tests) has no showModal; the attribute shows it there.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog ref={ref} className="kern-dialog ff-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <header className="kern-dialog__header">
        <h2 id={titleId} className="kern-title kern-title--large">
          {title}
        </h2>
      </header>
      <section className="kern-dialog__body">
        {children}
        <ProblemAlert error={error} title="Freigabe nicht möglich" />
      </section>
      <footer className="kern-dialog__footer">
        <Button variant="secondary" onClick={onClose}>
          Abbrechen
        </Button>
        <Button busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </footer>
    </dialog>
  );
}
