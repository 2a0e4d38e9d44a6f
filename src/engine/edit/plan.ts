/**
 * The objects an intent works on, as plain values it may change, and the changes that result. An
 * intent reads and edits drafts; only at the end are the drafts compared with what the text holds.
 */
import type { Cluster } from '../model/types';
import { isRecord, recordAt, stringAt, type RawRecord } from '../util/raw';
import type { Workspace } from '../workspace';
import type { ObjectChange, ObjectLocation } from './changes';
import { cloneValue, deepEqual } from './values';

/** A reason to refuse an intent, for the user to read. */
export class EditError extends Error {}

/** One object of the workspace, or a new one, that an intent may change. */
export class Draft {
  deleted = false;

  constructor(
    /** Where the object is written and what it holds there; absent for a new object. */
    readonly original: { at: ObjectLocation; value: RawRecord } | undefined,
    /** The file a new object is appended to. */
    readonly file: string,
    public value: RawRecord,
    /** Known even for items of a typed List, which may leave `kind` out. */
    readonly kind: string,
    private readonly workspaceNamespace: string,
  ) {}

  get name(): string {
    return stringAt(recordAt(this.value, 'metadata'), 'name') ?? '';
  }

  /** As the engine places it: objects that name no namespace live in the workspace's. */
  get namespace(): string {
    return stringAt(recordAt(this.value, 'metadata'), 'namespace') || this.workspaceNamespace;
  }

  get id(): string {
    return `${this.namespace}/${this.name}`;
  }

  /** The id the object had in the text, which stays the one to report after a rename. */
  get originalId(): string | undefined {
    if (!this.original) return undefined;
    const meta = recordAt(this.original.value, 'metadata');
    return `${stringAt(meta, 'namespace') || this.workspaceNamespace}/${stringAt(meta, 'name') ?? ''}`;
  }

  get changed(): boolean {
    return !this.original || this.deleted || !deepEqual(this.original.value, this.value);
  }
}

/**
 * The objects a document holds: itself, or the items of a List, whose items may take their kind
 * and apiVersion from the list (as build-cluster reads them).
 */
function objectsOf(
  value: unknown,
): { item: RawRecord; itemIndex?: number; kind?: string; apiVersion: string }[] {
  if (!isRecord(value)) return [];
  const kind = stringAt(value, 'kind');
  const apiVersion = stringAt(value, 'apiVersion') ?? '';
  if (!kind?.endsWith('List') || !Array.isArray(value.items)) return [{ item: value, kind, apiVersion }];
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
  return value.items.flatMap((item, itemIndex) =>
    isRecord(item)
      ? [
          {
            item,
            itemIndex,
            kind: stringAt(item, 'kind') ?? itemKind,
            apiVersion: stringAt(item, 'apiVersion') ?? apiVersion,
          },
        ]
      : [],
  );
}

/** A NetworkPolicy of networking.k8s.io (Calico's kind of the same name is another API). */
function isNetworkPolicy(kind: string | undefined, apiVersion: string): boolean {
  return kind === 'NetworkPolicy' && !apiVersion.includes('projectcalico.org');
}

export class EditPlan {
  readonly cluster: Cluster;
  private readonly policyDrafts: Draft[] = [];
  private readonly otherDrafts: Draft[] = [];

  constructor(readonly workspace: Workspace) {
    this.cluster = workspace.cluster;
    for (const object of workspace.parsed.objects) {
      const at = { file: object.file, documentIndex: object.documentIndex };
      for (const { item, itemIndex, kind, apiVersion } of objectsOf(object.value)) {
        if (isNetworkPolicy(kind, apiVersion))
          this.adopt(itemIndex === undefined ? at : { ...at, itemIndex }, item);
      }
    }
  }

  private adopt(at: ObjectLocation, value: RawRecord): void {
    this.policyDrafts.push(
      new Draft({ at, value }, at.file, cloneValue(value), 'NetworkPolicy', this.cluster.workspaceNamespace),
    );
  }

  /** Live NetworkPolicies, optionally of one namespace; for a repeated id, the last one (which wins). */
  policies(namespace?: string): Draft[] {
    const byId = new Map<string, Draft>();
    for (const draft of this.policyDrafts) {
      if (draft.deleted || (namespace !== undefined && draft.namespace !== namespace)) continue;
      byId.delete(draft.id);
      byId.set(draft.id, draft);
    }
    return [...byId.values()];
  }

