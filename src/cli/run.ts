import { parseArgs } from 'node:util';
import {
  compareDiagnostics,
  computeReach,
  declaredPorts,
  explain,
  lintWorkspace,
  loadWorkspace,
  runTests,
  type Diagnostic,
  type PortProtocol,
  type Protocol,
  type Workspace,
} from '../engine';
import { readFlowLogs, reportProblems, runFlows, runGenerate } from './flows';
import { formatDiagnostic, formatExplainText, formatReachTable, formatTestText } from './format';
import { InputError, readInputs } from './read-inputs';

const USAGE = `Usage: netpol-canvas <command> FILES... [options]

Commands:
  reach FILES [--port P[/PROTO]]... [--format table|json]
        reachability between all endpoints (default ports: every declared container port)
  test FILES [--tests FILE]... [--format text|json]
        run the ConnectivityTest documents in FILES and --tests
  explain FILES --from REF --to REF --port P[/PROTO] [--format text|json]
        the verdict of one flow and why; REF is namespace/name or an IP address
  lint FILES [--format text|json]
        validation errors and likely mistakes, with file:line
  flows FILES --flows LOG [--flows LOG]... [--format text|json]
        replay observed connections (Hubble JSON lines or CSV) against FILES' policies;
        exit 1 when any would be denied
  generate FILES --flows LOG... [-o OUT]
        NetworkPolicies that, added to FILES, allow exactly the observed connections

Options:
  -n, --namespace NS   namespace for objects that name none (default: default)
  -o, --output FILE    where generate writes its YAML (default: stdout)
  -h, --help           this help

FILES may be files or directories (read recursively for *.yaml, *.yml, *.json).
Exit codes: 0 success; 1 a test failed, lint found an error or flows found a denied connection;
2 bad usage or unreadable input (also a bad line in a flow log).`;

class UsageError extends Error {}

const OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  format: { type: 'string' },
  port: { type: 'string', multiple: true },
  tests: { type: 'string', multiple: true },
  flows: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parsePort(text: string): PortProtocol {
  const match = /^(\d+)(?:\/(TCP|UDP|SCTP))?$/i.exec(text);
  const port = match ? Number(match[1]) : NaN;
  if (!match || port < 1 || port > 65535)
    throw new UsageError(
      `--port ${text}: expected a port number 1-65535, optionally with /TCP, /UDP or /SCTP`,
    );
  return { port, protocol: (match[2]?.toUpperCase() ?? 'TCP') as Protocol };
}

function chooseFormat(value: string | undefined, allowed: string[]): string {
  const format = value ?? allowed[0]!;
  if (!allowed.includes(format)) throw new UsageError(`--format ${format}: expected ${allowed.join(' or ')}`);
  return format;
}

/** Input that leaves something out of the evaluation is unreadable input: exit 2 with its lines. */
function requireReadable(workspace: Workspace, io: CliIo): void {
  const blocking = workspace.diagnostics.filter((d) => d.blocking);
  if (blocking.length > 0) throw new InputError(blocking.map(formatDiagnostic).join('\n'));
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error');
  for (const error of errors) io.stderr(`${formatDiagnostic(error)}\n`);
}

/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/**
 * Runs one CLI invocation and returns its exit code. Never throws: bad usage and unreadable input
 * are one message each on stderr and exit code 2, and so is a bug of ours (without a stack trace).
 */
