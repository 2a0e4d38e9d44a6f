/**
 * Rewrites one YAML node's text so that it reads as a new value, touching as little text as it can:
 * items of block collections that keep their value keep their text byte for byte (comments and
 * blank lines included), changed scalars keep their quotes and trailing comments, and only new or
 * restructured parts are written anew, in the document's own layout (yaml-style.ts).
 */
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { isRecord } from '../util/raw';
import { alignLists } from './list-alignment';
import { deepEqual, isInlineValue } from './values';
import { columnOf, indentContinuation, renderYaml, type QuoteType, type YamlStyle } from './yaml-style';

/** A layout this module does not edit in place; the enclosing node is then written anew. */
class UnsupportedLayout extends Error {}

interface Context {
  text: string;
  doc: Document.Parsed;
  style: YamlStyle;
}

/** Key order of Kubernetes manifests as people write them; a new key goes before the first later one. */
const KEY_ORDER = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'replicas',
  'selector',
  'template',
  'containers',
  'image',
  'containerPort',
  'tier',
  'priority',
  'subject',
  'namespaceSelector',
  'podSelector',
  'policyTypes',
  'ingress',
  'egress',
  'action',
  'from',
  'to',
  'ports',
  'protocols',
  'ipBlock',
  'cidr',
  'except',
  'protocol',
  'port',
  'endPort',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
];

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The replacement that makes the document's top-level value read as `value`. */
export function rewriteContents(
  text: string,
  doc: Document.Parsed,
  value: unknown,
  style: YamlStyle,
): Replacement {
  const contents = doc.contents as Node | null;
  if (!contents?.range) throw new Error('only documents with contents can be rewritten');
  const context: Context = { text, doc, style };
  let end = lineEndAfter(text, contents.range[1]);
  try {
    if (usesAliases(doc)) throw new UnsupportedLayout('aliases, which tie parts of the document together');
    const region = regionOf(context, contents);
    end = region[1];
    return { start: region[0], end, text: rewriteNode(context, contents, value) };
  } catch (error) {
    if (!(error instanceof UnsupportedLayout)) throw error;
    // Comments inside the value are lost here; those above and after it are kept.
    return { start: contents.range[0], end, text: renderYaml(value, style) };
  }
}

