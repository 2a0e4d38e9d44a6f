/**
 * Flow logs too big for localStorage, kept in IndexedDB per workspace. A file is stored as the
 * Blob it was imported as (IndexedDB keeps Blobs as they are), so that neither saving nor
 * restoring reads its text on the main thread; the worker streams it as before.
 */
import type { FlowLogSource } from '../model/observed';

const DB_NAME = 'netpol-canvas';
const STORE = 'flow-logs';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** One transaction on the store; resolves once it has committed (a write refused for quota rejects). */
async function transact(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest,
): Promise<unknown> {
  const db = await open();
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error('IndexedDB failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write was aborted'));
    });
  } finally {
    db.close();
  }
}

/** Keeps `sources` as the workspace's logs (none: forgets them). Rejects when the browser refuses. */
export function storeLogs(workspace: string, sources: readonly FlowLogSource[]): Promise<unknown> {
  if (!('indexedDB' in globalThis)) return Promise.reject(new Error('this browser has no IndexedDB'));
  const kept = sources.map(({ name, data }) => ({ name, data }));
  return transact('readwrite', (store) =>
    kept.length ? store.put(kept, workspace) : store.delete(workspace),
  );
}

/** The logs kept for the workspace (none when nothing was, or IndexedDB is unavailable). */
export async function loadLogs(workspace: string): Promise<FlowLogSource[]> {
  if (!('indexedDB' in globalThis)) return [];
  try {
    const kept = await transact('readonly', (store) => store.get(workspace));
    return Array.isArray(kept) ? (kept as FlowLogSource[]) : [];
  } catch {
    return [];
  }
}
