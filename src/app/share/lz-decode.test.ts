import fc from 'fast-check';
import lzString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeLzUriComponent } from './lz-decode';
import { decodeShareFragment, MAX_LINK_FRAGMENT, MAX_SHARED_TEXT } from './share-link';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/**
 * A link body of `chars` characters that repeats "the previous output plus its first character"
 * in every code: code k outputs k characters, so the whole expands to about codes²/2.
 */
export function lzBomb(chars: number): string {
  const bits: number[] = [];
  const write = (value: number, width: number) => {
    for (let i = 0; i < width; i++) bits.push((value >> i) & 1);
  };
  write(0, 2);
  write('a'.charCodeAt(0), 8);
  let size = 4;
  let enlargeIn = 4;
  let width = 3;
  // Room is left for the end-of-stream code (2), which may need one more bit.
  while (bits.length + 2 * width + 1 <= chars * 6) {
    write(size, width);
    size++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
  }
  write(2, width);
  let out = '';
  for (let i = 0; i < chars; i++) {
    let value = 0;
    for (let b = 0; b < 6; b++) value = (value << 1) | (bits[i * 6 + b] ?? 0);
    out += ALPHABET[value];
  }
  return out;
}

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
