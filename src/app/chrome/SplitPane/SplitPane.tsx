import { useRef, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useAppStore } from '../../store';
import { selectSplitRatio } from '../../store/selectors';
import './SplitPane.css';

/** Canvas and YAML side by side, with a divider to drag (or move with the arrow keys). */
export function SplitPane({ left, right }: { left: ReactNode; right: ReactNode }) {
  const ratio = useAppStore(selectSplitRatio);
  const rootRef = useRef<HTMLDivElement>(null);
  const { setSplitRatio } = useAppStore.getState();

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const root = rootRef.current;
    if (!root) return;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const rect = root.getBoundingClientRect();
    const move = (e: globalThis.PointerEvent) => setSplitRatio((e.clientX - rect.left) / rect.width);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      document.body.classList.remove('is-resizing');
    };
    document.body.classList.add('is-resizing');
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowLeft') setSplitRatio(ratio - 0.02);
    if (event.key === 'ArrowRight') setSplitRatio(ratio + 0.02);
  };

  return (
    <div className="split" ref={rootRef} style={{ '--split': `${ratio * 100}%` } as CSSProperties}>
      <div className="split__left">{left}</div>
      <div
        className="split__divider"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize canvas and YAML"
        aria-valuenow={Math.round(ratio * 100)}
        aria-valuemin={25}
        aria-valuemax={80}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      <div className="split__right">{right}</div>
    </div>
  );
}
