/**
 * Re-evaluation after an edit, reusing what the edit cannot have changed. Typing inside one
 * NetworkPolicy document of a big workspace re-reads that document alone and recomputes only
 * the part of the class matrix that depends on that policy; anything else is a full load. Both
 * paths give the same Workspace and the same verdicts (incremental.test.ts checks this).
 */
import { compareDiagnostics, type Diagnostic, type SourceLocation } from './diagnostics';
import type { TextEdit } from './edit/text-edits';
import { buildClassMatrix, updatePolicy, type ClassMatrix } from './matrix/classes';
import { buildCluster, type BuildOptions } from './model/build-cluster';
import type { Cluster, Policy } from './model/types';
import { parseSources, type RawObject, type SourceDocument, type SourceFile } from './parse/parse-sources';
import { isRecord } from './util/raw';
import { loadWorkspace, type StageListener, type Workspace } from './workspace';

/** A workspace with its whole-cluster reachability. */
export interface Evaluation {
  workspace: Workspace;
  matrix: ClassMatrix;
  options: BuildOptions;
  /** How this evaluation was reached from the one before it: what a benchmark or a status line reports. */
  path: 'full' | 'unchanged' | 'one-policy';
  /** On the one-policy path, the policy the edit changed (added or removed): what caches keyed by policy must drop. */
  changedPolicy?: string;
}

/**
 * Where a text changed: [from, oldTo) of the text before became [from, newTo) of the text after.
 * An editor knows this from its edits (followEdits), so the texts need not be compared.
 */
export interface TextChange {
  from: number;
  oldTo: number;
  newTo: number;
}

/**
 * The change so far (`change`, null: none yet) followed by `edits`, a set of edits applied at once
 * to the text as it is now, `length` characters long: the one range that covers both.
 */
export function followEdits(
  change: TextChange | null,
  length: number,
  edits: readonly TextEdit[],
): TextChange | null {
  if (!edits.length) return change;
  let start = length;
  let end = 0;
  let grown = 0;
  for (const edit of edits) {
    start = Math.min(start, edit.start);
    end = Math.max(end, edit.end);
    grown += edit.text.length - (edit.end - edit.start);
  }
  if (!change) return { from: start, oldTo: end, newTo: end + grown };
  // The text left alone at the end, counted from the end, is the same in all three texts.
  const tail = Math.min(length - change.newTo, length - end);
  const oldLength = length - (change.newTo - change.oldTo);
  return { from: Math.min(change.from, start), oldTo: oldLength - tail, newTo: length + grown - tail };
}

/**
 * Evaluates `files`, starting from `previous` when there is one for the same options. `change`
 * says where the one file's text changed since `previous` (null: it did not), as an editor knows;
 * without it the texts are compared to find out.
 */
export function evaluateFiles(
  files: readonly SourceFile[],
  options: BuildOptions = {},
  previous: Evaluation | null = null,
  onStage?: StageListener,
  change?: TextChange | null,
): Evaluation {
  if (previous && sameOptions(previous.options, options)) {
    const old = previous.workspace.files;
    if (
      change === null ||
      (change === undefined &&
        old.length === files.length &&
        old.every((file, i) => file.name === files[i]!.name && file.text === files[i]!.text))
    ) {
      return {
        workspace: { ...previous.workspace, files },
        matrix: previous.matrix,
        options,
        path: 'unchanged',
      };
    }
    const edit = reloadOnePolicy(previous.workspace, files, change);
    if (edit) {
      const matrix =
        edit.policyId === null
          ? previous.matrix
          : updatePolicy(previous.matrix, edit.workspace.cluster, edit.policyId);
      const evaluation: Evaluation = { workspace: edit.workspace, matrix, options, path: 'one-policy' };
      if (edit.policyId !== null) evaluation.changedPolicy = edit.policyId;
      return evaluation;
    }
  }
  const workspace = loadWorkspace(files, options, onStage);
  onStage?.('reachability');
  return { workspace, matrix: buildClassMatrix(workspace.cluster), options, path: 'full' };
}

function sameOptions(a: BuildOptions, b: BuildOptions): boolean {
  return (a.namespace || '') === (b.namespace || '');
}

/** Texts are compared a block at a time first: string equality is native, a loop over characters is not. */
const BLOCK = 16 * 1024;

