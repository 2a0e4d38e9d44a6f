import { useAppStore } from '../../store';
import './LineLink.css';

/** "line 42": shows and selects that line in the YAML pane. */
export function LineLink({ line, label }: { line: number; label?: string }) {
  return (
    <button
      type="button"
      className="line-link"
      onClick={() => useAppStore.getState().revealLine(line)}
      title={`Show line ${line} in the YAML`}
    >
      {label ?? `line ${line}`}
    </button>
  );
}
