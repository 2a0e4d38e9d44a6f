import { useEffect, useRef, useState } from 'react';
import { useAppStore, useShallow, type AppState } from '../../store';
import { useIsDark } from '../../theme/use-theme';
import { bindEditor, setEditorTheme } from '../editor-bridge';
import './YamlPane.css';

const selectCounts = (s: AppState) => {
  const diagnostics = s.current?.diagnostics ?? [];
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
};

/** The YAML the user owns, in Monaco, bound to the store both ways. Loaded lazily with Monaco. */
export default function YamlPane() {
  const hostRef = useRef<HTMLDivElement>(null);
  const dark = useIsDark();
  const { errors, warnings } = useAppStore(useShallow(selectCounts));
  const [largeFile, setLargeFile] = useState(false);

  useEffect(() => bindEditor(hostRef.current!, setLargeFile), []);
  useEffect(() => setEditorTheme(dark), [dark]);

  return (
    // `nokey`: Monaco types into an EditContext div, not a textarea, so React Flow would otherwise
    // take Space (pan) and other keys for itself; this class tells it to keep out.
    <section className="yaml-pane nokey" data-testid="yaml-editor" aria-label="YAML editor">
      <header className="pane-header">
        <span className="pane-header__title">YAML</span>
        {largeFile && (
          <span
            className="yaml-pane__large"
            data-testid="yaml-large-file"
            title="Over 300,000 lines or 20 MB: the editor shows plain text, without YAML colours, completion, hover, folding or links, so that it stays quick. Problems and quick fixes still come from the engine."
          >
            Large file: no YAML completion or hover
          </span>
        )}
        <button
          type="button"
          className="yaml-pane__status"
          onClick={() => useAppStore.getState().openDrawer('problems')}
          title="Show problems"
        >
          <span className={errors ? 'has-errors' : undefined}>
            {errors} error{errors === 1 ? '' : 's'}
          </span>
          <span className="visually-hidden">, </span>
          <span className={warnings ? 'has-warnings' : undefined}>
            {warnings} warning{warnings === 1 ? '' : 's'}
          </span>
        </button>
      </header>
      <div ref={hostRef} className="yaml-pane__editor" />
    </section>
  );
}
