import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toKubeYaml } from './kube-yaml';

/** Reads YAML the way Kubernetes' reader resolves plain scalars (YAML 1.1). */
const readLikeKubernetes = (text: string) => parse(text, { version: '1.1' });

describe('toKubeYaml', () => {
  it('quotes strings a Kubernetes reader would turn into booleans, nulls or numbers', () => {
    const labels = {
      a: 'true',
      b: 'on',
      c: '080',
      d: 'yes',
      e: 'null',
      f: '1e3',
      g: '0x1F',
      h: 'No',
      i: '',
      j: '.5',
      'k:v': 'x',
      web: 'web',
    };
    const text = toKubeYaml({ metadata: { labels } });
    expect(text).toContain('b: "on"');
    expect(text).toContain('c: "080"');
    expect(text).toContain('web: web');
    expect(toKubeYaml({ cidr: '10.0.0.0/8', ip: '10.1.2.3', v: '1.2.3' })).toBe(
      'cidr: 10.0.0.0/8\nip: 10.1.2.3\nv: 1.2.3\n',
    );
    const shared = { app: 'web' };
    expect(toKubeYaml({ a: shared, b: shared })).not.toMatch(/[&*]/);
    expect(readLikeKubernetes(text)).toEqual({ metadata: { labels } });
  });

  it('round-trips any label map exactly', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'true',
        'False',
        'on',
        'OFF',
        'y',
        'n',
        '~',
        'null',
        '0',
        '080',
        '1_000',
        '0o17',
        '0x1F',
        '+1',
        '-1.5',
        '.inf',
        '1e3',
        '12:30',
        'a: b',
        '#x',
        '- x',
        "'q'",
        '"d"',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.dictionary(word, word, { maxKeys: 6 }), (labels) => {
        expect(readLikeKubernetes(toKubeYaml({ labels }))).toEqual({ labels });
      }),
      { numRuns: 300 },
    );
  });
});
