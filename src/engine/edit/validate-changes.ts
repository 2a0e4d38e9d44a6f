import { formatPath } from '../diagnostics';
import { recordAt, stringAt, type RawRecord } from '../util/raw';
import { TIERED_POLICY_KINDS, validateTieredPolicy, type TieredKind } from '../validate/tiered-policy';
import { validateNetworkPolicy, validateObjectMeta, type ValidationIssue } from '../validate/network-policy';
import { validatePodTemplateSpec } from '../validate/workload';
import type { Draft } from './plan';

/** The API server's errors for an object of a kind the edit layer writes. */
function errorsOf(kind: string, value: RawRecord): ValidationIssue[] {
  // A ConnectivityTest is the app's own kind; the edit that writes one checks its probes itself.
  if (kind === 'ConnectivityTest') return [];
  // A converted policy names its new kind itself (a List item may have taken the old one from its List).
  const own = stringAt(value, 'kind') ?? kind;
  if (Object.hasOwn(TIERED_POLICY_KINDS, own))
    return validateTieredPolicy(value, own as TieredKind).filter((issue) => issue.severity === 'error');
  const issues =
    kind === 'Namespace'
      ? validateObjectMeta(value.metadata, ['metadata'], { nameRule: 'label' })
      : kind === 'Deployment'
        ? [
            ...validateObjectMeta(value.metadata, ['metadata']),
            ...validatePodTemplateSpec(recordAt(value, 'spec', 'template', 'spec'), [
              'spec',
              'template',
              'spec',
            ]),
          ]
        : validateNetworkPolicy(value);
  return issues.filter((issue) => issue.severity === 'error');
}

const describe = (issue: ValidationIssue) => `${formatPath(issue.path) || 'the object'}: ${issue.message}`;

/**
 * Errors the edit would bring into the text. Problems the object already had are not the edit's
 * doing, and refusing to rename a policy over them would not help the user fix them.
 */
export function newErrors(drafts: readonly Draft[]): string[] {
  return drafts
    .filter((draft) => !draft.deleted)
    .flatMap((draft) => {
      const before = new Set(
        (draft.original ? errorsOf(draft.kind, draft.original.value) : []).map(describe),
      );
      const added = errorsOf(draft.kind, draft.value)
        .map(describe)
        .filter((text) => !before.has(text));
      return added.length ? [`${draft.kind} ${draft.id}: ${added.join('; ')}`] : [];
    });
}
