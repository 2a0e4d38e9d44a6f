/**
 * `convert`: rewrites every v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy as a v1alpha2
 * ClusterNetworkPolicy, one object at a time through the engine's edit intent (each reloads the
 * workspace), so that one object v1alpha2 cannot express leaves the others converted. Only the
 * converted documents are spliced; every other byte of every file stays as it was.
 */
import {
  applyEditsToFiles,
  applyIntent,
  loadWorkspace,
  v1alpha1Policies,
  type BuildOptions,
  type SourceFile,
  type V1alpha1Policy,
} from '../engine';

export interface ConvertOutcome {
  /** `file:line` of the object as it was read, its kind and name. */
  at: string;
  object: string;
  /** What the conversion did, or why it was refused. */
  message: string;
}

export interface ConvertReport {
  files: SourceFile[];
  converted: ConvertOutcome[];
  refused: ConvertOutcome[];
}

const keyOf = (policy: Pick<V1alpha1Policy, 'kind' | 'name'>) => `${policy.kind}/${policy.name}`;

export function convertFiles(files: readonly SourceFile[], options: BuildOptions): ConvertReport {
  let current = [...files];
  const converted: ConvertOutcome[] = [];
  const refused: ConvertOutcome[] = [];
  const refusedKeys = new Set<string>();
  // Each round converts an object or refuses one for good, so this ends.
  for (;;) {
    const workspace = loadWorkspace(current, options);
    const next = v1alpha1Policies(workspace.parsed.objects).find((policy) => !refusedKeys.has(keyOf(policy)));
    if (!next) break;
    const { file, line } = next.object.locate(next.path);
    const outcome = { at: `${file}:${line}`, object: `${next.kind} ${next.name}` };
    const result = applyIntent(workspace, {
      kind: 'convert-tiered-policies',
      objects: [{ kind: next.kind, name: next.name }],
    });
    if (!result.ok) {
      refusedKeys.add(keyOf(next));
      refused.push({ ...outcome, message: result.message });
      continue;
    }
    current = applyEditsToFiles(current, result.edits);
    converted.push({ ...outcome, message: result.summary });
  }
  return { files: current, converted, refused };
}

/** The converted files as one stream of YAML documents, in input order. */
export function joinedText(files: readonly SourceFile[]): string {
  return files
    .map((file) => (file.text === '' || file.text.endsWith('\n') ? file.text : `${file.text}\n`))
    .filter((text) => text.trim() !== '')
    .join('---\n');
}
