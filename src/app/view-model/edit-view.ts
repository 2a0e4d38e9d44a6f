/**
 * What the rule editor needs besides verdicts: each policy's spec as written, read from the
 * engine's parsed objects. Nothing here decides a verdict.
 */
import { isRecord, type Policy, type Workspace } from '../../engine';

/** Top-level values of the parsed documents by `file#documentIndex`; build once per evaluation. */
export function documentValues(workspace: Workspace): Map<string, unknown> {
  return new Map(
    workspace.parsed.objects.map((object) => [`${object.file}#${object.documentIndex}`, object.value]),
  );
}

/** The policy's `spec` exactly as the text holds it (inside a List too), or undefined. */
export function rawPolicySpec(
  values: ReadonlyMap<string, unknown>,
  policy: Policy,
): Record<string, unknown> | undefined {
  const { file, documentIndex, objectPath } = policy.source;
  let value: unknown = values.get(`${file}#${documentIndex}`);
  for (const step of objectPath) {
    if (Array.isArray(value) && typeof step === 'number') value = value[step];
    else if (isRecord(value) && typeof step === 'string') value = value[step];
    else return undefined;
  }
  if (!isRecord(value)) return undefined;
  const spec = value.spec;
  if (!isRecord(spec)) return undefined;
  // Parsed values are never changed, and a keystroke keeps those of the documents it did not
  // touch: their copies are made once, not for every policy on every keystroke.
  let copy = specCopies.get(spec);
  if (!copy) specCopies.set(spec, (copy = JSON.parse(JSON.stringify(spec)) as Record<string, unknown>));
  return copy;
}

const specCopies = new WeakMap<Record<string, unknown>, Record<string, unknown>>();
