/**
 * The user's named actions. The window's key handler, the toolbar and menu entries that do the
 * same thing, and the shortcuts dialog all read this one list, so the dialog cannot list a key
 * the app does not answer (or miss one it does).
 */
import type { AppState } from '../store';
import { openFilePicker } from '../workspace/commands';

/** One key combination; `mod` is Ctrl, or Cmd on a Mac. Shift is told apart for letters only. */
export interface KeyCombo {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

export interface Command {
  id: string;
  label: string;
  shortcuts: readonly KeyCombo[];
  /** Also while the focus is in a field or the editor (which otherwise keep their keys). */
  whileTyping?: boolean;
  /** Whether the command applies now; a key whose command does not apply is left alone. */
  when?(state: AppState): boolean;
  perform(state: AppState): void;
}

/** In priority order: a key goes to the first command it names that applies. */
const BY_NAME = {
  undo: {
    id: 'undo',
    label: 'Undo (text edits, canvas edits, imports, examples)',
    shortcuts: [{ key: 'z', mod: true }],
    perform: (state) => state.undo(),
  },
  redo: {
    id: 'redo',
    label: 'Redo',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    perform: (state) => state.redo(),
  },
  importFiles: {
    id: 'import-files',
    label: 'Import files',
    shortcuts: [{ key: 'o', mod: true }],
    whileTyping: true,
    perform: () => openFilePicker(),
  },
  pasteYaml: {
    id: 'paste-yaml',
    label: 'Paste YAML',
    shortcuts: [],
    perform: (state) => state.setDialog('paste'),
  },
  shortcuts: {
    id: 'shortcuts',
    label: 'This help',
    shortcuts: [{ key: '?' }],
    perform: (state) => state.setDialog('shortcuts'),
  },
  closeRuleEditor: {
    id: 'close-rule-editor',
    label: 'Close the rule editor (back to the inspector)',
    shortcuts: [{ key: 'Escape' }],
    when: (state) => state.editingPolicy !== null,
    perform: (state) => state.openPolicyEditor(null),
  },
  closeInspector: {
    id: 'close-inspector',
    label: 'Close the inspector',
    shortcuts: [{ key: 'Escape' }],
    when: (state) => state.selection !== null,
    perform: (state) => state.select(null),
  },
  removeFlow: {
    id: 'remove-flow',
    label: 'Remove the selected flow (after a preview of what else it stops)',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    when: (state) => state.selection?.kind === 'edge',
    perform: (state) => {
      if (state.selection?.kind === 'edge') state.requestFlowRemoval({ edgeId: state.selection.id });
    },
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof BY_NAME;
export const COMMANDS: Record<CommandName, Command> = BY_NAME;

const ORDERED: readonly Command[] = Object.values(COMMANDS);

/**
 * Keys that other parts of the screen answer themselves (Monaco, the canvas's focus handling, a
 * popover's form), listed in the dialog beside the commands.
 */
export const WIDGET_KEYS: readonly { keys: string[]; label: string }[] = [
  { keys: ['Escape'], label: 'Close a dialog, a menu or a popover' },
  { keys: ['Enter'], label: 'Confirm a canvas popover (allow a flow, default deny)' },
  { keys: ['Ctrl+Space'], label: 'Complete in the YAML (fields, kinds, values)' },
  { keys: ['F8'], label: 'Go to the next problem in the YAML' },
  { keys: ['Ctrl+F'], label: 'Find in the YAML' },
  { keys: ['Tab', 'Enter'], label: 'Move to a node or edge on the canvas and open it in the inspector' },
  {
    keys: ['Ctrl+M'],
    label: 'In the YAML: let Tab move the focus on instead of indenting (press again to indent)',
  },
];

const isLetter = (key: string) => /^[a-z]$/i.test(key);

export function formatCombo(combo: KeyCombo): string {
  const key = isLetter(combo.key) ? combo.key.toUpperCase() : combo.key;
  return [combo.mod && 'Ctrl', combo.shift && 'Shift', key].filter(Boolean).join('+');
}

/** "Undo (Ctrl+Z)": a button's tooltip names its first shortcut. */
export function titleOf(command: Command, label = command.label): string {
  const first = command.shortcuts[0];
  return first ? `${label} (${formatCombo(first)})` : label;
}

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

function matches(combo: KeyCombo, event: KeyPress): boolean {
  if ((event.ctrlKey || event.metaKey) !== Boolean(combo.mod)) return false;
  if (isLetter(combo.key))
    return event.key.toLowerCase() === combo.key && event.shiftKey === Boolean(combo.shift);
  return event.key === combo.key;
}

/** The command a key press asks for now, if any; `typing`: the focus keeps its keys (isTyping). */
export function commandForKey(event: KeyPress, state: AppState, typing: boolean): Command | undefined {
  return ORDERED.find(
    (c) =>
      (c.whileTyping || !typing) &&
      c.shortcuts.some((combo) => matches(combo, event)) &&
      (c.when?.(state) ?? true),
  );
}

/** The rows of the shortcuts dialog: every command's keys, then the keys widgets answer. */
export function shortcutRows(): { keys: string[]; label: string }[] {
  return [
    ...ORDERED.filter((c) => c.shortcuts.length > 0).map((c) => ({
      keys: c.shortcuts.map(formatCombo),
      label: c.label,
    })),
    ...WIDGET_KEYS,
  ];
}
