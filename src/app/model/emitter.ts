/**
 * A typed event emitter, for one-shot requests (scroll to a line, flash what an edit wrote) that
 * are not state: nothing is left behind to compare against, and the same request twice is two.
 */
export interface Emitter<Events> {
  /** Returns the unsubscribe. */
  on<K extends keyof Events>(type: K, listener: (event: Events[K]) => void): () => void;
  emit<K extends keyof Events>(type: K, event: Events[K]): void;
}

export function createEmitter<Events>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(event: never) => void>>();
  return {
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(type, event) {
      for (const listener of [...(listeners.get(type) ?? [])]) (listener as (e: typeof event) => void)(event);
    },
  };
}
