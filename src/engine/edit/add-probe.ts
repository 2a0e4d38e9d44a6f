/**
 * Writes a connectivity expectation into the text: a probe appended to the workspace's first
 * ConnectivityTest document, or a new ConnectivityTest when there is none. The probe names the
 * ends as the user did (`namespace/name` or an IP address), so the CLI reads it the same way.
 */
import { decideFlow, decidePair, isAllowed } from '../evaluate/evaluate';
import { resolveRef } from '../evaluate/resolve';
import { PROTOCOLS } from '../model/types';
import { arrayAt, type RawRecord } from '../util/raw';
import type { AddProbeIntent } from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';

export const CONNECTIVITY_TEST_API = 'netpol-canvas/v1';
/** The name of a ConnectivityTest the app creates. */
export const NEW_TEST_NAME = 'expectations';

export function addProbe(plan: EditPlan, intent: AddProbeIntent): IntentOutcome {
  const from = resolveRef(plan.workspace.index, intent.from);
  if (!from.ok) throw new EditError(`from: ${from.message}`);
  const to = resolveRef(plan.workspace.index, intent.to);
  if (!to.ok) throw new EditError(`to: ${to.message}`);
  if (!Number.isInteger(intent.port) || intent.port < 1 || intent.port > 65535)
    throw new EditError(`A probe's port is a number from 1 to 65535, not ${intent.port}.`);
  if (!PROTOCOLS.includes(intent.protocol))
    throw new EditError(`A probe's protocol is TCP, UDP or SCTP, not ${String(intent.protocol)}.`);
  if (intent.expect !== 'allow' && intent.expect !== 'deny')
    throw new EditError(`A probe expects allow or deny, not ${String(intent.expect)}.`);

  const probe: RawRecord = {
    from: intent.from,
    to: intent.to,
    port: intent.port,
    protocol: intent.protocol,
    expect: intent.expect,
  };
  const what = `${intent.from} -> ${intent.to} on ${intent.protocol} ${intent.port}`;
  const actual = isAllowed(
    decideFlow(decidePair(plan.cluster, from.end, to.end), intent.port, intent.protocol).verdict,
  )
    ? 'allow'
    : 'deny';
  const status =
    actual === intent.expect
      ? 'It passes now.'
      : `It fails now: the flow is ${actual === 'allow' ? 'allowed' : 'denied'}.`;

  const existing = plan.adoptObject('ConnectivityTest');
  if (existing) {
    const tests = arrayAt(existing.value, 'tests');
    existing.value = { ...existing.value, tests: [...tests, probe] };
    return {
      notes: [
        `Added a test to ${existing.name || 'the ConnectivityTest'}: ${what} is expected to be ${intent.expect === 'allow' ? 'allowed' : 'denied'}.`,
        status,
      ],
    };
  }
  const file = plan.workspace.files[0]?.name;
  if (file === undefined) throw new EditError('The workspace has no file to write to.');
  plan.create(file, {
    apiVersion: CONNECTIVITY_TEST_API,
    kind: 'ConnectivityTest',
    metadata: { name: NEW_TEST_NAME },
    tests: [probe],
  });
  return {
    notes: [
      `Added a ConnectivityTest with one test: ${what} is expected to be ${intent.expect === 'allow' ? 'allowed' : 'denied'}.`,
      status,
    ],
  };
}
