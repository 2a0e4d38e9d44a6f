/**
 * Opens the workspace a share link carries (`#share=v1.…`), at startup and whenever the fragment
 * changes. The fragment is removed from the address bar straight away, so that a reload does not
 * offer it again; it is decoded in a worker, with its output capped, so that no link can freeze
 * or crash the page; an invalid link only shows a message; edited work is never replaced without
 * the user's yes (the store's `requestReplace` asks).
 */
import { useAppStore } from '../store';
import { encodeShareFragment, isShareFragment, type ShareLinkResult } from './share-link';

/** A link whose decoding takes longer than this is given up (the worker is stopped). */
const DECODE_TIMEOUT_MS = 15_000;

/** Decodes in a worker of its own, which is stopped once it answers, fails or takes too long. */
function decodeInWorker(fragment: string): Promise<ShareLinkResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./share-decode.worker.ts', import.meta.url), {
      type: 'module',
      name: 'netpol-share-link',
    });
    const finish = (result: ShareLinkResult) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, message: 'This share link took too long to read and was not opened.' }),
      DECODE_TIMEOUT_MS,
    );
    worker.onmessage = (event: MessageEvent<ShareLinkResult>) => finish(event.data);
    worker.onerror = () =>
      finish({ ok: false, message: 'This share link could not be read (the decoder stopped).' });
    worker.postMessage(fragment);
  });
}

/** What happened to the URL's fragment: nothing to do, a workspace opened or offered, or refused. */
export type ShareLinkOutcome = 'none' | 'opened' | 'invalid';

function dropFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

export async function openShareLinkFromUrl(): Promise<ShareLinkOutcome> {
  const fragment = location.hash;
  if (!isShareFragment(fragment)) return 'none';
  dropFragment();
  const result = await decodeInWorker(fragment);
  const state = useAppStore.getState();
  if (!result.ok) {
    state.showNotice('error', `${result.message} Your workspace was not changed.`);
    return 'invalid';
  }
  state.requestReplace(
    { label: 'the shared workspace', origin: { kind: 'shared' }, namespace: result.workspace.namespace },
    result.workspace.text,
  );
  return 'opened';
}

/** Handles links opened in a tab that already runs the app (only the fragment changes then). */
export function watchShareLinks(): () => void {
  const onHashChange = () => void openShareLinkFromUrl();
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** The link for the current workspace, or why there is none. */
export function currentShareLink(): { ok: true; link: string } | { ok: false; message: string } {
  const { text, namespace } = useAppStore.getState();
  const encoded = encodeShareFragment({ text, namespace });
  if (!encoded.ok) return encoded;
  return { ok: true, link: `${location.origin}${location.pathname}#${encoded.fragment}` };
}
