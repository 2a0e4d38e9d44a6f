import { valueKey } from './values';

/**
 * One step of turning an old list into a new one: an item kept or changed in place (`old` and
 * `next`), an old item dropped (`old` only) or a new item (`next` only). Steps come in the order
 * the new list is written.
 */
export interface AlignStep {
  old?: number;
  next?: number;
}

/** Beyond this many cells, the middle of two lists is paired by position instead of by an LCS. */
const MAX_LCS_CELLS = 250_000;

/**
 * Aligns two lists so that equal items are kept where they are (a longest common subsequence) and
 * the items between them are paired by position, which turns "one rule narrowed" into a change of
 * that rule rather than a removal and an insertion.
 */
export function alignLists(old: readonly unknown[], next: readonly unknown[]): AlignStep[] {
  const oldKeys = old.map(valueKey);
  const nextKeys = next.map(valueKey);
  let prefix = 0;
  while (prefix < oldKeys.length && prefix < nextKeys.length && oldKeys[prefix] === nextKeys[prefix])
    prefix++;
  let suffix = 0;
  while (
    suffix < oldKeys.length - prefix &&
    suffix < nextKeys.length - prefix &&
    oldKeys[oldKeys.length - 1 - suffix] === nextKeys[nextKeys.length - 1 - suffix]
  ) {
    suffix++;
  }
  const steps: AlignStep[] = [];
  for (let i = 0; i < prefix; i++) steps.push({ old: i, next: i });
  const oldMiddle = oldKeys.slice(prefix, oldKeys.length - suffix);
  const nextMiddle = nextKeys.slice(prefix, nextKeys.length - suffix);
  for (const step of alignMiddle(oldMiddle, nextMiddle)) {
    steps.push({
      ...(step.old !== undefined ? { old: step.old + prefix } : {}),
      ...(step.next !== undefined ? { next: step.next + prefix } : {}),
    });
  }
  for (let i = 0; i < suffix; i++)
    steps.push({ old: oldKeys.length - suffix + i, next: nextKeys.length - suffix + i });
  return steps;
}

function alignMiddle(old: readonly string[], next: readonly string[]): AlignStep[] {
  const matches = old.length * next.length <= MAX_LCS_CELLS ? longestCommonSubsequence(old, next) : [];
  const steps: AlignStep[] = [];
  let i = 0;
  let j = 0;
  for (const [matchOld, matchNext] of [...matches, [old.length, next.length] as const]) {
    steps.push(...pairByPosition(i, matchOld, j, matchNext));
    if (matchOld < old.length) steps.push({ old: matchOld, next: matchNext });
    i = matchOld + 1;
    j = matchNext + 1;
  }
  return steps;
}

function pairByPosition(oldFrom: number, oldTo: number, nextFrom: number, nextTo: number): AlignStep[] {
  const steps: AlignStep[] = [];
  const paired = Math.min(oldTo - oldFrom, nextTo - nextFrom);
  for (let k = 0; k < paired; k++) steps.push({ old: oldFrom + k, next: nextFrom + k });
  for (let k = oldFrom + paired; k < oldTo; k++) steps.push({ old: k });
  for (let k = nextFrom + paired; k < nextTo; k++) steps.push({ next: k });
  return steps;
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] =
        a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}
