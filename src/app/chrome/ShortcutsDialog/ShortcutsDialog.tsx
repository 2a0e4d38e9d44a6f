import { useAppStore, type AppState } from '../../store';
import { Dialog } from '../Dialog/Dialog';
import './ShortcutsDialog.css';

const SHORTCUTS: [string, string][] = [
  ['Ctrl + Z', 'Undo (text edits, canvas edits, imports, examples)'],
  ['Ctrl + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl + O', 'Import files'],
  ['Escape', 'Close the inspector or a dialog'],
  ['?', 'This help'],
  ['Delete', 'Remove the selected flow (after a preview of what else it stops)'],
  ['Enter', 'Confirm a canvas popover (allow a flow, default deny)'],
  ['Ctrl + Space', 'Complete in the YAML (fields, kinds, values)'],
  ['F8', 'Go to the next problem in the YAML'],
  ['Ctrl + F', 'Find in the YAML'],
  ['Tab, Enter', 'Move to a node or edge on the canvas and open it in the inspector'],
  ['Ctrl + M', 'In the YAML: let Tab move the focus on instead of indenting (press again to indent)'],
];

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
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              {keys.split(', ').map((combo) => (
                <kbd key={combo}>{combo}</kbd>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
