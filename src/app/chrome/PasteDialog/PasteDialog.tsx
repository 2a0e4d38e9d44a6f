import { useState } from 'react';
import { useAppStore, type AppState } from '../../store';
import { importText } from '../../workspace/commands';
import { Dialog } from '../Dialog/Dialog';

const selectOpen = (s: AppState) => s.dialog === 'paste';

/** Paste manifests (from kubectl, a chart, a ticket) to make them the workspace. */
export function PasteDialog() {
  const open = useAppStore(selectOpen);
  const [text, setText] = useState('');
  if (!open) return null;
  const close = () => {
    setText('');
    useAppStore.getState().setDialog(null);
  };
  const submit = () => {
    const pasted = text;
    close();
    if (pasted.trim()) importText(pasted);
  };
  return (
    <Dialog
      title="Paste YAML"
      wide
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={submit} disabled={!text.trim()}>
            Import
          </button>
        </>
      }
    >
      <textarea
        className="paste-area"
        aria-label="YAML to import"
        placeholder="apiVersion: networking.k8s.io/v1&#10;kind: NetworkPolicy&#10;…"
        value={text}
        autoFocus
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
      />
    </Dialog>
  );
}
