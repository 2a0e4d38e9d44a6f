import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type CST,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type Tags,
  YAMLParseError,
} from 'yaml';
import type { Diagnostic, FieldPath, SourceLocation } from '../diagnostics';
import { parseFastJson } from './fast-json';
import { locateFast, parseFastYaml } from './fast-yaml';

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

/**
 * Input larger than this (one file, or all files together) is refused with a message instead of
 * freezing a tab or the CLI. Real dumps of 5,000 pods are 15-25 MB and of 20,000 pods some
 * 60 MB; the fast readers (fast-yaml.ts, and JSON.parse for JSON) take them in seconds, while the
 * general YAML parser (about 2-4 MB a second, some 40 bytes of memory per byte) would need tens
 * of seconds for input of this size that is not shaped like kubectl's.
 */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
/** More aliases than this in one document is treated as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;
/**
 * YAML errors listed per file; the rest are counted in one closing message. A file of garbage
 * holds an error on every line, and building millions of them would exhaust memory.
 */
export const MAX_SYNTAX_ERRORS = 50;

/**
 * The YAML 1.1 scalars as Kubernetes reads them (go-yaml v2 behind sigs.k8s.io/yaml): booleans
 * such as `on` and `yes`, octal `0755`, but no timestamps (`2024-01-01` stays a string where the
 * API expects one) and no base-60 numbers (`1:20` is the string "1:20", not 80).
 */
function kubernetesTags(tags: Tags): Tags {
  return tags.filter(
    (tag) =>
      !(typeof tag === 'object' && (tag.tag === 'tag:yaml.org,2002:timestamp' || tag.format === 'TIME')),
  );
}

/** How every YAML text is read: by the `yaml` package's composer, and by the fast reader for plain block YAML. */
export const YAML_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  version: '1.1',
  customTags: kubernetesTags,
  logLevel: 'error',
} as const;

/**
 * Every line start of the text. The parser's own line counting skips line breaks inside some
 * broken tokens, which put later diagnostics on the wrong line; this counts every \n.
 */
function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

function locationAt(file: string, lines: LineCounter, start: number, end: number): SourceLocation {
  const from = lines.linePos(start);
  const to = lines.linePos(Math.max(start, end));
  return { file, line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** Each big mapping's pairs by key, so that locating every field of it stays linear. */
const pairIndex = new WeakMap<object, Map<string, Pair>>();

function pairAt(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length < 16)
    return map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const name = isScalar(item.key) ? String(item.key.value) : undefined;
      if (name !== undefined && !index.has(name)) index.set(name, item);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/** Walks a field path through the YAML nodes; stops at the deepest node that exists. */
function nodeAt(doc: Document, path: FieldPath): Node | null {
  let node = doc.contents as Node | null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = pairAt(node, String(part));
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
  BAD_SCALAR_START: 'a plain value cannot start with this character; put the value in quotes',
  BAD_DQ_ESCAPE:
    'in a "double-quoted" string a backslash starts an escape; write \\\\ for a backslash, or use single quotes',
  BLOCK_IN_FLOW:
    'an indented block cannot appear inside [ ] or { }; write the inner value in the same [ ] or { } style',
  KEY_OVER_1024_CHARS: 'a colon is missing, or a key is longer than 1024 characters',
  RESOURCE_EXHAUSTION: 'this document is nested too deeply to read',
};

const CLOSER: Record<string, string> = { '[': ']', '{': '}', '"': '"', "'": "'" };

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const stray = /^Unexpected (flow-seq-end|flow-map-end) token/.exec(first);
  if (stray) {
    const [close, open] = stray[1] === 'flow-seq-end' ? [']', '['] : ['}', '{'];
    return `unexpected ${close}: there is no ${open} open here to close; remove it`;
  }
  const misplaced = /^Unexpected [\w-]+ token in YAML stream: (".*")$/.exec(first);
  if (misplaced)
    return `${misplaced[1]} does not fit into the document here: check its indentation, and the line before it`;
  if (code === 'RESOURCE_EXHAUSTION') return `${YAML_ERROR_HINTS[code]} (the parser gave up here: ${first})`;
  const hint = YAML_ERROR_HINTS[code];
  return hint ? `${hint} (${first})` : `YAML syntax error: ${first}`;
}

/** Every node of a document in source order, without recursion (documents may be deeply nested). */
function* walkNodes(root: unknown): Generator<Node> {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
    if (isMap(node) || isSeq(node) || isScalar(node) || isAlias(node)) yield node as Node;
  }
}

