import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import './Popover.css';

export interface PopoverAnchor {
  /** Client coordinates the popover points at (a drop point, a button's corner). */
  x: number;
  y: number;
}

interface PopoverProps {
  anchor: PopoverAnchor;
  title: ReactNode;
  children: ReactNode;
  /** The confirm button's label; Enter anywhere in the popover does the same. */
  confirmLabel: string;
  confirmDisabled?: boolean;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
  /** Extra content beside the buttons (a message, a link). */
  footer?: ReactNode;
  width?: number;
}

const MARGIN = 8;

/**
 * A small, non-modal form next to what the user just did (a drop, a toggle): Enter confirms,
 * Escape or a click elsewhere cancels. The confirm button has the focus, so Enter works at once.
 */
export function Popover({
  anchor,
  title,
  children,
  confirmLabel,
  confirmDisabled,
  danger,
  busy,
  onConfirm,
  onCancel,
  testId,
  footer,
  width = 320,
}: PopoverProps) {
  const ref = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [position, setPosition] = useState({ left: anchor.x + 12, top: anchor.y + 12 });

  // Keep it inside the window: flip to the other side of the anchor when it would overflow, also
  // when its content grows (a preview that arrives after it opened).
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const place = () => {
      const box = element.getBoundingClientRect();
      let left = anchor.x + 12;
      let top = anchor.y + 12;
      if (left + box.width > window.innerWidth - MARGIN) left = Math.max(MARGIN, anchor.x - box.width - 12);
      if (top + box.height > window.innerHeight - MARGIN)
        top = Math.max(MARGIN, window.innerHeight - box.height - MARGIN);
      setPosition((old) => (old.left === left && old.top === top ? old : { left, top }));
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(element);
    return () => observer.disconnect();
  }, [anchor.x, anchor.y]);

  useEffect(() => {
    confirmRef.current?.focus();
  }, []);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target)) onCancel();
    };
    // A click that opened the popover must not close it again: listen from the next frame on.
    const frame = requestAnimationFrame(() => window.addEventListener('pointerdown', onPointer, true));
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [onCancel]);

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (
      event.key === 'Enter' &&
      !(event.target instanceof HTMLButtonElement) &&
      !(event.target instanceof HTMLTextAreaElement)
    ) {
      event.preventDefault();
      if (!confirmDisabled && !busy) onConfirm();
    }
  };

  return createPortal(
    <form
      ref={ref}
      className="popover nokey nodrag nowheel"
      style={{ ...position, width }}
      role="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!confirmDisabled && !busy) onConfirm();
      }}
    >
      <h2 id={titleId} className="popover__title">
        {title}
      </h2>
      <div className="popover__body">{children}</div>
      <div className="popover__actions">
        {footer && <div className="popover__footer">{footer}</div>}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          ref={confirmRef}
          type="submit"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          disabled={confirmDisabled || busy}
          data-testid={testId ? `${testId}-confirm` : undefined}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </form>,
    document.body,
  );
}
