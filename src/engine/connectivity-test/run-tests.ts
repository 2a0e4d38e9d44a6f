import { subjectDiagnostic, type Diagnostic } from '../diagnostics';
import { decideFlow, decidePair, isAllowed, type Verdict } from '../evaluate/evaluate';
import { resolveRef, type EndpointIndex, type FlowEnd } from '../evaluate/resolve';
import type { Cluster, Probe, Protocol } from '../model/types';

/** One probe's outcome, in the shape of the CLI's `test --format json` contract. */
export interface TestResult {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  expect: 'allow' | 'deny';
  actual: 'allow' | 'deny';
  pass: boolean;
  verdict: Verdict;
  reason: string;
  test: string;
  line: number;
  file: string;
}

export interface TestRun {
  results: TestResult[];
  passed: number;
  failed: number;
  /** Probes that could not run (an endpoint that does not exist, a port name nobody declares). */
  errors: Diagnostic[];
}

function probeError(probe: Probe, test: string, message: string): Diagnostic {
  return subjectDiagnostic(
    probe.source,
    { kind: 'ConnectivityTest', name: test },
    { severity: 'error', code: 'probe', message },
  );
}

/** A named probe port means the destination pod's container port of that name and protocol. */
function probePort(probe: Probe, to: FlowEnd): number | string {
  if (typeof probe.port === 'number') return probe.port;
  const named =
    to.kind === 'endpoint'
      ? to.endpoint.ports.find((p) => p.name === probe.port && p.protocol === probe.protocol)
      : undefined;
  return named ? named.port : `port name "${probe.port}" (${probe.protocol}) is not declared by ${probe.to}`;
}

export function runConnectivityTests(cluster: Cluster, index: EndpointIndex): TestRun {
  const run: TestRun = { results: [], passed: 0, failed: 0, errors: [] };
  for (const test of cluster.tests) {
    for (const probe of test.probes) {
      const from = resolveRef(index, probe.from, { domains: true });
      const to = resolveRef(index, probe.to, { domains: true });
      if (!from.ok || !to.ok) {
        const problems = [from, to].filter((r) => !r.ok).map((r) => (r as { message: string }).message);
        run.errors.push(
          probeError(
            probe,
            test.name,
            `Probe ${probe.from} -> ${probe.to} cannot run: ${problems.join('; ')}.`,
          ),
        );
        continue;
      }
      const port = probePort(probe, to.end);
      if (typeof port === 'string') {
        run.errors.push(
          probeError(probe, test.name, `Probe ${probe.from} -> ${probe.to} cannot run: ${port}.`),
        );
        continue;
      }
      const flow = decideFlow(decidePair(cluster, from.end, to.end), port, probe.protocol);
      const actual = isAllowed(flow.verdict) ? 'allow' : 'deny';
      const pass = actual === probe.expect;
      run.results.push({
        from: probe.from,
        to: probe.to,
        port,
        protocol: probe.protocol,
        expect: probe.expect,
        actual,
        pass,
        verdict: flow.verdict,
        reason: flow.reason,
        test: test.name,
        line: probe.source.line,
        file: probe.source.file,
      });
      if (pass) run.passed++;
      else run.failed++;
    }
  }
  return run;
}
