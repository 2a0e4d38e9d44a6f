import { describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../engine';
import type { ViewModel } from '../model/view-model';
import { buildViewModel } from '../view-model/build-view-model';
import { COLLAPSED_SIZE, EXTERNAL_SIZE } from './grid';
import { namespaceWidth } from './header-width';
import { groupSize, placeNewNodes, type Positions } from './layout';

const deployment = (namespace: string, name: string) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: main, image: x, ports: [{containerPort: 80}]}]}
`;

const viewOf = (text: string): ViewModel =>
  buildViewModel(evaluateFiles([{ name: 'w.yaml', text }]).workspace, 1);

/** The top-level boxes (namespaces and outside nodes) as they are drawn. */
function boxes(model: ViewModel, positions: Positions) {
  const children = (ns: string) => model.endpoints.filter((e) => e.namespace === ns).map((e) => e.nodeId);
  return [
    ...model.namespaces.map((ns) => ({
      id: ns.nodeId,
      ...positions[ns.nodeId]!,
      ...(ns.collapsed ? COLLAPSED_SIZE : groupSize(children(ns.name), positions, namespaceWidth(ns))),
    })),
    ...model.externals.map((ext) => ({ id: ext.nodeId, ...positions[ext.nodeId]!, ...EXTERNAL_SIZE })),
  ];
}

function overlapping(model: ViewModel, positions: Positions): string[] {
  const all = boxes(model, positions);
  const found: string[] = [];
  for (const [i, a] of all.entries())
    for (const b of all.slice(i + 1))
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        found.push(`${a.id} ${b.id}`);
  return found;
}

describe('placing new nodes', () => {
  const before = viewOf(
    deployment('a', 'web') + deployment('b', 'api') + deployment('c', 'db') + deployment('c', 'cache'),
  );
  // a above b (same column), c to the right of both.
  const positions: Positions = {
    'ns:a': { x: 0, y: 0 },
    'ep:a/web': { x: 16, y: 50 },
    'ns:b': { x: 0, y: 200 },
    'ep:b/api': { x: 16, y: 50 },
    'ns:c': { x: 600, y: 0 },
    'ep:c/db': { x: 16, y: 50 },
    'ep:c/cache': { x: 16, y: 150 },
    'ext:0.0.0.0/0': { x: 1200, y: 0 },
  };

  it('starts from a picture where nothing overlaps', () => {
    expect(overlapping(before, positions)).toEqual([]);
    expect(placeNewNodes(before, positions)).toBeNull();
  });

  it('a workload added to a namespace pushes the boxes it would cover down, and moves nothing else', () => {
    const after = viewOf(
      deployment('a', 'web') +
        deployment('a', 'worker') +
        deployment('a', 'cron') +
        deployment('b', 'api') +
        deployment('c', 'db') +
        deployment('c', 'cache'),
    );
    const placed = placeNewNodes(after, positions)!;
    expect(overlapping(after, placed)).toEqual([]);
    expect(placed['ns:a']).toEqual(positions['ns:a']);
    expect(placed['ns:c']).toEqual(positions['ns:c']);
    expect(placed['ext:0.0.0.0/0']).toEqual(positions['ext:0.0.0.0/0']);
    expect(placed['ep:a/web']).toEqual(positions['ep:a/web']);
    expect(placed['ns:b']!.x).toBe(positions['ns:b']!.x);
    expect(placed['ns:b']!.y).toBeGreaterThan(positions['ns:b']!.y);
  });
});