/**
 * An unclosed bracket or quote is noticed where the parser gives up, often lines later or at the
 * end of the file; the user needs the place where it was opened. Returns that offset and character.
 */
function findOpener(
  doc: Document.Parsed,
  text: string,
  error: YAMLParseError,
  used: Set<Node>,
): { offset: number; char: string } | null {
  const at = error.pos[0];
  const quote = /^Missing closing (["'])quote/.exec(error.message);
  const flow = /^Flow (map|sequence)\b.*end with a ([\]}])/.exec(error.message);
  if (!quote && !flow) return null;
  let best: Node | null = null;
  for (const node of walkNodes(doc.contents)) {
    const range = node.range;
    if (!range || range[1] !== at || used.has(node)) continue;
    const char = text[range[0]] ?? '';
    if (
      quote
        ? isScalar(node) && char === quote[1]
        : (isMap(node) || isSeq(node)) && char === (flow![2] === ']' ? '[' : '{')
    ) {
      // Nested collections left open end at the same place; the innermost one is reported first.
      if (!best || range[0] > best.range![0]) best = node;
    }
  }
  if (!best) return null;
  used.add(best);
  return { offset: best.range![0], char: text[best.range![0]]! };
}

interface FileContext {
  name: string;
  text: string;
  lines: LineCounter;
  /** Offset just past the last character that is not whitespace. */
  contentEnd: number;
  result: ParseResult;
  seen: Set<string>;
}

function push(context: FileContext, from: number, to: number, code: string, message: string): void {
  // Errors found at the very end of the file (after the last line with text) point at that line.
  const clamp = (offset: number) => Math.max(0, Math.min(offset, Math.max(context.contentEnd - 1, 0)));
  const location = locationAt(context.name, context.lines, clamp(from), clamp(Math.max(from, to)));
  const key = `${location.line}:${location.column}:${message}`;
  if (context.seen.has(key)) return; // a parser often reports one mistake twice
  context.seen.add(key);
  context.result.diagnostics.push(errorDiagnostic(context.name, location, code, message));
}

/** Stands in for the errors past MAX_SYNTAX_ERRORS. */
const DROPPED = { code: 'IMPOSSIBLE', message: '', pos: [0, 0] } as unknown as YAMLParseError;

function errorOffset(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return Number(source[0]) || 0;
  return Number((source as { offset?: unknown } | null)?.offset) || 0;
}

function reportSyntaxErrors(
  context: FileContext,
  doc: Document.Parsed,
  followOn?: { count: number; last: number },
): void {
  const used = new Set<Node>();
  let stray = followOn;
  for (const error of doc.errors) {
    if (error === DROPPED) continue;
    if (stray && / in YAML stream/.test(error.message)) {
      const { count, last } = stray;
      stray = undefined;
      const line = context.lines.linePos(Math.min(last, Math.max(context.contentEnd - 1, 0))).line;
      push(
        context,
        error.pos[0],
        error.pos[1],
        `yaml-${error.code}`,
        `${describeYamlError(error.code, error.message)}. The ${count} problem${count === 1 ? '' : 's'} after it, up to line ${line}, follow from it and ${count === 1 ? 'is' : 'are'} not listed.`,
      );
      continue;
    }
    const [from, to] = error.pos;
    const opener =
      error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT'
        ? findOpener(doc, context.text, error, used)
        : null;
    if (opener) {
      const gaveUp = context.lines.linePos(Math.min(from, Math.max(context.contentEnd - 1, 0)));
      const what =
        opener.char === '"' || opener.char === "'"
          ? `the ${opener.char}quoted string that starts here`
          : `the ${opener.char} opened here`;
      push(
        context,
        opener.offset,
        opener.offset + 1,
        `yaml-${error.code}`,
        `${what} is never closed: add the matching ${CLOSER[opener.char]} (the parser reached line ${gaveUp.line} without finding it)`,
      );
    } else {
      push(context, from, to, `yaml-${error.code}`, describeYamlError(error.code, error.message));
    }
  }
}

