import { describe, expect, it } from 'vitest';
import { dns1123Label, dns1123Subdomain, ianaSvcName, labelValue, qualifiedName } from './grammar';

describe('dns1123Label', () => {
  it('accepts lowercase names with inner hyphens', () => {
    for (const ok of ['prod', 'a', '123-abc', 'x'.repeat(63)]) expect(dns1123Label(ok), ok).toEqual([]);
  });
  it('rejects dots, uppercase, edge hyphens, empty and long names', () => {
    for (const bad of ['a.b', 'Prod', '-a', 'a-', '', 'a_b']) expect(dns1123Label(bad), bad).toHaveLength(1);
    expect(dns1123Label('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(dns1123Label('Prod')[0]).toMatch(/^a lowercase RFC 1123 label must consist of/);
  });
  it('counts bytes, as Go does', () => {
    expect(dns1123Label('é'.repeat(32))).toContain('must be no more than 63 characters');
  });
});

describe('dns1123Subdomain', () => {
  it('accepts dotted lowercase names up to 253 characters', () => {
    for (const ok of [
      'allow-dns',
      'a.b.c',
      'example.com',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
    ]) {
      expect(dns1123Subdomain(ok), ok).toEqual([]);
    }
  });
  it('rejects uppercase, underscores, empty labels and edge dots or hyphens', () => {
    for (const bad of ['My-Policy', 'a_b', 'a..b', '.a', 'a.', '-a', 'a-', '']) {
      expect(dns1123Subdomain(bad)[0], bad).toMatch(/^a lowercase RFC 1123 subdomain/);
    }
    expect(dns1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});

describe('qualifiedName', () => {
  it('accepts names with uppercase, dots and underscores, with an optional subdomain prefix', () => {
    for (const ok of [
      'app',
      'MyName',
      'my_name.v2',
      'app.kubernetes.io/name',
      'kubernetes.io/metadata.name',
      'x'.repeat(63),
    ]) {
      expect(qualifiedName(ok), ok).toEqual([]);
    }
  });
  it('rejects bad name parts', () => {
    expect(qualifiedName('')).toEqual([
      'name part must be non-empty',
      expect.stringMatching(/^name part must consist of/),
    ]);
    expect(qualifiedName('-app')[0]).toMatch(/^name part must consist of alphanumeric characters/);
    expect(qualifiedName('app name')).toHaveLength(1);
    expect(qualifiedName('x'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
  });
  it('rejects bad prefixes and more than one slash', () => {
    expect(qualifiedName('/app')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedName('Example.com/app')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(qualifiedName('a/b/c')).toEqual([expect.stringMatching(/^a qualified name must consist of/)]);
  });
});

describe('labelValue', () => {
  it('accepts the empty string and names with uppercase, dots, dashes and underscores', () => {
    for (const ok of ['', 'web', 'MyValue', 'my_value', '12345', 'v1.2-rc_3', 'x'.repeat(63)])
      expect(labelValue(ok), ok).toEqual([]);
  });
  it('rejects slashes, spaces, edge punctuation and long values', () => {
    for (const bad of ['a/b', 'a b', '-a', 'a.', '_a'])
      expect(labelValue(bad)[0], bad).toMatch(/^a valid label must be an empty string or consist of/);
    expect(labelValue('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('ianaSvcName', () => {
  it('accepts lowercase names with a letter and single inner hyphens', () => {
    for (const ok of ['http', 'serve-80-tcp', 'dns-tcp', 'h2c', 'a'.repeat(15)])
      expect(ianaSvcName(ok), ok).toEqual([]);
  });
  it('gives every message the API server gives', () => {
    expect(ianaSvcName('a'.repeat(16))).toEqual(['must be no more than 15 characters']);
    expect(ianaSvcName('HTTP')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
    ]);
    expect(ianaSvcName('80')).toEqual(['must contain at least one letter (a-z)']);
    expect(ianaSvcName('a--b')).toEqual(['must not contain consecutive hyphens']);
    expect(ianaSvcName('-web')).toEqual(['must not begin or end with a hyphen']);
    expect(ianaSvcName('web-')).toEqual(['must not begin or end with a hyphen']);
    expect(ianaSvcName('')).toHaveLength(2);
  });
});
