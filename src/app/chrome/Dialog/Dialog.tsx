import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

interface DialogProps {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onClose(): void;
  testId?: string;
  wide?: boolean;
}

/** A modal built on <dialog>: the browser traps focus, Escape closes, role is `dialog`. */
export function Dialog({ title, children, actions, onClose, testId, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element; a child marked `data-autofocus` (the safe
    // choice, such as Cancel) takes the focus instead. (React's autoFocus runs while the dialog is
    // still closed, when nothing in it can take focus.)
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
