import { describe, expect, it } from 'vitest';
import { createEmitter } from './emitter';

describe('createEmitter', () => {
  it('delivers each emit to the listeners of its type until they unsubscribe', () => {
    const emitter = createEmitter<{ a: number; b: string }>();
    const seen: unknown[] = [];
    const off = emitter.on('a', (n) => seen.push(n));
    emitter.on('b', (s) => seen.push(s));
    emitter.emit('a', 1);
    emitter.emit('a', 1);
    emitter.emit('b', 'x');
    off();
    emitter.emit('a', 2);
    expect(seen).toEqual([1, 1, 'x']);
  });
});
