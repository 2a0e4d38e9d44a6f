import { decodeBytes } from '../../engine';

/** The bytes of an imported file as text, or why not, in the engine's words (the CLI says the same). */
export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

export function decodeFileBytes(name: string, bytes: Uint8Array): DecodedText {
  const decoded = decodeBytes(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text };
  return { ok: false, message: `${name}, line ${decoded.line}: ${decoded.message}` };
}
