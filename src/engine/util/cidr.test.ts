import { describe, expect, it } from 'vitest';
import { cidrContains, cidrStrictlyContains, formatCidr, parseCidr, parseIp } from './cidr';

const ip = (text: string) => parseIp(text)!;
const cidr = (text: string) => parseCidr(text)!;

describe('parseIp', () => {
  it('reads zero-padded IPv4 octets as decimal, like the API server', () => {
    expect(ip('010.001.002.003')).toEqual(ip('10.1.2.3'));
  });
  it('rejects forms Go does not accept', () => {
    for (const bad of ['0x0a.0.0.1', '10.1', '300.1.1.1', '10.0.0.1 ', 'fe80::1%eth0', '', 'abc']) {
      expect(parseIp(bad), bad).toBeNull();
    }
  });
  it('reads IPv6', () => {
    expect(ip('2001:db8::1').family).toBe(6);
  });
});

describe('parseCidr', () => {
  it('masks host bits', () => {
    expect(formatCidr(cidr('10.0.0.1/24'))).toBe('10.0.0.0/24');
  });
  it('rejects missing or oversized prefixes', () => {
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/33',
      '2001:db8::/129',
      '10.0.0.0/-1',
      '10.0.0.0/8/8',
      ' 10.0.0.0/8',
    ]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });
  it('never mixes families', () => {
    expect(cidrContains(cidr('0.0.0.0/0'), ip('::1'))).toBe(false);
    expect(cidrContains(cidr('::/0'), ip('::1'))).toBe(true);
  });
  it('checks strict sub-ranges the way except is validated', () => {
    expect(cidrStrictlyContains(cidr('10.0.0.0/16'), cidr('10.0.5.7/24'))).toBe(true);
    expect(cidrStrictlyContains(cidr('10.0.0.0/16'), cidr('10.0.0.0/16'))).toBe(false);
    expect(cidrStrictlyContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
  });
});