  findPolicy(id: string): Draft | undefined {
    return this.policies().find((draft) => draft.id === id);
  }

  policy(id: string): Draft {
    const draft = this.findPolicy(id);
    if (!draft) throw new EditError(`There is no NetworkPolicy ${id} in the workspace.`);
    return draft;
  }

  /** The first top-level document of another kind (a ConnectivityTest), as a draft to change in place. */
  adoptObject(kind: string): Draft | undefined {
    const object = this.workspace.parsed.objects.find(
      (candidate) => isRecord(candidate.value) && candidate.value.kind === kind,
    );
    if (!object || !isRecord(object.value)) return undefined;
    const at = { file: object.file, documentIndex: object.documentIndex };
    const adopted = this.otherDrafts.find(
      (draft) => draft.original?.at.file === at.file && draft.original.at.documentIndex === at.documentIndex,
    );
    if (adopted) return adopted;
    const draft = new Draft(
      { at, value: object.value },
      at.file,
      cloneValue(object.value),
      kind,
      this.cluster.workspaceNamespace,
    );
    this.otherDrafts.push(draft);
    return draft;
  }

  /** Every object of these kinds (List items too), as drafts to change in place, in text order. */
  adoptObjects(kinds: ReadonlySet<string>): Draft[] {
    const drafts: Draft[] = [];
    for (const object of this.workspace.parsed.objects) {
      const at = { file: object.file, documentIndex: object.documentIndex };
      for (const { item, itemIndex, kind } of objectsOf(object.value)) {
        if (!kind || !kinds.has(kind)) continue;
        const location: ObjectLocation = itemIndex === undefined ? at : { ...at, itemIndex };
        const same = (draft: Draft) =>
          draft.original?.at.file === location.file &&
          draft.original.at.documentIndex === location.documentIndex &&
          draft.original.at.itemIndex === location.itemIndex;
        let draft = this.otherDrafts.find(same);
        if (!draft) {
          draft = new Draft(
            { at: location, value: item },
            location.file,
            cloneValue(item),
            kind,
            this.cluster.workspaceNamespace,
          );
          this.otherDrafts.push(draft);
        }
        drafts.push(draft);
      }
    }
    return drafts;
  }

  /** A new object appended to `file`. */
  create(file: string, value: RawRecord): Draft {
    const kind = stringAt(value, 'kind') ?? '';
    const draft = new Draft(undefined, file, value, kind, this.cluster.workspaceNamespace);
    (kind === 'NetworkPolicy' ? this.policyDrafts : this.otherDrafts).push(draft);
    return draft;
  }

  remove(draft: Draft): void {
    draft.deleted = true;
  }

  /** A policy name not yet taken in the namespace: `base`, else `base-2`, `base-3`, … */
  freePolicyName(namespace: string, base: string): string {
    const taken = new Set(this.policies(namespace).map((draft) => draft.name));
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    return `${base}-${n}`;
  }

  /** The file that holds the namespace's objects, where new objects of that namespace belong. */
  fileFor(namespace: string): string {
    const { cluster } = this;
    const related =
      cluster.namespaces.get(namespace)?.source?.file ??
      cluster.endpoints.find((endpoint) => endpoint.namespace === namespace)?.source.file ??
      cluster.policies.find((policy) => policy.namespace === namespace)?.source.file;
    const file = related ?? this.workspace.files[0]?.name;
    if (file === undefined) throw new EditError('The workspace has no file to write to.');
    return file;
  }

  /** Drafts that differ from the text: changed, new or deleted (a new one deleted again is none of these). */
  changedDrafts(): Draft[] {
    return [...this.policyDrafts, ...this.otherDrafts].filter(
      (draft) => draft.changed && (draft.original || !draft.deleted),
    );
  }

  changes(): ObjectChange[] {
    return this.changedDrafts().map((draft): ObjectChange => {
      if (!draft.original) return { kind: 'create', file: draft.file, value: draft.value };
      if (draft.deleted) return { kind: 'delete', at: draft.original.at };
      return { kind: 'replace', at: draft.original.at, value: draft.value };
    });
  }

  /** Ids of the policies created, changed or deleted, old and new id for a rename. */
  touchedPolicies(): string[] {
    const ids = this.changedDrafts()
      .filter((draft) => this.policyDrafts.includes(draft))
      .flatMap((draft) => [draft.originalId, draft.id]);
    return [...new Set(ids.filter((id): id is string => id !== undefined))];
  }
}
