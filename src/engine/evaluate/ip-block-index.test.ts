import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../workspace';
import type { IpBlock, PolicyRule } from '../model/types';
import { cidrContains, parseCidr, parseIp, type IpAddress } from '../util/cidr';
import { decidePair } from './evaluate';
import { isScanned, ruleIndex } from './ip-block-index';

/** Addresses and networks crowd into 10.0.0.0/20 and fd00::/116, so blocks nest, overlap and repeat. */
const v4 = (value: number) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
const v6 = (value: number) => `fd00::${value.toString(16)}`;
const familyArb = fc.constantFrom(4, 6);
const lowArb = fc.integer({ min: 0, max: 0xfff });
const addressText = (family: number, low: number) => (family === 4 ? v4(0x0a000000 + low) : v6(low));
const addressArb = fc.tuple(familyArb, lowArb).map(([family, low]) => addressText(family, low));

/** A block with host bits left in (the parser masks them) and excepts strictly inside it. */
const blockArb: fc.Arbitrary<IpBlock> = fc
  .record({
    family: familyArb,
    low: lowArb,
    // Some prefixes reach above the crowded range, a few are /0.
    tail: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constant(32)),
    excepts: fc.array(fc.record({ low: lowArb, extra: fc.integer({ min: 1, max: 12 }) }), { maxLength: 2 }),
  })
  .map(({ family, low, tail, excepts }) => {
    const bits = family === 4 ? 32 : 128;
    const prefix = bits - Math.min(tail, bits);
    return {
      cidr: `${addressText(family, low)}/${prefix}`,
      except: excepts
        .filter(({ extra }) => prefix + extra <= bits)
        .map(({ low: exceptLow, extra }) => {
          // Inside the block: the block's network bits, then the except's own low bits.
          const hostBits = bits - prefix;
          const mixed =
            hostBits >= 12 ? exceptLow : (low & ~((1 << hostBits) - 1)) | (exceptLow & ((1 << hostBits) - 1));
          return `${addressText(family, mixed)}/${prefix + extra}`;
        }),
    };
  });

/** The plain reading of one ipBlock peer, as peerMatches has it. */
function blockMatches(block: IpBlock, address: IpAddress): boolean {
  const cidr = parseCidr(block.cidr);
  if (!cidr || !cidrContains(cidr, address)) return false;
  return !block.except.some((text) => {
    const except = parseCidr(text);
    return except !== null && cidrContains(except, address);
  });
}

const source = {
  file: 'random.yaml',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  documentIndex: 0,
  objectPath: [],
};

function ruleOf(index: number, blocks: readonly IpBlock[], scanned: boolean): PolicyRule {
  const peers = blocks.map((ipBlock) => ({ kind: 'ipBlock' as const, ipBlock }));
  return {
    index,
    peers: scanned ? (index % 2 ? null : [...peers, { kind: 'selector' as const }]) : peers,
    ports: null,
    source,
  };
}

describe('the ipBlock index of a rule list', () => {
  it('finds exactly the ipBlock-only rules with a peer matching the address, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ blocks: fc.array(blockArb, { maxLength: 4 }), scanned: fc.boolean() }), {
          maxLength: 30,
        }),
        fc.array(addressArb, { minLength: 1, maxLength: 20 }),
        (specs, addresses) => {
          const rules = specs.map(({ blocks, scanned }, i) => ruleOf(i, blocks, scanned && i % 5 === 0));
          const index = ruleIndex(rules);
          expect(index.scanned).toEqual(rules.flatMap((rule, i) => (isScanned(rule) ? [i] : [])));
          for (const text of addresses) {
            const address = parseIp(text)!;
            const plain = rules.flatMap((rule, i) =>
              !isScanned(rule) &&
              rule.peers!.some((peer) => peer.kind === 'ipBlock' && blockMatches(peer.ipBlock, address))
                ? [i]
                : [],
            );
            expect(index.blockRules(address), text).toEqual(plain);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets decidePair match the same rules as reading every peer of every rule', () => {
    const ruleArb = fc.record({
      blocks: fc.array(blockArb, { minLength: 1, maxLength: 3 }),
      selector: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 12 }), addressArb, (rules, outside) => {
        const peerYaml = (block: IpBlock) =>
          `{ipBlock: {cidr: "${block.cidr}", except: [${block.except.map((e) => `"${e}"`).join(', ')}]}}`;
        const egress = rules.map(
          ({ blocks, selector }) =>
            `{to: [${[...blocks.map(peerYaml), ...(selector ? ['{podSelector: {}}'] : [])].join(', ')}]}`,
        );
        const workspace = loadWorkspace([
          {
            name: 'random.yaml',
            text: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
status: {podIP: 10.200.0.1, podIPs: [{ip: 10.200.0.1}, {ip: "fd01::1"}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: a}
spec: {podSelector: {}, policyTypes: [Egress], egress: [${egress.join(', ')}]}
`,
          },
        ]);
        expect(workspace.diagnostics.filter((d) => d.blocking)).toEqual([]);
        const endpoint = workspace.cluster.endpoints[0]!;
        const pair = decidePair(
          workspace.cluster,
          { kind: 'endpoint', endpoint },
          { kind: 'ip', ip: outside, node: false },
        );
        const address = parseIp(outside)!;
        const plain = rules.flatMap(({ blocks }, i) =>
          blocks.some((b) => blockMatches(b, address)) ? [i] : [],
        );
        expect(pair.egress.matches.map((match) => match.index)).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });
});
