import { shortcutRows } from '../../commands/commands';
import { useAppStore, type AppState } from '../../store';
import { Dialog } from '../Dialog/Dialog';
import './ShortcutsDialog.css';

const selectOpen = (s: AppState) => s.dialog === 'shortcuts';

export function ShortcutsDialog() {
  const open = useAppStore(selectOpen);
  if (!open) return null;
  const close = () => useAppStore.getState().setDialog(null);
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={close}
      actions={
        <button type="button" className="button" onClick={close} autoFocus>
          Close
        </button>
      }
    >
      <dl className="shortcuts" data-testid="shortcuts-list">
        {shortcutRows().map(({ keys, label }) => (
          <div key={label}>
            <dt>
              {keys.map((combo) => (
                <kbd key={combo}>{combo}</kbd>
              ))}
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