/** The one range where two texts differ: [from, oldTo) in the old text became [from, newTo) in the new. */
function differingRange(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let from = 0;
  while (from + BLOCK <= shorter && before.slice(from, from + BLOCK) === after.slice(from, from + BLOCK))
    from += BLOCK;
  while (from < shorter && before.charCodeAt(from) === after.charCodeAt(from)) from++;
  let tail = 0;
  const sameTail = (length: number) =>
    before.slice(before.length - tail - length, before.length - tail) ===
    after.slice(after.length - tail - length, after.length - tail);
  while (tail + BLOCK <= shorter - from && sameTail(BLOCK)) tail += BLOCK;
  while (
    tail < shorter - from &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  )
    tail++;
  return { from, oldTo: before.length - tail, newTo: after.length - tail };
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function isV1NetworkPolicy(value: unknown): boolean {
  return isRecord(value) && value.kind === 'NetworkPolicy' && value.apiVersion === 'networking.k8s.io/v1';
}

function namespaceHeldElsewhere(cluster: Cluster, policy: Policy): boolean {
  const { namespace } = policy;
  return (
    cluster.namespaces.get(namespace)?.declared === true ||
    cluster.endpoints.some((e) => e.namespace === namespace) ||
    cluster.services.some((s) => s.namespace === namespace) ||
    cluster.policies.some((p) => p !== policy && p.namespace === namespace)
  );
}

function shifted<T extends SourceLocation>(location: T, lines: number): T {
  return lines === 0
    ? location
    : { ...location, line: location.line + lines, endLine: location.endLine + lines };
}

/**
 * The workspace after an edit inside one document that holds a single networking.k8s.io/v1
 * NetworkPolicy before and after, keeping its name and namespace; null for any other edit. Later
 * documents keep their line numbers (same line count, or the edited document is the last one),
 * so everything read from them stays valid.
 */
function reloadOnePolicy(
  previous: Workspace,
  files: readonly SourceFile[],
  change: TextChange | undefined,
): { workspace: Workspace; policyId: string | null } | null {
  if (files.length !== 1 || previous.files.length !== 1) return null;
  const file = files[0]!;
  const before = previous.files[0]!.text;
  const after = file.text;
  if (file.name !== previous.files[0]!.name || previous.diagnostics.some((d) => d.code === 'duplicate'))
    return null;
  if (
    change &&
    (change.oldTo > before.length || after.length - change.newTo !== before.length - change.oldTo)
  )
    return null;
  const { from, oldTo, newTo } = change ?? differingRange(before, after);
  const documents = previous.parsed.documents;
  const edited = documents.find((doc) => doc.start <= from && oldTo <= doc.end);
  if (!edited || !edited.ok) return null;
  const isLast = edited === documents[documents.length - 1];
  // An edit on a document's `---` line, or at its end, may merge it with a neighbour or split it.
  const markerLineEnd = edited.index > 0 ? before.indexOf('\n', edited.start) : -1;
  if (
    (edited.index > 0 && (markerLineEnd === -1 || from <= markerLineEnd)) ||
    (oldTo === edited.end && !isLast)
  )
    return null;
  if (!isLast && countLines(before, from, oldTo) !== countLines(after, from, newTo)) return null;
  const oldObjects = previous.parsed.objects.filter((object) => object.documentIndex === edited.index);
  if (oldObjects.length !== 1 || !isV1NetworkPolicy(oldObjects[0]!.value)) return null;

  const delta = after.length - before.length;
  const slice = after.slice(edited.start, edited.end + delta);
  const reparsed = parseSources([{ name: file.name, text: slice }]);
  const [document] = reparsed.documents;
  const [object] = reparsed.objects;
  if (
    reparsed.documents.length !== 1 ||
    !document!.ok ||
    reparsed.objects.length !== 1 ||
    !isV1NetworkPolicy(object!.value)
  )
    return null;

  const lineBase = countLines(after, 0, edited.start);
  const rawObject: RawObject = {
    file: file.name,
    documentIndex: edited.index,
    value: object!.value,
    locate: (path) => shifted(object!.locate(path), lineBase),
  };
  const built = buildCluster([rawObject], { namespace: previous.cluster.workspaceNamespace });
  const oldPolicy =
    previous.cluster.policies.find(
      (policy) => policy.source.file === file.name && policy.source.documentIndex === edited.index,
    ) ?? null;
  const newPolicy: Policy | null = built.cluster.policies[0] ?? null;
  if (oldPolicy && newPolicy && oldPolicy.id !== newPolicy.id) return null;
  // A policy that appears must not bring a namespace of its own or collide with another policy.
  if (
    !oldPolicy &&
    newPolicy &&
    (!previous.cluster.namespaces.has(newPolicy.namespace) ||
      previous.cluster.policies.some((p) => p.id === newPolicy.id))
  )
    return null;
  // A policy that is rejected now no longer keeps its namespace in the workspace by itself.
  if (oldPolicy && !newPolicy && !namespaceHeldElsewhere(previous.cluster, oldPolicy)) return null;

  const firstLine = lineBase + 1;
  const oldLastLine = firstLine + countLines(before, edited.start, edited.end);
  const outside = (d: Diagnostic) => d.file !== file.name || d.line < firstLine || d.line > oldLastLine;
  // Parse diagnostics stay in the parser's order (by document), with the edited document's in its place.
  const parseDiagnostics = [
    ...previous.parsed.diagnostics.filter((d) => outside(d) && d.line < firstLine),
    ...reparsed.diagnostics.map((d) => shifted(d, lineBase)),
    ...previous.parsed.diagnostics.filter((d) => outside(d) && d.line >= firstLine),
  ];
  const fromParse = new Set(previous.parsed.diagnostics);
  const modelDiagnostics = previous.diagnostics.filter((d) => outside(d) && !fromParse.has(d));
  const nextDocuments: SourceDocument[] = documents.map((doc) => {
    // Where the edited document ends is the parser's call (an empty last value ends it mid-line).
    if (doc === edited) return { ...doc, end: edited.start + document!.end };
    return doc.start >= edited.end ? { ...doc, start: doc.start + delta, end: doc.end + delta } : doc;
  });
  const policies = previous.cluster.policies.filter((policy) => policy !== oldPolicy);
  if (newPolicy) policies.push(newPolicy);
  policies.sort((a, b) => a.id.localeCompare(b.id));
  return {
    policyId: oldPolicy?.id ?? newPolicy?.id ?? null,
    workspace: {
      files,
      parsed: {
        documents: nextDocuments,
        objects: previous.parsed.objects.map((o) => (o === oldObjects[0] ? rawObject : o)),
        diagnostics: parseDiagnostics,
      },
      cluster: { ...previous.cluster, policies },
      index: previous.index,
      diagnostics: [...parseDiagnostics, ...modelDiagnostics, ...built.diagnostics].sort(compareDiagnostics),
    },
  };
}
