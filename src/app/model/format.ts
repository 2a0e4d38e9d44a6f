/** One formatter for every count on screen: `toLocaleString` builds a new one per call, which thousands of edge labels feel. */
const COUNT_FORMAT = new Intl.NumberFormat('en');

/** `12,345` */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}
