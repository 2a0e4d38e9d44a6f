/**
 * Turns object changes into text edits: a changed object rewrites the text of its own document only
 * (yaml-rewrite.ts), a deleted document takes its `---` line with it, and new documents are appended
 * to their file. What each file should read as afterwards is kept, to check the edited text against.
 */
import { parseAllDocuments, type Document } from 'yaml';
import { YAML_OPTIONS, type ParseResult, type SourceFile } from '../parse/parse-sources';
import { isRecord } from '../util/raw';
import type { ObjectChange } from './changes';
import { minimalEdit, type TextEdit } from './text-edits';
import { cloneValue, deepEqual } from './values';
import { rewriteContents } from './yaml-rewrite';
import { DEFAULT_STYLE, detectStyle, renderYaml } from './yaml-style';

/** Thrown when the edited text would not read back as intended; nothing is written then. */
export class EditVerificationError extends Error {}

/** What a document should read as: its value, or `unchecked` for one that did not parse before either. */
type Expected = { unchecked: true } | { unchecked: false; value: unknown };

export interface RenderedChanges {
  edits: TextEdit[];
  /** Throws EditVerificationError unless the edited files, as parsed, hold exactly what was meant. */
  verify(after: ParseResult): void;
}

function parseDocuments(text: string): Document.Parsed[] {
  // The same reading as parse/parse-sources.ts, so that document indexes and values agree (a
  // timestamp such as a creationTimestamp stays the string it reads back as, not a Date).
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  return Array.isArray(docs) ? (docs as Document.Parsed[]) : [];
}

const valueOf = (doc: Document.Parsed): unknown => doc.toJS({ maxAliasCount: 1000 });

/** Documents without a value (empty ones) carry no object, so they are left out of the comparison. */
const hasValue = (value: unknown) => value !== null && value !== undefined;

export function renderChanges(
  files: readonly SourceFile[],
  changes: readonly ObjectChange[],
): RenderedChanges {
  const fileOf = (change: ObjectChange) => (change.kind === 'create' ? change.file : change.at.file);
  const rendered = [...new Set(changes.map(fileOf))].map((name) => {
    const file = files.find((candidate) => candidate.name === name);
    if (!file) throw new Error(`no file named ${name} in the workspace`);
    return {
      name,
      ...renderFileChanges(
        file,
        changes.filter((change) => fileOf(change) === name),
      ),
    };
  });
  return {
    edits: rendered.flatMap((file) => file.edits),
    verify(after) {
      for (const { name, expected } of rendered) {
        if (!matches(readBack(after, name), expected))
          throw new EditVerificationError(`the edited text of ${name} would not read back as intended`);
      }
    },
  };
}

function renderFileChanges(
  { name, text }: SourceFile,
  changes: readonly ObjectChange[],
): { edits: TextEdit[]; expected: Expected[] } {
  const docs = parseDocuments(text);
  const edits: TextEdit[] = [];
  const expected: Expected[] = [];
  const groups = groupByDocument(changes);
  docs.forEach((doc, index) => {
    const own = groups.get(index);
    if (doc.errors.length) {
      expected.push({ unchecked: true });
      return;
    }
    if (!own) {
      const value = valueOf(doc);
      if (hasValue(value)) expected.push({ unchecked: false, value });
      return;
    }
    if (own.some((change) => change.kind === 'delete' && change.at.itemIndex === undefined)) {
      edits.push(deleteDocument(name, text, docs, index));
      return;
    }
    const value = changedValue(valueOf(doc), own);
    expected.push({ unchecked: false, value });
    const replacement = rewriteContents(text, doc, value, detectStyle(text, doc.contents));
    const edit = minimalEdit(
      name,
      replacement.start,
      text.slice(replacement.start, replacement.end),
      replacement.text,
    );
    if (edit) edits.push(edit);
  });
  const created = changes.flatMap((change) => (change.kind === 'create' ? [change.value] : []));
  if (created.length) edits.push(appendDocuments(name, text, docs, created));
  expected.push(...created.map((value) => ({ unchecked: false as const, value })));
  return { edits, expected };
}

/** What the parsed file holds, document by document, in the terms of `Expected`. */
function readBack(after: ParseResult, file: string): Expected[] {
  return after.documents
    .filter((doc) => doc.file === file)
    .flatMap((doc): Expected[] => {
      if (!doc.ok) return [{ unchecked: true }];
      const object = after.objects.find(
        (candidate) => candidate.file === file && candidate.documentIndex === doc.index,
      );
      return object ? [{ unchecked: false, value: object.value }] : [];
    });
}

function matches(actual: readonly Expected[], expected: readonly Expected[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((doc, i) => {
      const want = expected[i]!;
      return doc.unchecked || want.unchecked
        ? doc.unchecked === want.unchecked
        : deepEqual(doc.value, want.value);
    })
  );
}

function groupByDocument(changes: readonly ObjectChange[]): Map<number, ObjectChange[]> {
  const groups = new Map<number, ObjectChange[]>();
  for (const change of changes) {
    if (change.kind === 'create') continue;
    const group = groups.get(change.at.documentIndex) ?? [];
    group.push(change);
    groups.set(change.at.documentIndex, group);
  }
  return groups;
}

/** The document's value after replacing or deleting itself or items of its List. */
function changedValue(original: unknown, changes: readonly ObjectChange[]): unknown {
  const whole = changes.find((change) => change.kind === 'replace' && change.at.itemIndex === undefined);
  if (whole?.kind === 'replace') return whole.value;
  if (!isRecord(original) || !Array.isArray(original.items))
    throw new Error('only a List document has items to change');
  const value = cloneValue(original) as { items: unknown[] };
  for (const change of changes)
    if (change.kind === 'replace') value.items[change.at.itemIndex!] = change.value;
  const gone = changes
    .flatMap((change) => (change.kind === 'delete' ? [change.at.itemIndex!] : []))
    .sort((a, b) => b - a);
  for (const index of gone) value.items.splice(index, 1);
  return value;
}

/**
 * Removes a document with the `---` that opens it, up to the next one. The first document keeps the
 * comments above it: they usually describe the whole file.
 */
function deleteDocument(
  file: string,
  text: string,
  docs: readonly Document.Parsed[],
  index: number,
): TextEdit {
  const start = docs[index]!.range[0];
  const end = docs[index + 1]?.range[0] ?? text.length;
  return { file, start, end, text: '' };
}

function appendDocuments(
  file: string,
  text: string,
  docs: readonly Document.Parsed[],
  values: readonly unknown[],
): TextEdit {
  const last = docs[docs.length - 1];
  const style = last?.contents ? detectStyle(text, last.contents) : DEFAULT_STYLE;
  // An empty last document (a trailing `---`) or a file of comments takes the first new one as is.
  let needsSeparator = Boolean(last?.contents);
  let out = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  for (const value of values) {
    out += (needsSeparator ? '---\n' : '') + renderYaml(value, style);
    needsSeparator = true;
  }
  return { file, start: text.length, end: text.length, text: out };
}