interface Refusal {
  offset: number;
  code: string;
  message: string;
}

/** A file whose lines end with CR alone: YAML sees one long line, and its errors say nothing useful. */
function lineEndingProblem(name: string, text: string): Refusal | null {
  const cr = text.indexOf('\r');
  if (cr === -1 || text.includes('\n') || cr === text.length - 1) return null;
  return {
    offset: cr,
    code: 'line-endings',
    message: `The lines of ${name} end with CR alone (classic Mac OS line endings), so YAML reads the whole file as one line. Save it with LF (or CRLF) line endings.`,
  };
}

/**
 * In a file that starts as JSON: a comment (JSON has none) or a second top-level value after the
 * first (two objects concatenated), which the YAML parser reports as several puzzling errors.
 */
function jsonProblem(text: string): Refusal | null {
  const first = text.search(/\S/);
  if (first === -1 || (text[first] !== '{' && text[first] !== '[')) return null;
  let depth = 0;
  let ended = -1;
  for (let i = first; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*') && /[\s,{[]/.test(text[i - 1] ?? ' ')) {
      return {
        offset: i,
        code: 'json-comment',
        message:
          'JSON has no comments: remove this one (or write the file as YAML, where # starts a comment).',
      };
    }
    if (ended !== -1) {
      if (/\s/.test(c)) continue;
      if (c !== '{' && c !== '[') return null; // `---` or `#`: YAML that happens to start with {
      return {
        offset: i,
        code: 'json-concatenated',
        message: `A second JSON value starts here, after the first one ended: a JSON file holds one value. Put the objects in a List ({"apiVersion": "v1", "kind": "List", "items": [...]}) or write them as YAML documents separated by ---.`,
      };
    }
    if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) ended = i;
  }
  return null;
}

/** Offsets of byte-order marks at the start of a line other than the file's first. */
function innerByteOrderMarks(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('\ufeff', 1); at !== -1; at = text.indexOf('\ufeff', at + 1))
    if (text[at - 1] === '\n' || text[at - 1] === '\r') out.push(at);
  return out;
}

/** Where the reading of a document's value failed (aliases are resolved only then), in words. */
function describeExpandError(
  doc: Document.Parsed,
  error: unknown,
  earlier: readonly Document.Parsed[],
  lines: LineCounter,
): { offset: number; message: string } {
  const start = doc.contents?.range?.[0] ?? doc.range[0];
  const text = error instanceof Error ? error.message : String(error);
  const firstAlias = (name?: string) => {
    for (const node of walkNodes(doc.contents))
      if (isAlias(node) && (name === undefined || node.source === name)) return node.range?.[0] ?? start;
    return start;
  };
  if (error instanceof RangeError)
    return { offset: start, message: 'This document could not be read: it is nested too deeply.' };
  if (/Excessive alias count/i.test(text)) {
    return {
      offset: firstAlias(),
      message: `This document could not be read: its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, as in a "billion laughs" attack. Write the repeated parts out instead.`,
    };
  }
  const unresolved = /Unresolved alias[^:]*: (.*)$/.exec(text);
  if (unresolved) {
    const name = unresolved[1]!.replace(/^\*/, '');
    const anchor = earlier
      .flatMap((before) => [...walkNodes(before.contents)])
      .findLast((node) => (node as { anchor?: string }).anchor === name);
    if (anchor) {
      return {
        offset: firstAlias(name),
        message: `This document could not be read: the alias *${name} refers to the anchor &${name} of an earlier document (line ${lines.linePos(anchor.range?.[0] ?? 0).line}), and anchors do not cross documents (---). Repeat that value here, or define &${name} in this document.`,
      };
    }
    return {
      offset: firstAlias(name),
      message: `This document could not be read: the alias *${name} refers to no anchor; define &${name} before it is used.`,
    };
  }
  return { offset: start, message: `This document could not be read: ${text}.` };
}

