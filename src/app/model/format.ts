/** One formatter for every count on screen: `toLocaleString` builds a new one per call, which thousands of edge labels feel. */
const COUNT_FORMAT = new Intl.NumberFormat('en');

/** `12,345` */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** `2.2 MB`: a size of text or a file, as the Observed panel and its notices name it. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
