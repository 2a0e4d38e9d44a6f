/**
 * Reading and changing NetworkPolicy objects as written (raw values, before defaulting), and
 * comparing their parts by meaning rather than by spelling.
 */
import { defaultPolicyTypes } from '../model/read-policy';
import type { Direction } from '../model/types';
import { arrayAt, isRecord, type RawRecord } from '../util/raw';
import { validateNetworkPolicy } from '../validate/network-policy';
import { deepEqual } from './values';

export const RULES_KEY = { Ingress: 'ingress', Egress: 'egress' } as const satisfies Record<
  Direction,
  string
>;
export const PEERS_KEY = { Ingress: 'from', Egress: 'to' } as const satisfies Record<Direction, string>;

export function specOf(policy: RawRecord): RawRecord {
  if (!isRecord(policy.spec)) policy.spec = {};
  return policy.spec as RawRecord;
}

/** policyTypes after the API server's defaulting. */
export function effectivePolicyTypes(policy: RawRecord): Direction[] {
  const spec = isRecord(policy.spec) ? policy.spec : {};
  return defaultPolicyTypes(spec.policyTypes, arrayAt(spec, 'egress').length);
}

/**
 * Writes the defaulted policyTypes into the spec. Call before changing rules: without it, adding
 * the first egress rule (or removing the last) would silently change which directions it isolates.
 */
export function pinPolicyTypes(policy: RawRecord): void {
  const spec = specOf(policy);
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0)
    spec.policyTypes = effectivePolicyTypes(policy);
}

export function rulesOf(policy: RawRecord, direction: Direction): RawRecord[] {
  return arrayAt(policy.spec, RULES_KEY[direction]).filter(isRecord);
}

/** Replaces a direction's rules (after pinning policyTypes); no rules leaves out the key. */
export function setRules(policy: RawRecord, direction: Direction, rules: readonly RawRecord[]): void {
  pinPolicyTypes(policy);
  const spec = specOf(policy);
  if (rules.length) spec[RULES_KEY[direction]] = [...rules];
  else delete spec[RULES_KEY[direction]];
}

/** True when the API server would accept the spec, so the policy is evaluated and may take rules. */
export function hasValidSpec(policy: RawRecord): boolean {
  return !validateNetworkPolicy(policy).some(
    (issue) => issue.severity === 'error' && issue.path[0] !== 'metadata',
  );
}

/** A label selector without its empty parts (`{matchLabels: {}}` means `{}`); anything else as written. */
export function canonicalSelector(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const out: RawRecord = { ...raw };
  if (out.matchLabels === null || (isRecord(out.matchLabels) && Object.keys(out.matchLabels).length === 0))
    delete out.matchLabels;
  if (
    out.matchExpressions === null ||
    (Array.isArray(out.matchExpressions) && out.matchExpressions.length === 0)
  )
    delete out.matchExpressions;
  return out;
}

/** A policy's podSelector as written; absent means `{}`, every pod of its namespace. */
export function podSelectorOf(policy: RawRecord): unknown {
  return (isRecord(policy.spec) ? policy.spec.podSelector : undefined) ?? {};
}

export function sameSelector(a: unknown, b: unknown): boolean {
  return deepEqual(canonicalSelector(a), canonicalSelector(b));
}

/** A peer with its selectors in canonical form; absent selectors stay absent (presence matters). */
function canonicalPeer(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const out: RawRecord = {};
  if (isRecord(raw.namespaceSelector)) out.namespaceSelector = canonicalSelector(raw.namespaceSelector);
  if (isRecord(raw.podSelector)) out.podSelector = canonicalSelector(raw.podSelector);
  for (const [key, value] of Object.entries(raw)) if (!(key in out) && value !== null) out[key] = value;
  return out;
}

/** A port entry as defaulted: protocol TCP unless given. */
export function canonicalPort(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const out: RawRecord = { protocol: raw.protocol ?? 'TCP' };
  for (const [key, value] of Object.entries(raw)) if (key !== 'protocol' && value !== null) out[key] = value;
  return out;
}

export function samePeer(a: unknown, b: unknown): boolean {
  return deepEqual(canonicalPeer(a), canonicalPeer(b));
}

export function samePort(a: unknown, b: unknown): boolean {
  return deepEqual(canonicalPort(a), canonicalPort(b));
}

/** A rule's peers; an empty list means every peer. */
export function peersOf(rule: RawRecord, direction: Direction): unknown[] {
  return arrayAt(rule, PEERS_KEY[direction]);
}

/** A rule's port entries; an empty list means every port. */
export function portsOf(rule: RawRecord): unknown[] {
  return arrayAt(rule, 'ports');
}
