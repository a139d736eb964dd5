/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, Escape closes it, and
 * focus returns to the button that opened it. Children mount only while it is open.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import './Dialog.css';

export function Dialog(props: { open: boolean; title: string; onClose(): void; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    else if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className={`gl-dialog${props.wide ? ' gl-dialog--wide' : ''}`}
      aria-label={props.title}
      data-testid={props.testId}
      onClose={props.onClose}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(e) => e.target === e.currentTarget && props.onClose()}
    >
      {props.open && (
        <div className="gl-dialog-content">
          <header className="gl-dialog-header">
            <h2 className="gl-dialog-title">{props.title}</h2>
            <button type="button" className="gl-dialog-close" onClick={props.onClose} aria-label="Close" title="Close (Esc)">
              ×
            </button>
          </header>
          {props.children}
        </div>
      )}
    </dialog>
  );
}
