import { describe, expect, it } from 'vitest';
import { decodeFileBytes } from './read-text';

describe('decodeFileBytes', () => {
  it("says what the engine's decoder (the CLI's too) says, with the file's name and line", () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('a: 1\nb: caf'), 0xe9, 0x0a]);
    expect(decodeFileBytes('latin1.yaml', latin1)).toEqual({
      ok: false,
      message: expect.stringContaining('latin1.yaml, line 2: the file is not UTF-8 text'),
    });
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'kind: Pod\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeFileBytes('w.yaml', utf16)).toEqual({ ok: true, text: 'kind: Pod\n' });
  });
});
