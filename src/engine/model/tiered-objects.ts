/** Where the cluster-scoped tiered policies sit in the parsed documents, List items included. */
import type { FieldPath } from '../diagnostics';
import type { RawObject } from '../parse/parse-sources';
import { isRecord, recordAt, stringAt } from '../util/raw';
import { isTieredKind, type TieredKind } from '../validate/tiered-policy';
import { listItems } from './build-cluster';

export interface TieredObject {
  kind: TieredKind;
  name: string;
  object: RawObject;
  /** The object's path in its document: [] or a List item's. */
  path: FieldPath;
}

/** Every named ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy, in text order. */
export function tieredObjects(objects: readonly RawObject[]): TieredObject[] {
  const found: TieredObject[] = [];
  for (const object of objects) {
    if (!isRecord(object.value)) continue;
    const entries = listItems(object.value) ?? [
      { path: [], raw: object.value, kind: stringAt(object.value, 'kind') },
    ];
    for (const { path, raw, kind } of entries) {
      const name = stringAt(recordAt(raw, 'metadata'), 'name');
      if (kind && isTieredKind(kind) && name) found.push({ kind: kind as TieredKind, name, object, path });
    }
  }
  return found;
}
