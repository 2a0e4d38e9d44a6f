import { describe, expect, it } from 'vitest';
import type { ExplainSide } from '../model/insight';
import { policyName, ruleName, sideState, sideTitle } from './words';

const side = (more: Partial<ExplainSide>): ExplainSide => ({
  direction: 'Egress',
  subject: 'ui/ui',
  isolated: true,
  policies: [],
  allows: false,
  allowing: [],
  otherPorts: [],
  allowed: 'no ports',
  nearMisses: [],
  ...more,
});

describe('explanation words', () => {
  it('names a policy of the subject’s namespace by its name, others by namespace/name', () => {
    expect(policyName('ui/default-deny', 'ui/ui')).toBe('default-deny');
    expect(policyName('catalog/db', 'ui/ui')).toBe('catalog/db');
    expect(policyName('catalog/db', null)).toBe('catalog/db');
    expect(ruleName({ policy: 'ui/allow', direction: 'egress', index: 0 }, 'ui/ui')).toBe(
      'allow egress rule 1',
    );
  });

  it('says what a side does in one word', () => {
    expect(sideState(side({ subject: null, isolated: false }))).toBe('not governed');
    expect(sideState(side({ isolated: false, allows: true }))).toBe('open');
    expect(sideState(side({ allows: true }))).toBe('allows');
    expect(sideState(side({}))).toBe('denies');
    expect(sideTitle(side({}), 'ui/ui', 'x/y')).toBe('Egress of ui/ui');
    expect(sideTitle(side({ direction: 'Ingress' }), 'ui/ui', 'x/y')).toBe('Ingress of x/y');
  });
});
