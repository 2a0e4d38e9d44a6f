/** Messages between the main thread and the engine worker; all plain, structured-clone-safe data. */
import type { ViewModel } from '../model/view-model';
import type { ExportResult, ExportScope } from './export-yaml';

export type { ExportResult, ExportScope };

/** The single file name the workspace text is evaluated under; diagnostics refer to it. */
export const WORKSPACE_FILE = 'workspace.yaml';

export type WorkerRequest =
  | { type: 'evaluate'; seq: number; text: string; namespace: string }
  | { type: 'export'; id: number; text: string; namespace: string; scope: ExportScope };

export type WorkerResponse =
  | { type: 'evaluated'; seq: number; model: ViewModel }
  | { type: 'exported'; id: number; result: ExportResult }
  | { type: 'failed'; seq: number | null; id: number | null; message: string };
