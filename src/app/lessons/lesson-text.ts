import { isRecord, parseSources } from '../../engine';

/**
 * The scenario's text for one lesson step: NetworkPolicies and ClusterNetworkPolicies not named in
 * `keep` are cut out, and so are ConnectivityTests (they describe the final state). Everything else
 * stays byte for byte.
 */
export function lessonStepText(scenario: string, keep: readonly string[]): string {
  const { documents, objects } = parseSources([{ name: 'lesson.yaml', text: scenario }]);
  const drop = new Set<number>();
  for (const object of objects) {
    if (!isRecord(object.value)) continue;
    const kind = object.value.kind;
    const name = isRecord(object.value.metadata) ? object.value.metadata.name : undefined;
    const policy = kind === 'NetworkPolicy' || kind === 'ClusterNetworkPolicy';
    if (kind === 'ConnectivityTest' || (policy && !keep.includes(String(name))))
      drop.add(object.documentIndex);
  }
  let text = '';
  for (const document of documents) {
    if (drop.has(document.index)) continue;
    const body = scenario.slice(document.start, document.end).replace(/^---[^\n]*\n/, '');
    text += text ? `---\n${body}` : body;
  }
  return text;
}
