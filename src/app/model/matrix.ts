/** The matrix view's data as the worker posts it: plain, structured-clone-safe. */
import type { GridLine } from '../../engine';
import type { NodeId } from './ids';
import type { CanvasEnd as FlowEditEnd } from '../canvas/AllowFlowPopover/flow-ends';
import type { EdgeView, FlowRow } from './view-model';

/** The group outside ranges are listed under; no namespace can be named so. */
export const OUTSIDE_GROUP = '(outside)';

export interface MatrixQuery {
  /** Groups shown with their members. */
  expanded: readonly string[];
  /** `8080/TCP`, or '' for every port (the verdict of the whole pair). */
  port: string;
}

export interface MatrixLine extends GridLine {
  /** The canvas node it stands for (a namespace box, an endpoint, an outside range); '' for the outside group. */
  nodeId: NodeId | '';
  /** The name the CLI and probes use: `namespace/name`, a CIDR, or the group's name. */
  name: string;
}

export interface MatrixData {
  lines: MatrixLine[];
  /** See engine Grid: pairs per verdict at (row * lines.length + column) * VERDICTS.length + verdict. */
  counts: Uint32Array;
  ports: Int32Array;
  portTexts: string[];
  endpointTotal: number;
  /** The port the verdicts are for ('' for whole pairs). */
  port: string;
}

/** One cell between two leaves, explained as an edge: what the inspector shows for it. */
export interface MatrixPair {
  edge: EdgeView;
  flows: FlowRow[];
  /** The two ends as edits name them: a collapsed namespace's endpoints are not in the view model. */
  from: FlowEditEnd;
  to: FlowEditEnd;
}
