import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidUtf8 } from './decode-bytes';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)),
  );

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (const unit of Array.from(text, (c) => c.charCodeAt(0)))
    out.push(...(order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  return new Uint8Array(out);
}

describe('decodeBytes', () => {
  it('reads UTF-8, dropping a BOM and keeping CRLF', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], 'kind: Pod\r\nx: é\r\n'))).toEqual({
      ok: true,
      text: 'kind: Pod\r\nx: é\r\n',
    });
  });

  it('reads UTF-16 (as Windows tools save it), with a BOM or without', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: é}\n';
    for (const order of ['le', 'be'] as const)
      for (const bom of [true, false])
        expect(decodeBytes(utf16(text, order, bom))).toEqual({
          ok: true,
          text,
          encoding: order === 'le' ? 'UTF-16LE' : 'UTF-16BE',
        });
  });

  it('refuses invalid UTF-8 and names the line and column', () => {
    expect(decodeBytes(bytes('a: 1\nb: caf', [0xe9], '\n'))).toEqual({
      ok: false,
      line: 2,
      column: 7,
      message:
        'the file is not UTF-8 text: byte 0xE9 here is not valid UTF-8 (a Latin-1 or Windows-1252 file?). Save it as UTF-8.',
    });
  });

  it('finds NUL bytes anywhere, not only at the start: binary data', () => {
    const late = bytes(`kind: Pod\n# ${'x'.repeat(100_000)}\n`, [0]);
    expect(decodeBytes(late)).toMatchObject({
      ok: false,
      message: 'this is binary data, not YAML or JSON text',
    });
    expect(decodeBytes(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatchObject({
      ok: false,
      message: 'this is binary data (a PNG image), not YAML or JSON text',
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
