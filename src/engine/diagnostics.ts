import type { EditIntent } from './edit/intents';

/** Where something sits in the user's text: 1-based line and column, as editors show them. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * One message for the user. `code` is stable (tests, filters and docs refer to it);
 * `message` is a sentence a person understands without knowing the code.
 */
export interface Diagnostic extends SourceLocation {
  severity: Severity;
  code: string;
  message: string;
  /** Field path inside the object, e.g. `spec.ingress[0].from[1].ipBlock.cidr`. */
  path?: string;
  /**
   * `Kind namespace/name` of the object the diagnostic is about, for people to read: made from
   * `subject` (describeSubject). Code that needs the object compares `subject`, never this text.
   */
  object?: string;
  /** The object the diagnostic is about, when there is one. */
  subject?: DiagnosticSubject;
  /**
   * Something was left out of the evaluation because of this (a document, an object, a policy), or
   * put in a namespace that no cluster can have (an invalid namespace name).
   */
  blocking?: boolean;
  /** The obvious remedy, when there is one: the app offers it as a quick fix, `lint --fix` makes it. */
  fix?: LintFix;
}

/**
 * An object a diagnostic is about, as the API server names it: `kind` as written (an ignored kind
 * is any text), `namespace` for a namespaced kind, `name` (empty when the object has none), and
 * the rule of a policy when the finding is about one rule.
 */
export interface DiagnosticSubject {
  kind: string;
  namespace?: string;
  name: string;
  /** As the rule intents name it: the list under `spec`, and the 0-based index in it. */
  rule?: { direction: 'ingress' | 'egress'; index: number };
}

/** `NetworkPolicy prod/web`, `ClusterNetworkPolicy guard`: the subject as `Diagnostic.object` shows it. */
export function describeSubject(subject: DiagnosticSubject): string {
  const name = subject.name || '(unnamed)';
  return `${subject.kind} ${subject.namespace === undefined ? name : `${subject.namespace}/${name}`}`;
}

/** A finding about `subject` at `at` (only the location is read of it), its `object` text made from the subject. */
export function subjectDiagnostic(
  at: SourceLocation,
  subject: DiagnosticSubject,
  finding: { severity: Severity; code: string; message: string; fix?: LintFix },
): Diagnostic {
  const { file, line, column, endLine, endColumn } = at;
  const { severity, code, message, fix } = finding;
  return {
    file,
    line,
    column,
    endLine,
    endColumn,
    severity,
    code,
    message,
    object: describeSubject(subject),
    subject,
    ...(fix && { fix }),
  };
}

/** Is `a` the same object as `b` (rules aside)? */
export function sameObject(a: DiagnosticSubject | undefined, b: DiagnosticSubject): boolean {
  return a !== undefined && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** A remedy for a finding: an edit intent that applyIntent carries out, and what it does in a few words. */
export interface LintFix {
  title: string;
  intent: EditIntent;
}

export type FieldPath = readonly (string | number)[];

/** Renders a field path the way the API server does: `spec.ingress[0].ports[1].port`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
  );
}
