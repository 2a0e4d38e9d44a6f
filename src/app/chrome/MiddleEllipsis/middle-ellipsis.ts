/**
 * Shortens a name by cutting out its middle, so that both its start (the app) and its end (the
 * distinguishing suffix: `-api`, `-0`) stay readable: `recommendations-engine` → `recomm…engine`.
 */
export function cutMiddle(text: string, keep: number): string {
  if (keep >= text.length) return text;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

/** The longest middle cut of `text` that `fits` accepts (at least one character on each side). */
export function fitMiddle(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  let low = 2;
  let high = text.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cutMiddle(text, mid))) low = mid;
    else high = mid - 1;
  }
  return cutMiddle(text, low);
}
