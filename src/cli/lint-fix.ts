/**
 * `lint --fix`: makes the remedies the lint findings carry, one at a time (each fix changes the
 * text the next one is found in), as the engine's edit intents: only the documents a fix touches
 * are spliced, every other byte of every file stays as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  applyEditsToFiles,
  applyIntent,
  lintWorkspace,
  loadWorkspace,
  type BuildOptions,
  type Diagnostic,
  type SourceFile,
} from '../engine';

/** More fixes than this in one run means the fixes undo each other; stop rather than loop. */
const MAX_FIXES = 1000;

export interface FixReport {
  files: SourceFile[];
  /** The findings fixed, as they were found (file and line before the fix). */
  fixed: Diagnostic[];
  /** Findings whose fix the engine refused, with its reason. */
  refused: { diagnostic: Diagnostic; message: string }[];
}

/** A finding and its fix, by what they are about (the subject, not its display text). */
const fixKey = (d: Diagnostic) => JSON.stringify([d.code, d.subject, d.fix?.intent]);

export function fixFiles(files: readonly SourceFile[], options: BuildOptions): FixReport {
  let current = [...files];
  const fixed: Diagnostic[] = [];
  const refused: FixReport['refused'] = [];
  const refusedKeys = new Set<string>();
  while (fixed.length < MAX_FIXES) {
    const workspace = loadWorkspace(current, options);
    const next = lintWorkspace(workspace).find((d) => d.fix && !refusedKeys.has(fixKey(d)));
    if (!next) break;
    const result = applyIntent(workspace, next.fix!.intent);
    if (!result.ok) {
      refusedKeys.add(fixKey(next));
      refused.push({ diagnostic: next, message: result.message });
      continue;
    }
    current = applyEditsToFiles(current, result.edits);
    fixed.push(next);
  }
  return { files: current, fixed, refused };
}

/** A unified diff of one file, with three lines of context, as `diff -u` prints it. */
export function unifiedDiff(name: string, before: string, after: string): string {
  // A final newline ends the last line; it does not start another.
  const lines = (text: string) => (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const a = lines(before);
  const b = lines(after);
  // Lines the texts share at both ends are common without searching.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ops = shortestEdit(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const script: { op: ' ' | '-' | '+'; text: string; aLine: number; bLine: number }[] = [];
  let ai = 0;
  let bi = 0;
  const push = (op: ' ' | '-' | '+', text: string) => {
    script.push({ op, text, aLine: ai, bLine: bi });
    if (op !== '+') ai++;
    if (op !== '-') bi++;
  };
  for (let i = 0; i < head; i++) push(' ', a[i]!);
  for (const [op, text] of ops) push(op, text);
  for (let i = a.length - tail; i < a.length; i++) push(' ', a[i]!);
  const out = [`--- ${name}`, `+++ ${name}`];
  let i = 0;
  while (i < script.length) {
    if (script[i]!.op === ' ') {
      i++;
      continue;
    }
    // A hunk runs on while the next change is within six lines (twice the context) of the last.
    let last = i;
    for (let j = i; j < script.length && j - last <= 6; j++) if (script[j]!.op !== ' ') last = j;
    const hunk = script.slice(Math.max(0, i - 3), Math.min(script.length, last + 4));
    const aCount = hunk.filter((l) => l.op !== '+').length;
    const bCount = hunk.filter((l) => l.op !== '-').length;
    // diff -u numbers an empty side by the line before it.
    const aStart = hunk[0]!.aLine + (aCount ? 1 : 0);
    const bStart = hunk[0]!.bLine + (bCount ? 1 : 0);
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`, ...hunk.map((l) => `${l.op}${l.text}`));
    i = last + 4;
  }
  return out.join('\n');
}

type Op = ['-' | '+' | ' ', string];

/**
 * The shortest edit script that turns `a` into `b` (Myers' O((N+M)D) algorithm): fast for the few
 * changed lines a fix makes in a large file, where a full table of every line pair would not fit.
 */
function shortestEdit(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // trace[d]: the furthest x on each diagonal k in [-d, d] before step d, at index k + d.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= n + m && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number) => before[k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push([' ', a[x]!]);
    }
    if (down) ops.push(['+', b[prevY]!]);
    else ops.push(['-', a[prevX]!]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push([' ', a[x]!]);
  }
  return ops.reverse();
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Writes a fixed file back; a byte order mark the file began with (the reader drops it) stays. */
export function writeFixedFile(file: SourceFile): void {
  const hadBom = readFileSync(file.name).subarray(0, 3).equals(BOM);
  writeFileSync(file.name, hadBom ? Buffer.concat([BOM, Buffer.from(file.text, 'utf8')]) : file.text);
}
