import type {
  Diagnostic,
  ExplainResult,
  FlowTiers,
  PortProtocol,
  ReachFlow,
  ReachSummary,
  TestRun,
} from '../engine';
import { escapeControlCharacters, isAllowed } from '../engine';

/**
 * Every line of text output goes through here: a name with a newline must not forge a line, nor
 * an escape sequence reach the terminal. JSON output needs nothing: JSON.stringify escapes them.
 */
export function textLines(lines: readonly string[]): string {
  return lines.map(escapeControlCharacters).join('\n');
}

export function formatDiagnostic(d: Diagnostic): string {
  return escapeControlCharacters(
    `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''}`,
  );
}

function padRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
}

/** Rows as aligned columns, every cell escaped; the first row is the header. */
export function table(rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map(escapeControlCharacters));
  // A reduce, not Math.max(...rows): spreading a big cluster's rows overflows the call stack.
  const widths = cells[0]!.map((_, column) =>
    cells.reduce((width, row) => Math.max(width, row[column]!.length), 0),
  );
  return cells.map((row) => padRow(row, widths)).join('\n');
}

/** Where a streamed result goes, one flow at a time; `end` writes what follows the rows. */
export interface ReachSink {
  flow(flow: ReachFlow): void;
  end(): void;
}

/** Collects small writes into chunks, so that millions of rows are not millions of writes. */
function chunked(write: (text: string) => void): { add(text: string): void; flush(): void } {
  let buffer = '';
  return {
    add(text) {
      buffer += text;
      if (buffer.length > 1 << 16) {
        write(buffer);
        buffer = '';
      }
    },
    flush() {
      if (buffer) write(buffer);
      buffer = '';
    },
  };
}

/** The reach table, streamed: column widths come from the endpoint ids and ports, known before any row. */
export function reachTableSink(
  endpoints: readonly string[],
  ports: readonly PortProtocol[],
  write: (text: string) => void,
): ReachSink {
  if (endpoints.length === 0 || ports.length === 0) {
    return {
      flow: () => {},
      end: () =>
        write(
          endpoints.length === 0
            ? 'No endpoints: the input holds no Pod or workload (Deployment, StatefulSet, DaemonSet, ...), so there is nothing to connect.\n'
            : 'No ports to examine: no endpoint declares a container port. Pass --port P[/PROTO].\n',
        ),
    };
  }
  const ids = endpoints.map(escapeControlCharacters);
  const idWidth = ids.reduce((width, id) => Math.max(width, id.length), 'FROM'.length);
  const portCells = ports.map(({ port, protocol }) => `${port}/${protocol}`);
  const widths = [idWidth, idWidth, portCells.reduce((width, cell) => Math.max(width, cell.length), 4)];
  // Millions of rows reuse a few thousand cells: each is escaped and padded once.
  const cellOf = new Map<string, string>();
  endpoints.forEach((id, i) => cellOf.set(id, `${ids[i]!.padEnd(idWidth)}  `));
  ports.forEach(({ port, protocol }, k) =>
    cellOf.set(`${port}/${protocol}`, `${portCells[k]!.padEnd(widths[2]!)}  `),
  );
  const cell = (text: string) => cellOf.get(text) ?? `${escapeControlCharacters(text)}  `;
  const out = chunked(write);
  out.add(`${padRow(['FROM', 'TO', 'PORT', 'VERDICT'], widths)}\n`);
  let flows = 0;
  let allowed = 0;
  return {
    flow(flow) {
      flows++;
      if (isAllowed(flow.verdict)) allowed++;
      out.add(`${cell(flow.from)}${cell(flow.to)}${cell(`${flow.port}/${flow.protocol}`)}${flow.verdict}\n`);
    },
    end() {
      out.add(`\n${flows} flows: ${allowed} allowed, ${flows - allowed} denied\n`);
      out.flush();
    },
  };
}

