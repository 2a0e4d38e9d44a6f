/**
 * The built-in scenarios and what the engine (the same code the CLI runs) says about their
 * ConnectivityTest probes, computed in Node so the browser has something independent to match.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWorkspace, runTests, type TestResult } from '../../src/engine';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../public/examples/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Scenario {
  id: string;
  file: string;
  title: string;
  path: string;
  text: string;
}

export function scenarios(): Scenario[] {
  const index = JSON.parse(readFileSync(`${EXAMPLES_DIR}index.json`, 'utf8')) as {
    examples: Omit<Scenario, 'path' | 'text'>[];
  };
  return index.examples.map((e) => ({
    ...e,
    path: `${EXAMPLES_DIR}${e.file}`,
    text: readFileSync(`${EXAMPLES_DIR}${e.file}`, 'utf8'),
  }));
}

export function scenario(id: string): Scenario {
  const found = scenarios().find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

/** The engine's verdict for every probe of the text's ConnectivityTests. */
export function probeResults(text: string, namespace = 'default'): TestResult[] {
  const workspace = loadWorkspace([{ name: 'scenario.yaml', text }], { namespace });
  const run = runTests(workspace);
  if (run.errors.length) throw new Error(run.errors.map((e) => e.message).join('; '));
  return run.results;
}

/** 1-based line range of the document that holds `marker`, without its `---` separator. */
export function documentLines(text: string, marker: string): { from: number; to: number } {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.includes(marker));
  if (at < 0) throw new Error(`marker not found: ${marker}`);
  let from = at;
  while (from > 0 && lines[from - 1] !== '---') from--;
  let to = at;
  while (to + 1 < lines.length && lines[to + 1] !== '---') to++;
  return { from: from + 1, to: to + 1 };
}

export interface CliResult {
  from: string;
  to: string;
  port: number;
  protocol: string;
  verdict: string;
}

/** `netpol-canvas test FILE --format json`, run as CI would run it. Exit 1 (a failed probe) still prints JSON. */
export function cliTestResults(path: string): CliResult[] {
  let stdout: string;
  try {
    stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'test', path, '--format', 'json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout ?? '');
  }
  return (JSON.parse(stdout) as { results: CliResult[] }).results;
}
