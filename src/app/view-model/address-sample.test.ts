import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { narrowerInside, sampleAddress } from './address-sample';

describe('sampleAddress', () => {
  it('picks a public documentation address for the internet, away from named ranges', () => {
    expect(sampleAddress('0.0.0.0/0', [])).toBe('203.0.113.80');
    expect(sampleAddress('0.0.0.0/0', ['203.0.113.0/24'])).toBe('198.51.100.7');
  });

  it('stays inside the range and out of its excepts', () => {
    const sample = sampleAddress('10.0.0.0/8', ['10.0.0.0/9']);
    expect(sample).toMatch(/^10\./);
    expect(Number(sample!.split('.')[1])).toBeGreaterThanOrEqual(128);
  });

  it('handles single addresses and IPv6', () => {
    expect(sampleAddress('192.0.2.7/32', [])).toBe('192.0.2.7');
    expect(sampleAddress('2001:db8::/32', [])).toMatch(/^2001:db8:/);
    expect(sampleAddress('not a cidr', [])).toBeNull();
  });
});

describe('narrowerInside', () => {
  const contains = (outer: string, inner: string) => {
    const [a, p] = outer.split('/');
    const [b, q] = inner.split('/');
    const value = (ip: string) => ip.split('.').reduce((v, octet) => v * 256 + Number(octet), 0);
    const size = 2 ** (32 - Number(p));
    return Number(q) > Number(p) && Math.floor(value(a!) / size) === Math.floor(value(b!) / size);
  };

  it('finds exactly the narrower ranges inside each range, as a scan of every pair would', () => {
    const cidr = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(0, 8, 16, 24, 32),
      )
      .map(([a, b, prefix]) => {
        const host = 32 - prefix;
        const value = host === 32 ? 0 : Math.floor(((a * 256 + b) * 65536) / 2 ** host) * 2 ** host;
        return `${[24, 16, 8, 0].map((s) => Math.floor(value / 2 ** s) % 256).join('.')}/${prefix}`;
      });
    fc.assert(
      fc.property(fc.uniqueArray(cidr, { maxLength: 40 }), (cidrs) => {
        const found = narrowerInside(cidrs).map((inside) => [...inside].sort());
        const expected = cidrs.map((outer) => cidrs.filter((inner) => contains(outer, inner)).sort());
        expect(found).toEqual(expected);
      }),
    );
  });
});
