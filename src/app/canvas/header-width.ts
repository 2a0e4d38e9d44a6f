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

/**
 * The width an open namespace needs so that its header (name whole, switches and badges) fits:
 * its box is never narrower, however few workloads it holds.
 */
export function namespaceWidth(ns: NamespaceView): number {
  const guarded = (ns.guardrails?.length ?? 0) > 0;
  const key = `${ns.name}|${ns.declared}|${ns.endpointCount >= INSIDE_MARK_FROM}|${guarded}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const name =
    (typeof document === 'undefined' ? null : textWidth(ns.name, nameFont())) ?? ns.name.length * NAME_GLYPH;
  const items = [HEADER.tag, name, HEADER.toggles, HEADER.badges];
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
