/**
 * Counts over every ordered pair of classes without visiting the pairs one by one. A class's side
 * towards every other class is its profile's row, and classes share profiles (a policy set), so
 * classes are taken a profile at a time: between a source profile and a destination profile the
 * outcome depends only on the value of one row at the destination and of the other at the source,
 * and a row mostly says the same of every class of a profile. Reading every row once costs
 * profiles × classes (what building the rows cost) instead of classes² (43,000 classes: 1.9 × 10⁹
 * pairs, minutes in the app's summary of 100,000 pods).
 */

import type { ProfileRow } from './profiles';

/** The matrix's class sides: rows are shared by the classes of one profile, null where not isolated. */
export interface ClassSides {
  egressRows: readonly (ProfileRow | null)[];
  ingressRows: readonly (ProfileRow | null)[];
  /** The outcome id of an egress and an ingress port-set id with both sides' isolation flags. */
  outcome(egress: number, ingress: number, egressIsolated: boolean, ingressIsolated: boolean): number;
  /** The value of a side that does not isolate: every port. */
  all: number;
}

type GroupCounts = readonly (readonly [number, number])[];

/** Classes that share a row (null: not isolated), with their members per group summed. */
interface Side {
  row: ProfileRow | null;
  classes: number[];
  groups: GroupCounts;
}

function sidesByRow(rows: readonly (ProfileRow | null)[], membersByGroup: readonly GroupCounts[]): Side[] {
  const byRow = new Map<ProfileRow | null, number[]>();
  rows.forEach((row, cls) => {
    const classes = byRow.get(row);
    if (classes) classes.push(cls);
    else byRow.set(row, [cls]);
  });
  return [...byRow].map(([row, classes]) => {
    const sum = new Map<number, number>();
    for (const cls of classes)
      for (const [group, count] of membersByGroup[cls]!) sum.set(group, (sum.get(group) ?? 0) + count);
    return { row, classes, groups: [...sum] };
  });
}

const UNSEEN = -2;
const MIXED = -1;

/** Per side, the value `row` has at every class of it, or MIXED when its classes differ. */
function uniformValues(row: ProfileRow, sideOf: Int32Array, sideCount: number): Int32Array {
  const out = new Int32Array(sideCount).fill(UNSEEN);
  for (let cls = 0; cls < sideOf.length; cls++) {
    const side = sideOf[cls]!;
    const value = row.at(cls);
    const seen = out[side]!;
    if (seen === UNSEEN) out[side] = value;
    else if (seen !== value) out[side] = MIXED;
  }
  return out;
}

/**
 * Calls `add(fromGroup, toGroup, outcome, pairs)` with the number of endpoint pairs of every
 * (source group, destination group, outcome) that the class-level outcomes give, where
 * `membersByGroup[cls]` lists [group, members] of each class. Pairs of an endpoint with itself
 * are included, at their class outcome (the caller corrects the per-pair exceptions).
 */
export function forEachClassPairCount(
  sides: ClassSides,
  membersByGroup: readonly GroupCounts[],
  add: (from: number, to: number, outcome: number, pairs: number) => void,
): void {
  const sources = sidesByRow(sides.egressRows, membersByGroup);
  const destinations = sidesByRow(sides.ingressRows, membersByGroup);
  const sideIndex = (list: readonly Side[]) => {
    const out = new Int32Array(membersByGroup.length);
    list.forEach((side, k) => side.classes.forEach((cls) => (out[cls] = k)));
    return out;
  };
  const sourceOf = sideIndex(sources);
  const destinationOf = sideIndex(destinations);
  const { all } = sides;
  let groupCount = 0;
  for (const groups of membersByGroup)
    for (const [group] of groups) groupCount = Math.max(groupCount, group + 1);
  // A class's members mostly lie in one group: its group and size then, read without a loop.
  const onlyGroup = Int32Array.from(membersByGroup, (groups) => (groups.length === 1 ? groups[0]![0] : -1));
  const size = Float64Array.from(membersByGroup, (groups) => (groups.length === 1 ? groups[0]![1] : 0));
  const scratch: { counts: Float64Array; touched: number[] }[] = [];
  /** Scratch slot + 1 per row value (port-set ids are small integers); 0: not seen in this call. */
  let slotByValue = new Int32Array(64);
  /** `side`'s members per group, by the value `row` has at their class. */
  const mixedValues = (side: Side, row: ProfileRow): [number, GroupCounts][] => {
    const values: number[] = [];
    for (const cls of side.classes) {
      const value = row.at(cls);
      if (value >= slotByValue.length) {
        const grown = new Int32Array(Math.max(value + 1, slotByValue.length * 2));
        grown.set(slotByValue);
        slotByValue = grown;
      }
      let slot = slotByValue[value]! - 1;
      if (slot < 0) {
        slot = values.push(value) - 1;
        slotByValue[value] = slot + 1;
        if (slot === scratch.length) scratch.push({ counts: new Float64Array(groupCount), touched: [] });
      }
      const { counts, touched } = scratch[slot]!;
      const group = onlyGroup[cls]!;
      if (group >= 0) {
        if (counts[group] === 0) touched.push(group);
        counts[group]! += size[cls]!;
        continue;
      }
      for (const [other, count] of membersByGroup[cls]!) {
        if (counts[other] === 0) touched.push(other);
        counts[other]! += count;
      }
    }
    return values.map((value, slot) => {
      slotByValue[value] = 0;
      const { counts, touched } = scratch[slot]!;
      const groups = touched.map((group): [number, number] => [group, counts[group]!]);
      for (const group of touched) counts[group] = 0;
      touched.length = 0;
      return [value, groups];
    });
  };
  const valuesOf = (side: Side, row: ProfileRow, value: number): readonly [number, GroupCounts][] =>
    value === MIXED ? mixedValues(side, row) : [[value, side.groups]];
  const addAll = (from: GroupCounts, to: GroupCounts, outcome: number) => {
    for (const [source, sourceCount] of from)
      for (const [destination, destinationCount] of to)
        add(source, destination, outcome, sourceCount * destinationCount);
  };
  // What each source profile's egress says of every destination side, read once per profile.
  const egressUniform = sources.map(({ row }) =>
    row ? uniformValues(row, destinationOf, destinations.length) : null,
  );
  destinations.forEach((destination, d) => {
    const ingressUniform = destination.row ? uniformValues(destination.row, sourceOf, sources.length) : null;
    sources.forEach((source, s) => {
      const egressIsolated = source.row !== null;
      const ingressIsolated = destination.row !== null;
      // What the destinations' ingress lets in, read at the sources; what the sources' egress lets out, at the destinations.
      const ingress = ingressUniform ? ingressUniform[s]! : all;
      const egress = egressUniform[s] ? egressUniform[s][d]! : all;
      if (ingress !== MIXED && egress !== MIXED) {
        addAll(
          source.groups,
          destination.groups,
          sides.outcome(egress, ingress, egressIsolated, ingressIsolated),
        );
        return;
      }
      const ingressValues = destination.row
        ? valuesOf(source, destination.row, ingress)
        : [[all, source.groups] as const];
      const egressValues = source.row
        ? valuesOf(destination, source.row, egress)
        : [[all, destination.groups] as const];
      for (const [ingressValue, fromGroups] of ingressValues)
        for (const [egressValue, toGroups] of egressValues)
          addAll(
            fromGroups,
            toGroups,
            sides.outcome(egressValue, ingressValue, egressIsolated, ingressIsolated),
          );
    });
  });
}
