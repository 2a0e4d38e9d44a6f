/** Crafted share links, for the unit tests of the capped decoder and the e2e test of the app. */

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