/**
 * Splits every file into documents and reads each one. Never throws: syntax errors, alias bombs,
 * overly deep nesting and oversized input become diagnostics, and only the document at fault is
 * left out — the rest of the workspace still evaluates.
 */
export function parseSources(files: readonly SourceFile[]): ParseResult {
  const result: ParseResult = { documents: [], objects: [], diagnostics: [] };
  let total = 0;
  for (const file of files) {
    total += file.text.length;
    if (file.text.length <= MAX_SOURCE_BYTES && total > MAX_SOURCE_BYTES) {
      result.diagnostics.push(
        errorDiagnostic(
          file.name,
          { file: file.name, line: 1, column: 1, endLine: 1, endColumn: 1 },
          'too-large',
          `${file.name} was not read: together with the files before it, the input is over ${MAX_SOURCE_BYTES / 1024 / 1024} MB. Check fewer files at a time.`,
        ),
      );
      continue;
    }
    parseFile(file, result);
  }
  return result;
}

/**
 * Cluster dumps are megabytes of plain block YAML, which fast-yaml reads about ten times faster
 * than the full parser, with the same values and source ranges. Returns false (having read
 * nothing) when the text needs the full parser: comments, anchors, flow style, errors, ...
 */
function readPlainBlockYaml(name: string, text: string, result: ParseResult): boolean {
  const fast = parseFastYaml(text, YAML_OPTIONS);
  if (!fast) return false;
  fast.documents.forEach((doc, index) => {
    // As below: the first document owns the file's leading comments.
    result.documents.push({ file: name, index, start: index === 0 ? 0 : doc.start, end: doc.end, ok: true });
    result.objects.push({
      file: name,
      documentIndex: index,
      value: doc.value,
      locate(path) {
        const [start, end] = locateFast(doc, path);
        return locationAt(name, fast.lines, start, end);
      },
    });
  });
  return true;
}

/**
 * `kubectl get -o json` dumps are megabytes of JSON, which JSON.parse reads many times faster
 * than the YAML parser, with the same value and source ranges (see fast-json.ts). Returns false
 * (having read nothing) when the text is not JSON the two read alike.
 */
function readJson(name: string, text: string, lines: LineCounter, result: ParseResult): boolean {
  const first = text.search(/\S/);
  if (text[first] !== '{' && text[first] !== '[') return false;
  const json = parseFastJson(text);
  if (!json) return false;
  result.documents.push({ file: name, index: 0, start: 0, end: text.length, ok: true });
  result.objects.push({
    file: name,
    documentIndex: 0,
    value: json.value,
    locate(path) {
      const [start, end] = json.locate(path);
      return locationAt(name, lines, start, end);
    },
  });
  return true;
}

/** Files longer than four times this are first read this far, to tell garbage from YAML cheaply. */
const PROBE_CHARS = 256 * 1024;

interface Composed {
  docs: Document.Parsed[];
  /** Errors built (at most MAX_SYNTAX_ERRORS) and errors only counted. */
  kept: number;
  dropped: number;
  firstDropped: number;
  /** Stray tokens after a document's first one: how many, and where the last one is. */
  followOn: Map<Document.Parsed, { count: number; last: number }>;
}

/**
 * Parses with the `yaml` package, building at most MAX_SYNTAX_ERRORS errors. A broken document
 * past the cap gets a shared placeholder, so it is still known to be broken; the rest are counted.
 */
