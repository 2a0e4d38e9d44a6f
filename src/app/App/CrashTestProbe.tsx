import { useAppStore, type AppState } from '../store';

/**
 * Test-only hook for the error screen (e2e/data-loss.spec.ts). With `?crash-test` in the URL, this
 * component throws while rendering as soon as the YAML holds the line `# crash now`, as a real bug
 * would. Without the flag it is never mounted, so it costs nothing.
 */
export const CRASH_TEST = new URLSearchParams(window.location.search).has('crash-test');
export const CRASH_MARKER = '# crash now';

// includes() first: splitting a big workspace into lines on every change of the store would cost seconds.
const selectCrash = (s: AppState) =>
  s.text.includes(CRASH_MARKER) && s.text.split('\n').some((line) => line.trim() === CRASH_MARKER);

export function CrashTestProbe() {
  if (useAppStore(selectCrash))
    throw new Error('Crash test: a component failed while rendering (?crash-test).');
  return null;
}
