export interface NamedText {
  name: string;
  text: string;
}

/**
 * Many files become one multi-document text: each starts with a `# file: name` comment and they
 * are separated by `---`, so line numbers in problems still lead back to the right place.
 * A single file is taken as it is.
 */
export function combineFiles(files: readonly NamedText[]): string {
  if (files.length === 1) return files[0]!.text;
  return files
    .map(({ name, text }) => `# file: ${name}\n${text.replace(/^---[^\n]*\n/, '').replace(/\s+$/, '')}\n`)
    .join('---\n');
}

export function readFiles(list: FileList | readonly File[]): Promise<NamedText[]> {
  const files = [...list].sort((a, b) => a.name.localeCompare(b.name));
  return Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
}
