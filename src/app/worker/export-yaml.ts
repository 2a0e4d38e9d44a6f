/**
 * Builds the text the Export menu downloads. The user's text is never changed: this produces a new
 * text in which objects without metadata.namespace carry the workspace namespace, so that
 * `kubectl apply -f` (without -n) and the CLI (without -n) read what the app evaluated.
 */
import { parseDocument, Scalar, type Document } from 'yaml';
import { needsQuotes, toKubeYaml, type Workspace } from '../../engine';

export type ExportScope = 'policies' | 'everything';

export interface ExportResult {
  text: string;
  /** How many objects the text holds. */
  objects: number;
}

const NAMESPACED_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'NetworkPolicy',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPolicy(value: unknown): boolean {
  return isRecord(value) && value.kind === 'NetworkPolicy' && value.apiVersion === 'networking.k8s.io/v1';
}

function needsNamespace(value: unknown): boolean {
  if (!isRecord(value) || typeof value.kind !== 'string' || !NAMESPACED_KINDS.has(value.kind)) return false;
  const metadata = value.metadata;
  return !isRecord(metadata) || typeof metadata.namespace !== 'string' || metadata.namespace === '';
}

/** A document's own text, without the `---` marker that separates it from the previous one. */
function documentText(text: string, start: number, end: number): string {
  return text
    .slice(start, end)
    .replace(/^---[^\n]*\n/, '')
    .replace(/\s+$/, '');
}

function withNamespace(source: string, namespace: string): string {
  const doc: Document = parseDocument(source, { version: '1.1' });
  // Only the added value may need quotes (a namespace such as `080`); the user's own text stays as written.
  const value = new Scalar(namespace);
  if (needsQuotes(namespace)) value.type = Scalar.QUOTE_DOUBLE;
  doc.setIn(['metadata', 'namespace'], value);
  return doc.toString().replace(/\s+$/, '');
}

/** Items of a List (or a typed list such as NetworkPolicyList), each with its kind filled in. */
function listItems(value: Record<string, unknown>): unknown[] {
  if (typeof value.kind !== 'string' || !value.kind.endsWith('List') || !Array.isArray(value.items))
    return [];
  const itemKind = value.kind === 'List' ? undefined : value.kind.slice(0, -'List'.length);
  return value.items.map((item) =>
    isRecord(item) && item.kind === undefined && itemKind
      ? { apiVersion: value.apiVersion, kind: itemKind, ...item }
      : item,
  );
}

function objectText(value: Record<string, unknown>, namespace: string): string {
  const copy = needsNamespace(value)
    ? { ...value, metadata: { ...(isRecord(value.metadata) ? value.metadata : {}), namespace } }
    : value;
  // Written afresh, so every string that Kubernetes would misread (on, yes, 080, ...) is quoted.
  return toKubeYaml(copy).replace(/\s+$/, '');
}

export function exportYaml(workspace: Workspace, text: string, scope: ExportScope): ExportResult {
  const namespace = workspace.cluster.workspaceNamespace;
  const parts: string[] = [];
  let objects = 0;
  for (const doc of workspace.parsed.documents) {
    const source = documentText(text, doc.start, doc.end);
    const value = workspace.parsed.objects.find((o) => o.documentIndex === doc.index)?.value;
    if (
      isRecord(value) &&
      Array.isArray(value.items) &&
      typeof value.kind === 'string' &&
      value.kind.endsWith('List')
    ) {
      const items = listItems(value)
        .filter((item) => scope === 'everything' || isPolicy(item))
        .filter(isRecord);
      if (scope === 'everything' && !items.some(needsNamespace)) parts.push(source);
      else parts.push(...items.map((item) => objectText(item, namespace)));
      objects += items.length;
      continue;
    }
    if (scope === 'policies' && !isPolicy(value)) continue;
    if (value === undefined && !/\S/.test(source.replace(/^#.*$/gm, ''))) continue;
    parts.push(needsNamespace(value) ? withNamespace(source, namespace) : source);
    if (value !== undefined) objects++;
  }
  return { text: parts.length ? `${parts.join('\n---\n')}\n` : '', objects };
}
