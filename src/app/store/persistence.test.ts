import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_KEY_PREFIX,
  classifyStorageError,
  conflictStatus,
  createWorkspaceStorage,
  readSavedWorkspace,
  recoveryStatus,
  SAVE_DEBOUNCE_MS,
  storageStatus,
  WORKSPACE_VERSION,
} from './persistence';

class MemoryStorage {
  data = new Map<string, string>();
  writes = 0;
  fail: Error | null = null;
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.fail) throw this.fail;
    this.writes++;
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const state = (text: string, modified = true) => ({
  state: { text, namespace: 'default', modified },
  version: WORKSPACE_VERSION,
});
/** What the storage holds under `key`, without the time it was saved. */
const stored = (memory: MemoryStorage, key = 'k') => {
  const value = JSON.parse(memory.getItem(key)!) as { state: Record<string, unknown>; version: number };
  expect(typeof value.state.savedAt).toBe('number');
  delete value.state.savedAt;
  return value;
};
const backups = (memory: MemoryStorage) =>
  [...memory.data].filter(([key]) => key.startsWith(BACKUP_KEY_PREFIX)).map(([, value]) => value);
const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

describe('workspace storage', () => {
  let memory: MemoryStorage;
  beforeEach(() => {
    vi.useFakeTimers();
    memory = new MemoryStorage();
    storageStatus.set(null);
    recoveryStatus.set(null);
    conflictStatus.set(null);
  });
  afterEach(() => vi.useRealTimers());

  it('writes a burst of changes once, within the debounce, and skips changes of nothing it keeps', () => {
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    expect(storage.getItem('k')).toBeNull();
    storage.setItem('k', state('', false));
    expect(memory.writes).toBe(0);
    for (const text of ['a', 'ab', 'abc']) storage.setItem('k', state(text));
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS - 1);
    expect(memory.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(memory.writes).toBe(1);
    expect(stored(memory)).toEqual(state('abc'));
    storage.setItem('k', state('abc'));
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    expect(memory.writes).toBe(1);
    expect(SAVE_DEBOUNCE_MS).toBeLessThanOrEqual(500);
  });

  it('flushes a pending change at once (page hidden or closing)', () => {
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    storage.setItem('k', state('typed just now'));
    storage.flush();
    expect(JSON.parse(memory.getItem('k')!).state.text).toBe('typed just now');
  });

  it('restores what it saved, and treats old saves without `modified` as edited work', () => {
    memory.setItem('k', JSON.stringify({ state: { text: 'kind: Pod', namespace: 'prod' }, version: 1 }));
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    expect(storage.getItem('k')).toEqual({
      state: { text: 'kind: Pod', namespace: 'prod', modified: true },
      version: WORKSPACE_VERSION,
    });
  });

  it('never throws when the storage is full or missing, and says which', () => {
    memory.fail = quota();
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    storage.setItem('k', state('x'));
    expect(() => storage.flush()).not.toThrow();
    expect(storageStatus.get()).toBe('full');
    memory.fail = null;
    storage.setItem('k', state('xy'));
    storage.flush();
    expect(storageStatus.get()).toBeNull();

    const missing = createWorkspaceStorage(() => {
      throw Object.assign(new Error('denied'), { name: 'SecurityError' });
    });
    expect(missing.getItem('k')).toBeNull();
    expect(storageStatus.get()).toBe('unavailable');
    missing.setItem('k', state('z'));
    expect(() => missing.flush()).not.toThrow();
  });

  it('reports a storage that refuses writes before any edit', () => {
    memory.fail = new Error('blocked');
    createWorkspaceStorage(() => memory as unknown as Storage).probe();
    expect(storageStatus.get()).toBe('unavailable');
  });

  it('classifies quota errors as full', () => {
    expect(classifyStorageError(quota())).toBe('full');
    expect(classifyStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe('full');
    expect(classifyStorageError(new TypeError('x'))).toBe('unavailable');
  });

  it('reads every format the app has written', () => {
    // Version 1, as first written (no `modified`), and later.
    expect(readSavedWorkspace(JSON.stringify({ state: { text: 'a: 1' }, version: 1 }))).toEqual({
      ok: true,
      workspace: { text: 'a: 1', namespace: 'default', modified: true },
      savedAt: null,
    });
    expect(
      readSavedWorkspace(
        JSON.stringify({ state: { text: '', namespace: 'x', modified: false }, version: 1 }),
      ),
    ).toEqual({ ok: true, workspace: { text: '', namespace: 'x', modified: false }, savedAt: null });
    // Version 2 adds when it was saved.
    expect(
      readSavedWorkspace(
        JSON.stringify({ state: { text: 'b', namespace: 'y', modified: true, savedAt: 5 }, version: 2 }),
      ),
    ).toEqual({ ok: true, workspace: { text: 'b', namespace: 'y', modified: true }, savedAt: 5 });
    expect(readSavedWorkspace(JSON.stringify({ state: { text: 'c' }, version: 3 }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('newer version'),
    });
    expect(readSavedWorkspace(JSON.stringify({ state: { text: 'c' } }))).toMatchObject({ ok: false });
    expect(readSavedWorkspace('{"state":{"text":"kind: Po')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('cut short'),
    });
  });

  it.each([
    ['a newer format', JSON.stringify({ state: { text: 'my work', namespace: 'a' }, version: 7 })],
    ['truncated JSON', '{"state":{"text":"my work, cut sh'],
  ])('never overwrites a save it cannot read (%s): it keeps a copy and says so', (_, raw) => {
    memory.setItem('k', raw);
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    expect(storage.getItem('k')).toBeNull();
    expect(backups(memory)).toEqual([raw]);
    expect(recoveryStatus.get()).toMatchObject({
      raw,
      backupKey: expect.stringContaining(BACKUP_KEY_PREFIX),
    });
    // The new work may then be saved: the old value is safe under its backup key.
    storage.setItem('k', state('new work'));
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    expect(stored(memory).state.text).toBe('new work');
    expect(backups(memory)).toEqual([raw]);
  });

  it('writes nothing over an unreadable save it could not copy, until the user lets it', () => {
    const raw = JSON.stringify({ state: { text: 'x'.repeat(10) }, version: 99 });
    memory.setItem('k', raw);
    memory.fail = quota();
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    storage.getItem('k');
    memory.fail = null;
    expect(recoveryStatus.get()).toMatchObject({ raw, backupKey: null });
    storage.setItem('k', state('typed'));
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    storage.flush();
    expect(memory.getItem('k')).toBe(raw);
    expect(storage.hasUnsavedWork(true)).toBe(true);
    storage.releaseUnreadable();
    expect(stored(memory).state.text).toBe('typed');
    expect(storage.hasUnsavedWork(true)).toBe(false);
  });

  it('stops saving when another tab saves, until the user picks one of the two', () => {
    const tabA = createWorkspaceStorage(() => memory as unknown as Storage);
    tabA.getItem('k');
    tabA.setItem('k', state('A typed'));
    tabA.flush();
    const fromB = JSON.stringify({
      state: { text: 'B typed', namespace: 'default', modified: true, savedAt: 9 },
      version: 2,
    });
    memory.setItem('k', fromB);
    tabA.otherTabWrote('k', fromB);
    expect(conflictStatus.get()).toEqual({
      workspace: { text: 'B typed', namespace: 'default', modified: true },
      savedAt: 9,
    });
    tabA.setItem('k', state('A typed more'));
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    tabA.flush();
    expect(memory.getItem('k')).toBe(fromB);
    expect(tabA.hasUnsavedWork(true)).toBe(true);
    // Keeping this tab's work writes it, on purpose.
    tabA.keepThisTab();
    expect(stored(memory).state.text).toBe('A typed more');
    expect(conflictStatus.get()).toBeNull();
    // Loading the other tab's makes it this tab's, with nothing written back over it.
    memory.setItem('k', fromB);
    tabA.otherTabWrote('k', fromB);
    expect(tabA.takeOtherTab()).toEqual({ text: 'B typed', namespace: 'default', modified: true });
    tabA.setItem('k', state('B typed'));
    vi.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    expect(memory.getItem('k')).toBe(fromB);
    // Other keys, and saves of what this tab already has, change nothing.
    tabA.otherTabWrote('other', fromB);
    tabA.otherTabWrote('k', fromB);
    expect(conflictStatus.get()).toBeNull();
  });

  it('says when closing would lose edited work', () => {
    const storage = createWorkspaceStorage(() => memory as unknown as Storage);
    storage.setItem('k', state('pending'));
    expect(storage.hasUnsavedWork(true)).toBe(true);
    storage.flush();
    expect(storage.hasUnsavedWork(true)).toBe(false);
    memory.fail = quota();
    storage.setItem('k', state('does not fit'));
    storage.flush();
    expect(storage.hasUnsavedWork(true)).toBe(true);
    expect(storage.hasUnsavedWork(false)).toBe(false);
  });

  it('never throws on any saved value, and either restores it or keeps it untouched', () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const value = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          state: fc.oneof(
            fc.record({ text: field, namespace: field, modified: field, savedAt: field }),
            field,
          ),
          version: fc.oneof(fc.integer({ min: -1, max: 5 }), field),
        })
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(value, fc.nat(), (raw, cut) => {
        for (const text of [raw, raw.slice(0, cut % (raw.length + 1))]) {
          memory.clear();
          recoveryStatus.set(null);
          memory.setItem('k', text);
          const storage = createWorkspaceStorage(() => memory as unknown as Storage);
          const restored = storage.getItem('k');
          if (restored) expect(typeof (restored as { state: { text: unknown } }).state.text).toBe('string');
          else expect(backups(memory)).toEqual([text]);
          expect(memory.getItem('k')).toBe(text);
        }
      }),
      { numRuns: 400 },
    );
  });
});
