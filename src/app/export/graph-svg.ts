/**
 * The graph as a standalone SVG file: React Flow draws nodes as HTML, so the picture is rebuilt
 * from the nodes' positions and the edges' verdicts as the canvas has them, with the legend, the
 * workspace's name and the time it was taken. Colours are resolved to values, so the file needs
 * nothing else to render.
 */
import { VERDICTS, type Verdict } from '../../engine';
import { VERDICT_STYLE } from '../model/verdicts';

export interface SnapshotNode {
  id: string;
  kind: 'namespace' | 'endpoint' | 'external';
  label: string;
  /** A second, smaller line (kind, counts). */
  detail: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SnapshotEdge {
  source: string;
  target: string;
  /** The verdict drawn; null for a counted edge of mixed verdicts. */
  verdict: Verdict | null;
  label: string | null;
}

export interface GraphSnapshot {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

export interface SvgOptions {
  title: string;
  /** When the picture was taken, as shown in it. */
  timestamp: string;
  /** Resolved colours: each verdict's, and the page's text, muted text, surface and border. */
  colors: Record<Verdict, string> & {
    text: string;
    muted: string;
    surface: string;
    border: string;
    mixed: string;
  };
}

const PAD = 24;
const TITLE_H = 44;
const LEGEND_H = 40;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Where the line from a box's centre towards `toward` leaves the box. */
function border(node: SnapshotNode, toward: { x: number; y: number }): { x: number; y: number } {
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = 1 / Math.max(Math.abs(dx) / (node.width / 2), Math.abs(dy) / (node.height / 2));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

const centre = (node: SnapshotNode) => ({ x: node.x + node.width / 2, y: node.y + node.height / 2 });

export function graphSvg(
  snapshot: GraphSnapshot,
  options: SvgOptions,
): { svg: string; width: number; height: number } {
  const { colors } = options;
  const nodes = snapshot.nodes;
  const minX = Math.min(0, ...nodes.map((n) => n.x));
  const minY = Math.min(0, ...nodes.map((n) => n.y));
  const maxX = Math.max(480, ...nodes.map((n) => n.x + n.width));
  const maxY = Math.max(120, ...nodes.map((n) => n.y + n.height));
  const width = Math.ceil(maxX - minX + 2 * PAD);
  const height = Math.ceil(maxY - minY + 2 * PAD + TITLE_H + LEGEND_H);
  const ox = PAD - minX;
  const oy = PAD + TITLE_H - minY;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<defs>${[...VERDICTS, 'mixed']
      .map((key) => {
        const color = key === 'mixed' ? colors.mixed : colors[key as Verdict];
        return `<marker id="arrow-${key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
      })
      .join('')}</defs>`,
    `<rect width="100%" height="100%" fill="${colors.surface}"/>`,
    `<text x="${PAD}" y="${PAD + 6}" font-size="16" font-weight="600" fill="${colors.text}">${escapeXml(options.title)}</text>`,
    `<text x="${PAD}" y="${PAD + 24}" font-size="11" fill="${colors.muted}">Netpol Canvas · ${escapeXml(options.timestamp)}</text>`,
    `<g transform="translate(${ox} ${oy})">`,
  );
  const box = (node: SnapshotNode, fill: string, radius: number) =>
    `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="${radius}" fill="${fill}" stroke="${colors.border}"/>`;
  for (const node of nodes.filter((n) => n.kind === 'namespace')) {
    out.push(
      `<g data-node="${escapeXml(node.id)}">${box(node, 'none', 12)}`,
      `<text x="${node.x + 12}" y="${node.y + 20}" font-size="13" font-weight="600" fill="${colors.text}">${escapeXml(node.label)}</text>`,
      `<text x="${node.x + 12}" y="${node.y + 36}" font-size="10.5" fill="${colors.muted}">${escapeXml(node.detail)}</text></g>`,
    );
  }
  for (const edge of snapshot.edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to) continue;
    const a = border(from, centre(to));
    const b = border(to, centre(from));
    const style = edge.verdict ? VERDICT_STYLE[edge.verdict] : null;
    const color = edge.verdict ? colors[edge.verdict] : colors.mixed;
    const dash = style?.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(
      `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${color}" stroke-width="${style ? Math.max(1.25, style.width) : 2}"${dash} marker-end="url(#arrow-${edge.verdict ?? 'mixed'})"/>`,
    );
    if (edge.label)
      out.push(
        `<text x="${((a.x + b.x) / 2).toFixed(1)}" y="${((a.y + b.y) / 2 - 4).toFixed(1)}" font-size="10" text-anchor="middle" fill="${colors.text}">${escapeXml(edge.label)}</text>`,
      );
  }
  for (const node of nodes.filter((n) => n.kind !== 'namespace')) {
    out.push(
      `<g data-node="${escapeXml(node.id)}">${box(node, colors.surface, node.kind === 'external' ? 16 : 8)}`,
      `<text x="${node.x + 10}" y="${node.y + node.height / 2 - 2}" font-size="12" font-weight="600" fill="${colors.text}">${escapeXml(node.label)}</text>`,
      `<text x="${node.x + 10}" y="${node.y + node.height / 2 + 12}" font-size="10" fill="${colors.muted}">${escapeXml(node.detail)}</text></g>`,
    );
  }
  out.push('</g>');
  const legendY = height - PAD - 8;
  let x = PAD;
  out.push(`<g font-size="11" fill="${colors.text}">`);
  for (const verdict of VERDICTS) {
    const style = VERDICT_STYLE[verdict];
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(
      `<line x1="${x}" y1="${legendY - 4}" x2="${x + 26}" y2="${legendY - 4}" stroke="${colors[verdict]}" stroke-width="${Math.max(1.5, style.width)}"${dash}/>`,
      `<text x="${x + 32}" y="${legendY}"><tspan fill="${colors[verdict]}" font-weight="700">${style.glyph}</tspan> ${escapeXml(style.short)}</text>`,
    );
    x += 48 + style.short.length * 6.5;
  }
  out.push(
    `<line x1="${x}" y1="${legendY - 4}" x2="${x + 26}" y2="${legendY - 4}" stroke="${colors.mixed}" stroke-width="2"/>`,
    `<text x="${x + 32}" y="${legendY}">counted flows of several verdicts</text>`,
    '</g></svg>',
  );
  return { svg: out.join('\n'), width, height };
}

/** The SVG drawn on a canvas at twice its size, as PNG (a data: URL image: the CSP allows those). */
export function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      const scale = 2;
      canvas.width = width * scale;
      canvas.height = height * scale;
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('This browser cannot draw on a canvas.'));
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
        'image/png',
      );
    };
    image.onerror = () => reject(new Error('The SVG could not be drawn.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
