import { COMMANDS, titleOf, type Command } from '../../commands/commands';
import { useAppStore, type AppState, type ThemeChoice } from '../../store';
import {
  selectCanRedo,
  selectCanUndo,
  selectEvaluating,
  selectModified,
  selectOrigin,
  selectTheme,
} from '../../store/selectors';
import { ExamplesMenu } from '../ExamplesMenu/ExamplesMenu';
import { ExportMenu } from '../ExportMenu/ExportMenu';
import { ImportMenu } from '../ImportMenu/ImportMenu';
import { NamespaceSelect } from '../NamespaceSelect/NamespaceSelect';
import { ShareButton } from '../ShareButton/ShareButton';
import './Toolbar.css';

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

function originLabel(origin: AppState['origin']): string {
  switch (origin.kind) {
    case 'example':
      return origin.title;
    case 'import':
      return origin.name;
    case 'scratch':
      return 'New workspace';
    case 'shared':
      return 'Shared workspace';
    case 'restored':
      return 'Saved workspace';
  }
}

export function Toolbar() {
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const origin = useAppStore(selectOrigin);
  const modified = useAppStore(selectModified);
  const theme = useAppStore(selectTheme);
  const evaluating = useAppStore(selectEvaluating);
  const { setTheme } = useAppStore.getState();
  const run = (command: Command) => () => command.perform(useAppStore.getState());
  return (
    <header className="toolbar">
      <div className="toolbar__brand">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" className="toolbar__logo">
          <circle cx="5" cy="6" r="3" />
          <circle cx="19" cy="6" r="3" />
          <circle cx="12" cy="19" r="3" />
          <path d="M8 6h8M6.5 8.6l4 7.8M17.5 8.6l-4 7.8" fill="none" strokeWidth="1.8" />
        </svg>
        <h1>Netpol Canvas</h1>
      </div>
      <nav className="toolbar__group" aria-label="Workspace">
        <ExamplesMenu />
        <ImportMenu />
        <ExportMenu />
      </nav>
      <div className="toolbar__group" role="group" aria-label="History">
        <button
          type="button"
          className="toolbar-button toolbar-button--icon"
          onClick={run(COMMANDS.undo)}
          disabled={!canUndo}
          aria-label="Undo"
          title={titleOf(COMMANDS.undo, 'Undo')}
        >
          ↶
        </button>
        <button
          type="button"
          className="toolbar-button toolbar-button--icon"
          onClick={run(COMMANDS.redo)}
          disabled={!canRedo}
          aria-label="Redo"
          title={titleOf(COMMANDS.redo)}
        >
          ↷
        </button>
      </div>
      <NamespaceSelect />
      <div className="toolbar__doc" aria-live="polite">
        <span className="toolbar__doc-name" title={originLabel(origin)}>
          {originLabel(origin)}
        </span>
        {modified && <span className="toolbar__modified">edited</span>}
        {evaluating && <span className="toolbar__busy" role="status" aria-label="Evaluating" />}
      </div>
      <div className="toolbar__group toolbar__end">
        <ShareButton />
        <button
          type="button"
          className="toolbar-button toolbar-button--icon"
          onClick={() => setTheme(NEXT_THEME[theme])}
          aria-label={`Theme: ${theme}. Switch to ${NEXT_THEME[theme]}`}
          title={`Theme: ${theme}`}
        >
          {THEME_ICON[theme]}
        </button>
        <button
          type="button"
          className="toolbar-button toolbar-button--icon"
          onClick={run(COMMANDS.shortcuts)}
          aria-label="Keyboard shortcuts"
          title={titleOf(COMMANDS.shortcuts, 'Keyboard shortcuts')}
        >
          ?
        </button>
      </div>
    </header>
  );
}
