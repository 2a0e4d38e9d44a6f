import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import { asMenuItems, edgeNamespaces, pairGuardrails } from '../EditDialogs/tier-gestures';
import './EdgeMenu.css';

export interface EdgeMenuState {
  edgeId: string;
  x: number;
  y: number;
}

export interface EdgeMenuItem {
  key: string;
  label: string;
  testId?: string;
  run(): void;
}

/**
 * The right-click menu of a flow edge; `items` replaces its own (a matrix cell adds probes, a
 * namespace its guardrails), `label` and `testId` then say whose menu it is.
 */
export function EdgeMenu({
  menu,
  onClose,
  items: given,
  label = 'Flow',
  testId = 'edge-menu',
}: {
  menu: EdgeMenuState;
  onClose(): void;
  items?: EdgeMenuItem[];
  label?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer, true);
    return () => window.removeEventListener('pointerdown', onPointer, true);
  }, [onClose]);
  const { select, requestFlowRemoval } = useAppStore.getState();
  const pair = given ? null : edgeNamespaces(selectDisplayed(useAppStore.getState()), menu.edgeId);
  const items: EdgeMenuItem[] = given ?? [
    { key: 'inspect', label: 'Explain this flow', run: () => select({ kind: 'edge', id: menu.edgeId }) },
    {
      key: 'remove',
      label: 'Remove this flow…',
      testId: 'edge-menu-remove',
      run: () => {
        select({ kind: 'edge', id: menu.edgeId });
        requestFlowRemoval({ edgeId: menu.edgeId });
      },
    },
    ...asMenuItems(pair ? pairGuardrails(pair.from, pair.to) : [], 'edge-menu'),
  ];
  return createPortal(
    <div
      ref={ref}
      className="edge-menu"
      role="menu"
      aria-label={label}
      style={{
        left: Math.min(menu.x || 0, window.innerWidth - 320),
        top: Math.min(menu.y || 0, window.innerHeight - 40 - items.length * 36),
      }}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          className="menu__item"
          data-testid={item.testId}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          <span className="menu__label">{item.label}</span>
        </button>
      ))}
    </div>,
    document.body,
  );
}
