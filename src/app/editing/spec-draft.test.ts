import { describe, expect, it } from 'vitest';
import { newRule, readSpec, specKey, writeSpec } from './spec-draft';

const spec = {
  podSelector: { matchLabels: { app: 'backend' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      from: [
        { podSelector: { matchLabels: { app: 'frontend' } } },
        {
          namespaceSelector: { matchLabels: { team: 'a' } },
          podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] },
        },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      ],
      ports: [
        { protocol: 'TCP', port: 8080 },
        { port: 'http' },
        { protocol: 'UDP', port: 9000, endPort: 9100 },
      ],
    },
  ],
  egress: [{}],
};

describe('the rule editor draft', () => {
  it('writes back the spec it read, field for field', () => {
    const { draft, unsupported } = readSpec(spec, ['Ingress', 'Egress']);
    expect(unsupported).toEqual([]);
    expect(writeSpec(draft)).toEqual({ spec, errors: {} });
  });

  it('names the fields it cannot show, so the editor stays read-only for them', () => {
    const { unsupported } = readSpec(
      { podSelector: {}, ingress: [{ from: [{ podSelector: {}, extra: 1 }] }], weird: true },
      ['Ingress'],
    );
    expect(unsupported).toEqual(['spec.weird', 'spec.ingress[0].from[0].extra']);
  });

  it('reports invalid fields by path and a policy without types', () => {
    const { draft } = readSpec(spec, ['Ingress', 'Egress']);
    draft.rules.Ingress[0]!.ports[0]!.port = '0';
    draft.rules.Ingress[0]!.peers[2]!.cidr = '10.0.0.0';
    draft.podSelector.labels.push({ key: '', value: 'x' });
    const { errors } = writeSpec(draft);
    expect(Object.keys(errors).sort()).toEqual([
      'podSelector.labels.1.key',
      'rules.Ingress.0.peers.2.cidr',
      'rules.Ingress.0.ports.0.port',
    ]);
    draft.types = { Ingress: false, Egress: false };
    expect(writeSpec(draft).errors.types).toBeDefined();
  });

  it('a new rule is incomplete until its peer names a label', () => {
    const { draft } = readSpec({ podSelector: {} }, ['Ingress']);
    const before = specKey(draft);
    draft.rules.Ingress.push(newRule());
    expect(Object.keys(writeSpec(draft).errors)).toEqual(['rules.Ingress.0.peers.0.pods.labels.0.key']);
    draft.rules.Ingress[0]!.peers[0]!.pods.labels[0] = { key: 'app', value: 'web' };
    expect(writeSpec(draft).errors).toEqual({});
    expect(specKey(draft)).not.toBe(before);
  });

  it('leaves out the rules of a direction that is not ticked', () => {
    const { draft } = readSpec(spec, ['Ingress', 'Egress']);
    draft.types.Egress = false;
    expect(writeSpec(draft).spec).not.toHaveProperty('egress');
    expect(writeSpec(draft).spec.policyTypes).toEqual(['Ingress']);
  });
});
