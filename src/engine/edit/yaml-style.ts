import { Document, isMap, isScalar, isSeq, visit, type Node, type Scalar } from 'yaml';
import { parseCidr, parseIp } from '../util/cidr';
import { quoteAmbiguousStrings } from '../util/kube-yaml';

/** How a document is laid out, so that text written into it looks like its neighbours. */
export interface YamlStyle {
  /** Spaces per nesting level. */
  indent: number;
  /** `key:\n  - item` (true) or `key:\n- item`, as kubectl writes (false). */
  indentSeq: boolean;
  /** `{ a: b }` (true) or `{a: b}` (false). */
  flowPadding: boolean;
}

/** kubectl's layout, used where a document gives no hint. */
export const DEFAULT_STYLE: YamlStyle = { indent: 2, indentSeq: false, flowPadding: false };

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Reads the layout from the first examples the document offers; the rest stays at the default. */
export function detectStyle(text: string, root: Node | null): YamlStyle {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  let flowPadding: boolean | undefined;
  if (root) {
    visit(root, {
      Pair(_key, pair) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (!isScalar(key) || !key.range || !value?.range) return;
        const keyColumn = columnOf(text, key.range[0]);
        const valueColumn = columnOf(text, value.range[0]);
        if (isMap(value) && !value.flow && indent === undefined && valueColumn > keyColumn)
          indent = valueColumn - keyColumn;
        if (isSeq(value) && !value.flow && indentSeq === undefined) indentSeq = valueColumn > keyColumn;
      },
      Collection(_key, node) {
        if (node.flow && node.items.length > 0 && node.range && flowPadding === undefined)
          flowPadding = text[node.range[0] + 1] === ' ';
      },
    });
  }
  return {
    indent: indent ?? DEFAULT_STYLE.indent,
    indentSeq: indentSeq ?? DEFAULT_STYLE.indentSeq,
    flowPadding: flowPadding ?? DEFAULT_STYLE.flowPadding,
  };
}

/**
 * quoteAmbiguousStrings quotes everything that starts with a digit; addresses and CIDRs never read
 * as numbers (several dots, or a slash), so they stay plain, as people write them.
 */
function unquoteAddresses(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (parseIp(node.value) || parseCidr(node.value)))
        node.type = 'PLAIN';
    },
  });
}

/** How a scalar was quoted in the text. */
export type QuoteType = Scalar.Type | undefined;

/**
 * YAML for `value` in `style`, read back by Kubernetes (YAML 1.1) as exactly `value`. Block style,
 * unless `flow`; a string keeps the quotes of the scalar it replaces (`quote`).
 */
export function renderYaml(
  value: unknown,
  style: YamlStyle,
  options: { flow?: boolean; quote?: QuoteType } = {},
): string {
  // Repeated objects are written out each time: anchors and aliases are not what people expect here.
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  if (options.flow) doc.contents = doc.createNode(value, { flow: true, aliasDuplicateObjects: false });
  quoteAmbiguousStrings(doc);
  unquoteAddresses(doc);
  const contents = doc.contents;
  if (
    isScalar(contents) &&
    typeof contents.value === 'string' &&
    (options.quote === 'QUOTE_DOUBLE' || options.quote === 'QUOTE_SINGLE')
  ) {
    contents.type = options.quote;
  }
  return doc.toString({
    indent: style.indent,
    indentSeq: style.indentSeq,
    flowCollectionPadding: style.flowPadding,
    lineWidth: 0,
  });
}

/** Puts `column` spaces in front of every line but the first, which starts where the text is placed. */
export function indentContinuation(text: string, column: number): string {
  const pad = ' '.repeat(column);
  return text.replace(/\n(?=.)/g, `\n${pad}`);
}
