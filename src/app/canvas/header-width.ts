import { textWidth } from '../chrome/text-width';
import type { NamespaceView } from '../model/view-model';
import { EMPTY_GROUP, INSIDE_MARK_FROM } from './grid';

/**
 * What an open namespace's header holds besides its name, in px as NamespaceNode.css draws them:
 * padding, the gaps between items, the `ns` tag, the default-deny switches, the isolation badges,
 * the inside mark (namespaces of INSIDE_MARK_FROM workloads or more may carry one), the
 * guardrail badge of cluster-scoped policies and the "implicit" note. The label chips shrink, so they need no room.
 */
const HEADER = {
  padding: 24,
  gap: 8,
  tag: 22,
  toggles: 132,
  badges: 76,
  inside: 118,
  implicit: 44,
  guardrail: 56,
};
/** Canvas and layout round text differently; and a font may be missing where it was measured. */
const SLACK = 6;
/** For where nothing can measure text: about the widest average glyph of the 20 px name font. */
const NAME_GLYPH = 12;

const nameFont = () => {
  const family = getComputedStyle(document.documentElement).getPropertyValue('--font-ui').trim();
  return `650 20px ${family || 'sans-serif'}`;
};

const known = new Map<string, number>();

/** The label every namespace carries; showing it as a chip would only repeat the name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';
const MAX_CHIPS = 2;

/** The labels an open namespace's header shows as chips, and how many more it has. */
export function headerChips(ns: NamespaceView): {
  labels: [string, string][];
  shown: [string, string][];
  more: number;
} {
  const labels = Object.entries(ns.labels).filter(([key]) => key !== NAME_LABEL);
  return { labels, shown: labels.slice(0, MAX_CHIPS), more: Math.max(0, labels.length - MAX_CHIPS) };
}

const nameWidth = (ns: NamespaceView) =>
  (typeof document === 'undefined' ? null : textWidth(ns.name, nameFont())) ?? ns.name.length * NAME_GLYPH;

/** The "▾ Collapse" button an open namespace of a summarized workspace has at the end of its header. */
const COLLAPSE_BUTTON = 84;
/** A label chip: about 6.5 px a character of `key=value` in its 11 px font, and its padding. */
const chipWidth = (key: string, value: string) => (key.length + value.length + 1) * 6.5 + 14;

/**
 * How far an open namespace's header is taken from its left end (tag, name, note, label chips,
 * as NamespaceNode shows them) and from its right (inside mark, default-deny switches, badges,
 * collapse button): a label drawn on the canvas must cover neither. Estimated on the generous side.
 */
export function headerExtents(ns: NamespaceView): { left: number; right: number } {
  const left = [HEADER.tag, nameWidth(ns), ...(ns.declared ? [] : [HEADER.implicit])];
  const { shown, more } = headerChips(ns);
  for (const [key, value] of shown) left.push(chipWidth(key, value));
  if (more) left.push(chipWidth('+', String(more)));
  const right = [HEADER.toggles, HEADER.badges];
  if (ns.endpointCount >= INSIDE_MARK_FROM) right.push(HEADER.inside);
  if (ns.collapsed === false) right.push(COLLAPSE_BUTTON);
  const extent = (items: number[]) =>
    Math.ceil(HEADER.padding / 2 + items.reduce((sum, item) => sum + item + HEADER.gap, 0) + SLACK);
  return { left: extent(left), right: extent(right) };
}

/**
 * The width an open namespace needs so that its header (name whole, switches and badges) fits:
 * its box is never narrower, however few workloads it holds.
 */
export function namespaceWidth(ns: NamespaceView): number {
  const guarded = (ns.guardrails?.length ?? 0) > 0;
  const key = `${ns.name}|${ns.declared}|${ns.endpointCount >= INSIDE_MARK_FROM}|${guarded}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const items = [HEADER.tag, nameWidth(ns), HEADER.toggles, HEADER.badges];
  if (ns.endpointCount >= INSIDE_MARK_FROM) items.push(HEADER.inside);
  if (!ns.declared) items.push(HEADER.implicit);
  if (guarded) items.push(HEADER.guardrail);
  const width = Math.ceil(
    HEADER.padding + items.reduce((sum, item) => sum + item, 0) + (items.length - 1) * HEADER.gap + SLACK,
  );
  const result = Math.max(EMPTY_GROUP.width, width);
  known.set(key, result);
  return result;
}
