/**
 * The bytes of a file as text, for the CLI and the app alike: UTF-8 (a leading BOM dropped, as
 * editors and kubectl do) or UTF-16 with its BOM (Windows tools write it; it is text too). NUL
 * bytes anywhere mean binary data; invalid UTF-8 is refused with its place, never shown as U+FFFD.
 */
export type DecodedBytes =
  | {
      ok: true;
      text: string;
      /** how it was read, when not plain UTF-8 */ encoding?: 'UTF-16LE' | 'UTF-16BE';
    }
  | { ok: false; line: number; column: number; message: string };

const SIGNATURES: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
];

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** UTF-16 from its BOM, or from a text that starts with ASCII characters each followed (LE) or led (BE) by a zero byte. */
function utf16Order(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  const head = Math.min(bytes.length - (bytes.length % 2), 64);
  if (head < 4) return null;
  let le = true;
  let be = true;
  for (let i = 0; i < head; i += 2) {
    const [even, odd] = [bytes[i]!, bytes[i + 1]!];
    le &&= odd === 0 && even >= 0x09 && even < 0x80;
    be &&= even === 0 && odd >= 0x09 && odd < 0x80;
  }
  return le ? 'UTF-16LE' : be ? 'UTF-16BE' : null;
}

function placeOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1 };
}

export function decodeBytes(bytes: Uint8Array): DecodedBytes {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    try {
      return {
        ok: true,
        text: new TextDecoder(utf16.toLowerCase(), { fatal: true }).decode(bytes),
        encoding: utf16,
      };
    } catch {
      return {
        ok: false,
        line: 1,
        column: 1,
        message: `the file looks like ${utf16} text but is not valid ${utf16}. Save it as UTF-8.`,
      };
    }
  }
  if (bytes.includes(0)) {
    const kind = SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0];
    return {
      ok: false,
      line: 1,
      column: 1,
      message: `this is binary data${kind ? ` (${kind})` : ''}, not YAML or JSON text`,
    };
  }
  try {
    // fatal: invalid UTF-8 throws instead of turning into U+FFFD; the BOM is dropped.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = Math.max(firstInvalidUtf8(bytes), 0);
    const byte = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      ok: false,
      ...placeOf(bytes, at),
      message: `the file is not UTF-8 text: byte ${byte} here is not valid UTF-8 (a Latin-1 or Windows-1252 file?). Save it as UTF-8.`,
    };
  }
}
