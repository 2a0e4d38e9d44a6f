/**
 * User actions that replace or export the workspace, shared by the toolbar, the empty state,
 * drag-and-drop, paste and keyboard shortcuts.
 */
import { MAX_SOURCE_BYTES } from '../../engine';
import { useAppStore } from '../store';
import { PROGRESS_FROM_BYTES } from '../worker/protocol';
import { combineFiles, type NamedText } from './combine-files';
import { fetchExample, type Example } from './examples';
import { decodeFileBytes } from './read-text';
import { STARTER_TEXT } from './starter';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Reads the chosen files as UTF-8 text, or says why it will not: too large to read without
 * freezing the tab, binary, or another encoding. Nothing is replaced then.
 */
async function readImport(list: FileList | readonly File[]): Promise<NamedText[] | string> {
  const files = [...list].sort((a, b) => a.name.localeCompare(b.name));
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_SOURCE_BYTES) {
    const what =
      files.length === 1
        ? `${files[0]!.name} is ${megabytes(total)}`
        : `These ${files.length} files are ${megabytes(total)} together`;
    return `${what}; Netpol Canvas reads at most ${MAX_SOURCE_BYTES / 1024 / 1024} MB at a time. Split the input into smaller files.`;
  }
  const texts: NamedText[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return `${file.name} could not be read (was it moved or deleted?).`;
    }
    const decoded = decodeFileBytes(file.name, bytes);
    if (!decoded.ok) return decoded.message;
    texts.push({ name: file.name, text: decoded.text });
  }
  return texts;
}

export async function loadExample(example: Example): Promise<void> {
  const text = await fetchExample(example);
  useAppStore.getState().requestReplace(
    {
      label: `the example “${example.title}”`,
      origin: { kind: 'example', id: example.id, title: example.title },
    },
    text,
  );
}

export async function importFiles(list: FileList | readonly File[]): Promise<void> {
  const bytes = [...list].reduce((sum, file) => sum + file.size, 0);
  const { setLoadProgress } = useAppStore.getState();
  const label = list.length === 1 ? list[0]!.name : `${list.length} files`;
  if (bytes >= PROGRESS_FROM_BYTES && bytes <= MAX_SOURCE_BYTES)
    setLoadProgress({ stage: 'read', label, bytes, since: performance.now() });
  const files = await readImport(list);
  if (typeof files === 'string') {
    setLoadProgress(null);
    useAppStore.getState().showNotice('error', `${files} Nothing was imported; your workspace is unchanged.`);
    return;
  }
  if (files.length === 0) return;
  useAppStore.getState().dismissNotice();
  useAppStore
    .getState()
    .requestReplace({ label, origin: { kind: 'import', name: label } }, combineFiles(files));
}

export function importText(text: string, name = 'pasted YAML'): void {
  useAppStore.getState().requestReplace({ label: name, origin: { kind: 'import', name } }, text);
}

export function startFromScratch(): void {
  useAppStore
    .getState()
    .requestReplace({ label: 'a new workspace', origin: { kind: 'scratch' } }, STARTER_TEXT);
}

/** The hidden file input lives in the toolbar; menus and shortcuts open it by id. */
export const IMPORT_INPUT_ID = 'import-file-input';

export function openFilePicker(): void {
  document.getElementById(IMPORT_INPUT_ID)?.click();
}

export function downloadText(fileName: string, text: string, type = 'application/yaml'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
