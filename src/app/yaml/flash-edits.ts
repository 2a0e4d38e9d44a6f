/**
 * Every change the app makes to the YAML (a canvas action, the rule editor) flashes the lines it
 * wrote for a moment and scrolls them into view, so the user sees what was written.
 */
import { useAppStore } from '../store';
import { monaco } from './monaco-setup';
import './flash-edits.css';

export const FLASH_MS = 1500;

export function bindFlash(editor: monaco.editor.IStandaloneCodeEditor): { dispose(): void } {
  const decorations = editor.createDecorationsCollection();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useAppStore.getState().editorEvents.on('flash', (flash) => {
    const model = editor.getModel();
    if (!model || model.getValue() !== useAppStore.getState().text) return;
    const ranges = flash.map(({ start, end }) => {
      const from = model.getPositionAt(start);
      const to = model.getPositionAt(end);
      // A range that ends at the start of a line (a whole document with its newline) stops on the line before.
      const endLine = to.column === 1 && to.lineNumber > from.lineNumber ? to.lineNumber - 1 : to.lineNumber;
      return new monaco.Range(from.lineNumber, 1, endLine, 1);
    });
    if (ranges.length === 0) return;
    decorations.set(
      ranges.map((range) => ({
        range,
        options: {
          isWholeLine: true,
          className: 'yaml-flash-line',
          linesDecorationsClassName: 'yaml-flash-gutter',
          description: 'netpol-edit-flash',
        },
      })),
    );
    editor.revealRangeInCenterIfOutsideViewport(ranges[0]!, monaco.editor.ScrollType.Smooth);
    // Left on the editor for tests and tools: which lines the last app edit wrote (`54-72 80-81`).
    editor.getDomNode()!.dataset.flashedLines = ranges
      .map((range) => `${range.startLineNumber}-${range.endLineNumber}`)
      .join(' ');
    clearTimeout(timer);
    timer = setTimeout(() => decorations.clear(), FLASH_MS);
  });
  return {
    dispose() {
      unsubscribe();
      clearTimeout(timer);
      decorations.clear();
    },
  };
}
