/** The Export menu's files besides YAML: the matrix (CSV, Markdown) and the graph (SVG, PNG). */
import { VERDICTS, type Verdict } from '../../engine';
import { useAppStore } from '../store';
import { requestReport } from '../worker/engine-bridge';
import type { ReportFormat } from '../worker/protocol';
import { downloadBlob, downloadText } from '../workspace/commands';
import { graphSvg, svgToPng } from './graph-svg';
import { takeGraphSnapshot } from './use-graph-snapshot';
import { VERDICT_STYLE } from '../model/verdicts';

export const MATRIX_FILE: Record<ReportFormat, string> = { csv: 'netpol-matrix.csv', md: 'netpol-matrix.md' };

/** Downloads the matrix as `reach --format csv|md` would print it (CSV for the port filter's port). */
export async function downloadMatrix(format: ReportFormat): Promise<string> {
  const text = await requestReport(format, useAppStore.getState().portFilter);
  downloadText(MATRIX_FILE[format], text, format === 'csv' ? 'text/csv' : 'text/markdown');
  return MATRIX_FILE[format];
}

function workspaceTitle(): string {
  const { origin } = useAppStore.getState();
  if (origin.kind === 'example') return origin.title;
  if (origin.kind === 'import') return origin.name;
  return origin.kind === 'shared' ? 'Shared workspace' : 'Workspace';
}

function resolvedColors() {
  const style = getComputedStyle(document.querySelector('.canvas') ?? document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888888';
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, read(VERDICT_STYLE[v].colorVar)])) as Record<
    Verdict,
    string
  >;
  return {
    ...verdicts,
    text: read('--text'),
    muted: read('--text-muted'),
    surface: read('--surface'),
    border: read('--border'),
    mixed: read('--accent'),
  };
}

/** The graph on screen as SVG or PNG, with the legend, the workspace's name and the time. */
export async function downloadGraph(format: 'svg' | 'png'): Promise<string> {
  const snapshot = takeGraphSnapshot();
  if (!snapshot || snapshot.nodes.length === 0) throw new Error('There is no graph to export yet.');
  const timestamp = `${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const { svg, width, height } = graphSvg(snapshot, {
    title: workspaceTitle(),
    timestamp,
    colors: resolvedColors(),
  });
  const name = `netpol-graph.${format}`;
  if (format === 'svg') downloadText(name, svg, 'image/svg+xml');
  else downloadBlob(name, await svgToPng(svg, width, height));
  return name;
}
