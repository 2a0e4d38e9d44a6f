import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, runTests } from '../engine';
import { readInputs } from './read-inputs';

/**
 * The np-guard/netpol-analyzer corpus in shared/realworld (beside the repository, as on every
 * developer machine and in CI). Its README lists where that analyzer's semantics differ; the
 * probes affected by those differences are already left out, so every probe must agree.
 */
const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'realworld');
const folders = existsSync(CORPUS)
  ? readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  : [];

describe.skipIf(folders.length === 0)('real-world clusters agree with netpol-analyzer', () => {
  it.each(folders)('%s', (folder) => {
    const workspace = loadWorkspace(
      readInputs([join(CORPUS, folder, 'cluster.yaml'), join(CORPUS, folder, 'tests.yaml')]).files,
    );
    expect(workspace.diagnostics.filter((d) => d.blocking)).toEqual([]);
    const run = runTests(workspace);
    expect(run.errors).toEqual([]);
    const failures = run.results
      .filter((r) => !r.pass)
      .map((r) => `${r.from} -> ${r.to} ${r.protocol}/${r.port}: expected ${r.expect}, ${r.reason}`);
    expect(failures).toEqual([]);
    expect(run.passed).toBeGreaterThan(0);
  });
});
