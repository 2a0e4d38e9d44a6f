/**
 * The bad-input corpus's own expectations (fixtures/bad-input/expectations.json, written for the
 * CLI): where a file's message is `file:LINE:COL: severity: text`, the app must list a problem of
 * that severity at that line whose message matches the text. Files without such a message (a
 * clean lint, "0 errors") are still checked against the engine's own report.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface CorpusExpectation {
  line: number;
  severity: string;
  /** The message as the CLI prints it after `severity: `, a regular expression. */
  message: RegExp;
}

export function corpusExpectations(dir: string): Map<string, CorpusExpectation> {
  const result = new Map<string, CorpusExpectation>();
  const path = `${dir}expectations.json`;
  if (!existsSync(path)) return result;
  const data = JSON.parse(readFileSync(path, 'utf8')) as { files?: Record<string, { message?: string }> };
  for (const [file, entry] of Object.entries(data.files ?? {})) {
    const found = /^[^:]+:(\d+):(?:\d+|\\d\+):\s*(error|warning|info):\s*(.*)$/.exec(entry.message ?? '');
    if (!found) continue;
    result.set(file, { line: Number(found[1]), severity: found[2]!, message: new RegExp(found[3]!) });
  }
  return result;
}
