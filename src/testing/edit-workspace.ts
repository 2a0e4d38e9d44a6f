/** Helpers for the edit layer's tests: apply an intent to one file and look at what changed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  loadWorkspace,
  parseSources,
  type Diagnostic,
  type Workspace,
  applyIntent,
  applyTextEdits,
  type EditIntent,
  type TextEdit,
} from '../engine';

export const FILE = 'workspace.yaml';

export function load(text: string): Workspace {
  return loadWorkspace([{ name: FILE, text }]);
}

export interface Applied {
  before: string;
  after: string;
  edits: TextEdit[];
  summary: string;
  touched: string[];
  workspace: Workspace;
}

/** Applies an intent that must succeed; fails the test with the engine's message otherwise. */
export function applyOk(text: string, intent: EditIntent): Applied {
  const result = applyIntent(load(text), intent);
  if (!result.ok) throw new Error(`${intent.kind} was refused: ${result.message}`);
  const after = applyTextEdits(text, result.edits);
  return {
    before: text,
    after,
    edits: result.edits,
    summary: result.summary,
    touched: result.touched,
    workspace: load(after),
  };
}

/** The text of every document, as the engine's parser delimits them (the first owns the file's leading comments). */
export function documentTexts(text: string): string[] {
  return parseSources([{ name: FILE, text }]).documents.map((doc) => text.slice(doc.start, doc.end));
}

/** Indexes of the documents of `text` that the edits reach into (an append at the very end reaches none). */
export function touchedDocuments(text: string, edits: readonly TextEdit[]): number[] {
  const documents = parseSources([{ name: FILE, text }]).documents;
  const touched = documents.filter((doc) =>
    edits.some(
      (edit) =>
        edit.start < doc.end && (edit.end > doc.start || (edit.start === edit.end && edit.start > doc.start)),
    ),
  );
  return touched.map((doc) => doc.index);
}

/** Every document of `before` but those at `except` is still in `after`, byte for byte and in order. */
export function expectDocumentsKept(before: string, after: string, except: readonly number[] = []): void {
  const remaining = documentTexts(after);
  let at = 0;
  documentTexts(before).forEach((doc, index) => {
    if (except.includes(index)) return;
    const found = remaining.indexOf(doc, at);
    expect(
      found,
      `document ${index + 1} of the original text is gone or changed:\n${doc}`,
    ).toBeGreaterThanOrEqual(0);
    at = found + 1;
  });
}

const errorKey = (d: Diagnostic) => JSON.stringify([d.code, d.subject, d.message]);

/** Errors in `after` that `before` did not have (compared without line numbers, which edits shift). */
export function newErrors(before: Workspace, after: Workspace): Diagnostic[] {
  const old = new Set(before.diagnostics.filter((d) => d.severity === 'error').map(errorKey));
  return after.diagnostics.filter((d) => d.severity === 'error' && !old.has(errorKey(d)));
}

/** The applied intent left text that loads without errors it did not have before. */
export function expectValid(applied: Applied): void {
  expect(newErrors(load(applied.before), applied.workspace)).toEqual([]);
}

/** One of the built-in scenarios (public/examples). */
export function example(file: string): string {
  return readFileSync(join(import.meta.dirname, '../../public/examples', file), 'utf8');
}
