/**
 * Whether a key pressed on `target` belongs to it rather than to the app: fields, the Monaco
 * editor, and the modal dialogs and canvas popovers, which handle Enter and Escape themselves.
 * Every app-wide key handler asks this one question.
 */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest('input, textarea, select, .monaco-editor, dialog, .popover') !== null)
  );
}
