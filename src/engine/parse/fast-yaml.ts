import {
  Document,
  isScalar,
  LineCounter,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import type { FieldPath } from '../diagnostics';

/**
 * A fast reader for the plain block YAML that `kubectl get -o yaml` and YAML serializers write:
 * block mappings and sequences, single-line plain and quoted scalars, `{}`/`[]`, and literal
 * block scalars (`|`, as in last-applied-configuration). It reads such text about ten times
 * faster than the `yaml` package, which a multi-megabyte cluster dump needs.
 *
 * It is exact or silent: it either returns what the `yaml` package would (the same values,
 * resolved with the same schema and tags, and the same source ranges for every node and document)
 * or `null` as soon as it meets anything else — comments, anchors, tags, flow collections with
 * content, multi-line or escaped scalars, folded scalars, tabs, CRLF, duplicate or non-string
 * keys, directives, empty documents — and the caller then uses the `yaml` package. Errors are
 * never reported here, so every diagnostic still comes from the one real parser.
 */

/**
 * A mapping or sequence, with source ranges as the `yaml` package gives them: `start`, `end`
 * (where its value ends) and `nodeEnd` (after trailing spaces and the newline). Scalars get no
 * node of their own (a dump holds millions): their range is kept in their parent's `spans`.
 */
export interface FastNode {
  start: number;
  end: number;
  nodeEnd: number;
  /** A mapping's keys, in order. */
  keys?: string[];
  isSeq?: boolean;
  /** Start and end of each value or item, flattened: [start0, end0, start1, end1, ...]. */
  spans: number[];
  /** Each value or item that is itself a mapping or sequence; null for scalars. */
  nested: (FastNode | null)[];
}

export interface FastDocument {
  /** Document range: where it starts (its `---`, if any) and where it ends (the next `---` or the end of the text). */
  start: number;
  end: number;
  contents: FastNode;
  value: unknown;
}

export interface FastParse {
  documents: FastDocument[];
  /** Line starts, exactly as the `yaml` parser's LineCounter records them. */
  lines: LineCounter;
}

export type FastYamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown inside the reader to give up; never escapes it. */
class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const NEWLINE = 10;
const SPACE = 32;
const COLON = 58;
const HASH = 35;
const DASH = 45;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

type ScalarTag = {
  default?: boolean | 'key';
  test?: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
};

/**
 * Plain scalars resolve as composer's findScalarTagByTest does, through the schema's own tags, so
 * `yes`, `0755` and `1e3` mean here what they mean there. (Tags marked default 'key', the merge
 * key `<<`, apply only to keys.)
 */
class ScalarResolver {
  private readonly valueTags: ScalarTag[];
  private readonly keyTags: ScalarTag[];
  /** One test for "does any tag apply?", so the common case (a plain string) costs one match. */
  private readonly anyValueTag: RegExp | null;
  private readonly options: unknown;
  /**
   * Keys repeat endlessly in a dump: remember which are plain strings, and hand out one copy of
   * each, so the values built share it instead of holding a fresh slice of the text per key.
   */
  private readonly plainKeys = new Map<string, string>();
  private failed = false;
  private readonly onError = () => {
    this.failed = true;
  };

  constructor(options: FastYamlOptions) {
    const document = new Document(null, options);
    const tags = document.schema.tags as unknown as ScalarTag[];
    this.valueTags = tags.filter((tag) => tag.test && tag.default === true);
    this.keyTags = tags.filter((tag) => tag.test && (tag.default === true || tag.default === 'key'));
    const combinable = this.valueTags.every((tag) => tag.test!.flags === '');
    this.anyValueTag = combinable
      ? new RegExp(this.valueTags.map((tag) => `(?:${tag.test!.source})`).join('|'))
      : null;
    this.options = document.options;
  }

  /** A plain mapping key, which must read as the string it is; anything else is left to the real parser. */
  key(text: string): string {
    const known = this.plainKeys.get(text);
    if (known !== undefined) return known;
    if (this.keyTags.some((tag) => tag.test!.test(text))) giveUp(); // `true: x`, `1: x`, `<<: ...`
    this.plainKeys.set(text, text);
    return text;
  }

  value(text: string): unknown {
    if (this.anyValueTag && !this.anyValueTag.test(text)) return text;
    const tag = this.valueTags.find((candidate) => candidate.test!.test(text));
    if (!tag) return text;
    this.failed = false;
    let value = tag.resolve(text, this.onError, this.options);
    // Some tags return a Scalar (to keep how the value was written); toJS reads its value.
    if (isScalar(value)) value = value.value;
    if (this.failed || (value !== null && typeof value === 'object') || typeof value === 'bigint') giveUp();
    return value;
  }
}

/** Characters a plain scalar may not start with (YAML indicators), besides `-` handled apart. */
const INDICATOR = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/**
 * Reads line by line. To keep allocation low (it dominates the time on large input), the line
 * under the cursor and the node just read live in fields rather than in returned objects.
 */
class Reader {
  private readonly length: number;
  /** The next line not yet consumed. */
  private pos = 0;
  /** The line peek() found: where it starts, its indentation, its first character, its end. */
  private lineStart = 0;
  private indent = 0;
  private content = 0;
  private lineEnd = 0;
  /** The node just read: its value, range, and its FastNode if it is a collection. */
  private value: unknown;
  private start = 0;
  private end = 0;
  private nodeEnd = 0;
  private node: FastNode | null = null;
  /** The key keyAt() found and where it ends. */
  private key = '';
  private keyEnd = 0;

  constructor(
    private readonly text: string,
    private readonly scalars: ScalarResolver,
  ) {
    this.length = text.length;
  }

  read(): FastDocument[] {
    const documents: FastDocument[] = [];
    this.skipLeadingComments();
    // Without a leading `---`, the first document starts at its first line with content.
    let start = this.pos < this.length && this.isMarker(this.pos) ? this.pos : -1;
    if (start >= 0) this.pos = this.lineEndOf(start) + 1;
    for (;;) {
      if (!this.peek() || this.indent !== 0) giveUp(); // an empty or indented document
      if (start < 0) start = this.lineStart;
      this.block();
      const contents = this.node!;
      const value = this.value;
      if (this.peek()) giveUp(); // something left at column 0 that belongs to no node
      const next = this.pos < this.length && this.isMarker(this.pos) ? this.pos : -1;
      // The yaml package ends a document after its trailing blank lines, except when its last
      // node is an empty value: then the document ends there, before that line's newline.
      const endsMidLine =
        contents.nodeEnd < this.length && this.text.charCodeAt(contents.nodeEnd - 1) !== NEWLINE;
      const end = endsMidLine ? contents.nodeEnd : next < 0 ? this.length : next;
      documents.push({ start, end, contents, value });
      if (next < 0) return documents;
      start = next;
      this.pos = this.lineEndOf(next) + 1;
      if (this.pos > this.length) giveUp(); // `---` as the last line: an empty document
    }
  }

  /**
   * Comment lines before the first document (a file's header) are read as the yaml package
   * reads them: they belong to no node. Comments anywhere else are left to the real parser.
   */
  private skipLeadingComments(): void {
    const t = this.text;
    let start = 0;
    while (start < this.length) {
      let p = start;
      while (p < this.length && t.charCodeAt(p) === SPACE) p++;
      if (p < this.length && t.charCodeAt(p) !== NEWLINE && t.charCodeAt(p) !== HASH) break;
      start = this.lineEndOf(p) + 1;
    }
    this.pos = Math.min(start, this.length);
  }

  private lineEndOf(start: number): number {
    const end = this.text.indexOf('\n', start);
    return end < 0 ? this.length : end;
  }

  /** `---` alone on a line; `---` with more, and `...`, are left to the real parser. */
  private isMarker(start: number): boolean {
    const t = this.text;
    if (t.startsWith('---', start)) {
      const after = start + 3;
      if (after === this.length || t.charCodeAt(after) === NEWLINE) return true;
      giveUp();
    }
    if (t.startsWith('...', start)) giveUp();
    return false;
  }

  /**
   * Finds the next line with content without consuming it (blank lines before it are skipped
   * for good); false at the end of the text or at `---`.
   */
  private peek(): boolean {
    const t = this.text;
    let start = this.pos;
    while (start < this.length) {
      let p = start;
      while (p < this.length && t.charCodeAt(p) === SPACE) p++;
      const c = p < this.length ? t.charCodeAt(p) : NEWLINE;
      if (c === NEWLINE) {
        start = p + 1;
        continue;
      }
      if (c === HASH) giveUp();
      this.pos = start;
      if (p === start && this.isMarker(start)) return false;
      this.lineStart = start;
      this.indent = p - start;
      this.content = p;
      this.lineEnd = this.lineEndOf(p);
      return true;
    }
    this.pos = this.length;
    return false;
  }

  /** Whether a sequence entry (`- ` or a lone `-`) starts at `at`. */
  private isDash(at: number, lineEnd: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 === lineEnd || this.text.charCodeAt(at + 1) === SPACE;
  }

  /** A block node whose first line peek() just found (its indentation is the node's column). */
  private block(): void {
    if (this.isDash(this.content, this.lineEnd)) this.sequence(this.indent, -1);
    else this.mapping(this.content, this.indent, this.lineEnd);
  }

  /** Where the `: ` (or final `:`) of a mapping entry starting at `from` is, or -1. */
  private colonOf(from: number, lineEnd: number): number {
    const t = this.text;
    const first = t.charCodeAt(from);
    if (INDICATOR.has(first) || this.isDash(from, lineEnd)) return -1;
    for (let p = from; p < lineEnd; p++) {
      const c = t.charCodeAt(p);
      if (c === COLON && (p + 1 === lineEnd || t.charCodeAt(p + 1) === SPACE)) return p;
      if (c === HASH && t.charCodeAt(p - 1) === SPACE) giveUp(); // a comment
    }
    return -1;
  }

  /** A quoted scalar on one line starting at `q`, into `value`; returns where it ends. No escapes. */
  private quoted(q: number, lineEnd: number): number {
    const t = this.text;
    if (t.charCodeAt(q) === DOUBLE_QUOTE) {
      const close = t.indexOf('"', q + 1);
      if (close < 0 || close > lineEnd) giveUp();
      const body = t.slice(q + 1, close);
      if (body.includes('\\')) giveUp();
      this.value = body;
      return close + 1;
    }
    let p = q + 1;
    for (;;) {
      p = t.indexOf("'", p);
      if (p < 0 || p > lineEnd) giveUp();
      if (t.charCodeAt(p + 1) !== SINGLE_QUOTE) break;
      p += 2;
    }
    this.value = t.slice(q + 1, p).replaceAll("''", "'");
    return p + 1;
  }

  /** Whether a mapping entry (`key: ...` or `key:`) starts at `from`; sets `key` and `keyEnd`. */
  private keyAt(from: number, lineEnd: number): boolean {
    const t = this.text;
    const first = t.charCodeAt(from);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const end = this.quoted(from, lineEnd);
      if (t.charCodeAt(end) !== COLON || !(end + 1 === lineEnd || t.charCodeAt(end + 1) === SPACE))
        return false;
      this.key = this.value as string;
      this.keyEnd = end;
      return true;
    }
    const colon = this.colonOf(from, lineEnd);
    if (colon < 0) return false;
    if (t.charCodeAt(colon - 1) === SPACE || colon - from > 1000) giveUp();
    this.key = this.scalars.key(t.slice(from, colon));
    this.keyEnd = colon;
    return true;
  }

  /** Records the node just read as a child of a collection. */
  private adopt(spans: number[], nested: (FastNode | null)[]): void {
    spans.push(this.start, this.end);
    nested.push(this.node);
  }

  private mapping(first: number, column: number, firstLineEnd: number): void {
    const t = this.text;
    const value: Record<string, unknown> = {};
    const keys: string[] = [];
    const spans: number[] = [];
    const nested: (FastNode | null)[] = [];
    let keyStart = first;
    let lineEnd = firstLineEnd;
    for (;;) {
      if (!this.keyAt(keyStart, lineEnd)) giveUp();
      const key = this.key;
      if (key === '__proto__' || Object.hasOwn(value, key)) giveUp();
      let q = this.keyEnd + 1;
      while (q < lineEnd && t.charCodeAt(q) === SPACE) q++;
      if (q === lineEnd) {
        this.pos = lineEnd + 1;
        const more = this.peek();
        if (more && this.indent > column) this.block();
        else if (more && this.indent === column && this.isDash(this.content, this.lineEnd))
          this.sequence(column, -1);
        else this.empty(q);
      } else this.inline(q, lineEnd, column);
      value[key] = this.value;
      keys.push(key);
      this.adopt(spans, nested);
      if (!this.peek() || this.indent < column) break;
      if (this.indent > column || this.isDash(this.content, this.lineEnd)) giveUp();
      keyStart = this.content;
      lineEnd = this.lineEnd;
    }
    this.value = value;
    this.collection(first, keys, spans, nested);
  }

  /** Sets the node just read to a collection ending where its last child does. */
  private collection(
    start: number,
    keys: string[] | null,
    spans: number[],
    nested: (FastNode | null)[],
  ): void {
    const end = this.nodeEnd;
    const node: FastNode = { start, end, nodeEnd: end, spans, nested };
    if (keys) node.keys = keys;
    else node.isSeq = true;
    this.start = start;
    this.end = end;
    this.node = node;
  }

  /**
   * A block sequence at `column`. `compactDash` is its first dash when it starts mid-line
   * (`- - x`, on the line peek() found); -1 when it starts on a line of its own.
   */
  private sequence(column: number, compactDash: number): void {
    const t = this.text;
    const value: unknown[] = [];
    const spans: number[] = [];
    const nested: (FastNode | null)[] = [];
    let start = -1;
    for (;;) {
      let dash: number;
      if (compactDash >= 0) {
        dash = compactDash;
        compactDash = -1;
      } else {
        if (!this.peek() || this.indent < column) break;
        if (this.indent > column) giveUp();
        if (!this.isDash(this.content, this.lineEnd)) break;
        dash = this.content;
      }
      const lineStart = this.lineStart;
      const lineEnd = this.lineEnd;
      if (start < 0) start = dash;
      let q = dash + 1;
      while (q < lineEnd && t.charCodeAt(q) === SPACE) q++;
      if (q === lineEnd) {
        this.pos = lineEnd + 1;
        if (this.peek() && this.indent > column) this.block();
        else this.empty(q);
      } else if (this.keyAt(q, lineEnd)) this.mapping(q, q - lineStart, lineEnd);
      else if (this.isDash(q, lineEnd)) this.sequence(q - lineStart, q);
      else this.inline(q, lineEnd, column);
      value.push(this.value);
      this.adopt(spans, nested);
    }
    this.value = value;
    this.collection(start, null, spans, nested);
  }

  /** `key:` or `-` with nothing after: a null scalar at the end of the line. */
  private empty(at: number): void {
    this.value = null;
    this.scalar(at, at, at);
  }

  private scalar(start: number, end: number, nodeEnd: number): void {
    this.start = start;
    this.end = end;
    this.nodeEnd = nodeEnd;
    this.node = null;
  }

  /** A value that starts on its key's (or dash's) line, at `q`; `column` is its parent's. */
  private inline(q: number, lineEnd: number, column: number): void {
    const t = this.text;
    const c = t.charCodeAt(q);
    if (c === 124 /* | */) return this.literal(q, lineEnd, column);
    let end: number;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      end = this.quoted(q, lineEnd);
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      let p = q + 1;
      while (p < lineEnd && t.charCodeAt(p) === SPACE) p++;
      if (t.charCodeAt(p) !== (c === 123 ? 125 : 93)) giveUp();
      end = p + 1;
      const value = c === 123 ? {} : [];
      this.finishLine(end, lineEnd, column);
      const node: FastNode = { start: q, end, nodeEnd: this.nodeEndOf(lineEnd), spans: [], nested: [] };
      if (c === 123) node.keys = [];
      else node.isSeq = true;
      this.value = value;
      this.scalar(q, end, node.nodeEnd);
      this.node = node;
      return;
    } else {
      if (INDICATOR.has(c) || this.isDash(q, lineEnd)) giveUp();
      end = lineEnd;
      while (t.charCodeAt(end - 1) === SPACE) end--;
      for (let p = q; p < end; p++) {
        const ch = t.charCodeAt(p);
        if (ch === COLON && (p + 1 === end || t.charCodeAt(p + 1) === SPACE)) giveUp(); // a nested mapping
        if (ch === HASH && t.charCodeAt(p - 1) === SPACE) giveUp(); // a comment
      }
      this.value = this.scalars.value(t.slice(q, end));
    }
    const value = this.value;
    this.finishLine(end, lineEnd, column);
    this.value = value;
    this.scalar(q, end, this.nodeEndOf(lineEnd));
  }

  private nodeEndOf(lineEnd: number): number {
    return lineEnd === this.length ? lineEnd : lineEnd + 1;
  }

  /** Only spaces may follow a value on its line, and no more-indented line may continue it. */
  private finishLine(end: number, lineEnd: number, column: number): void {
    for (let p = end; p < lineEnd; p++) if (this.text.charCodeAt(p) !== SPACE) giveUp();
    this.pos = lineEnd + 1;
    if (this.peek() && this.indent > column) giveUp();
  }

  /** A literal block scalar `|`, `|-` or `|+` whose lines are indented past `column`. */
  private literal(q: number, lineEnd: number, column: number): void {
    const t = this.text;
    let p = q + 1;
    const chomp = t.charCodeAt(p) === DASH ? 'strip' : t.charCodeAt(p) === 43 /* + */ ? 'keep' : 'clip';
    if (chomp !== 'clip') p++;
    for (; p < lineEnd; p++) if (t.charCodeAt(p) !== SPACE) giveUp(); // indentation indicators, comments
    if (lineEnd === this.length) giveUp();
    const lines: string[] = [];
    let indent = -1;
    let lineStart = lineEnd + 1;
    let contentEnd = -1; // after the newline of the last line with content
    let blanks = 0;
    while (lineStart < this.length) {
      let s = lineStart;
      while (s < this.length && t.charCodeAt(s) === SPACE) s++;
      const end = this.lineEndOf(lineStart);
      if (s === end) {
        if (s !== lineStart || indent < 0) giveUp(); // whitespace-only or leading blank lines
        blanks++;
        lineStart = end + 1;
        continue;
      }
      const lineIndent = s - lineStart;
      if (indent < 0) {
        if (lineIndent <= column) giveUp(); // an empty block scalar
        indent = lineIndent;
      }
      if (lineIndent < indent) break;
      if (end === this.length) giveUp(); // last line without a newline
      for (let b = 0; b < blanks; b++) lines.push('');
      blanks = 0;
      lines.push(t.slice(lineStart + indent, end));
      contentEnd = end + 1;
      lineStart = end + 1;
    }
    let value = lines.join('\n');
    let end = contentEnd;
    if (chomp === 'clip') value += '\n';
    else if (chomp === 'keep') {
      value += '\n'.repeat(blanks + 1);
      end = Math.min(lineStart, this.length);
    }
    this.pos = end;
    if (this.peek() && this.indent > column) giveUp();
    this.value = value;
    this.scalar(q, end, end);
  }
}

