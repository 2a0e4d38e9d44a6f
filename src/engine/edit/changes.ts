import type { RawRecord } from '../util/raw';

/** Where an object is written: a document of a file, or one item of a List document. */
export interface ObjectLocation {
  file: string;
  documentIndex: number;
  /** Index in the `items` of a List document. */
  itemIndex?: number;
}

/** What an intent does to the objects of the workspace, before it is turned into text. */
export type ObjectChange =
  | { kind: 'create'; file: string; value: RawRecord }
  | { kind: 'replace'; at: ObjectLocation; value: RawRecord }
  | { kind: 'delete'; at: ObjectLocation };
