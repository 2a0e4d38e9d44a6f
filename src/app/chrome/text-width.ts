let measuring: CanvasRenderingContext2D | null | undefined;

/**
 * Width of `text` in `font` (a CSS font shorthand), measured off-screen so that no element is laid
 * out for it; null where nothing can measure (no document, as in a worker).
 */
export function textWidth(text: string, font: string): number | null {
  if (measuring === undefined)
    measuring = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measuring) return null;
  measuring.font = font;
  return measuring.measureText(text).width;
}
