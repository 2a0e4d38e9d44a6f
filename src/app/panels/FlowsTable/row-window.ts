/**
 * The rows of a table of same-height rows that are in view of its scroller, with `overscan` more
 * each side. A virtualizer that measures rows keeps one record per row: 33 million flows (10,000
 * pods) cost the page seconds and a gigabyte of garbage before the first paint. Same-height rows
 * need no record: where the view is says which rows are there.
 */
import { useEffect, useState } from 'react';

export interface RowWindow {
  /** The first row in view (overscan included), and the one after the last. */
  start: number;
  end: number;
}

export function rowWindow(
  scrollTop: number,
  viewHeight: number,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  if (count === 0 || viewHeight <= 0) return { start: 0, end: 0 };
  const first = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) };
}

/** rowWindow for `scroller` as it scrolls and resizes. */
export function useRowWindow(
  scroller: HTMLElement | null,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    if (!scroller) return;
    const measure = () => setView({ top: scroller.scrollTop, height: scroller.clientHeight });
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scroller]);
  return rowWindow(view.top, view.height, count, rowHeight, overscan);
}
