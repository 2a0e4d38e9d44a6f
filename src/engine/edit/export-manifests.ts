/**
 * The text the app's Export writes, from the engine's own reading of the workspace: a policy is
 * exported when the engine evaluates it, and every one it does not is named with the reason. The
 * user's text is never changed: a new text is built in which objects without metadata.namespace
 * carry the workspace namespace and objects read under another apiVersion carry the one they were
 * read as, so that `kubectl apply -f` (without -n) and the CLI read what the app evaluated.
 */
import { sameObject, type DiagnosticSubject } from '../diagnostics';
import { isNamespacedKind, listItems, servedApiVersion, type ListItem } from '../model/build-cluster';
import type { SourceRef } from '../model/types';
import { parseSources, type SourceDocument } from '../parse/parse-sources';
import { isRecord, recordAt, stringAt, type RawRecord } from '../util/raw';
import type { Workspace } from '../workspace';
import type { ObjectChange } from './changes';
import { renderChanges } from './render-changes';
import { applyEditsToFiles, applyTextEdits, type TextEdit } from './text-edits';

export type ExportScope = 'policies' | 'everything';

export interface ExportResult {
  text: string;
  /** How many objects the text holds. */
  objects: number;
  /** One sentence for each object left out, or written differently from the text, and why. */
  notes: string[];
}

const objectKey = (file: string, documentIndex: number, path: readonly (string | number)[]) =>
  `${file}\0${documentIndex}\0${path.join('.')}`;
const sourceKey = (source: SourceRef) => objectKey(source.file, source.documentIndex, source.objectPath);

/** A document's own text, without the `---` marker that separates it from the previous one. */
function ownText(text: string): string {
  return text.replace(/^---[^\n]*\n/, '').replace(/\s+$/, '');
}