function usesAliases(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

function isBlockCollection(node: unknown): node is YAMLMap | YAMLSeq {
  return isCollection(node) && !node.flow;
}

function jsOf(context: Context, node: Node): unknown {
  return node.toJS(context.doc, { maxAliasCount: 1000 });
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the line that holds `offset` (or `offset` itself when it already starts a line). */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Where the last scalar, alias or flow collection inside a node ends (block ranges overshoot). */
function contentEnd(node: Node): number {
  if (isBlockCollection(node)) {
    const last: unknown = node.items[node.items.length - 1];
    if (isPair(last)) {
      const value = last.value as Node | null;
      return contentEnd(value?.range ? value : (last.key as Node));
    }
    if (!last) throw new UnsupportedLayout('an empty block collection');
    return contentEnd(last as Node);
  }
  if (!node?.range) throw new UnsupportedLayout('a node without a source range');
  return node.range[1];
}

/**
 * The text a node owns: exactly its range for scalars and flow collections; for a block collection,
 * from the comment lines above its first item (when that item starts its line) to the end of the
 * line its content ends on.
 */
function regionOf(context: Context, node: Node): [number, number] {
  if (!node.range) throw new UnsupportedLayout('a node without a source range');
  if (!isBlockCollection(node)) return [node.range[0], node.range[1]];
  return [blockStart(context.text, node.range[0]), lineEndAfter(context.text, contentEnd(node))];
}

function startsItsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

function blockStart(text: string, first: number): number {
  return startsItsLine(text, first)
    ? leadingCommentsStart(text, lineStart(text, first), 0, columnOf(text, first))
    : first;
}

/** Whether the node's place can hold the new value without rewriting its key or dash. */
function fitsInPlace(node: Node, value: unknown): boolean {
  if (!node.range || node.range[0] === node.range[1]) return false; // `key:` with nothing after it
  if (isScalar(node) || isAlias(node)) return isInlineValue(value);
  if (isMap(node) && !node.flow)
    return isRecord(value) && !(value instanceof Date) && Object.keys(value).length > 0;
  if (isSeq(node) && !node.flow) return Array.isArray(value) && value.length > 0;
  // The author chose flow style for this collection; `{}` and `[]` are just how block YAML says "empty".
  return isCollection(node) && node.items.length === 0 ? isInlineValue(value) : true;
}

function rewriteNode(context: Context, node: Node, value: unknown): string {
  if (deepEqual(jsOf(context, node), value)) return context.text.slice(...regionOf(context, node));
  if (isMap(node) && !node.flow && isRecord(value)) return rewriteBlockMap(context, node, value);
  if (isSeq(node) && !node.flow && Array.isArray(value)) return rewriteBlockSeq(context, node, value);
  if (isCollection(node) && node.flow) return rewriteFlow(context, node, value);
  if (isScalar(node) || isAlias(node))
    return renderInline(context, value, isScalar(node) ? node.type : undefined);
  throw new UnsupportedLayout('a value of another shape');
}

function renderInline(context: Context, value: unknown, quote?: QuoteType): string {
  const text = renderYaml(value, context.style, { flow: true, quote }).replace(/\n$/, '');
  if (text.includes('\n')) throw new UnsupportedLayout('a multi-line value in an inline place');
  return text;
}

/** A flow collection on several lines is JSON-like (a JSON document, usually): it stays JSON. */
function rewriteFlow(context: Context, node: YAMLMap | YAMLSeq, value: unknown): string {
  const [start, end] = regionOf(context, node);
  if (!context.text.slice(start, end).includes('\n')) return renderInline(context, value);
  const first = node.items[0];
  const firstNode = (isPair(first) ? first.key : first) as Node | null;
  const indent = firstNode?.range
    ? Math.max(1, columnOf(context.text, firstNode.range[0]) - columnOf(context.text, start))
    : context.style.indent;
  return indentContinuation(JSON.stringify(value, null, indent), columnOf(context.text, start));
}

interface ItemLayout {
  /** Where the item begins: its key, or its `-`. */
  start: number;
  /** After the line on which its content ends (trailing comment included). */
  ownEnd: number;
  /** Where its line begins, or the comment lines just above it (its `start` for a first item that shares its line). */
  head: number;
}

interface BlockLayout {
  column: number;
  /** The first item starts its line, so the collection's text holds that line's indentation too. */
  ownsFirstLine: boolean;
  items: ItemLayout[];
}

function layoutBlock(context: Context, node: YAMLMap | YAMLSeq): BlockLayout {
  const { text } = context;
  const first = node.range![0];
  const column = columnOf(text, first);
  const items: ItemLayout[] = [];
  node.items.forEach((item: unknown, i) => {
    const previous = items[i - 1];
    const start = isPair(item)
      ? keyStart(item.key)
      : i === 0
        ? first
        : dashBefore(text, item as Node, column, previous!.ownEnd);
    if (isSeq(node) && text[start] !== '-') throw new UnsupportedLayout('a sequence item without its dash');
    const last = isPair(item)
      ? (item.value as Node | null)?.range
        ? (item.value as Node)
        : (item.key as Node)
      : (item as Node);
    const ownEnd = lineEndAfter(text, contentEnd(last));
    let head = blockStart(text, start);
    if (previous) {
      if (text.slice(lineStart(text, start), start) !== ' '.repeat(column) || previous.ownEnd > start) {
        throw new UnsupportedLayout('items that do not line up');
      }
      head = leadingCommentsStart(text, lineStart(text, start), previous.ownEnd, column);
    }
    items.push({ start, ownEnd, head });
  });
  return { column, ownsFirstLine: startsItsLine(text, first), items };
}

function keyStart(key: unknown): number {
  if (!isScalar(key) || !key.range || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
    throw new UnsupportedLayout('a key that is not a plain string');
  }
  return key.range[0];
}

/** The `-` of a sequence item: at the sequence's column, on the item's line or a line above it. */
function dashBefore(text: string, item: Node, column: number, notBefore: number): number {
  if (!item?.range) throw new UnsupportedLayout('a sequence item without a source range');
  for (let line = lineStart(text, item.range[0]); line >= notBefore; line = lineStart(text, line - 1)) {
    if (text.slice(line, line + column).trim() === '' && text[line + column] === '-') return line + column;
    if (line === 0) break;
  }
  throw new UnsupportedLayout('a sequence item without its dash');
}

/** Comment lines directly above an item, at most as deep as the item, belong to it. */
function leadingCommentsStart(text: string, line: number, notBefore: number, column: number): number {
  let head = line;
  while (head > notBefore) {
    const previous = lineStart(text, head - 1);
    const content = text.slice(previous, head - 1);
    const hash = content.search(/\S/);
    if (hash < 0 || content[hash] !== '#' || hash > column) break;
    head = previous;
  }
  return head;
}

/** One item of a rewritten block collection: `from` is its index in the original, if it had one. */
interface Part {
  from?: number;
  own: string;
}

/**
 * Joins items back into a block collection. A kept item brings its leading comments and the blank
 * lines after it; a new item starts at the collection's column. When the first item shares its
 * line with a dash or key above, whatever item comes first takes that place without a lead.
 */
function assemble(context: Context, layout: BlockLayout, parts: readonly Part[]): string {
  const { text } = context;
  const { items, column } = layout;
  let out = '';
  parts.forEach((part, j) => {
    const original = part.from === undefined ? undefined : items[part.from];
    if (j > 0 && !out.endsWith('\n')) out += '\n';
    if (j > 0 || layout.ownsFirstLine) {
      const sharesLine = original && part.from === 0 && !layout.ownsFirstLine;
      out += original && !sharesLine ? text.slice(original.head, original.start) : ' '.repeat(column);
    }
    out += part.own;
    const next = part.from === undefined ? undefined : items[part.from + 1];
    if (original && next) out += text.slice(original.ownEnd, next.head);
  });
  return out;
}

function rewriteBlockMap(context: Context, node: YAMLMap, value: Record<string, unknown>): string {
  if (Object.keys(value).length === 0) throw new UnsupportedLayout('an empty map in block style');
  const layout = layoutBlock(context, node);
  const keys = node.items.map((pair) => String((pair.key as { value: unknown }).value));
  if (new Set(keys).size !== keys.length) throw new UnsupportedLayout('a map with a repeated key');
  const parts: (Part & { key: string })[] = [];
  node.items.forEach((pair, i) => {
    const key = keys[i]!;
    if (Object.hasOwn(value, key))
      parts.push({
        from: i,
        key,
        own: rewritePair(context, layout, i, pair.value as Node | null, key, value[key]),
      });
  });
  for (const [key, entry] of Object.entries(value)) {
    if (keys.includes(key)) continue;
    const rank = KEY_ORDER.indexOf(key);
    const before = rank < 0 ? -1 : parts.findIndex((part) => KEY_ORDER.indexOf(part.key) > rank);
    const part = { key, own: renderPair(context, key, entry, layout.column) };
    if (before < 0) parts.push(part);
    else parts.splice(before, 0, part);
  }
  return assemble(context, layout, parts);
}

function renderPair(context: Context, key: string, value: unknown, column: number): string {
  return indentContinuation(renderYaml({ [key]: value }, context.style), column);
}

function rewritePair(
  context: Context,
  layout: BlockLayout,
  index: number,
  valueNode: Node | null,
  key: string,
  value: unknown,
): string {
  const { start, ownEnd } = layout.items[index]!;
  return (
    rewriteInPlace(context, start, ownEnd, valueNode, value) ?? renderPair(context, key, value, layout.column)
  );
}

/** The item's text with only its value rewritten, or null when the value must be written anew. */
function rewriteInPlace(
  context: Context,
  start: number,
  ownEnd: number,
  valueNode: Node | null,
  value: unknown,
): string | null {
  const { text } = context;
  if (valueNode && deepEqual(jsOf(context, valueNode), value)) return text.slice(start, ownEnd);
  if (!valueNode || !fitsInPlace(valueNode, value)) return null;
  try {
    const [from, to] = regionOf(context, valueNode);
    return text.slice(start, from) + rewriteNode(context, valueNode, value) + text.slice(to, ownEnd);
  } catch (error) {
    if (error instanceof UnsupportedLayout) return null;
    throw error;
  }
}

function rewriteBlockSeq(context: Context, node: YAMLSeq, value: readonly unknown[]): string {
  if (value.length === 0) throw new UnsupportedLayout('an empty sequence in block style');
  const items = node.items as (Node | null)[];
  if (items.some((item) => !item?.range))
    throw new UnsupportedLayout('a sequence item without a source range');
  const layout = layoutBlock(context, node);
  // New items follow the items already there: `- {port: 80}` among flow items, block otherwise.
  const flowItems = items.some((item) => isCollection(item) && item.flow && item.items.length > 0);
  const render = (entry: unknown) =>
    flowItems && !isInlineValue(entry)
      ? `- ${renderInline(context, entry)}\n`
      : indentContinuation(renderYaml([entry], context.style), layout.column);
  const parts: Part[] = [];
  for (const step of alignLists(
    items.map((item) => jsOf(context, item!)),
    value,
  )) {
    if (step.next === undefined) continue; // an item dropped
    const entry = value[step.next];
    if (step.old === undefined) {
      parts.push({ own: render(entry) });
      continue;
    }
    const { start, ownEnd } = layout.items[step.old]!;
    parts.push({
      from: step.old,
      own: rewriteInPlace(context, start, ownEnd, items[step.old]!, entry) ?? render(entry),
    });
  }
  return assemble(context, layout, parts);
}
