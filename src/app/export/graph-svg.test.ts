import { describe, expect, it } from 'vitest';
import { graphSvg } from './graph-svg';

const colors = {
  allow: '#0072b2',
  'allow-open': '#8c939e',
  'deny-egress': '#d55e00',
  'deny-ingress': '#e69f00',
  'deny-both': '#a3122a',
  text: '#111',
  muted: '#555',
  surface: '#fff',
  border: '#ddd',
  mixed: '#07f',
};

describe('graphSvg', () => {
  const node = (id: string, kind: 'namespace' | 'endpoint', label: string, x: number) => ({
    id,
    kind,
    label,
    detail: kind,
    x,
    y: 40,
    width: 160,
    height: 60,
  });
  const { svg, width, height } = graphSvg(
    {
      nodes: [node('ns:a', 'namespace', 'a', 0), node('ep:a/<web>', 'endpoint', '<web> & "db"', 300)],
      edges: [{ source: 'ns:a', target: 'ep:a/<web>', verdict: 'deny-ingress', label: null }],
    },
    { title: 'Shop', timestamp: '2026-12-03 15:00:00 UTC', colors },
  );

  it('names every node, escaped, with the title, the time and the legend', () => {
    expect(svg).toContain('>a</text>');
    expect(svg).toContain('&lt;web&gt; &amp; &quot;db&quot;');
    expect(svg).not.toContain('<web>');
    expect(svg).toContain('>Shop</text>');
    expect(svg).toContain('2026-12-03 15:00:00 UTC');
    expect(svg).toContain('Denied: ingress');
    expect(width).toBeGreaterThan(460);
    expect(height).toBeGreaterThan(100);
  });

  it('draws an edge with its verdict’s colour and dash', () => {
    expect(svg).toMatch(
      /<line [^>]*stroke="#e69f00"[^>]*stroke-dasharray="2 4"[^>]*marker-end="url\(#arrow-deny-ingress\)"/,
    );
  });
});
