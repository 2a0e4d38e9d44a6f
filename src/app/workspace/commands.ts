/**
 * User actions that replace or export the workspace, shared by the toolbar, the empty state,
 * drag-and-drop, paste and keyboard shortcuts.
 */
import { useAppStore } from '../store';
import { combineFiles, readFiles } from './combine-files';
import { fetchExample, type Example } from './examples';
import { STARTER_TEXT } from './starter';

export async function loadExample(example: Example): Promise<void> {
  const text = await fetchExample(example);
  useAppStore.getState().requestReplacement({ text, label: `the example “${example.title}”`, origin: { kind: 'example', id: example.id, title: example.title } });
}

export async function importFiles(list: FileList | readonly File[]): Promise<void> {
  const files = await readFiles(list);
  if (files.length === 0) return;
  const name = files.length === 1 ? files[0]!.name : `${files.length} files`;
  useAppStore.getState().requestReplacement({ text: combineFiles(files), label: name, origin: { kind: 'import', name } });
}

export function importText(text: string, name = 'pasted YAML'): void {
  useAppStore.getState().requestReplacement({ text, label: name, origin: { kind: 'import', name } });
}

export function startFromScratch(): void {
  useAppStore.getState().requestReplacement({ text: STARTER_TEXT, label: 'a new workspace', origin: { kind: 'scratch' } });
}

/** The hidden file input lives in the toolbar; menus and shortcuts open it by id. */
export const IMPORT_INPUT_ID = 'import-file-input';

export function openFilePicker(): void {
  document.getElementById(IMPORT_INPUT_ID)?.click();
}

export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
