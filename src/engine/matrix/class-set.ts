/**
 * Sets of equivalence-class indices, as sorted arrays of distinct members. Most selectors and
 * ipBlocks pick a few classes out of tens of thousands, so a set costs its members, not one bit
 * per class: with one policy per five pods nearly every class has a profile of its own, and
 * profiles that each read and combined class-sized bitsets cost classes² between them.
 */
export type ClassSet = Uint32Array;

/** A set from members in any order, repeats allowed. */
export function classSetOf(members: ArrayLike<number>): ClassSet {
  const sorted = Uint32Array.from(members).sort();
  let size = 0;
  for (let k = 0; k < sorted.length; k++)
    if (size === 0 || sorted[k] !== sorted[size - 1]) sorted[size++] = sorted[k]!;
  return size === sorted.length ? sorted : sorted.slice(0, size);
}

/** Every class of a partition of `size` classes. */
export function everyClass(size: number): ClassSet {
  const set = new Uint32Array(size);
  for (let k = 0; k < size; k++) set[k] = k;
  return set;
}
