/**
 * Reads lz-string's URI-safe format (what `compressToEncodedURIComponent` writes) with a cap on
 * the output that is checked while decoding. lz-string's own decoder has none: its format lets
 * each code repeat the previous output plus one character, so a 256 KB link can expand to
 * billions of characters before any length check could run. This loop stops as soon as the text
 * would pass `maxChars`, so time and memory stay proportional to the input plus the cap.
 *
 * The format: 6 bits per character of the alphabet below, read least significant bit first; an
 * LZW dictionary whose codes 0 and 1 introduce a literal of 8 or 16 bits, 2 ends the stream, and
 * whose code width grows by one bit each time the dictionary doubles.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...ALPHABET].map((char, index) => [char, index]));

export type LzDecodeResult =
  { ok: true; text: string } | { ok: false; reason: 'damaged' } | { ok: false; reason: 'too-big' };

const DAMAGED = { ok: false, reason: 'damaged' } as const;
const TOO_BIG = { ok: false, reason: 'too-big' } as const;

export function decodeLzUriComponent(input: string, maxChars: number): LzDecodeResult {
  // Some chat tools turn `+` into a space; lz-string's decoder undoes that too.
  const data = input.replaceAll(' ', '+');
  if (data.length === 0) return DAMAGED;
  const values = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = VALUE.get(data[i]!);
    if (value === undefined) return DAMAGED;
    values[i] = value;
  }
  let index = 0;
  let current = values[index++]!;
  let position = 32;
  const readBits = (count: number): number => {
    let bits = 0;
    for (let power = 0; power < count; power++) {
      if (current & position) bits |= 1 << power;
      position >>= 1;
      if (position === 0) {
        position = 32;
        current = index < values.length ? values[index]! : 0;
        index++;
      }
    }
    return bits;
  };

  // Entries are kept with their first character apart: asking a long concatenated string for its
  // first character would flatten it, which costs its whole length each time.
  const entries: string[] = ['', '', ''];
  const firsts: string[] = ['', '', ''];
  const add = (entry: string, first: string) => {
    entries.push(entry);
    firsts.push(first);
  };
  let enlargeIn = 4;
  let width = 3;
  const grow = () => {
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
  };

  const head = readBits(2);
  if (head === 2) return { ok: true, text: '' };
  if (head === 3) return DAMAGED;
  const firstChar = String.fromCharCode(readBits(head === 0 ? 8 : 16));
  add(firstChar, firstChar);
  const parts = [firstChar];
  let length = 1;
  let previous = firstChar;
  let previousFirst = firstChar;
  if (length > maxChars) return TOO_BIG;

  for (;;) {
    // Past the end without the end-of-stream code: the link was cut short.
    if (index > values.length) return DAMAGED;
    let code = readBits(width);
    if (code === 2) return { ok: true, text: parts.join('') };
    if (code === 0 || code === 1) {
      const literal = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      add(literal, literal);
      code = entries.length - 1;
      grow();
    }
    let entry: string;
    let first: string;
    if (code < entries.length) {
      entry = entries[code]!;
      first = firsts[code]!;
    } else if (code === entries.length) {
      entry = previous + previousFirst;
      first = previousFirst;
    } else {
      return DAMAGED;
    }
    length += entry.length;
    if (length > maxChars) return TOO_BIG;
    parts.push(entry);
    add(previous + first, previousFirst);
    grow();
    previous = entry;
    previousFirst = first;
  }
}
