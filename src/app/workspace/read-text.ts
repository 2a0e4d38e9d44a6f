/**
 * Turns the bytes of an imported file into text, or says plainly why not: invalid UTF-8 is
 * refused (never shown as U+FFFD garbage), NUL bytes mean a binary file, and a leading BOM is
 * dropped as every editor does.
 */
export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

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

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function decodeFileBytes(name: string, bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) {
    return {
      ok: false,
      message: `${name} looks like a binary file (it contains NUL bytes), not YAML or JSON text.`,
    };
  }
  let text: string;
  try {
    // fatal: invalid UTF-8 throws instead of turning into U+FFFD; the BOM is dropped, as editors and kubectl do.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    return {
      ok: false,
      message: `${name} is not UTF-8 text: line ${lineAt(bytes, bad)} holds a byte that is not UTF-8 (is it a binary file, or saved in another encoding?). Save it as UTF-8 and import it again.`,
    };
  }
  return { ok: true, text };
}
