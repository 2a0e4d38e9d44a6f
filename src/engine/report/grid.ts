/**
 * The reachability grid: sources as rows, destinations as columns, namespaces (or any groups)
 * first, each open one followed by its members. A cell counts its endpoint pairs per verdict;
 * between two members it is one pair, with the ports allowed. The app's matrix view and the
 * Markdown export (`reach --format md`) both read it.
 */
import { VERDICTS, type Verdict } from '../evaluate/evaluate';
import type { ClassMatrix } from '../matrix/classes';
import type { Cluster } from '../model/types';
import { formatPorts } from '../util/port-set';

const VERDICT_COUNT = VERDICTS.length;

/** The mark and words of each verdict, the same in the app's legend and in exported files. */
export const VERDICT_MARK: Record<Verdict, { glyph: string; words: string }> = {
  allow: { glyph: '✓', words: 'allowed by policy' },
  'allow-open': { glyph: '○', words: 'open (no policy isolates either side)' },
  'deny-egress': { glyph: '⇥', words: 'denied by egress' },
  'deny-ingress': { glyph: '⇤', words: 'denied by ingress' },
  'deny-both': { glyph: '✕', words: 'denied both ways' },
};

/** One thing a row or column can stand for alone: an endpoint, or an outside range. */
export interface GridLeaf {
  id: string;
  /** The namespace, or the name of the outside group. */
  group: string;
}

/** What the grid asks about a pair of leaves (never a leaf and itself). */
export interface GridSource {
  leaves: readonly GridLeaf[];
  /** Index into VERDICTS. */
  verdict(from: number, to: number): number;
  /** The ports allowed, in words. */
  allowed(from: number, to: number): string;
}

export interface GridLine {
  key: string;
  kind: 'group' | 'leaf';
  label: string;
  group: string;
  /** For a group line: whether its members follow it. */
  expanded: boolean;
  /** For a leaf line: its index in the source's leaves; for a group: how many leaves it holds. */
  leaf: number;
  size: number;
}

export interface Grid {
  /** The same lines for rows and columns. */
  lines: GridLine[];
  /** Pairs per verdict of every cell, at (row * lines.length + column) * VERDICTS.length + verdict. */
  counts: Uint32Array;
  /** For a cell of two leaves: an index into `portTexts` (−1 elsewhere). */
  ports: Int32Array;
  portTexts: string[];
}

/** Groups in the order their first leaf comes; `expanded` says which show their members. */
export function buildGrid(source: GridSource, expanded: (group: string) => boolean): Grid {
  const { leaves } = source;
  const groupIndex = new Map<string, number>();
  const members: number[][] = [];
  const groupOf = new Uint32Array(leaves.length);
  leaves.forEach((leaf, i) => {
    let g = groupIndex.get(leaf.group);
    if (g === undefined) {
      g = members.push([]) - 1;
      groupIndex.set(leaf.group, g);
    }
    members[g]!.push(i);
    groupOf[i] = g;
  });
  const lines: GridLine[] = [];
  const lineOfGroup = new Uint32Array(members.length);
  const lineOfLeaf = new Int32Array(leaves.length).fill(-1);
  [...groupIndex.keys()].forEach((group, g) => {
    const open = expanded(group);
    lineOfGroup[g] = lines.length;
    lines.push({
      key: `g:${group}`,
      kind: 'group',
      label: group,
      group,
      expanded: open,
      leaf: -1,
      size: members[g]!.length,
    });
    if (!open) return;
    for (const i of members[g]!) {
      lineOfLeaf[i] = lines.length;
      const id = leaves[i]!.id;
      const label = id.startsWith(`${group}/`) ? id.slice(group.length + 1) : id;
      lines.push({ key: `l:${id}`, kind: 'leaf', label, group, expanded: false, leaf: i, size: 1 });
    }
  });
  const m = lines.length;
  const counts = new Uint32Array(m * m * VERDICT_COUNT);
  const ports = new Int32Array(m * m).fill(-1);
  const portTexts: string[] = [];
  const textIndex = new Map<string, number>();
  const add = (row: number, column: number, code: number) =>
    void counts[(row * m + column) * VERDICT_COUNT + code]!++;
  for (let i = 0; i < leaves.length; i++) {
    const rowGroup = lineOfGroup[groupOf[i]!]!;
    const rowLeaf = lineOfLeaf[i]!;
    for (let j = 0; j < leaves.length; j++) {
      if (i === j) continue;
      const code = source.verdict(i, j);
      const columnGroup = lineOfGroup[groupOf[j]!]!;
      const columnLeaf = lineOfLeaf[j]!;
      add(rowGroup, columnGroup, code);
      if (rowLeaf >= 0) add(rowLeaf, columnGroup, code);
      if (columnLeaf >= 0) add(rowGroup, columnLeaf, code);
      if (rowLeaf >= 0 && columnLeaf >= 0) {
        add(rowLeaf, columnLeaf, code);
        const text = source.allowed(i, j);
        let index = textIndex.get(text);
        if (index === undefined) textIndex.set(text, (index = portTexts.push(text) - 1));
        ports[rowLeaf * m + columnLeaf] = index;
      }
    }
  }
  return { lines, counts, ports, portTexts };
}

