import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './Menu.css';

export interface MenuItem {
  key: string;
  label: ReactNode;
  description?: ReactNode;
  onSelect(): void;
  disabled?: boolean;
}

interface MenuProps {
  label: ReactNode;
  /** Accessible name of the trigger when `label` is not plain text. */
  ariaLabel?: string;
  items: MenuItem[];
  /** Extra content under the items (not a menu item; e.g. a command to copy). */
  footer?: ReactNode;
  onOpen?(): void;
  align?: 'left' | 'right';
  className?: string;
  testId?: string;
}

/** A button that opens a list of actions: arrow keys move, Enter picks, Escape closes. */
export function Menu({
  label,
  ariaLabel,
  items,
  footer,
  onOpen,
  align = 'left',
  className,
  testId,
}: MenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const show = (focusIndex: number) => {
    setOpen(true);
    onOpen?.();
    requestAnimationFrame(() => itemRefs.current[focusIndex]?.focus());
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  };

  const onTriggerKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show(items.length - 1);
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const current = itemRefs.current.findIndex((el) => el === document.activeElement);
    const move = (delta: number) => {
      event.preventDefault();
      const next = (current + delta + items.length) % items.length;
      itemRefs.current[next]?.focus();
    };
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Home') move(-current);
    else if (event.key === 'End') move(items.length - 1 - current);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <div className={`menu${className ? ` ${className}` : ''}`} ref={rootRef}>
      <button
        ref={triggerRef}
        type="button"
        className="toolbar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={ariaLabel}
        data-testid={testId}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={onTriggerKey}
      >
        {label}
        <span className="menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className={`menu__popover menu__popover--${align}`} onKeyDown={onMenuKey}>
          <div
            role="menu"
            id={menuId}
            aria-label={ariaLabel ?? (typeof label === 'string' ? label : undefined)}
          >
            {items.map((item, index) => (
              <button
                key={item.key}
                ref={(el) => {
                  itemRefs.current[index] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                disabled={item.disabled}
                className="menu__item"
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                <span className="menu__label">{item.label}</span>
                {item.description && <span className="menu__description">{item.description}</span>}
              </button>
            ))}
          </div>
          {footer && <div className="menu__footer">{footer}</div>}
        </div>
      )}
    </div>
  );
}
