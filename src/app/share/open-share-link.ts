/**
 * Opens the workspace a share link carries (`#share=v1.…`), at startup and whenever the fragment
 * changes. The fragment is removed from the address bar straight away, so that a reload does not
 * offer it again; an invalid link only shows a message; edited work is never replaced without
 * the user's yes (the store's `offerShare` asks).
 */
import { useAppStore } from '../store';
import { decodeShareFragment, encodeShareFragment, isShareFragment } from './share-link';

/** What happened to the URL's fragment: nothing to do, a workspace opened or offered, or refused. */
export type ShareLinkOutcome = 'none' | 'opened' | 'invalid';

function dropFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

export function openShareLinkFromUrl(): ShareLinkOutcome {
  const fragment = location.hash;
  if (!isShareFragment(fragment)) return 'none';
  dropFragment();
  const result = decodeShareFragment(fragment);
  const state = useAppStore.getState();
  if (!result.ok) {
    state.showNotice('error', `${result.message} Your workspace was not changed.`);
    return 'invalid';
  }
  state.offerShare(result.workspace);
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
