import { writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  buildClassMatrix,
  compareDiagnostics,
  declaredPorts,
  dns1123Label,
  escapeControlCharacters,
  forEachReachFlow,
  reachGroups,
  summarizeReach,
  explain,
  lintWorkspace,
  loadWorkspace,
  reachCsv,
  reachMarkdown,
  runTests,
  type BuildOptions,
  type Diagnostic,
  type PortProtocol,
  type Protocol,
  type ReachGroupBy,
  type SourceFile,
  type Workspace,
} from '../engine';
import {
  formatDiagnostic,
  formatExplainText,
  formatReachSummary,
  formatTestText,
  tiersJson,
  reachJsonSink,
  reachTableSink,
  textLines,
} from './format';
import { convertFiles, joinedText } from './convert';
import { readFlowLogs, reportProblems, runFlows, runGenerate } from './flows';
import { fixFiles, unifiedDiff, writeFixedFile } from './lint-fix';
import { InputError, readInputs } from './read-inputs';

/** Above this many flows (endpoints² × ports) reach prints a summary by namespace unless told otherwise. */
export const REACH_FLOW_LIMIT = 100_000;
/** A summary has groups² rows; more groups than this is no summary. */
const MAX_SUMMARY_GROUPS = 1000;
/** Problems written to stderr before the rest are only counted. */
export const MAX_STDERR_PROBLEMS = 100;

const USAGE = `Usage: netpol-canvas <command> FILES... [options]

Commands:
  reach FILES [--port P[/PROTO]]... [--format table|json|csv|md] [--group-by none|namespace|workload]
        reachability between all endpoints (default ports: every declared container port);
        over ${REACH_FLOW_LIMIT.toLocaleString('en-US')} flows a summary by namespace unless --group-by says otherwise
  test FILES [--tests FILE]... [--format text|json]
        run the ConnectivityTest documents in FILES and --tests
  explain FILES --from REF --to REF --port P[/PROTO] [--format text|json]
        the verdict of one flow and why; REF is namespace/name or an IP address
  lint FILES [--fix [--dry-run]] [--format text|json]
        validation errors and likely mistakes, with file:line; --fix makes the fixes the
        findings offer in the files (only the documents they touch), --dry-run prints them as a diff
  flows FILES --flows LOG [--flows LOG]... [--format text|json]
        replay observed connections (Hubble JSON lines or CSV) against FILES' policies;
        exit 1 when any would be denied
  generate FILES --flows LOG... [-o OUT]
        NetworkPolicies that, added to FILES, allow exactly the observed connections
  convert FILES [-o OUT | --in-place]
        rewrite AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1) as ClusterNetworkPolicy
        (v1alpha2); prints the converted FILES, or writes them to OUT, or --in-place changes only
        the converted documents in their files and prints the diff; exit 1 when one cannot be converted

Options:
  -n, --namespace NS   namespace for objects that name none (default: default)
  -o, --output FILE    where generate and convert write their YAML (default: stdout)
  -h, --help           this help

REF is namespace/name; namespace/Kind/name names a workload that shares its name with a Pod.
FILES may be files or directories (read recursively for *.yaml, *.yml, *.json).
Exit codes: 0 success; 1 a test failed, lint found an error, flows found a denied connection or
convert left an object unconverted;
2 bad usage or unreadable input (also a bad line in a flow log).`;

class UsageError extends Error {}

const OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  format: { type: 'string' },
  'group-by': { type: 'string' },
  port: { type: 'string', multiple: true },
  tests: { type: 'string', multiple: true },
  flows: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  fix: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'in-place': { type: 'boolean' },
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

/** Lines for stderr: the first MAX_STDERR_PROBLEMS, then how many more there are and where to see them. */
function cappedLines(lines: readonly string[], files: readonly string[]): string {
  const shown = lines.slice(0, MAX_STDERR_PROBLEMS);
  const more = lines.length - shown.length;
  if (more > 0)
    shown.push(
      `... and ${more.toLocaleString('en-US')} more (${lines.length.toLocaleString('en-US')} in all; netpol-canvas lint --format json ${files.join(' ')} lists every one)`,
    );
  return shown.join('\n');
}

function problemText(diagnostics: readonly Diagnostic[], files: readonly string[]): string {
  return cappedLines(diagnostics.map(formatDiagnostic), files);
}

/** Input that leaves something out of the evaluation is unreadable input: exit 2 with its lines. */
function requireReadable(workspace: Workspace, io: CliIo, files: readonly string[]): void {
  const blocking = workspace.diagnostics.filter((d) => d.blocking);
  if (blocking.length > 0) throw new InputError(problemText(blocking, files));
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) io.stderr(`${problemText(errors, files)}\n`);
}

function chooseGroupBy(value: string | undefined): ReachGroupBy | 'none' | undefined {
  if (value === undefined || value === 'none' || value === 'namespace' || value === 'workload') return value;
  throw new UsageError(`--group-by ${value}: expected none, namespace or workload`);
}

