import { useEffect, useRef, useState } from 'react';
import { textWidth } from '../text-width';
import { fitMiddle } from './middle-ellipsis';

/**
 * A name on one line, whole when it fits and else cut in the middle, with the whole name on hover.
 * The element must get its width from its container (`flex: 1 1 0`, a fixed width…), not its text.
 */
export function MiddleEllipsis({ text, className }: { text: string; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [shown, setShown] = useState(text);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The observer reports the width once laid out (and on every change), so that measuring never
    // forces a layout of its own: a big canvas mounts many names at once.
    const observer = new ResizeObserver(([entry]) => {
      const room = entry?.contentRect.width ?? 0;
      if (room === 0) return;
      const font = getComputedStyle(element).font;
      // Half a pixel of slack: canvas and layout round text widths differently.
      setShown(fitMiddle(text, (candidate) => (textWidth(candidate, font) ?? 0) <= room - 0.5));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [text]);
  return (
    <span ref={ref} className={className} title={shown === text ? undefined : text}>
      {shown}
    </span>
  );
}
