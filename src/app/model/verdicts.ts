/**
 * How each engine verdict looks and reads. Colours are Okabe–Ito (colour-blind safe) and always
 * come with a dash pattern and a glyph, so no meaning rests on colour alone.
 */
import { VERDICT_MARK, type Verdict } from '../../engine';

export interface VerdictStyle {
  label: string;
  /** For the legend, where space is short. */
  short: string;
  /** One line for tooltips and the legend. */
  description: string;
  /** CSS custom property holding the colour, so themes can adjust contrast. */
  colorVar: string;
  dash: string | undefined;
  width: number;
  glyph: string;
}

export const VERDICT_STYLE: Record<Verdict, VerdictStyle> = {
  allow: {
    label: 'Allowed by policy',
    short: 'Allowed',
    description: 'Allowed: a side is isolated and a rule explicitly allows it',
    colorVar: '--verdict-allow',
    dash: undefined,
    width: 2.25,
    glyph: VERDICT_MARK['allow'].glyph,
  },
  'allow-open': {
    label: 'Open',
    short: 'Open',
    description: 'Allowed because neither side is isolated in that direction',
    colorVar: '--verdict-open',
    dash: undefined,
    width: 1,
    glyph: VERDICT_MARK['allow-open'].glyph,
  },
  'deny-egress': {
    label: 'Denied by egress',
    short: 'Denied: egress',
    description: 'Denied: the source is isolated for egress and no egress rule allows it',
    colorVar: '--verdict-deny-egress',
    dash: '7 4',
    width: 1.75,
    glyph: VERDICT_MARK['deny-egress'].glyph,
  },
  'deny-ingress': {
    label: 'Denied by ingress',
    short: 'Denied: ingress',
    description: 'Denied: the destination is isolated for ingress and no ingress rule allows it',
    colorVar: '--verdict-deny-ingress',
    dash: '2 4',
    width: 1.75,
    glyph: VERDICT_MARK['deny-ingress'].glyph,
  },
  'deny-both': {
    label: 'Denied both ways',
    short: 'Denied: both',
    description: 'Denied by the source’s egress and by the destination’s ingress',
    colorVar: '--verdict-deny-both',
    dash: '10 3 2 3',
    width: 1.75,
    glyph: VERDICT_MARK['deny-both'].glyph,
  },
};

export const isDenied = (verdict: Verdict): boolean => verdict.startsWith('deny');

/** Words for a verdict in sentences ("denied by egress of ui/ui"). */
export function verdictPhrase(verdict: Verdict, from: string, to: string): string {
  switch (verdict) {
    case 'allow':
      return 'allowed by policy';
    case 'allow-open':
      return 'allowed (no policy isolates either side)';
    case 'deny-egress':
      return `denied by egress of ${from}`;
    case 'deny-ingress':
      return `denied by ingress of ${to}`;
    case 'deny-both':
      return `denied by egress of ${from} and ingress of ${to}`;
  }
}

/** A verdict in words, for screen readers: "denied by ingress", never the code "deny-ingress". */
export function verdictWords(verdict: Verdict): string {
  return verdict === 'allow-open'
    ? 'open, allowed because neither side is isolated'
    : VERDICT_STYLE[verdict].label.toLowerCase();
}
