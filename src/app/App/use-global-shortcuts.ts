import { useEffect } from 'react';
import { commandForKey } from '../commands/commands';
import { isTyping } from '../commands/typing';
import { useAppStore } from '../store';
import { importText } from '../workspace/commands';

/** Window-wide keys, each a named command (commands/commands.ts); and paste-to-import. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = useAppStore.getState();
      const command = commandForKey(event, state, isTyping(event.target));
      if (!command) return;
      event.preventDefault();
      command.perform(state);
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
