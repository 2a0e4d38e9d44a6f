import { useMatrixStore, type CanvasMode } from '../store/matrix-store';

const MODES: { value: CanvasMode; label: string; title: string }[] = [
  { value: 'graph', label: 'Graph', title: 'Namespaces, workloads and flows as a graph' },
  { value: 'matrix', label: 'Matrix', title: 'Sources × destinations: every verdict in a grid' },
];

/** Graph or matrix: two views of the same evaluation, the choice kept per workspace. */
export function ViewSwitch() {
  const mode = useMatrixStore((s) => s.mode);
  return (
    <div className="segmented" role="radiogroup" aria-label="View" data-testid="view-switch">
      {MODES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role="radio"
          aria-checked={mode === choice.value}
          className={mode === choice.value ? 'is-active' : undefined}
          title={choice.title}
          data-testid={`view-${choice.value}`}
          onClick={() => useMatrixStore.getState().setMode(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
