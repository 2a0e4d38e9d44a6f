/**
 * Entry point: restores the saved workspace (or opens a share link, or the default example on a
 * first visit), keeps saving it when the page is hidden or closed, watches other tabs' saves,
 * asks before a close would lose work, and mounts the app inside an
 * error boundary that keeps the user's YAML if rendering ever fails.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App/App';
import { ErrorBoundary } from './chrome/ErrorBoundary/ErrorBoundary';
import { openShareLinkFromUrl, watchShareLinks } from './share/open-share-link';
import { appStore, AppStoreProvider, hasSavedWorkspace, useAppStore, workspaceStorage } from './store';
import { DEFAULT_EXAMPLE_ID, fetchExample, listExamples } from './workspace/examples';
import './theme/theme.css';

async function openDefaultExample(): Promise<void> {
  const examples = await listExamples();
  const example = examples.find((e) => e.id === DEFAULT_EXAMPLE_ID) ?? examples[0];
  if (!example) return;
  const text = await fetchExample(example);
  // Only if nothing was typed or imported in the meantime.
  if (useAppStore.getState().text === '') {
    useAppStore.getState().replaceWorkspace(text, { kind: 'example', id: example.id, title: example.title });
  }
}

// Saving is debounced; whatever is pending is written before the page goes away or to the background.
window.addEventListener('pagehide', () => workspaceStorage.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') workspaceStorage.flush();
});
// Closing while edited work is not saved (storage full, another tab's save pending a choice, an
// unreadable save kept from being overwritten) asks first; the banners offer the download.
window.addEventListener('beforeunload', (event) => {
  workspaceStorage.flush();
  if (!workspaceStorage.hasUnsavedWork(useAppStore.getState().modified)) return;
  event.preventDefault();
  // Chromium before 119 and Safari ask only when returnValue is set as well.
  event.returnValue = '';
});
// Another tab saved: this one stops saving until the user chooses (persistence.ts).
window.addEventListener('storage', (event) => workspaceStorage.otherTabWrote(event.key, event.newValue));
workspaceStorage.probe();

const saved = hasSavedWorkspace();
watchShareLinks();
void openShareLinkFromUrl().then((share) => {
  if (!saved && share !== 'opened') void openDefaultExample();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppStoreProvider store={appStore}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </AppStoreProvider>
  </StrictMode>,
);
