import { VERDICTS, type Verdict } from '../evaluate/evaluate';
import type { Protocol } from '../model/types';
import { hasPort } from '../util/port-set';
import type { PortSetTable } from './port-set-table';

/** Bits of an outcome's flags. */
export const INGRESS_ISOLATED = 1;
export const EGRESS_ISOLATED = 2;
export const LOOPBACK = 4;

/**
 * Everything a verdict depends on between two endpoints — what the source's egress allows, what
 * the destination's ingress allows (port-set ids), and the flags above — interned as a small
 * integer. A cluster has few distinct outcomes, so verdicts are computed once per outcome.
 * Lookups go through typed arrays (per egress id, indexed by ingress id and flags) rather than a
 * Map, because whole-matrix passes make one lookup per endpoint pair.
 */
export class Outcomes {
  readonly egress: number[] = [];
  readonly ingress: number[] = [];
  readonly flags: number[] = [];
  /** Per egress id: outcome id + 1 at [ingress * 8 + flags]; 0 means not seen yet. */
  private readonly byEgress: Int32Array[] = [];
  private readonly pairCodes: number[] = [];

  constructor(private readonly table: PortSetTable) {}

  id(egress: number, ingress: number, flags: number): number {
    const slot = ingress * 8 + flags;
    let ids = this.byEgress[egress];
    if (!ids || slot >= ids.length) ids = this.grow(egress, slot);
    const known = ids[slot]!;
    if (known !== 0) return known - 1;
    const id = this.egress.length;
    this.egress.push(egress);
    this.ingress.push(ingress);
    this.flags.push(flags);
    ids[slot] = id + 1;
    return id;
  }

  private grow(egress: number, slot: number): Int32Array {
    const old = this.byEgress[egress];
    const ids = new Int32Array(Math.max(64, (slot + 1) * 2));
    if (old) ids.set(old);
    this.byEgress[egress] = ids;
    return ids;
  }

  /** decideFlow's verdict for one port. */
  flowVerdict(id: number, port: number, protocol: Protocol): Verdict {
    const flags = this.flags[id]!;
    if (flags & LOOPBACK) return 'allow-open';
    const egressAllows = hasPort(this.table.get(this.egress[id]!), protocol, port);
    const ingressAllows = hasPort(this.table.get(this.ingress[id]!), protocol, port);
    if (egressAllows && ingressAllows) return flags ? 'allow' : 'allow-open';
    if (!egressAllows && !ingressAllows) return 'deny-both';
    return egressAllows ? 'deny-ingress' : 'deny-egress';
  }

  /** reach.ts's pairVerdict: allowed if any port is, otherwise which side refuses everything. */
  pairVerdict(id: number): Verdict {
    const flags = this.flags[id]!;
    if (flags & LOOPBACK) return 'allow-open';
    const table = this.table;
    const egress = this.egress[id]!;
    const ingress = this.ingress[id]!;
    if (!table.isEmpty(table.intersect(egress, ingress))) return flags ? 'allow' : 'allow-open';
    const egressNone = table.isEmpty(egress);
    const ingressNone = table.isEmpty(ingress);
    if (egressNone && !ingressNone) return 'deny-egress';
    if (ingressNone && !egressNone) return 'deny-ingress';
    return 'deny-both';
  }

  /** pairVerdict as an index into VERDICTS, cached per outcome. */
  pairCode(id: number): number {
    let code = this.pairCodes[id];
    if (code === undefined) this.pairCodes[id] = code = VERDICTS.indexOf(this.pairVerdict(id));
    return code;
  }
}