/** The JSON of computeReach's matrix ({endpoints, ports, flows}), streamed flow by flow. */
export function reachJsonSink(
  endpoints: readonly string[],
  ports: readonly PortProtocol[],
  write: (text: string) => void,
): ReachSink {
  const out = chunked(write);
  out.add(`{"endpoints":${JSON.stringify(endpoints)},"ports":${JSON.stringify(ports)},"flows":[`);
  let first = true;
  return {
    flow(flow) {
      out.add(`${first ? '' : ','}${JSON.stringify(flow)}`);
      first = false;
    },
    end() {
      out.add(']}\n');
      out.flush();
    },
  };
}

export function formatReachSummary(summary: ReachSummary): string {
  const rows = [['FROM', 'TO', 'FLOWS', 'ALLOWED', 'DENIED']];
  let flows = 0;
  let allowed = 0;
  for (const row of summary.rows) {
    if (row.flows === 0) continue;
    flows += row.flows;
    allowed += row.allowed;
    rows.push([row.from, row.to, String(row.flows), String(row.allowed), String(row.denied)]);
  }
  const groups = `${summary.groups.length} ${summary.groupBy === 'namespace' ? 'namespace' : 'workload'}${summary.groups.length === 1 ? '' : 's'}`;
  return `${table(rows)}\n\n${flows} flows between ${groups} over ${summary.ports.length.toLocaleString('en-US')} port${summary.ports.length === 1 ? '' : 's'}: ${allowed} allowed, ${flows - allowed} denied (summary by ${summary.groupBy}; --group-by none lists every flow)`;
}

export function formatTestText(run: TestRun): string {
  const lines = run.results.flatMap((r) => {
    const head = `${r.pass ? 'PASS' : 'FAIL'}  ${r.from} -> ${r.to} ${r.protocol}/${r.port}: expected ${r.expect}, got ${r.actual} (${r.verdict})`;
    return r.pass ? [head] : [head, `      ${r.file}:${r.line}: ${r.reason}`];
  });
  lines.push(`${run.passed} passed, ${run.failed} failed`);
  return textLines(lines);
}

/** explain --format json: a side's tier walk for the flow (only in workspaces with cluster-scoped policies). */
export function tiersJson(tiers: FlowTiers): { tiers: object } {
  return {
    tiers: {
      decidedBy: tiers.decidedBy,
      steps: tiers.steps.map(({ policy, rule }) => ({
        policy: policy.id,
        kind: policy.kind,
        tier: policy.tier,
        priority: policy.priority,
        rule: rule.index,
        ...(rule.name !== undefined && { name: rule.name }),
        action: rule.action,
        line: rule.source.line,
      })),
    },
  };
}

export function formatExplainText(result: Extract<ExplainResult, { ok: true }>, what: string): string {
  const { pair, flow } = result;
  const word = isAllowed(flow.verdict) ? 'allowed' : 'denied';
  const lines = [`${what}: ${word} (${flow.verdict})`, `  ${flow.reason}`];
  if (!pair.loopback) {
    for (const side of [pair.egress, pair.ingress]) {
      const label = side.direction === 'Egress' ? 'egress ' : 'ingress';
      const subject = side.subject ?? '(not governed)';
      const state = !side.subject
        ? side.note
        : side.isolated
          ? `isolated by ${side.policies.join(', ')}`
          : 'not isolated';
      const tiers = side.direction === 'Egress' ? flow.egressTiers : flow.ingressTiers;
      const walk = side.tiers?.policies.length ? `; cluster policies ${side.tiers.policies.join(', ')}` : '';
      const decided = tiers
        ? `${walk}; decided by ${tiers.decidedBy === 'default' ? 'the default' : tiers.decidedBy}`
        : '';
      lines.push(`  ${label}  ${subject}: ${state}${decided}`);
    }
  }
  for (const miss of result.nearMisses) {
    lines.push(
      `  closest: ${miss.policy} ${miss.direction} rule ${miss.index + 1} (line ${miss.source.line}): ${miss.lacks.join('; ')}`,
    );
  }
  return textLines(lines);
}
