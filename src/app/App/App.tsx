import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from '../canvas/Canvas/Canvas';
import { Banners } from '../chrome/Banners/Banners';
import { Toasts } from '../chrome/Toasts/Toasts';
import { ConfirmReplaceDialog } from '../chrome/ConfirmReplaceDialog/ConfirmReplaceDialog';
import { DropOverlay } from '../chrome/DropOverlay/DropOverlay';
import { PasteDialog } from '../chrome/PasteDialog/PasteDialog';
import { ShortcutsDialog } from '../chrome/ShortcutsDialog/ShortcutsDialog';
import { SplitPane } from '../chrome/SplitPane/SplitPane';
import { Toolbar } from '../chrome/Toolbar/Toolbar';
import { watchInsights } from '../insight/watch';
import { watchObservedLogs } from '../observed/commands';
import { Drawer } from '../panels/Drawer/Drawer';
import { FlowLogInput, PasteFlowLogDialog } from '../panels/ObservedPanel/ObservedPanel';
import { useIsDark } from '../theme/use-theme';
import { startEngine } from '../worker/engine-bridge';
import { CRASH_TEST, CrashTestProbe } from './CrashTestProbe';
import { useGlobalShortcuts } from './use-global-shortcuts';
import './App.css';

// Monaco is the heaviest part of the bundle; the canvas shows while it loads.
const YamlPane = lazy(() => import('../yaml/YamlPane/YamlPane'));

function EditorFallback() {
  return (
    <div className="yaml-loading" data-testid="yaml-editor-loading">
      Loading the editor…
    </div>
  );
}

export function App() {
  const dark = useIsDark();
  useEffect(() => {
    const stop = startEngine();
    // After the engine: the logs kept with the workspace go to the worker that just started.
    const unwatch = watchObservedLogs();
    return () => {
      unwatch();
      stop();
    };
  }, []);
  useEffect(() => watchInsights(), []);
  useGlobalShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }, [dark]);
  return (
    <div className="app">
      <Toolbar />
      <Banners />
      <main className="app__main">
        <SplitPane
          left={<Canvas />}
          right={
            <Suspense fallback={<EditorFallback />}>
              <YamlPane />
            </Suspense>
          }
        />
      </main>
      <Drawer />
      <ConfirmReplaceDialog />
      <ShortcutsDialog />
      <PasteDialog />
      <PasteFlowLogDialog />
      <FlowLogInput />
      <DropOverlay />
      <Toasts />
      {CRASH_TEST && <CrashTestProbe />}
    </div>
  );
}