const hasContent = (text: string) => /\S/.test(text.replace(/^\s*#.*$/gm, ''));

class Exporter {
  readonly notes: string[] = [];
  private readonly evaluated: Set<string>;

  constructor(
    private readonly workspace: Workspace,
    private readonly scope: ExportScope,
  ) {
    this.evaluated = new Set(workspace.cluster.policies.map((policy) => sourceKey(policy.source)));
  }

  /** The item as it is exported, or undefined when it is left out. */
  exported(file: string, documentIndex: number, item: ListItem): RawRecord | undefined {
    if (!item.raw || !item.kind) return this.scope === 'everything' ? item.raw : undefined;
    const evaluatedPolicy = this.evaluated.has(objectKey(file, documentIndex, item.path));
    if (this.scope === 'policies' && !evaluatedPolicy) {
      if (item.kind === 'NetworkPolicy') this.leftOut(file, documentIndex, item);
      return undefined;
    }
    const metadata = recordAt(item.raw, 'metadata');
    let value = item.raw;
    if (isNamespacedKind(item.kind) && !stringAt(metadata, 'namespace'))
      value = { ...value, metadata: { ...metadata, namespace: this.workspace.cluster.workspaceNamespace } };
    const served = servedApiVersion(item.kind);
    if ((evaluatedPolicy || item.kind !== 'NetworkPolicy') && served && item.apiVersion !== served) {
      this.notes.push(
        `${item.kind} ${this.nameOf(item)} is written with apiVersion ${served} (it says ${JSON.stringify(item.apiVersion || null)}), as Netpol Canvas read it.`,
      );
      value = { ...value, apiVersion: served };
    }
    return value;
  }

  private subjectOf(item: ListItem): Required<Omit<DiagnosticSubject, 'rule'>> {
    const metadata = recordAt(item.raw, 'metadata');
    return {
      kind: item.kind!,
      namespace: stringAt(metadata, 'namespace') || this.workspace.cluster.workspaceNamespace,
      name: stringAt(metadata, 'name') ?? '',
    };
  }

  private nameOf(item: ListItem): string {
    const { namespace, name } = this.subjectOf(item);
    return `${namespace}/${name || '(unnamed)'}`;
  }

  private leftOut(file: string, documentIndex: number, item: ListItem): void {
    const id = this.nameOf(item);
    const subject = this.subjectOf(item);
    const ignored = this.workspace.cluster.ignored.find(
      (object) => sourceKey(object.source) === objectKey(file, documentIndex, item.path),
    );
    const blocking = this.workspace.diagnostics.find(
      (d) => d.blocking && d.file === file && sameObject(d.subject, subject),
    );
    const reason = ignored
      ? ignored.reason
      : blocking
        ? `it is not valid (${this.where(file, blocking.line)}: ${blocking.message})`
        : this.workspace.cluster.policies.some((policy) => policy.id === id)
          ? 'another NetworkPolicy of the same name is defined after it, and like kubectl apply the last definition wins'
          : 'Netpol Canvas does not evaluate it';
    this.notes.push(`NetworkPolicy ${id} is not exported: ${reason}`);
  }

  /** `line 12`, or `file.yaml:12` when the workspace has several files. */
  private where(file: string, line: number): string {
    return this.workspace.files.length > 1 ? `${file}:${line}` : `line ${line}`;
  }
}

interface DocumentPlan {
  document: SourceDocument;
  /** Exported objects of the document; undefined for a document that holds no object. */
  objects?: number;
  change?: ObjectChange;
}

function planDocument(exporter: Exporter, document: SourceDocument, value: unknown): DocumentPlan {
  if (!isRecord(value)) return { document };
  const at = { file: document.file, documentIndex: document.index };
  const items = listItems(value);
  if (!items) {
    const kind = stringAt(value, 'kind');
    const item: ListItem = { path: [], raw: value, apiVersion: stringAt(value, 'apiVersion') ?? '' };
    if (kind) item.kind = kind;
    const exported = exporter.exported(document.file, document.index, item);
    if (!exported) return { document, objects: 0 };
    return {
      document,
      objects: 1,
      ...(exported !== value && { change: { kind: 'replace', at, value: exported } }),
    };
  }
  const kept = items.map((item) => exporter.exported(document.file, document.index, item));
  const exported = kept.filter((item) => item !== undefined);
  if (exported.length === 0) return { document, objects: 0 };
  const unchanged = kept.every((item, i) => item === items[i]!.raw);
  return {
    document,
    objects: exported.length,
    ...(!unchanged && { change: { kind: 'replace', at, value: { ...value, items: exported } } }),
  };
}

/** The document's text with the edits inside it applied. */
function editedText(text: string, document: SourceDocument, edits: readonly TextEdit[]): string {
  const own = edits
    .filter((edit) => edit.file === document.file && edit.start >= document.start && edit.end <= document.end)
    .map((edit) => ({ ...edit, start: edit.start - document.start, end: edit.end - document.start }));
  return applyTextEdits(text.slice(document.start, document.end), own);
}

export function exportManifests(workspace: Workspace, scope: ExportScope): ExportResult {
  const exporter = new Exporter(workspace, scope);
  const values = new Map(
    workspace.parsed.objects.map((object) => [`${object.file}\0${object.documentIndex}`, object.value]),
  );
  const plans = workspace.parsed.documents.map((document) =>
    planDocument(exporter, document, values.get(`${document.file}\0${document.index}`)),
  );
  const changes = plans.flatMap((plan) => (plan.change ? [plan.change] : []));
  const changedFiles = new Set(changes.map((change) => (change.kind === 'create' ? '' : change.at.file)));
  const { edits, verify } = renderChanges(workspace.files, changes);
  // Only the files with edits are read again, to check they hold exactly the exported objects.
  if (edits.length)
    verify(
      parseSources(
        applyEditsToFiles(
          workspace.files.filter((file) => changedFiles.has(file.name)),
          edits,
        ),
      ),
    );
  const texts = new Map(workspace.files.map((file) => [file.name, file.text]));
  const parts: string[] = [];
  let objects = 0;
  for (const plan of plans) {
    // Documents that did not parse and documents of comments only go with everything, never with the policies.
    if (plan.objects === 0 || (plan.objects === undefined && scope === 'policies')) continue;
    const source = texts.get(plan.document.file) ?? '';
    const text = ownText(
      plan.change
        ? editedText(source, plan.document, edits)
        : source.slice(plan.document.start, plan.document.end),
    );
    if (!hasContent(text)) continue;
    parts.push(text);
    objects += plan.objects ?? 0;
  }
  return { text: parts.length ? `${parts.join('\n---\n')}\n` : '', objects, notes: exporter.notes };
}
