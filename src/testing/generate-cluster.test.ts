import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../engine';
import { generateCluster, toListYaml } from './generate-cluster';

describe('the benchmark cluster generator', () => {
  const generated = generateCluster({ seed: 7, pods: 400, policies: 60 });
  const text = toListYaml(generated.items);

  it('is deterministic for a seed', () => {
    expect(toListYaml(generateCluster({ seed: 7, pods: 400, policies: 60 }).items)).toBe(text);
    expect(toListYaml(generateCluster({ seed: 8, pods: 400, policies: 60 }).items)).not.toBe(text);
  });

  it('writes a dump that loads cleanly and models as many endpoints as it says', () => {
    const { cluster, diagnostics } = loadWorkspace([{ name: 'dump.yaml', text }]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cluster.endpoints).toHaveLength(generated.expectedEndpoints);
    expect(cluster.policies).toHaveLength(generated.policyCount);
    expect(generated.policyCount).toBe(60);
    expect(cluster.endpoints.some((e) => e.hostNetwork)).toBe(true);
    expect(
      cluster.endpoints.every((e) => e.kind === 'Pod' || e.aliases.length > 0 || e.kind === 'StatefulSet'),
    ).toBe(true);
  });
});
