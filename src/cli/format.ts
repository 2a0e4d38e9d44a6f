import type { Diagnostic, ExplainResult, ReachMatrix, TestRun } from '../engine';
import { isAllowed } from '../engine';

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''}`;
}

export function table(rows: string[][]): string {
  // A reduce, not Math.max(...rows): spreading a big cluster's rows overflows the call stack.
  const widths = rows[0]!.map((_, column) =>
    rows.reduce((width, row) => Math.max(width, row[column]!.length), 0),
  );
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '))
    .join('\n');
}

export function formatReachTable(matrix: ReachMatrix): string {
  if (matrix.endpoints.length === 0)
    return 'No endpoints: the input holds no Pod or workload (Deployment, StatefulSet, DaemonSet, ...), so there is nothing to connect.';
  if (matrix.ports.length === 0)
    return 'No ports to examine: no endpoint declares a container port. Pass --port P[/PROTO].';
  const rows = [['FROM', 'TO', 'PORT', 'VERDICT']];
  for (const flow of matrix.flows)
    rows.push([flow.from, flow.to, `${flow.port}/${flow.protocol}`, flow.verdict]);
  const allowed = matrix.flows.filter((flow) => isAllowed(flow.verdict)).length;
  return `${table(rows)}\n\n${matrix.flows.length} flows: ${allowed} allowed, ${matrix.flows.length - allowed} denied`;
}

export function formatTestText(run: TestRun): string {
  const lines = run.results.map((r) => {
    const head = `${r.pass ? 'PASS' : 'FAIL'}  ${r.from} -> ${r.to} ${r.protocol}/${r.port}: expected ${r.expect}, got ${r.actual} (${r.verdict})`;
    return r.pass ? head : `${head}\n      ${r.file}:${r.line}: ${r.reason}`;
  });
  lines.push(`${run.passed} passed, ${run.failed} failed`);
  return lines.join('\n');
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
      lines.push(`  ${label}  ${subject}: ${state}`);
    }
  }
  for (const miss of result.nearMisses) {
    lines.push(
      `  closest: ${miss.policy} ${miss.direction} rule ${miss.index + 1} (line ${miss.source.line}): ${miss.lacks.join('; ')}`,
    );
  }
  return lines.join('\n');
}