function composeCapped(text: string): Composed {
  // The package's own duplicate-key check compares every key with every other one: a mapping of
  // 40,000 keys takes half a minute. findDuplicateKeys does the same check in linear time.
  const composer = new Composer({ ...YAML_OPTIONS, uniqueKeys: false });
  const out: Composed = { docs: [], kept: 0, dropped: 0, firstDropped: 0, followOn: new Map() };
  const internals = composer as unknown as {
    onError?: (source: unknown, code: string, message: string, warning?: boolean) => void;
    errors?: unknown[];
  };
  const onError = internals.onError;
  if (typeof onError === 'function' && Array.isArray(internals.errors)) {
    internals.onError = (source, code, message, warning) => {
      if (warning) return;
      if (out.kept < MAX_SYNTAX_ERRORS) {
        out.kept++;
        onError(source, code, message, warning);
        return;
      }
      if (out.dropped++ === 0) out.firstDropped = errorOffset(source);
      if (internals.errors?.length === 0) internals.errors.push(DROPPED);
    };
  }
  // Stray tokens (`]` at the top level, ...) reach the composer as error tokens, which it turns
  // into errors itself, past onError: cap them here.
  const state = composer as unknown as { doc?: { errors?: unknown[] } | null; atDirectives?: boolean };
  function* capped(tokens: Iterable<CST.Token>): Generator<CST.Token> {
    const seen = new Set<object>();
    for (const token of tokens) {
      if (token.type !== 'error') {
        yield token;
        continue;
      }
      // Once a line does not fit, every token after it in the document is "unexpected" too: one
      // message for the first, a count for the rest.
      const doc = state.atDirectives ? null : (state.doc as Document.Parsed | null | undefined);
      if (doc && seen.has(doc)) {
        const entry = out.followOn.get(doc) ?? { count: 0, last: token.offset };
        entry.count++;
        entry.last = token.offset;
        out.followOn.set(doc, entry);
        continue;
      }
      if (doc) seen.add(doc);
      if (out.kept < MAX_SYNTAX_ERRORS) {
        out.kept++;
        yield token;
        continue;
      }
      if (out.dropped++ === 0) out.firstDropped = token.offset;
      const target = state.atDirectives || !state.doc ? internals.errors : state.doc.errors;
      if (Array.isArray(target) && target.length === 0) target.push(DROPPED);
    }
  }
  out.docs = Array.from(composer.compose(capped(new Parser().parse(text)))) as Document.Parsed[];
  for (const doc of out.docs) findDuplicateKeys(doc, out);
  return out;
}

/** DUPLICATE_KEY errors, as the `yaml` package reports them (same keys, same place), in linear time. */
function findDuplicateKeys(doc: Document.Parsed, out: Composed): void {
  for (const node of walkNodes(doc.contents)) {
    if (!isMap(node)) continue;
    const keys = new Set<unknown>();
    for (const { key } of node.items) {
      if (!isScalar(key)) continue;
      if (!keys.has(key.value)) {
        keys.add(key.value);
        continue;
      }
      const at = key.range?.[0] ?? 0;
      if (out.kept < MAX_SYNTAX_ERRORS) {
        out.kept++;
        doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
      } else {
        if (out.dropped++ === 0) out.firstDropped = at;
        if (doc.errors.length === 0) doc.errors.push(DROPPED);
      }
    }
  }
}

