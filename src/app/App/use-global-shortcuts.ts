import { useEffect } from 'react';
import { useAppStore } from '../store';
import { importText, openFilePicker } from '../workspace/commands';

/** Typing targets keep their own keys: inputs, text areas and the Monaco editor. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null;
}

/** Window-wide keys: undo/redo outside the editor, `?` for help, Escape, Ctrl+O; and paste-to-import. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = useAppStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        openFilePicker();
        return;
      }
      if (isTyping(event.target)) return;
      if (mod && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        state.redo();
      } else if (event.key === '?' && !mod) {
        event.preventDefault();
        state.setDialog('shortcuts');
      } else if (event.key === 'Escape' && state.selection) {
        state.select(null);
      }
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (/^\s*(apiVersion|kind)\s*:/m.test(text)) {
        event.preventDefault();
        importText(text);
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
}
