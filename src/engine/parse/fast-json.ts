import type { FieldPath } from '../diagnostics';

/**
 * A fast reader for JSON files (`kubectl get -o json`): the native JSON.parse, some ten times
 * faster than reading the text as YAML flow collections, with source ranges found only when a
 * field is located (a diagnostic, an object's source), by scanning just the containers on the
 * way to it, each once.
 *
 * Like fast-yaml.ts it is exact or silent: it returns what the `yaml` package reading the text as
 * YAML 1.1 would, or null, and the caller then uses that parser. It gives up on anything where the
 * two could differ: text JSON.parse refuses, duplicate keys (YAML reports them, JSON keeps the
 * last), numbers with an exponent (YAML 1.1 reads `1e3` as a string), merge keys (`<<`),
 * `__proto__`, keys too long to be YAML implicit keys, characters YAML treats as line breaks or
 * as non-printable, and nesting deeper than manifests have.
 */

export interface FastJson {
  value: unknown;
  /** The range of the value at `path` (or of the deepest one that exists on the way), as parse-sources' nodeAt finds it in the `yaml` package's nodes. */
  locate(path: FieldPath): [number, number];
}

/** Deeper than this is left to the YAML parser, which reports what is too deep. */
const MAX_DEPTH = 100;
/** The YAML spec's limit on implicit keys (the `yaml` package errors past it). */
const MAX_KEY_LENGTH = 1024;
const UNUSUAL = /[\x7f-\x9f\u2028\u2029]/;

/** Counts the keys of every mapping in `value`; -1 if it has a key YAML reads differently, or is too deep. */
function countKeys(value: unknown): number {
  let keys = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_DEPTH) return -1;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
      continue;
    }
    for (const key in node) {
      if (key === '<<' || key === '__proto__' || key.length > MAX_KEY_LENGTH) return -1;
      keys++;
      const item = (node as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push([item, depth + 1]);
    }
  }
  return keys;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** Where the string token starting at `at` (its opening quote) ends, after the closing quote. */
function stringEnd(text: string, at: number): number {
  for (let from = at + 1; ;) {
    const quote = text.indexOf('"', from);
    let backslash = quote - 1;
    while (text.charCodeAt(backslash) === 0x5c) backslash--;
    // An even run of backslashes escapes only itself.
    if ((quote - 1 - backslash) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Keys in the (valid) JSON text, or -1 if it writes a number with an exponent. */
function countTextKeys(text: string): number {
  let keys = 0;
  for (let at = 0; ;) {
    const quote = text.indexOf('"', at);
    // Between strings: punctuation, spaces, numbers and literals, where only an exponent has a digit before an e.
    const gapEnd = quote === -1 ? text.length : quote;
    for (let i = at; i < gapEnd; i++) {
      const c = text.charCodeAt(i) | 0x20;
      if (c === 0x65 && isDigit(text.charCodeAt(i - 1))) return -1;
    }
    if (quote === -1) return keys;
    at = stringEnd(text, quote);
    if (text.charCodeAt(skipSpace(text, at)) === 0x3a) keys++;
  }
}

/** Where the (valid) JSON value starting at `at` ends. */
function valueEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x22) return stringEnd(text, at);
  if (c !== 0x7b && c !== 0x5b) {
    let i = at;
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  for (let i = at; ; i++) {
    const d = text.charCodeAt(i);
    if (d === 0x22) i = stringEnd(text, i) - 1;
    else if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return i + 1;
  }
}

/** A container's members: keys (null for an array) and each value's [start, end], flattened. */
interface Members {
  keys: string[] | null;
  spans: number[];
}

function membersOf(text: string, open: number): Members {
  const isArray = text.charCodeAt(open) === 0x5b;
  const keys: string[] | null = isArray ? null : [];
  const spans: number[] = [];
  let at = skipSpace(text, open + 1);
  while (text.charCodeAt(at) !== (isArray ? 0x5d : 0x7d)) {
    if (keys) {
      const end = stringEnd(text, at);
      const raw = text.slice(at + 1, end - 1);
      keys.push(raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw);
      at = skipSpace(text, skipSpace(text, end) + 1);
    }
    const end = valueEnd(text, at);
    spans.push(at, end);
    at = skipSpace(text, end);
    if (text.charCodeAt(at) === 0x2c) at = skipSpace(text, at + 1);
  }
  return { keys, spans };
}

/** Reads `text` if it is JSON that YAML would read the same way (see above); null otherwise. Never throws. */
export function parseFastJson(text: string): FastJson | null {
  if (UNUSUAL.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const keys = countKeys(value);
  if (keys < 0 || countTextKeys(text) !== keys) return null;
  const start = skipSpace(text, 0);
  let end = text.length;
  while (isSpace(text.charCodeAt(end - 1))) end--;
  const members = new Map<number, Members>();
  return {
    value,
    locate(path) {
      let from = start;
      let to = end;
      for (const part of path) {
        const c = text.charCodeAt(from);
        if (c !== 0x7b && c !== 0x5b) break; // a scalar: nothing inside
        let inside = members.get(from);
        if (!inside) members.set(from, (inside = membersOf(text, from)));
        const index = inside.keys
          ? inside.keys.indexOf(String(part))
          : typeof part === 'number' && Number.isInteger(part) && part >= 0
            ? part
            : -1;
        if (index < 0 || 2 * index >= inside.spans.length) break;
        from = inside.spans[2 * index]!;
        to = inside.spans[2 * index + 1]!;
      }
      return [from, to];
    },
  };
}
