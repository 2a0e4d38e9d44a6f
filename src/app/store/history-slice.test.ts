import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTextEdits } from '../../engine';
import { TYPING_GROUP_MS } from './history-slice';
import { documentStore } from './slice-store';

type Op =
  | { kind: 'type'; at: number; remove: number; insert: string; pause: boolean }
  | { kind: 'edit'; at: number; remove: number; insert: string }
  | { kind: 'replace'; text: string }
  | { kind: 'undo' }
  | { kind: 'redo' };

/** The edit that replaces `remove` characters at `at` (wrapped into the text) with `insert`. */
const spliceEdit = (text: string, at: number, remove: number, insert: string) => {
  const start = at % (text.length + 1);
  return { file: 'w.yaml', start, end: Math.min(text.length, start + remove), text: insert };
};

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    at: fc.nat(),
    remove: fc.nat({ max: 4 }),
    insert: fc.string({ maxLength: 3 }),
    pause: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    at: fc.nat(),
    remove: fc.nat({ max: 6 }),
    insert: fc.string({ maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('replace' as const), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
);

afterEach(() => vi.restoreAllMocks());

describe('undo history kept as changes', () => {
  it('goes back and forth through exactly the texts a history of whole snapshots would', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.array(op, { maxLength: 40 }), (start, ops) => {
        let now = 1_000_000;
        vi.spyOn(Date, 'now').mockImplementation(() => now);
        const store = documentStore(start);
        // What the engine worker keeps: the text, followed by the edits of each change.
        let copy = start;
        let wholeTexts = 0;
        let replaced = 0;
        store.subscribe((state, previous) => {
          if (state.textVersion === previous.textVersion) return;
          expect(state.textVersion).toBe(previous.textVersion + 1);
          if (state.textEdits) copy = applyTextEdits(copy, state.textEdits);
          else {
            copy = state.text;
            wholeTexts++;
          }
        });
        // The reference: whole texts, bursts of typing folded as the slice promises.
        let past: string[] = [];
        let future: string[] = [];
        let text = start;
        let lastTypingAt = 0;
        for (const step of ops) {
          now += step.kind === 'type' && !step.pause ? 10 : TYPING_GROUP_MS + 1;
          const state = store.getState();
          if (step.kind === 'type' || step.kind === 'edit') {
            const edit = spliceEdit(text, step.at, step.remove, step.insert);
            const next = applyTextEdits(text, [edit]);
            if (step.kind === 'type') {
              state.editText([edit]);
              if (next !== text) {
                const burst = now - lastTypingAt < TYPING_GROUP_MS && past.length > 0;
                if (!burst) past = [...past, text];
                future = [];
                lastTypingAt = now;
                text = next;
              }
            } else {
              const edits = [{ file: 'w.yaml', start: 0, end: text.length, text: next }];
              state.applyEngineEdits(text, edits, '');
              if (next !== text) {
                past = [...past, text];
                future = [];
                lastTypingAt = 0;
                text = next;
              }
            }
          } else if (step.kind === 'replace') {
            state.replaceWorkspace(step.text, { kind: 'scratch' });
            replaced++;
            if (text.trim() !== '' && step.text !== text) past = [...past, text];
            future = [];
            lastTypingAt = 0;
            text = step.text;
          } else if (step.kind === 'undo') {
            state.undo();
            const back = past.pop();
            if (back !== undefined) {
              future = [...future, text];
              text = back;
              lastTypingAt = 0;
            }
          } else {
            state.redo();
            const forward = future.pop();
            if (forward !== undefined) {
              past = [...past, text];
              text = forward;
              lastTypingAt = 0;
            }
          }
          expect(store.getState().text).toBe(text);
          expect(copy).toBe(text);
          expect(store.getState().past.length).toBe(past.length);
          expect(store.getState().future.length).toBe(future.length);
        }
        // Only a replaced workspace travels whole: typing, edits, undo and redo travel as edits.
        expect(wholeTexts).toBe(replaced);
      }),
      { numRuns: 300 },
    );
  });

  it('holds only what changed: 200 separate edits of a 1 MB text keep a few kilobytes', () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const line = 'key: value-0123456789\n';
    const store = documentStore(line.repeat(Math.ceil(1_000_000 / line.length)));
    for (let i = 0; i < 200; i++) {
      now += TYPING_GROUP_MS + 1;
      const { text } = store.getState();
      const at = (i * 7919) % text.length;
      store.getState().editText([spliceEdit(text, at, 1, 'x')]);
    }
    const { past } = store.getState();
    expect(past).toHaveLength(200);
    const kept = past.reduce((sum, step) => sum + step.text.length, 0);
    expect(kept).toBeLessThan(2_000);
  });
});
