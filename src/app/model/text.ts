/**
 * Blank text: nothing but whitespace. A regular expression stops at the first character that is
 * not, where trim() would copy a 16 MB workspace on every change of the store.
 */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}
