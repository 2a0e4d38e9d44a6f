/**
 * Fixed-size sets of small integers (equivalence-class indices), 32 per word. Whole-set
 * operations touch one word per 32 classes, which is what makes per-policy and per-rule sets
 * cheap to combine.
 */
export type Bitset = Uint32Array;

export function emptyBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function fullBitset(size: number): Bitset {
  const set = emptyBitset(size);
  set.fill(0xffffffff);
  const tail = size & 31;
  if (tail) set[set.length - 1] = (1 << tail) - 1;
  return set;
}

export function addBit(set: Bitset, index: number): void {
  set[index >>> 5]! |= 1 << (index & 31);
}

export function hasBit(set: Bitset, index: number): boolean {
  return (set[index >>> 5]! & (1 << (index & 31))) !== 0;
}

/** `target |= source`, in place. */
export function orInto(target: Bitset, source: Bitset): void {
  for (let w = 0; w < target.length; w++) target[w]! |= source[w]!;
}

export function bitsetsEqual(a: Bitset, b: Bitset): boolean {
  if (a.length !== b.length) return false;
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}

/** Calls `visit` with every member, in increasing order. */
export function forEachBit(set: Bitset, visit: (index: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let word = set[w]!;
    while (word !== 0) {
      const low = word & -word;
      visit((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

export function bitsetOf(size: number, members: Iterable<number>): Bitset {
  const set = emptyBitset(size);
  for (const index of members) addBit(set, index);
  return set;
}