/** The counts of one cell, by verdict (only verdicts that occur). */
export function cellCounts(grid: Grid, row: number, column: number): Partial<Record<Verdict, number>> {
  const at = (row * grid.lines.length + column) * VERDICT_COUNT;
  const out: Partial<Record<Verdict, number>> = {};
  for (let v = 0; v < VERDICT_COUNT; v++) if (grid.counts[at + v]) out[VERDICTS[v]!] = grid.counts[at + v]!;
  return out;
}

/** The endpoints of a cluster as grid leaves, grouped by namespace, with the class matrix's answers. */
export function endpointGridSource(cluster: Cluster, matrix: ClassMatrix): GridSource {
  const n = cluster.endpoints.length;
  const codes = n === 0 ? new Uint8Array(0) : matrix.pairVerdictMatrix();
  const texts = new Map<string, string>();
  return {
    leaves: cluster.endpoints.map((endpoint) => ({ id: endpoint.id, group: endpoint.namespace })),
    verdict: (i, j) => codes[i * n + j]!,
    allowed(i, j) {
      // Members of a class are alike to policies; the hostNetwork own-node rule is per pair.
      const from = cluster.endpoints[i]!;
      const to = cluster.endpoints[j]!;
      const ownNode = from.hostNetwork && !!to.hostIP && from.hostIP === to.hostIP;
      const key = `${matrix.classOf(i)},${matrix.classOf(j)},${ownNode}`;
      let text = texts.get(key);
      if (text === undefined) texts.set(key, (text = formatPorts(matrix.pairAllowed(i, j))));
      return text;
    },
  };
}

/** Workspaces up to this many endpoints get the workload grid in Markdown; bigger ones the namespace grid. */
export const MARKDOWN_WORKLOAD_GRID_MAX = 50;

function markdownCell(grid: Grid, row: number, column: number): string {
  const m = grid.lines.length;
  const self = grid.lines[row]!.key === grid.lines[column]!.key;
  if (self && grid.lines[row]!.kind === 'leaf') return '— (itself)';
  const counts = cellCounts(grid, row, column);
  const port = grid.ports[row * m + column]!;
  const verdicts = VERDICTS.filter((v) => counts[v]);
  const text =
    port >= 0 && verdicts.length === 1
      ? `${VERDICT_MARK[verdicts[0]!].glyph} ${grid.portTexts[port]}`
      : verdicts.map((v) => `${VERDICT_MARK[v].glyph} ${counts[v]}`).join(' ') || '–';
  return self ? `(within) ${text}` : text;
}

const escapeMarkdown = (text: string) => text.replaceAll('|', '\\|');

/** A Markdown table of the grid's lines of one kind, with the legend above it. */
export function formatGridMarkdown(grid: Grid, kind: GridLine['kind']): string {
  const picked = grid.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.kind === kind);
  const name = (line: GridLine) =>
    escapeMarkdown(kind === 'leaf' ? `${line.group}/${line.label}` : line.label);
  const legend = VERDICTS.map((v) => `${VERDICT_MARK[v].glyph} ${VERDICT_MARK[v].words}`).join(' · ');
  const what =
    kind === 'leaf'
      ? 'Rows are sources, columns destinations; each cell is the verdict and the ports allowed.'
      : 'Rows are source namespaces, columns destination namespaces; each cell counts endpoint pairs per verdict.';
  const out = [what, '', `Legend: ${legend}`, ''];
  out.push(`| from \\ to | ${picked.map(({ line }) => name(line)).join(' | ')} |`);
  out.push(`| --- |${picked.map(() => ' --- |').join('')}`);
  for (const { line, index } of picked)
    out.push(
      `| **${name(line)}** | ${picked.map(({ index: c }) => escapeMarkdown(markdownCell(grid, index, c))).join(' | ')} |`,
    );
  return `${out.join('\n')}\n`;
}

/** `reach --format md`: the workload grid of a small workspace, else the namespace grid. */
export function reachMarkdown(cluster: Cluster, matrix: ClassMatrix): string {
  if (cluster.endpoints.length === 0) return 'No endpoints: nothing to connect.\n';
  const workloads = cluster.endpoints.length <= MARKDOWN_WORKLOAD_GRID_MAX;
  const grid = buildGrid(endpointGridSource(cluster, matrix), () => workloads);
  return formatGridMarkdown(grid, workloads ? 'leaf' : 'group');
}
