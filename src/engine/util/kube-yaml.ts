import { Document, isScalar, visit, type Node } from 'yaml';

/**
 * Strings that Kubernetes' YAML reader (go-yaml v2 behind sigs.k8s.io/yaml) would not read back
 * as strings when written plain: YAML 1.1 booleans and nulls in any of their spellings, and
 * anything Go parses as a number (`080` is the float 80, `0x1F` and `1_000` are integers).
 */
const YAML11_WORDS =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|)$/;
/** Go's strconv.ParseInt with base 0, after go-yaml drops underscores. */
const GO_INTEGER = /^[-+]?(0[bB][01_]+|0[oO]?[0-7_]+|0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)$/;
/** go-yaml v2's float pattern: `080` and `1e3` are floats. */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
/** YAML 1.1 base-60 numbers (`12:30`), which other YAML 1.1 readers still resolve. */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;

/** True for strings that would not read back as strings if written plain (IPs and CIDRs do). */
export function needsQuotes(value: string): boolean {
  return [YAML11_WORDS, GO_INTEGER, GO_FLOAT, SPECIAL_FLOAT, SEXAGESIMAL].some((pattern) =>
    pattern.test(value),
  );
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
  // Repeated objects are written out again rather than as anchors and aliases, which kubectl users rarely expect.
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  quoteAmbiguousStrings(doc);
  return doc.toString({ lineWidth: 0 });
}
