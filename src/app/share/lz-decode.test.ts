import fc from 'fast-check';
import lzString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { lzBomb } from '../../../e2e/support/lz-bomb';
import { decodeLzUriComponent } from './lz-decode';
import { decodeShareFragment, MAX_LINK_FRAGMENT, MAX_SHARED_TEXT } from './share-link';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

describe('the capped lz-string decoder', () => {
  it('reads what lz-string writes, exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        expect(decodeLzUriComponent(lzString.compressToEncodedURIComponent(text), 1e7)).toEqual({
          ok: true,
          text,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with lz-string on arbitrary input, wherever lz-string gives an answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 300 }), (input) => {
        let theirs: string | null;
        try {
          theirs = lzString.decompressFromEncodedURIComponent(input);
        } catch {
          theirs = null;
        }
        const ours = decodeLzUriComponent(input, 1e7);
        // lz-string has no "damaged": it answers null, "" or whatever it read so far.
        if (ours.ok && ours.text) expect(ours.text).toBe(theirs);
        else expect(ours.ok ? ours.text : '').toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('stops a bomb at the cap, after reading only what the cap allows', () => {
    const bomb = lzBomb(MAX_LINK_FRAGMENT - 16);
    // Uncapped, this body would expand to about (bits / 18)² / 2 > 3 billion characters.
    expect(decodeLzUriComponent(bomb, MAX_SHARED_TEXT)).toEqual({ ok: false, reason: 'too-big' });
    // The same kind of link, small, decodes: the bomb is valid lz-string, not garbage.
    const small = decodeLzUriComponent(lzBomb(40), 1e6);
    expect(small.ok && /^a+$/.test(small.text)).toBe(true);
  });

  it('answers every input within the cap, whatever it is', () => {
    const cap = 10_000;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 4000 }),
          fc.string({ maxLength: 200 }),
          fc.integer({ min: 1, max: 4000 }).map(lzBomb),
        ),
        (input) => {
          const result = decodeLzUriComponent(input, cap);
          if (result.ok) expect(result.text.length).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('a share link bomb', () => {
  it('is refused with a clear message, not expanded', () => {
    expect(decodeShareFragment(`#share=v1.${lzBomb(MAX_LINK_FRAGMENT - 16)}`)).toEqual({
      ok: false,
      message: 'This share link expands to more than 4 MB and was not opened.',
    });
  });
});
