import lzString from 'lz-string';
import { decodeLzUriComponent } from './lz-decode';

/** What a share link carries: the text the user owns and the namespace it is read in. */
export interface SharedWorkspace {
  text: string;
  namespace: string;
}

const PREFIX = 'share=v1.';
/** Browsers and chat tools start truncating URLs around here; longer links are refused up front. */
export const MAX_LINK_FRAGMENT = 256 * 1024;
/** A compressed payload may not expand beyond this (a zip-bomb guard). */
export const MAX_SHARED_TEXT = 4 * 1024 * 1024;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export type ShareLinkResult = { ok: true; workspace: SharedWorkspace } | { ok: false; message: string };

/** The URL fragment (without `#`) that carries the workspace, or an error when it is too big. */
export function encodeShareFragment(
  workspace: SharedWorkspace,
): { ok: true; fragment: string } | { ok: false; message: string } {
  const fragment =
    PREFIX +
    lzString.compressToEncodedURIComponent(
      JSON.stringify({ text: workspace.text, namespace: workspace.namespace }),
    );
  if (fragment.length > MAX_LINK_FRAGMENT) {
    return {
      ok: false,
      message: `This workspace is too large for a link (${Math.round(fragment.length / 1024)} KB compressed, at most ${MAX_LINK_FRAGMENT / 1024} KB). Export the YAML and send the file instead.`,
    };
  }
  return { ok: true, fragment };
}

export function isShareFragment(fragment: string): boolean {
  return fragment.replace(/^#/, '').startsWith(PREFIX);
}

/**
 * Reads a share fragment that may come from anyone: size-limited, fully validated, and nothing in
 * it is ever executed — it becomes YAML text in the editor, shown as text.
 */
export function decodeShareFragment(fragment: string): ShareLinkResult {
  const body = fragment.replace(/^#/, '');
  if (!body.startsWith(PREFIX))
    return { ok: false, message: 'This link does not carry a Netpol Canvas workspace.' };
  if (body.length > MAX_LINK_FRAGMENT)
    return { ok: false, message: 'This share link is too long to be a Netpol Canvas workspace.' };
  // Capped while decoding: a crafted link may expand to billions of characters (lz-decode.ts).
  const decoded = decodeLzUriComponent(body.slice(PREFIX.length), MAX_SHARED_TEXT);
  if (!decoded.ok && decoded.reason === 'too-big')
    return {
      ok: false,
      message: `This share link expands to more than ${MAX_SHARED_TEXT / 1024 / 1024} MB and was not opened.`,
    };
  if (!decoded.ok || !decoded.text)
    return { ok: false, message: 'This share link is damaged (it does not decompress); ask for a new one.' };
  const json = decoded.text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {
      ok: false,
      message: 'This share link is damaged (its content is not readable); ask for a new one.',
    };
  }
  if (typeof value !== 'object' || value === null)
    return { ok: false, message: 'This share link holds no workspace.' };
  const { text, namespace } = value as Record<string, unknown>;
  if (typeof text !== 'string') return { ok: false, message: 'This share link holds no workspace text.' };
  if (typeof namespace !== 'string' || namespace.length > 63 || !NAMESPACE.test(namespace)) {
    return { ok: false, message: 'This share link names an invalid workspace namespace.' };
  }
  return { ok: true, workspace: { text, namespace } };
}
