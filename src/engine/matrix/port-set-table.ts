import { PROTOCOLS } from '../model/types';
import {
  ALL_PORTS,
  EMPTY_PORTS,
  intersectPorts,
  isEmptyPorts,
  unionPorts,
  type PortSet,
} from '../util/port-set';

/**
 * Interns port sets as small integers. A whole cluster produces only a handful of distinct
 * "ports allowed between these two ends" values, so matrices store ids and every union or
 * intersection is computed once per distinct pair of ids.
 */
export class PortSetTable {
  static readonly EMPTY = 0;
  static readonly ALL = 1;

  private readonly sets: PortSet[] = [];
  private readonly empties: boolean[] = [];
  private readonly idsByKey = new Map<string, number>();
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();

  constructor() {
    this.intern(EMPTY_PORTS);
    this.intern(ALL_PORTS);
  }

  intern(set: PortSet): number {
    const key = PROTOCOLS.map((protocol) => set[protocol].map(([lo, hi]) => `${lo}-${hi}`).join(',')).join(
      '|',
    );
    let id = this.idsByKey.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.empties.push(isEmptyPorts(set));
      this.idsByKey.set(key, id);
    }
    return id;
  }

  get(id: number): PortSet {
    return this.sets[id]!;
  }

  isEmpty(id: number): boolean {
    return this.empties[id]!;
  }

  union(a: number, b: number): number {
    if (a === b || b === PortSetTable.EMPTY || a === PortSetTable.ALL) return a;
    if (a === PortSetTable.EMPTY || b === PortSetTable.ALL) return b;
    return this.memo(this.unions, a, b, unionPorts);
  }

  intersect(a: number, b: number): number {
    if (a === b || b === PortSetTable.ALL || a === PortSetTable.EMPTY) return a;
    if (a === PortSetTable.ALL || b === PortSetTable.EMPTY) return b;
    return this.memo(this.intersections, a, b, intersectPorts);
  }

  /** Both operations are commutative, so (a, b) and (b, a) share one entry. */
  private memo(
    cache: Map<number, number>,
    a: number,
    b: number,
    combine: (x: PortSet, y: PortSet) => PortSet,
  ): number {
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    let id = cache.get(key);
    if (id === undefined) {
      id = this.intern(combine(this.get(a), this.get(b)));
      cache.set(key, id);
    }
    return id;
  }
}
