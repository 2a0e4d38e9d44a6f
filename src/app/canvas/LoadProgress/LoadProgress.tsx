import { useEffect, useState } from 'react';
import { useAppStore, type AppState } from '../../store';
import type { LoadProgress } from '../../store/evaluation-slice';
import './LoadProgress.css';

export const STAGES: { stage: LoadProgress['stage']; label: string }[] = [
  { stage: 'read', label: 'Reading the file' },
  { stage: 'parse', label: 'Parsing and validating the YAML' },
  { stage: 'model', label: 'Modelling namespaces, workloads and policies' },
  { stage: 'reachability', label: 'Computing reachability' },
  { stage: 'summary', label: 'Counting flows between namespaces' },
  { stage: 'layout', label: 'Laying out and drawing' },
];

const selectProgress = (s: AppState) => s.loadProgress;

/** Seconds since `since`, refreshed while shown. */
export function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}

/**
 * The stages of loading a big workspace, over the canvas. The engine works in its own thread,
 * so the editor and the rest of the page stay usable meanwhile.
 */
export function LoadProgressOverlay() {
  const progress = useAppStore(selectProgress);
  const elapsed = useElapsed(progress?.since ?? null);
  if (!progress) return null;
  const at = STAGES.findIndex((s) => s.stage === progress.stage);
  return (
    <div
      className="load-progress"
      role="status"
      aria-live="polite"
      data-testid="load-progress"
      data-stage={progress.stage}
    >
      <div className="load-progress__title">
        Loading {progress.label} ({(progress.bytes / 1024 / 1024).toFixed(1)} MB)
      </div>
      <progress
        className="load-progress__bar"
        max={STAGES.length}
        value={at + 0.5}
        aria-label="Loading progress"
      />
      <ol className="load-progress__stages">
        {STAGES.map((s, i) => (
          <li key={s.stage} className={i < at ? 'is-done' : i === at ? 'is-current' : ''}>
            <span aria-hidden="true">{i < at ? '✓' : i === at ? '…' : '·'}</span> {s.label}
          </li>
        ))}
      </ol>
      <div className="load-progress__elapsed">{elapsed.toFixed(1)} s</div>
    </div>
  );
}
