/** The Export menu's matrix files: exactly what `reach --format csv|md` prints for the same text. */
import { declaredPorts, reachCsv, reachMarkdown, type Evaluation, type Protocol } from '../../engine';
import type { ReportFormat } from '../worker/protocol';

/** The canvas's port filter (`8080/TCP`), or null for every port. */
export function parsePortFilter(port: string): { port: number; protocol: Protocol } | null {
  const match = /^(\d+)\/(TCP|UDP|SCTP)$/.exec(port);
  return match ? { port: Number(match[1]), protocol: match[2] as Protocol } : null;
}

export function matrixReport(evaluation: Evaluation, format: ReportFormat, port: string): string {
  const { cluster } = evaluation.workspace;
  if (format === 'md') return reachMarkdown(cluster, evaluation.matrix);
  const chosen = parsePortFilter(port);
  const ports = chosen ? [chosen] : declaredPorts(cluster);
  return reachCsv(cluster, evaluation.matrix, ports);
}
