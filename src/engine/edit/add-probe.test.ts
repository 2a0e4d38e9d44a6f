import { describe, expect, it } from 'vitest';
import { runTests } from '../workspace';
import {
  applyOk,
  documentTexts,
  example,
  expectDocumentsKept,
  expectValid,
  load,
} from '../../testing/edit-workspace';
import { applyIntent } from './apply-intent';
import type { AddProbeIntent } from './intents';

const SCENARIO_06 = example('06-backend-egress-or-mistake.yaml');
const WITHOUT_TESTS = documentTexts(SCENARIO_06)
  .filter((doc) => !doc.includes('kind: ConnectivityTest'))
  .join('');

const probe = (more: Partial<AddProbeIntent> = {}): AddProbeIntent => ({
  kind: 'add-probe',
  from: 'project-snake/vault-0',
  to: 'project-snake/db1-0',
  port: 1111,
  protocol: 'TCP',
  expect: 'deny',
  ...more,
});

describe('add-probe', () => {
  it('appends to the existing ConnectivityTest in its own flow style, leaving every other document alone', () => {
    const applied = applyOk(SCENARIO_06, probe());
    const testIndex = documentTexts(SCENARIO_06).findIndex((doc) => doc.includes('kind: ConnectivityTest'));
    // The test document is the last one, so the new line is an append at the very end of the text.
    expect(applied.edits).toMatchObject([{ start: SCENARIO_06.length, end: SCENARIO_06.length }]);
    expectDocumentsKept(SCENARIO_06, applied.after, [testIndex]);
    expectValid(applied);
    expect(applied.after).toBe(
      `${SCENARIO_06}- {from: project-snake/vault-0, to: project-snake/db1-0, port: 1111, protocol: TCP, expect: deny}\n`,
    );
    const run = runTests(applied.workspace);
    expect(run.results).toHaveLength(6);
    expect(run.results[5]).toMatchObject({
      from: 'project-snake/vault-0',
      expect: 'deny',
      actual: 'allow',
      pass: false,
    });
    expect(applied.summary).toContain('Added a test to or-mistake');
    expect(applied.summary).toContain('It fails now: the flow is allowed.');
    expect(applied.touched).toEqual([]);
  });

  it('creates a ConnectivityTest when there is none, and it runs', () => {
    const applied = applyOk(
      WITHOUT_TESTS,
      probe({ from: 'project-snake/backend-0', to: '203.0.113.9', port: 443, expect: 'deny' }),
    );
    expectDocumentsKept(WITHOUT_TESTS, applied.after);
    expectValid(applied);
    expect(applied.after.slice(WITHOUT_TESTS.length)).toBe(`---
apiVersion: netpol-canvas/v1
kind: ConnectivityTest
metadata:
  name: expectations
tests:
  - from: project-snake/backend-0
    to: 203.0.113.9
    port: 443
    protocol: TCP
    expect: deny
`);
    const run = runTests(applied.workspace);
    expect(run.errors).toEqual([]);
    expect(run.results).toMatchObject([{ to: '203.0.113.9', actual: 'deny', pass: true }]);
    expect(applied.summary).toContain('It passes now.');
  });

  it('refuses ends that do not exist and ports out of range, and changes nothing', () => {
    const workspace = load(SCENARIO_06);
    expect(applyIntent(workspace, probe({ to: 'project-snake/nope' }))).toMatchObject({ ok: false });
    expect(applyIntent(workspace, probe({ port: 0 }))).toMatchObject({ ok: false });
    expect(applyIntent(workspace, probe({ port: 70000 }))).toMatchObject({ ok: false });
  });
});
