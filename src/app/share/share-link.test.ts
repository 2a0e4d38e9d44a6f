import fc from 'fast-check';
import lzString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, MAX_LINK_FRAGMENT } from './share-link';

describe('share links', () => {
  it('round-trip any text and namespace', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2000 }),
        fc.constantFrom('default', 'prod', 'team-a1'),
        (text, namespace) => {
          const encoded = encodeShareFragment({ text, namespace });
          expect(encoded.ok).toBe(true);
          if (encoded.ok)
            expect(decodeShareFragment(`#${encoded.fragment}`)).toEqual({
              ok: true,
              workspace: { text, namespace },
            });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throw on garbage, and say why they refuse it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (junk) => {
        const result = decodeShareFragment(`share=v1.${junk}`);
        if (!result.ok) expect(result.message).toMatch(/share link/i);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse payloads of the wrong shape', () => {
    const of = (value: unknown) =>
      decodeShareFragment(`share=v1.${lzString.compressToEncodedURIComponent(JSON.stringify(value))}`);
    expect(of({ text: 1, namespace: 'a' })).toMatchObject({ ok: false });
    expect(of({ text: 'x', namespace: '<img src=x onerror=alert(1)>' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('namespace'),
    });
    expect(of(['x'])).toMatchObject({ ok: false });
    expect(decodeShareFragment('something-else')).toMatchObject({ ok: false });
  });

  it('refuse links that are too long, both ways', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const big = Array.from({ length: 600_000 }, () =>
      String.fromCharCode(33 + Math.floor(random() * 90)),
    ).join('');
    expect(encodeShareFragment({ text: big, namespace: 'default' })).toMatchObject({ ok: false });
    expect(decodeShareFragment(`share=v1.${'A'.repeat(MAX_LINK_FRAGMENT)}`)).toMatchObject({ ok: false });
  });
});
