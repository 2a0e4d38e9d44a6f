import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, runTests } from '../engine';
import { readInputs } from './read-inputs';

/**
 * The np-guard/netpol-analyzer corpus, carried in fixtures/realworld with its licence
 * (LICENSE.netpol-analyzer). Its README lists where that analyzer's semantics differ; the probes
 * affected by those differences are already left out, so every probe must agree. The folder is
 * part of the repository, so a missing corpus fails here instead of skipping.
 */
const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'realworld');
const folders = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('real-world clusters agree with netpol-analyzer', () => {
  it('reads the whole corpus', () => {
    expect(folders).toHaveLength(37);
  });

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