function fixSummary(fixes: number, files: number, dryRun: boolean): string {
  const what = `${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}`;
  return dryRun ? `would make ${what} (--dry-run: nothing written)` : `made ${what}`;
}

function convert(
  files: SourceFile[],
  options: BuildOptions,
  output: string | undefined,
  inPlace: boolean,
  io: CliIo,
): number {
  const report = convertFiles(files, options);
  for (const { at, message } of report.converted)
    io.stderr(`${escapeControlCharacters(`${at}: ${message}`)}\n`);
  for (const { at, object, message } of report.refused)
    io.stderr(`${escapeControlCharacters(`${at}: error: ${object} not converted: ${message}`)}\n`);
  const changed = report.files.filter((file, i) => file.text !== files[i]!.text);
  if (inPlace) {
    for (const file of changed) writeFixedFile(file);
    const diff = changed.map((file) =>
      unifiedDiff(file.name, files.find((f) => f.name === file.name)!.text, file.text),
    );
    if (diff.length) io.stdout(`${diff.join('\n')}\n`);
  } else if (output !== undefined && output !== '-') writeFileSync(output, joinedText(report.files));
  else io.stdout(joinedText(report.files));
  const { converted, refused } = report;
  const total = converted.length + refused.length;
  io.stderr(
    total === 0
      ? 'netpol-canvas: convert: no AdminNetworkPolicy or BaselineAdminNetworkPolicy to convert\n'
      : `converted ${converted.length} of ${total} object${total === 1 ? '' : 's'}${inPlace ? ` in ${changed.length} file${changed.length === 1 ? '' : 's'}` : ''}\n`,
  );
  return refused.length > 0 ? 1 : 0;
}

