import { describe, expect, it } from 'vitest';
import { sampleAddress } from './address-sample';

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