function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines.addNewLine(p + 1);
  return lines;
}

/**
 * Characters the reader leaves to the real parser: tabs and carriage returns (their rules are
 * subtle), other control characters, line and paragraph separators, byte-order marks and
 * non-characters (which YAML forbids or treats specially).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

const resolvers = new WeakMap<object, ScalarResolver>();

/**
 * Reads `text` if it is plain block YAML (see above), with the same options the `yaml` parser
 * gets; returns null otherwise. Never throws.
 */
export function parseFastYaml(text: string, options: FastYamlOptions): FastParse | null {
  if (UNUSUAL.test(text)) return null;
  try {
    let scalars = resolvers.get(options);
    if (!scalars) resolvers.set(options, (scalars = new ScalarResolver(options)));
    const documents = new Reader(text, scalars).read();
    return { documents, lines: lineCounterOf(text) };
  } catch (error) {
    if (error instanceof GiveUp || error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * The range of the node at `path` (or of the deepest one that exists on the way), as
 * parse-sources' nodeAt finds it in the `yaml` package's nodes.
 */
export function locateFast(document: FastDocument, path: FieldPath): [number, number] {
  let node: FastNode | null = document.contents;
  let start = node.start;
  let end = node.end;
  for (const part of path) {
    if (!node) break; // a scalar: nothing inside
    let index = -1;
    if (node.keys) index = node.keys.indexOf(String(part));
    else if (typeof part === 'number' && Number.isInteger(part) && part >= 0 && part < node.nested.length)
      index = part;
    if (index < 0) break;
    start = node.spans[2 * index]!;
    end = node.spans[2 * index + 1]!;
    node = node.nested[index]!;
  }
  return [start, end];
}
