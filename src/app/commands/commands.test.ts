import { describe, expect, it } from 'vitest';
import type { AppState } from '../store';
import { COMMANDS, commandForKey, formatCombo, shortcutRows, type Command, type KeyCombo } from './commands';

const press = (combo: KeyCombo) => ({
  key: combo.key,
  ctrlKey: Boolean(combo.mod),
  metaKey: false,
  shiftKey: Boolean(combo.shift),
});

/** A state in which the command applies and none before it on the same key does. */
const stateFor: Partial<Record<Command['id'], Partial<AppState>>> = {
  'close-rule-editor': { editingPolicy: 'prod/db', selection: { kind: 'node', id: 'ep:prod/db' } },
  'close-inspector': { editingPolicy: null, selection: { kind: 'node', id: 'ep:prod/db' } },
  'remove-flow': { editingPolicy: null, selection: { kind: 'edge', id: 'e' } },
};

const withShortcuts = Object.values(COMMANDS).filter((c) => c.shortcuts.length > 0);

describe('commands', () => {
  it.each(withShortcuts.map((c) => [c.id, c] as const))(
    '%s is listed in the shortcuts dialog',
    (_id, command) => {
      const row = shortcutRows().find((r) => r.label === command.label);
      expect(row?.keys).toEqual(command.shortcuts.map(formatCombo));
    },
  );

  it.each(
    withShortcuts.flatMap((c) => c.shortcuts.map((combo) => [c.id, formatCombo(combo), c, combo] as const)),
  )('%s is what %s does', (_id, _keys, command, combo) => {
    const state = { editingPolicy: null, selection: null, ...stateFor[command.id] } as AppState;
    expect(commandForKey(press(combo), state, false)).toBe(command);
    expect(commandForKey(press(combo), state, true)).toBe(command.whileTyping ? command : undefined);
  });

  it('leaves a key alone when its command does not apply', () => {
    const state = { editingPolicy: null, selection: { kind: 'node', id: 'n' } } as AppState;
    expect(
      commandForKey({ key: 'Delete', ctrlKey: false, metaKey: false, shiftKey: false }, state, false),
    ).toBe(undefined);
    expect(commandForKey({ key: 'z', ctrlKey: false, metaKey: false, shiftKey: false }, state, false)).toBe(
      undefined,
    );
  });

  it('tells Ctrl+Z from Ctrl+Shift+Z and takes Cmd for Ctrl', () => {
    const state = {} as AppState;
    expect(commandForKey({ key: 'Z', ctrlKey: false, metaKey: true, shiftKey: true }, state, false)).toBe(
      COMMANDS.redo,
    );
    expect(commandForKey({ key: 'z', ctrlKey: true, metaKey: false, shiftKey: false }, state, false)).toBe(
      COMMANDS.undo,
    );
  });
});