function parseFile({ name, text }: SourceFile, result: ParseResult): void {
  const fileStart = { file: name, line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (text.length > MAX_SOURCE_BYTES) {
    const megabytes = Math.round(text.length / 1024 / 1024);
    result.diagnostics.push(
      errorDiagnostic(
        name,
        fileStart,
        'too-large',
        `${name} is ${megabytes} MB; files over ${MAX_SOURCE_BYTES / 1024 / 1024} MB are not read. Split it into smaller files.`,
      ),
    );
    return;
  }
  if (text.includes('\u0000')) {
    result.diagnostics.push(
      errorDiagnostic(
        name,
        fileStart,
        'binary',
        `${name} looks like binary data (it contains NUL bytes), not YAML or JSON.`,
      ),
    );
    return;
  }
  let contentEnd = text.length;
  while (contentEnd > 0 && /\s/.test(text[contentEnd - 1]!)) contentEnd--;
  const lines = lineCounterOf(text);
  const context: FileContext = { name, text, lines, contentEnd, result, seen: new Set() };
  const lineEnding = lineEndingProblem(name, text);
  // Text JSON.parse reads has no comment, no second value and no byte-order mark but the first.
  if (!lineEnding && readJson(name, text, lines, result)) return;
  const refusal = lineEnding ?? jsonProblem(text);
  if (refusal) {
    // One clear message instead of the parser's many about what follows from it.
    result.documents.push({ file: name, index: 0, start: 0, end: text.length, ok: false });
    push(context, refusal.offset, refusal.offset, refusal.code, refusal.message);
    return;
  }
  for (const offset of innerByteOrderMarks(text)) {
    push(
      context,
      offset,
      offset,
      'bom-in-document',
      'A byte-order mark (U+FEFF, invisible) starts this line: files saved with a BOM were joined here. Remove it: it makes the first key read as "\\ufeffapiVersion" (or such), not as the key you see.',
    );
    context.result.diagnostics.at(-1)!.blocking = false;
  }
  if (readPlainBlockYaml(name, text, result)) return;
  let composed: Composed;
  try {
    // A big file of garbage costs the parser seconds and gigabytes before its first error is
    // known; a look at its beginning tells garbage from YAML with a few mistakes.
    if (text.length > 4 * PROBE_CHARS) {
      const cut = text.lastIndexOf('\n', PROBE_CHARS) + 1 || PROBE_CHARS;
      const probe = composeCapped(text.slice(0, cut));
      const strays = [...probe.followOn.values()].reduce((sum, { count }) => sum + count, 0);
      if (probe.kept + probe.dropped + strays > MAX_SYNTAX_ERRORS) {
        result.documents.push({ file: name, index: 0, start: 0, end: text.length, ok: false });
        const probeContext: FileContext = { ...context, contentEnd: cut };
        for (const doc of probe.docs) reportSyntaxErrors(probeContext, doc, probe.followOn.get(doc));
        push(
          probeContext,
          cut - 1,
          cut - 1,
          'yaml-too-many-errors',
          `${name} was not read past line ${lines.linePos(cut - 1).line}: its first ${PROBE_CHARS / 1024} KB already hold more than ${MAX_SYNTAX_ERRORS} YAML errors. Fix the ones above first (is this file YAML at all?)`,
        );
        return;
      }
    }
    composed = composeCapped(text);
  } catch (error) {
    result.diagnostics.push(
      errorDiagnostic(
        name,
        fileStart,
        'yaml',
        `${name} could not be read as YAML: ${error instanceof RangeError ? 'it is nested too deeply' : String(error)}`,
      ),
    );
    return;
  }
  const { docs, dropped, firstDropped, followOn } = composed;
  docs.forEach((doc, index) => {
    // The first document owns the file's leading comments, which the parser leaves outside its range.
    const start = index === 0 ? 0 : doc.range[0];
    const end = doc.range[2];
    const entry: SourceDocument = { file: name, index, start, end, ok: doc.errors.length === 0 };
    result.documents.push(entry);
    reportSyntaxErrors(context, doc, followOn.get(doc));
    if (!entry.ok || doc.contents === null) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      entry.ok = false;
      const { offset, message } = describeExpandError(doc, error, docs.slice(0, index), lines);
      push(context, offset, offset, 'yaml-expand', message);
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
  if (dropped > 0) {
    push(
      context,
      firstDropped,
      firstDropped,
      'yaml-too-many-errors',
      `${dropped} more YAML error${dropped === 1 ? '' : 's'} in ${name} ${dropped === 1 ? 'is' : 'are'} not listed: fix the ones above first (is this file YAML at all?)`,
    );
  }
}
