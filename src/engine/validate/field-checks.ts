/** Decoding checks shared by every kind's validator: JSON types (D1), unknown fields (D2), ports. */
import { formatPath, type FieldPath } from '../diagnostics';
import { isRecord, type RawRecord } from '../util/raw';
import { ianaSvcName } from './grammar';

export interface ValidationIssue {
  path: FieldPath;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export type Issues = ValidationIssue[];

export function fail(out: Issues, path: FieldPath, code: string, message: string): void {
  out.push({ path, severity: 'error', code, message });
}

// ---------------------------------------------------------------------------------------------
// Decoding (D1, D2). Exported for the other kinds' validators.

type Kind = 'object' | 'list' | 'string' | 'integer' | 'boolean' | 'intOrString' | 'timestamp';
export type FieldRule = Kind | { kind: Kind; example: string };
/** The fields an object may have, with their JSON types; anything else is unknown (D2). */
export type FieldTable = Readonly<Record<string, FieldRule>>;

const KIND_TEXT: Record<Kind, string> = {
  object: 'an object',
  list: 'a list',
  string: 'a string',
  integer: 'a whole number',
  boolean: 'true or false',
  intOrString: 'a port number or name',
  timestamp: 'a timestamp',
};

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'object':
      return isRecord(value);
    case 'list':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'intOrString':
      return typeof value === 'string' || Number.isInteger(value);
    case 'timestamp':
      // A YAML 1.1 parse turns unquoted timestamps into Dates; the wire form is a string either way.
      return typeof value === 'string' || value instanceof Date;
  }
}

/** How a raw value reads in a sentence: `the string "80"`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `the ${typeof value} ${String(value)}`;
  }
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** The field as the user wrote it, e.g. `port` or `from[2]`: the path's tail from its last name. */
export function fieldLabel(path: FieldPath): string {
  let start = path.length - 1;
  while (start > 0 && typeof path[start] === 'number') start--;
  return formatPath(path.slice(Math.max(start, 0))) || 'the document';
}

/** The usual slip behind a wrong type, phrased as the fix. */
function repairHint(value: unknown, kind: Kind): string | undefined {
  if (kind === 'integer' && typeof value === 'string' && /^\s*\d+\s*$/.test(value))
    return 'remove the quotes';
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return 'remove the quotes';
  if (kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return quoteHint(value);
  if (kind === 'list' && (typeof value === 'string' || typeof value === 'number'))
    return `write it as a list: [${value}]`;
  return undefined;
}

export function quoteHint(value: number | boolean): string {
  const quoted = typeof value === 'boolean' || Number.isInteger(value) ? ` ("${value}")` : '';
  return `quote it${quoted}; YAML reads unquoted true, false and numbers as booleans and numbers, not text`;
}

/**
 * Reports D1 when `value` is present but not of the rule's type. Null counts as absent, as in
 * Go's decoder. Returns whether the value is present and usable.
 */
export function checkKind(value: unknown, rule: FieldRule, path: FieldPath, out: Issues): boolean {
  if (value === null || value === undefined) return false;
  const { kind, example } = typeof rule === 'string' ? { kind: rule, example: undefined } : rule;
  if (hasKind(value, kind)) return true;
  const hint = repairHint(value, kind);
  const expected = `${KIND_TEXT[kind]}${example ? ` such as ${example}` : ''}`;
  fail(
    out,
    path,
    'D1',
    `${fieldLabel(path)} must be ${expected}, not ${describeValue(value)}${hint ? `: ${hint}` : ''}`,
  );
  return false;
}

/** checkKind for the field `key` of `record`: its path is made only when there is something to report. */
export function checkField(
  record: RawRecord,
  key: string,
  rule: FieldRule,
  path: FieldPath,
  out: Issues,
): boolean {
  const value = record[key];
  if (value === null || value === undefined) return false;
  if (hasKind(value, typeof rule === 'string' ? rule : rule.kind)) return true;
  return checkKind(value, rule, [...path, key], out);
}

/** A list item as Go decodes it: null is the zero value `{}`; anything else but an object is D1. */
export function itemRecord(
  item: unknown,
  path: FieldPath,
  out: Issues,
  example: string,
): RawRecord | undefined {
  if (item === null || item === undefined) return {};
  return checkKind(item, { kind: 'object', example }, path, out) ? (item as RawRecord) : undefined;
}

/** A string list item; null decodes as "". */
export function itemString(item: unknown, path: FieldPath, out: Issues): string | undefined {
  if (item === null || item === undefined) return '';
  return checkKind(item, 'string', path, out) ? (item as string) : undefined;
}

/** Reports unknown fields (D2) and wrongly typed known ones (D1) of one object. */
export function checkFields(
  record: RawRecord,
  table: FieldTable,
  path: FieldPath,
  out: Issues,
  where: string,
  hintFor: (key: string) => string | undefined = () => undefined,
): void {
  // Every object of a 100,000-pod dump passes here: paths are made only for what is reported.
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (Object.hasOwn(table, key)) checkField(record, key, table[key]!, path, out);
    else fail(out, [...path, key], 'D2', unknownFieldMessage(key, Object.keys(table), where, hintFor(key)));
  }
}

function unknownFieldMessage(
  key: string,
  allowed: string[],
  where: string,
  hint: string | undefined,
): string {
  const near = nearestField(key, allowed);
  let advice = hint;
  if (!advice && near) {
    advice =
      near.toLowerCase() === key.toLowerCase()
        ? `field names are case-sensitive, did you mean "${near}"?`
        : `did you mean "${near}"?`;
  }
  const first = `unknown field "${key}" in ${where}${advice ? `: ${advice}` : ''}`;
  return `${/[.?!]$/.test(first) ? first : `${first}.`} Allowed fields here: ${allowed.join(', ')}.`;
}

/** The allowed field a typo most likely meant: same letters in another case, or one or two edits away. */
function nearestField(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = allowed.find((field) => field.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const budget = key.length <= 4 ? 1 : 2;
  let best: { field: string; distance: number } | undefined;
  for (const field of allowed) {
    const distance = editDistance(lower, field.toLowerCase());
    if (distance <= budget && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** Optimal-string-alignment distance: like Levenshtein, with a swap of neighbours costing one. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

export const PORT_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

export function portNameMessage(name: string, errors: string[]): string {
  if (/^\d+$/.test(name)) {
    return `port ${JSON.stringify(name)} is quoted, so it is read as a port name, and a port name must contain at least one letter (a-z): write port: ${name} without quotes`;
  }
  return invalidPortNameMessage(name, errors);
}

/** R3 and its container-port twin; `errors` are ianaSvcName's. */
export function invalidPortNameMessage(name: string, errors: string[]): string {
  const hint = ianaSvcName(name.toLowerCase()).length === 0 ? '. Port names are lowercase' : '';
  return `port name ${JSON.stringify(name)} is invalid: ${errors.join('; ')}${hint}`;
}
