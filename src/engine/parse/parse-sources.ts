import { isMap, isSeq, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic, FieldPath, SourceLocation } from '../diagnostics';

export interface SourceFile {
  name: string;
  text: string;
}

/** One YAML (or JSON) document of a file, with the text range it occupies. */
export interface SourceDocument {
  file: string;
  index: number;
  /** Offsets into the file's text, end exclusive, including the document's comments. */
  start: number;
  end: number;
  /** False when the document has syntax errors; its objects are then not read. */
  ok: boolean;
}

/** A parsed top-level value of a document, with a way to point at any of its fields. */
export interface RawObject {
  file: string;
  documentIndex: number;
  value: unknown;
  /** Location of a field (or the nearest enclosing one that exists) inside this document. */
  locate(path: FieldPath): SourceLocation;
}

export interface ParseResult {
  documents: SourceDocument[];
  objects: RawObject[];
  diagnostics: Diagnostic[];
}

/** Input larger than this is refused with a message instead of freezing a tab or the CLI. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
/** More aliases than this in one document is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

function locationAt(file: string, lines: LineCounter, start: number, end: number): SourceLocation {
  const from = lines.linePos(start);
  const to = lines.linePos(Math.max(start, end));
  return { file, line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** Walks a field path through the YAML nodes; stops at the deepest node that exists. */
function nodeAt(doc: Document, path: FieldPath): Node | null {
  let node = doc.contents as Node | null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      if (pair.value === null || !(pair.value as Node).range) {
        node = pair.key as Node;
        break;
      }
      node = pair.value as Node;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
      node = node.items[part] as Node;
    } else break;
  }
  return node;
}

function errorDiagnostic(file: string, location: SourceLocation, code: string, message: string): Diagnostic {
  return { ...location, file, severity: 'error', code, message, blocking: true };
}

const YAML_ERROR_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML does not allow tabs for indentation; use spaces',
  DUPLICATE_KEY: 'the same key appears twice in one mapping; Kubernetes would keep only one of them',
  BAD_INDENT: 'the indentation does not line up with the surrounding keys',
  MISSING_CHAR: 'a closing bracket or quote is missing',
  BLOCK_AS_IMPLICIT_KEY: 'a key spans several lines; check the indentation and any missing colon',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines; check the indentation and any missing colon',
};

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const hint = YAML_ERROR_HINTS[code];
  return hint ? `${hint} (${first})` : `YAML syntax error: ${first}`;
}

/**
 * Splits every file into documents and reads each one. Never throws: syntax errors, alias bombs,
 * overly deep nesting and oversized input become diagnostics, and only the document at fault is
 * left out — the rest of the workspace still evaluates.
 */
export function parseSources(files: readonly SourceFile[]): ParseResult {
  const result: ParseResult = { documents: [], objects: [], diagnostics: [] };
  for (const file of files) parseFile(file, result);
  return result;
}

function parseFile({ name, text }: SourceFile, result: ParseResult): void {
  if (text.length > MAX_SOURCE_BYTES) {
    const megabytes = Math.round(text.length / 1024 / 1024);
    result.diagnostics.push(
      errorDiagnostic(name, { file: name, line: 1, column: 1, endLine: 1, endColumn: 1 }, 'too-large',
        `${name} is ${megabytes} MB; files over ${MAX_SOURCE_BYTES / 1024 / 1024} MB are not read. Split it into smaller files.`),
    );
    return;
  }
  if (text.includes('\u0000')) {
    result.diagnostics.push(
      errorDiagnostic(name, { file: name, line: 1, column: 1, endLine: 1, endColumn: 1 }, 'binary',
        `${name} looks like binary data (it contains NUL bytes), not YAML or JSON.`),
    );
    return;
  }
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, version: '1.1' }) as Document.Parsed[];
  } catch (error) {
    result.diagnostics.push(
      errorDiagnostic(name, { file: name, line: 1, column: 1, endLine: 1, endColumn: 1 }, 'yaml',
        `${name} could not be read as YAML: ${error instanceof RangeError ? 'it is nested too deeply' : String(error)}`),
    );
    return;
  }
  if (!Array.isArray(docs)) return; // an empty stream
  docs.forEach((doc, index) => {
    // The first document owns the file's leading comments, which the parser leaves outside its range.
    const start = index === 0 ? 0 : doc.range[0];
    const end = doc.range[2];
    const entry: SourceDocument = { file: name, index, start, end, ok: doc.errors.length === 0 };
    result.documents.push(entry);
    for (const error of doc.errors) {
      const [from, to] = error.pos;
      result.diagnostics.push(errorDiagnostic(name, locationAt(name, lines, from, to), `yaml-${error.code}`, describeYamlError(error.code, error.message)));
    }
    if (!entry.ok || doc.contents === null) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      entry.ok = false;
      const reason =
        error instanceof RangeError
          ? 'it is nested too deeply to read'
          : /alias/i.test(String(error))
            ? 'it expands too many aliases (an alias bomb?)'
            : String(error instanceof Error ? error.message : error);
      result.diagnostics.push(errorDiagnostic(name, locationAt(name, lines, start, start), 'yaml-expand', `This document could not be read: ${reason}.`));
      return;
    }
    if (value === null || value === undefined) return;
    result.objects.push({
      file: name,
      documentIndex: index,
      value,
      locate(path) {
        const node = nodeAt(doc, path);
        const range = node?.range ?? doc.range;
        return locationAt(name, lines, range[0], range[1]);
      },
    });
  });
}
