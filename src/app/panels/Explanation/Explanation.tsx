import type { ReactNode } from 'react';
import { revealLines } from '../../insight/commands';
import { flowPort, policyName, ruleName, sideState, sideTitle } from '../../insight/words';
import type { ExplainSide, Explanation as ExplanationData, PolicyRef, RuleRef } from '../../model/insight';
import { verdictPhrase } from '../../model/verdicts';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import './Explanation.css';

/** A policy's name that shows and marks its lines in the YAML. */
function PolicyLink({ policy, subject }: { policy: PolicyRef; subject: string | null }) {
  return (
    <button
      type="button"
      className="explain-link"
      data-testid="policy-link"
      data-line={policy.line}
      title={`${policy.id}: show lines ${policy.line}–${policy.endLine} in the YAML`}
      onClick={() => revealLines(policy.line, policy.endLine)}
    >
      {policyName(policy.id, subject)}
    </button>
  );
}

/** "np-backend egress rule 1 (line 41)", showing and marking the rule's lines in the YAML. */
function RuleLink({ rule, subject }: { rule: RuleRef; subject: string | null }) {
  return (
    <button
      type="button"
      className="explain-link"
      data-testid="rule-link"
      data-line={rule.line}
      title={`Show ${rule.policy} ${rule.direction} rule ${rule.index + 1} in the YAML (lines ${rule.line}–${rule.endLine})`}
      onClick={() => revealLines(rule.line, rule.endLine)}
    >
      {ruleName(rule, subject)} <span className="explain-link__line">(line {rule.line})</span>
    </button>
  );
}

function joined(items: ReactNode[]): ReactNode[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [i === items.length - 1 ? ' and ' : ', ', item]));
}

function SideBody({ side, peer, what }: { side: ExplainSide; peer: string; what: string }) {
  const word = side.direction === 'Egress' ? 'egress' : 'ingress';
  const subject = side.subject;
  if (!subject) {
    return (
      <p>{side.note ?? `NetworkPolicy does not govern this side.`} This side lets everything through.</p>
    );
  }
  if (!side.isolated) {
    return (
      <p>
        <code>{subject}</code> is <strong>not isolated for {word}</strong>: no policy selects it for {word},
        so this side lets everything through.
      </p>
    );
  }
  const policies = side.policies.map((policy) => (
    <PolicyLink key={policy.id} policy={policy} subject={subject} />
  ));
  return (
    <>
      <p>
        <code>{subject}</code> is <strong>isolated for {word}</strong> by {joined(policies)}.
      </p>
      {side.note && <p className="explanation__note">But {side.note}, so this side lets it through.</p>}
      {!side.note && side.allows && (
        <p className="explanation__verdict-line">
          <span aria-hidden="true">✓ </span>
          {what} is allowed by{' '}
          {joined(
            side.allowing.map((rule) => (
              <span key={`${rule.policy}#${rule.index}`}>
                <RuleLink rule={rule} subject={subject} />{' '}
                <span className="explanation__muted">({rule.ports})</span>
              </span>
            )),
          )}
          .
        </p>
      )}
      {!side.allows && (
        <>
          <p className="explanation__verdict-line">
            <span aria-hidden="true">✕ </span>
            No {word} rule allows {what} {side.direction === 'Egress' ? 'to' : 'from'} <code>{peer}</code>.
          </p>
          {side.otherPorts.length > 0 && (
            <p>
              Rules that match <code>{peer}</code> allow only <code>{side.allowed}</code>:{' '}
              {joined(
                side.otherPorts.map((rule) => (
                  <RuleLink key={`${rule.policy}#${rule.index}`} rule={rule} subject={subject} />
                )),
              )}
              .
            </p>
          )}
          {side.nearMisses.length > 0 && (
            <div className="explanation__near">
              <p>
                {side.nearMisses.length === 1
                  ? 'The closest rule, and what it lacks:'
                  : 'The closest rules, and what each lacks:'}
              </p>
              <ul>
                {side.nearMisses.map((miss) => (
                  <li key={`${miss.policy}#${miss.index}`} data-testid="near-miss">
                    <RuleLink rule={miss} subject={subject} />
                    <ul className="explanation__lacks">
                      {miss.lacks.map((lack) => (
                        <li key={lack}>{lack}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {side.otherPorts.length === 0 && side.nearMisses.length === 0 && (
            <p className="explanation__muted">
              {side.policies.length === 1 ? 'Its policy has' : 'Its policies have'} no {word} rule: {word} is
              denied by default.
            </p>
          )}
        </>
      )}
    </>
  );
}

function Side({
  step,
  side,
  from,
  to,
  what,
}: {
  step: number;
  side: ExplainSide;
  from: string;
  to: string;
  what: string;
}) {
  const state = sideState(side);
  return (
    <li
      className={`explanation__side explanation__side--${state.replace(' ', '-')}`}
      data-testid={`explain-${side.direction.toLowerCase()}`}
      data-allows={side.allows}
    >
      <h4>
        <span className="explanation__step">{step}</span> {sideTitle(side, from, to)}
        <span className={`explanation__state explanation__state--${state.replace(' ', '-')}`}>{state}</span>
      </h4>
      <SideBody side={side} peer={side.direction === 'Egress' ? to : from} what={what} />
    </li>
  );
}

/** The engine's explanation of one flow: egress of the source, then ingress of the destination. */
export function Explanation({
  explanation,
  actions,
  notice,
}: {
  explanation: ExplanationData;
  actions?: ReactNode;
  notice?: ReactNode;
}) {
  if (!explanation.ok) {
    return (
      <div className="explanation explanation--error" data-testid="explanation" role="alert">
        <p>{explanation.message}</p>
      </div>
    );
  }
  const { from, to, verdict, query } = explanation;
  const what = flowPort(query.port, query.protocol);
  return (
    <div className="explanation" data-testid="explanation" data-verdict={verdict}>
      <div className="explanation__head">
        <p className="explanation__headline">
          <code>{from}</code> → <code>{to}</code> on <code>{what}</code>: <VerdictChip verdict={verdict} />{' '}
          <strong data-testid="explanation-phrase">{verdictPhrase(verdict, from, to)}</strong>
        </p>
        {actions && <div className="explanation__actions">{actions}</div>}
      </div>
      {notice}
      <ol className="explanation__sides">
        <Side step={1} side={explanation.egress} from={from} to={to} what={what} />
        <Side step={2} side={explanation.ingress} from={from} to={to} what={what} />
      </ol>
      <p className="explanation__reason" title="The engine's own sentence, as the CLI prints it">
        {explanation.reason}
      </p>
    </div>
  );
}
