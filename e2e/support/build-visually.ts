/**
 * Inputs and checks for the specs that build policies on the canvas: a scenario's workloads
 * without its policies, and the CLI run over what the app exports.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The documents of a multi-document YAML text (the first one keeps the file's leading comments). */
export function documents(text: string): string[] {
  return text.split(/^---[^\n]*\n/m).filter((doc) => doc.trim() !== '');
}

const kindOf = (doc: string) => /^kind:\s*(\S+)/m.exec(doc)?.[1] ?? '';

/** Namespaces, pods, workloads and services only: no NetworkPolicy, no ConnectivityTest. */
export function workloadsOnly(text: string): string {
  return documents(text)
    .filter((doc) => !['NetworkPolicy', 'ConnectivityTest'].includes(kindOf(doc)))
    .map((doc) => doc.replace(/\s+$/, '\n'))
    .join('---\n');
}

export function connectivityTest(text: string): string {
  const doc = documents(text).find((candidate) => kindOf(candidate) === 'ConnectivityTest');
  if (!doc) throw new Error('no ConnectivityTest in the scenario');
  return doc;
}

export interface CliRun {
  results: {
    from: string;
    to: string;
    port: number;
    expect: string;
    actual: string;
    pass: boolean;
    reason: string;
  }[];
  passed: number;
  failed: number;
}

/** `npx tsx src/cli/main.ts test FILE --format json`, as CI runs it; a failed probe (exit 1) still prints JSON. */
export function cliTest(path: string): CliRun {
  let stdout: string;
  try {
    stdout = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'test', path, '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(stdout) as CliRun;
}
