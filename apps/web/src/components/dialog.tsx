import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './ui';

/**
 * A modal KERN dialog on the native <dialog>: focus stays inside, Escape closes, the page behind is
 * inert. `open` drives showModal/close, so the caller keeps the state; `footer` holds the
 * confirming action beside the close button.
 */
export function ActionDialog({
  open,
  title,
  onClose,
  children,
  footer,
  closeLabel = 'Abbrechen',
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  closeLabel?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="kern-dialog ff-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <header className="kern-dialog__header">
        <h2 id={titleId} className="kern-title kern-title--large">
          {title}
        </h2>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={onClose}>
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label kern-sr-only">Schließen</span>
        </button>
      </header>
      <section className="kern-dialog__body">{children}</section>
      <footer className="kern-dialog__footer">
        <Button variant="secondary" onClick={onClose}>
          {closeLabel}
        </Button>
        {footer}
      </footer>
    </dialog>
  );
}
