import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, TrafficObserver } from '..';
import { workspaceOf } from '../../testing/workspace';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'flows');
const workspace = workspaceOf(readFileSync(join(FIXTURES, 'shop.yaml'), 'utf8'));
const HUBBLE_LINES = readFileSync(join(FIXTURES, 'shop-hubble.jsonl'), 'utf8').trimEnd().split('\n');
const CSV_LINES = readFileSync(join(FIXTURES, 'shop.csv'), 'utf8').trimEnd().split('\n');

/** A real line with a slice cut out, repeated, or replaced by random text or random JSON. */
const lineArb = (lines: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...lines),
    fc
      .tuple(fc.constantFrom(...lines), fc.nat(), fc.nat())
      .map(([line, a, b]) => line.slice(0, a % line.length) + line.slice(b % line.length)),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.json({ maxDepth: 4 }),
    fc.json({ maxDepth: 3 }).map((json) => `{"flow": ${json}}`),
  );

function read(text: string, chunk: number) {
  const observer = new TrafficObserver(workspace.index);
  const reader = observer.reader('fuzz');
  for (let at = 0; at < text.length; at += chunk) reader.push(text.slice(at, at + chunk));
  reader.end();
  return observer.result();
}

describe('flow-log reader under random input', () => {
  it.each([
    ['Hubble', HUBBLE_LINES],
    ['CSV', CSV_LINES],
  ])(
    'never throws on mangled %s logs, keeps its problems bounded and counts every line once',
    (_name, lines) => {
      fc.assert(
        fc.property(
          fc.constantFrom(...lines.slice(0, 1)),
          fc.array(lineArb(lines), { maxLength: 150 }),
          fc.integer({ min: 1, max: 200 }),
          fc.constantFrom('\n', '\r\n'),
          (first, rest, chunk, eol) => {
            const text = [first, ...rest].join(eol);
            const traffic = read(text, chunk);
            expect(traffic.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
            expect(traffic.problems.length).toBeLessThanOrEqual(traffic.problemCount);
            const connections = [...traffic.flows, ...traffic.unknown].reduce((sum, f) => sum + f.count, 0);
            expect(connections + traffic.skipped + traffic.problemCount).toBeLessThanOrEqual(
              text.split('\n').length,
            );
            for (const problem of traffic.problems) expect(problem.line).toBeGreaterThanOrEqual(1);
            // Chunking never changes the answer.
            expect(read(text, 1 << 16)).toEqual(traffic);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});
