/**
 * Fixes for lint findings whose remedy is obvious, as edit intents the engine carries out:
 * a cross-product rule is split into one rule per peer, and policyTypes gets the direction whose
 * rules it ignores. Matched to their diagnostic by code, line and column.
 */
import type { Diagnostic, Direction, Policy, Workspace } from '../../engine';
import type { QuickFix } from '../model/insight';

type RawRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is RawRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The policy a diagnostic names in its `object` ("NetworkPolicy ns/name"). */
function policyOf(workspace: Workspace, diagnostic: Diagnostic): Policy | undefined {
  const id = diagnostic.object?.startsWith('NetworkPolicy ')
    ? diagnostic.object.slice('NetworkPolicy '.length)
    : undefined;
  return id ? workspace.cluster.policies.find((policy) => policy.id === id) : undefined;
}

/** The policy's spec as written, before the API server's defaulting. */
function writtenSpec(workspace: Workspace, policy: Policy): RawRecord | undefined {
  const object = workspace.parsed.objects.find(
    (o) => o.file === policy.source.file && o.documentIndex === policy.source.documentIndex,
  );
  let value: unknown = object?.value;
  for (const key of policy.source.objectPath)
    value =
      isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  return isRecord(value) && isRecord(value.spec) ? value.spec : undefined;
}

function withTypes(spec: RawRecord, types: Direction[]): RawRecord {
  return { ...spec, policyTypes: types };
}

function fixFor(
  workspace: Workspace,
  diagnostic: Diagnostic,
): Omit<QuickFix, 'code' | 'line' | 'column'> | null {
  const policy = policyOf(workspace, diagnostic);
  if (!policy) return null;
  switch (diagnostic.code) {
    case 'lint/cross-product': {
      for (const direction of ['egress', 'ingress'] as const) {
        const rule = policy[direction].find(
          (r) => r.source.line === diagnostic.line && r.source.column === diagnostic.column,
        );
        if (rule) {
          return {
            title: 'Split into one rule per peer',
            intent: { kind: 'split-rule', policyId: policy.id, direction, index: rule.index },
          };
        }
      }
      return null;
    }
    case 'lint/rules-ignored-by-policy-types': {
      const spec = writtenSpec(workspace, policy);
      if (!spec) return null;
      const missing: Direction[] = [];
      if (policy.ingress.length > 0 && !policy.policyTypes.includes('Ingress')) missing.push('Ingress');
      if (policy.egress.length > 0 && !policy.policyTypes.includes('Egress')) missing.push('Egress');
      if (missing.length === 0) return null;
      return {
        title: `Add ${missing.join(' and ')} to policyTypes`,
        intent: {
          kind: 'update-policy',
          policyId: policy.id,
          spec: withTypes(spec, [...policy.policyTypes, ...missing]),
        },
      };
    }
    case 'lint/empty-egress-without-policy-types': {
      const spec = writtenSpec(workspace, policy);
      if (!spec) return null;
      const types: Direction[] =
        Array.isArray(spec.ingress) && spec.ingress.length > 0 ? ['Ingress', 'Egress'] : ['Egress'];
      return {
        title: `Set policyTypes: [${types.join(', ')}]`,
        intent: { kind: 'update-policy', policyId: policy.id, spec: withTypes(spec, types) },
      };
    }
    default:
      return null;
  }
}

export function quickFixes(workspace: Workspace, diagnostics: readonly Diagnostic[]): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const diagnostic of diagnostics) {
    if (!diagnostic.code.startsWith('lint/')) continue;
    const { code, line, column } = diagnostic;
    if (fixes.some((fix) => fix.code === code && fix.line === line && fix.column === column)) continue;
    const fix = fixFor(workspace, diagnostic);
    if (fix) fixes.push({ code, line, column, ...fix });
  }
  return fixes;
}

/** The fix for a diagnostic, if there is one. */
export function fixOf(
  fixes: readonly QuickFix[] | undefined,
  diagnostic: Pick<Diagnostic, 'code' | 'line' | 'column'>,
): QuickFix | undefined {
  return fixes?.find(
    (fix) => fix.code === diagnostic.code && fix.line === diagnostic.line && fix.column === diagnostic.column,
  );
}