/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The reader of our output went away (`reach ... | head`): stop writing, quietly. */
class OutputClosed extends Error {}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` before returning. process.stdout buffers what a slow pipe does not take yet,
 * without limit: streaming millions of rows that way held gigabytes. This waits for the pipe instead.
 */
function writeFully(fd: number, text: string): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') throw new OutputClosed();
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2); // the pipe is full: let the reader catch up
    }
  }
}

export const processIo: CliIo = {
  stdout: (text) => writeFully(1, text),
  stderr: (text) => writeFully(2, text),
};

/**
 * Runs one CLI invocation and returns its exit code. Never throws: bad usage and unreadable input
 * are one message each on stderr and exit code 2, and so is a bug of ours (without a stack trace).
 */
export function run(argv: readonly string[], io: CliIo = processIo): number {
  try {
    return runCommand([...argv], io);
  } catch (error) {
    if (error instanceof OutputClosed) return 0;
    // Messages quote names and arguments: their lines are escaped like every other text output.
    if (error instanceof UsageError) {
      io.stderr(
        `netpol-canvas: ${textLines(error.message.split('\n'))}\nRun 'netpol-canvas --help' for usage.\n`,
      );
    } else if (error instanceof InputError) {
      io.stderr(`netpol-canvas: ${textLines(error.message.split('\n'))}\n`);
    } else {
      // A bug of ours, not the user's input: still one line, and still exit 2.
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`netpol-canvas: internal error: ${escapeControlCharacters(message)}\n`);
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
  if (!['reach', 'test', 'explain', 'lint', 'flows', 'generate', 'convert'].includes(command))
    throw new UsageError(`unknown command "${command}"`);
  const namespaceErrors = values.namespace === undefined ? [] : dns1123Label(values.namespace);
  if (namespaceErrors.length > 0)
    throw new UsageError(`-n ${values.namespace}: not a namespace name: ${namespaceErrors.join('; ')}`);
  const files = [...positionals, ...(command === 'test' ? (values.tests ?? []) : [])];
  if (files.length === 0) throw new UsageError(`${command}: no input files`);
  if ((values.fix || values['dry-run']) && command !== 'lint')
    throw new UsageError(`${command}: --fix and --dry-run go with lint only`);
  if (values['dry-run'] && !values.fix) throw new UsageError('lint: --dry-run goes with --fix');
  if (values['in-place'] && command !== 'convert')
    throw new UsageError(`${command}: --in-place goes with convert only`);
  if (values['in-place'] && values.output !== undefined)
    throw new UsageError('convert: -o and --in-place are alternatives: give one');
  // An entry that cannot be read is reported and the others are still evaluated; exit 2 all the same.
  const inputs = readInputs(files);
  const unread = cappedLines(inputs.problems, files);
  if (inputs.files.length === 0) throw new InputError(unread);
  if (inputs.problems.length > 0) io.stderr(`netpol-canvas: ${textLines(unread.split('\n'))}\n`);
  const options = { namespace: values.namespace };
  if (command === 'convert') {
    const code = convert(inputs.files, options, values.output, Boolean(values['in-place']), io);
    return inputs.problems.length > 0 ? 2 : code;
  }
  const fixes = values.fix ? fixFiles(inputs.files, options) : undefined;
  const workspace = loadWorkspace(fixes?.files ?? inputs.files, options);
  const code = evaluate();
  return inputs.problems.length > 0 ? 2 : code;

  function evaluate(): number {
    switch (command) {
      case 'flows':
      case 'generate': {
        const format = command === 'flows' ? chooseFormat(values.format, ['text', 'json']) : 'text';
        if (!values.flows?.length)
          throw new UsageError(`${command} needs --flows LOG (Hubble JSON lines or CSV)`);
        requireReadable(workspace, io, files);
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
        const changed = (fixes?.files ?? []).filter((file, i) => file.text !== inputs.files[i]!.text);
        const diff = changed.map((file, i) => unifiedDiff(file.name, inputs.files[i]!.text, file.text));
        if (fixes && !values['dry-run']) for (const file of changed) writeFixedFile(file);
        else if (fixes && format === 'text' && diff.length) print(diff.join('\n'));
        for (const { diagnostic, message } of fixes?.refused ?? [])
          io.stderr(`${formatDiagnostic(diagnostic)}\n  not fixed: ${message}\n`);
        // A probe that cannot run (it names an endpoint that does not exist) is an error in the input too.
        const diagnostics: Diagnostic[] = [...lintWorkspace(workspace), ...runTests(workspace).errors].sort(
          compareDiagnostics,
        );
        const errors = diagnostics.filter((d) => d.severity === 'error').length;
        const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
        const fixed = fixes?.fixed.map(({ file, line, column, code, fix }) => ({
          file,
          line,
          column,
          code,
          title: fix!.title,
        }));
        const fixable = diagnostics.filter((d) => d.fix).length;
        if (format === 'json')
          print(
            JSON.stringify({
              diagnostics,
              errors,
              warnings,
              ...(fixed && { fixed, ...(values['dry-run'] && { diff: diff.join('\n') }) }),
            }),
          );
        else
          print(
            [
              ...diagnostics.map(formatDiagnostic),
              ...(fixes ? [fixSummary(fixes.fixed.length, changed.length, Boolean(values['dry-run']))] : []),
              `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${fixable ? ` (${fixable} fixable with --fix)` : ''}`,
            ].join('\n'),
          );
        return errors > 0 ? 1 : 0;
      }
      case 'reach': {
        const format = chooseFormat(values.format, ['table', 'json', 'csv', 'md']);
        const asked = chooseGroupBy(values['group-by']);
        requireReadable(workspace, io, files);
        const { cluster } = workspace;
        const ports = values.port?.length ? values.port.map(parsePort) : declaredPorts(cluster);
        if (format === 'csv' || format === 'md') {
          // The same engine formatters as the app's Export menu: the same text gives the same file.
          const classes = buildClassMatrix(cluster);
          io.stdout(format === 'csv' ? reachCsv(cluster, classes, ports) : reachMarkdown(cluster, classes));
          return 0;
        }
        const flowCount = cluster.endpoints.length ** 2 * ports.length;
        let groupBy = asked ?? 'none';
        if (!asked && flowCount > REACH_FLOW_LIMIT) {
          groupBy = 'namespace';
          io.stderr(
            `netpol-canvas: reach: ${flowCount.toLocaleString('en-US')} flows (${cluster.endpoints.length.toLocaleString('en-US')} endpoints, ${ports.length.toLocaleString('en-US')} port${ports.length === 1 ? '' : 's'}) are over ${REACH_FLOW_LIMIT.toLocaleString('en-US')}: printing a summary by namespace. --group-by none lists every flow, --group-by workload sums by workload.\n`,
          );
        }
        const matrix = buildClassMatrix(cluster);
        if (groupBy === 'none') {
          const ids = cluster.endpoints.map((endpoint) => endpoint.id);
          const sink = (format === 'json' ? reachJsonSink : reachTableSink)(ids, ports, io.stdout);
          forEachReachFlow(cluster, ports, sink.flow, matrix);
          sink.end();
          return 0;
        }
        const groups = reachGroups(cluster, groupBy).names.length;
        if (groups > MAX_SUMMARY_GROUPS)
          throw new UsageError(
            `--group-by ${groupBy}: ${groups.toLocaleString('en-US')} ${groupBy}s would make ${(groups ** 2).toLocaleString('en-US')} rows; use --group-by namespace`,
          );
        const summary = summarizeReach(cluster, ports, groupBy, matrix);
        print(format === 'json' ? JSON.stringify(summary) : formatReachSummary(summary));
        return 0;
      }
      case 'test': {
        const format = chooseFormat(values.format, ['text', 'json']);
        requireReadable(workspace, io, files);
        const testRun = runTests(workspace);
        if (testRun.errors.length > 0) throw new InputError(problemText(testRun.errors, files));
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
        requireReadable(workspace, io, files);
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
                ...(flow.egressTiers && tiersJson(flow.egressTiers)),
              },
              ingress: {
                subject: pair.ingress.subject,
                isolated: pair.ingress.isolated,
                policies: pair.ingress.policies,
                allowedBy: flow.ingressRules.map(({ policy, index }) => ({ policy, rule: index })),
                ...(flow.ingressTiers && tiersJson(flow.ingressTiers)),
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
}