export function run(argv: readonly string[], io: CliIo = processIo): number {
  try {
    return runCommand([...argv], io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`netpol-canvas: ${error.message}\nRun 'netpol-canvas --help' for usage.\n`);
    } else if (error instanceof InputError) {
      io.stderr(`netpol-canvas: ${error.message}\n`);
    } else {
      // A bug of ours, not the user's input: still one line, and still exit 2.
      io.stderr(`netpol-canvas: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
}

function runCommand(argv: string[], io: CliIo): number {
  const print = (text: string) => io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    // Without a command this is bad usage: the help goes to stderr, and stdout stays empty.
    if (!command) io.stderr(`${USAGE}\n`);
    else print(USAGE);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(USAGE);
    return 0;
  }
  if (!['reach', 'test', 'explain', 'lint', 'flows', 'generate'].includes(command))
    throw new UsageError(`unknown command "${command}"`);
  const files = [...positionals, ...(command === 'test' ? (values.tests ?? []) : [])];
  if (files.length === 0) throw new UsageError(`${command}: no input files`);
  const workspace = loadWorkspace(readInputs(files), { namespace: values.namespace });

  switch (command) {
    case 'flows':
    case 'generate': {
      const format = command === 'flows' ? chooseFormat(values.format, ['text', 'json']) : 'text';
      if (!values.flows?.length)
        throw new UsageError(`${command} needs --flows LOG (Hubble JSON lines or CSV)`);
      requireReadable(workspace, io);
      const traffic = readFlowLogs(workspace, values.flows);
      const badLines = reportProblems(traffic, io.stderr);
      if (command === 'generate') {
        const yaml = runGenerate(workspace, traffic, values.output, io.stderr);
        if (yaml !== null) io.stdout(yaml);
        return badLines ? 2 : 0;
      }
      const { text, denied } = runFlows(workspace, traffic, format);
      print(text);
      return badLines ? 2 : denied ? 1 : 0;
    }
    case 'lint': {
      const format = chooseFormat(values.format, ['text', 'json']);
      // A probe that cannot run (it names an endpoint that does not exist) is an error in the input too.
      const diagnostics: Diagnostic[] = [...lintWorkspace(workspace), ...runTests(workspace).errors].sort(
        compareDiagnostics,
      );
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
      if (format === 'json') print(JSON.stringify({ diagnostics, errors, warnings }));
      else
        print(
          [
            ...diagnostics.map(formatDiagnostic),
            `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
          ].join('\n'),
        );
      return errors > 0 ? 1 : 0;
    }
    case 'reach': {
      const format = chooseFormat(values.format, ['table', 'json']);
      requireReadable(workspace, io);
      const ports = values.port?.length ? values.port.map(parsePort) : declaredPorts(workspace.cluster);
      const matrix = computeReach(workspace.cluster, ports);
      print(format === 'json' ? JSON.stringify(matrix) : formatReachTable(matrix));
      return 0;
    }
    case 'test': {
      const format = chooseFormat(values.format, ['text', 'json']);
      requireReadable(workspace, io);
      const testRun = runTests(workspace);
      if (testRun.errors.length > 0) throw new InputError(testRun.errors.map(formatDiagnostic).join('\n'));
      if (workspace.cluster.tests.length === 0)
        throw new InputError(`no ConnectivityTest document in ${files.join(', ')}`);
      if (format === 'json') {
        const results = testRun.results.map(
          ({ from, to, port, protocol, expect, actual, pass, verdict, reason }) => ({
            from,
            to,
            port,
            protocol,
            expect,
            actual,
            pass,
            verdict,
            reason,
          }),
        );
        print(JSON.stringify({ results, passed: testRun.passed, failed: testRun.failed }));
      } else print(formatTestText(testRun));
      return testRun.failed > 0 ? 1 : 0;
    }
    default: {
      const format = chooseFormat(values.format, ['text', 'json']);
      if (!values.from || !values.to || values.port?.length !== 1)
        throw new UsageError('explain needs --from REF, --to REF and one --port P[/PROTO]');
      requireReadable(workspace, io);
      const { port, protocol } = parsePort(values.port[0]!);
      const result = explain(workspace, values.from, values.to, port, protocol);
      if (!result.ok) throw new InputError(result.message);
      const what = `${values.from} -> ${values.to} ${protocol}/${port}`;
      if (format === 'json') {
        const { flow, pair, nearMisses } = result;
        print(
          JSON.stringify({
            from: values.from,
            to: values.to,
            port,
            protocol,
            verdict: flow.verdict,
            allowed: flow.verdict.startsWith('allow'),
            reason: flow.reason,
            egress: {
              subject: pair.egress.subject,
              isolated: pair.egress.isolated,
              policies: pair.egress.policies,
              allowedBy: flow.egressRules.map(({ policy, index }) => ({ policy, rule: index })),
            },
            ingress: {
              subject: pair.ingress.subject,
              isolated: pair.ingress.isolated,
              policies: pair.ingress.policies,
              allowedBy: flow.ingressRules.map(({ policy, index }) => ({ policy, rule: index })),
            },
            nearMisses: nearMisses.map(({ policy, direction, index, lacks, source }) => ({
              policy,
              direction,
              rule: index,
              line: source.line,
              lacks,
            })),
          }),
        );
      } else print(formatExplainText(result, what));
      return 0;
    }
  }
}
