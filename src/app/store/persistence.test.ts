import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyStorageError, createWorkspaceStorage, SAVE_DEBOUNCE_MS, storageStatus } from './persistence';

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
  version: 1,
});
const quota = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

describe('workspace storage', () => {
  let memory: MemoryStorage;
  beforeEach(() => {
    vi.useFakeTimers();
    memory = new MemoryStorage();
    storageStatus.set(null);
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
    expect(JSON.parse(memory.getItem('k')!)).toEqual(state('abc'));
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
      version: 1,
    });
    memory.setItem('k', '{not json');
    expect(storage.getItem('k')).toBeNull();
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
});
