import { Document, isScalar, visit, type Node } from 'yaml';

/**
 * Strings that Kubernetes' YAML reader (go-yaml v2 behind sigs.k8s.io/yaml) would not read back
 * as strings when written plain: YAML 1.1 booleans and nulls in any of their spellings, and
 * anything Go parses as a number (`080` is the float 80, `0x1F` and `1_000` are integers).
 */
const YAML11_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|)$/;
const NUMBER_LIKE = /^[-+]?(\.?[0-9]|\.(inf|Inf|INF|nan|NaN|NAN)$)/;

export function needsQuotes(value: string): boolean {
  return YAML11_WORDS.test(value) || NUMBER_LIKE.test(value);
}

/** Forces double quotes on every string scalar that a Kubernetes reader would turn into something else. */
export function quoteAmbiguousStrings(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (isScalar(key) && typeof key.value === 'string' && needsQuotes(key.value)) key.type = 'QUOTE_DOUBLE';
    },
  });
}

/** Block-style YAML for one object that `kubectl apply` reads back exactly as `value`. */
export function toKubeYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1' });
  quoteAmbiguousStrings(doc);
  return doc.toString({ lineWidth: 0 });
}
