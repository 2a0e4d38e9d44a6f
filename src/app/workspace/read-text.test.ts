import { describe, expect, it } from 'vitest';
import { decodeFileBytes, firstInvalidUtf8 } from './read-text';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)),
  );

describe('decodeFileBytes', () => {
  it('reads UTF-8, dropping a BOM and keeping CRLF', () => {
    expect(decodeFileBytes('a.yaml', bytes([0xef, 0xbb, 0xbf], 'kind: Pod\r\nx: é\r\n'))).toEqual({
      ok: true,
      text: 'kind: Pod\r\nx: é\r\n',
    });
  });

  it('refuses invalid UTF-8 and names the line', () => {
    const result = decodeFileBytes('latin1.yaml', bytes('a: 1\nb: caf', [0xe9], '\n'));
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('latin1.yaml is not UTF-8 text: line 2'),
    });
  });

  it('refuses binary files', () => {
    expect(decodeFileBytes('x.png', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('binary'),
    });
  });

  it('finds the first invalid sequence: overlong, surrogate, truncated, stray continuation', () => {
    expect(firstInvalidUtf8(bytes('ok ✓ 😀'))).toBe(-1);
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x9c]))).toBe(3);
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes([0xe0, 0x80, 0x80]))).toBe(0);
  });
});
