import { createEmitter, type Emitter } from '../model/emitter';

/** Show and select a range (a problem, a rule): the cursor goes there. */
export interface RevealRequest {
  line: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
}

/** What the YAML pane is asked to do once; it subscribes, the store's actions emit. */
export interface EditorEvents {
  reveal: RevealRequest;
  /** Ranges of the text (offsets after an edit) that an app edit wrote: flashed and scrolled to. */
  flash: { start: number; end: number }[];
  /** Lines to mark for a while (a rule or policy named in an explanation). */
  highlight: { line: number; endLine: number };
}

export type EditorEmitter = Emitter<EditorEvents>;

export const createEditorEvents = (): EditorEmitter => createEmitter<EditorEvents>();
