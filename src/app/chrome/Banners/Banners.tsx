import { useEffect, useState, useSyncExternalStore } from 'react';
import { STAGES, useElapsed } from '../../canvas/LoadProgress/LoadProgress';
import {
  conflictStatus,
  recoveryStatus,
  storageStatus,
  takeOtherTabSave,
  useAppStore,
  workspaceStorage,
  type AppState,
} from '../../store';
import { STORAGE_CHAR_LIMIT } from '../../store/persistence';
import { downloadText } from '../../workspace/commands';
import { cancelEvaluation, evaluateAgain } from '../../worker/engine-bridge';
import './Banners.css';

/** The workspace text as a file, so that work the browser cannot keep is not lost. */
function downloadWorkspace() {
  downloadText('workspace.yaml', useAppStore.getState().text);
}

/** A saved workspace that could not be read: it is kept (or nothing is written over it), and can be downloaded. */
function RecoveryBanner() {
  const unreadable = useSyncExternalStore(recoveryStatus.subscribe, recoveryStatus.get, () => null);
  if (!unreadable) return null;
  const download = () => downloadText('netpol-canvas-saved-workspace.json', unreadable.raw);
  return (
    <div className="banner banner--warn" role="alert" data-testid="recovery-banner">
      <span className="banner__icon" aria-hidden="true">
        ⚠
      </span>
      <span className="banner__text">
        Your saved workspace could not be read: {unreadable.reason}.{' '}
        {unreadable.backupKey
          ? 'A copy is kept in this browser; download it to keep it safe.'
          : 'There is no room to keep a copy, so nothing is saved over it: download it, then choose "Save over it".'}
      </span>
      <button type="button" className="banner__action" onClick={download}>
        Download it
      </button>
      {unreadable.backupKey ? (
        <button
          type="button"
          className="banner__dismiss"
          aria-label="Dismiss the saved-workspace warning"
          onClick={() => recoveryStatus.set(null)}
        >
          ×
        </button>
      ) : (
        <button type="button" className="banner__action" onClick={() => workspaceStorage.releaseUnreadable()}>
          Save over it
        </button>
      )}
    </div>
  );
}

/** Another tab saved this workspace: this tab has stopped saving until the user picks one. */
function ConflictBanner() {
  const other = useSyncExternalStore(conflictStatus.subscribe, conflictStatus.get, () => null);
  if (!other) return null;
  const when = other.savedAt ? ` at ${new Date(other.savedAt).toLocaleTimeString()}` : '';
  return (
    <div className="banner banner--warn" role="alert" data-testid="conflict-banner">
      <span className="banner__icon" aria-hidden="true">
        ⚠
      </span>
      <span className="banner__text">
        This workspace was changed in another tab{when}. This tab has stopped saving, so that neither
        overwrites the other.
      </span>
      <button type="button" className="banner__action" onClick={takeOtherTabSave}>
        Load the other tab's version
      </button>
      <button type="button" className="banner__action" onClick={() => workspaceStorage.keepThisTab()}>
        Keep this tab's version
      </button>
    </div>
  );
}
const selectTextLength = (s: AppState) => s.text.length;

/** Says, without blocking anything, that the work is not being saved in this browser. */
function StorageBanner() {
  const problem = useSyncExternalStore(storageStatus.subscribe, storageStatus.get, () => null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const length = useAppStore(selectTextLength);
  if (!problem || dismissed === problem) return null;
  const tooBig = problem === 'full' && length > STORAGE_CHAR_LIMIT;
  return (
    <div className="banner banner--warn" role="alert" data-testid="storage-banner">
      <span className="banner__icon" aria-hidden="true">
        ⚠
      </span>
      <span className="banner__text">
        {tooBig
          ? `This workspace (${(length / 1024 / 1024).toFixed(1)} MB) is bigger than this browser keeps for a page, so it is not saved here. Export to keep your changes.`
          : `Your work is not being saved in this browser: storage is ${problem}. Download it to keep it.`}
      </span>
      <button type="button" className="banner__action" onClick={downloadWorkspace}>
        Download
      </button>
      <button
        type="button"
        className="banner__dismiss"
        aria-label="Dismiss the storage warning"
        onClick={() => setDismissed(problem)}
      >
        ×
      </button>
    </div>
  );
}

const selectEvaluating = (s: AppState) => s.evaluating;
const selectStep = (s: AppState) => s.evaluationStep;
const selectRestart = (s: AppState) => s.engineRestart;

/** An evaluation shows its progress, and can be cancelled, once it has taken this long. */
const SHOW_EVALUATION_AFTER_MS = 1000;

/** When the current evaluation began, once it has run for SHOW_EVALUATION_AFTER_MS. */
function useLongEvaluation(evaluating: boolean): number | null {
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => {
    if (!evaluating) return;
    const began = performance.now();
    const timer = setTimeout(() => setSince(began), SHOW_EVALUATION_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSince(null);
    };
  }, [evaluating]);
  return evaluating ? since : null;
}

/**
 * A long evaluation says where it is, with a Cancel; an engine that was cancelled, died or hung
 * says so, and that the canvas shows the picture from before the last edit.
 */
function EngineBanner() {
  const evaluating = useAppStore(selectEvaluating);
  const step = useAppStore(selectStep);
  const restart = useAppStore(selectRestart);
  const since = useLongEvaluation(evaluating);
  const elapsed = useElapsed(since);
  if (restart) {
    return (
      <div
        className="banner banner--warn"
        role="alert"
        data-testid="engine-restart"
        data-reason={restart.reason}
      >
        <span className="banner__icon" aria-hidden="true">
          ⚠
        </span>
        <span className="banner__text">
          {restart.message} Your text is kept; the canvas shows the picture from before, and may be out of
          date.
        </span>
        <button type="button" className="banner__action" onClick={evaluateAgain}>
          Evaluate again
        </button>
      </div>
    );
  }
  if (since === null) return null;
  const label = STAGES.find((s) => s.stage === step?.stage)?.label ?? 'Evaluating';
  const share = step?.step && step.step.total > 0 ? step.step.done / step.step.total : null;
  return (
    <div
      className="banner banner--info banner--floating"
      role="status"
      data-testid="evaluation-status"
      data-stage={step?.stage ?? ''}
    >
      <span className="banner__icon" aria-hidden="true">
        ℹ
      </span>
      <span className="banner__text">
        {label}
        {share !== null && ` (${Math.floor(share * 100)} %)`}… {elapsed.toFixed(0)} s
      </span>
      {share !== null && (
        <progress className="banner__progress" max={1} value={share} aria-label="Evaluation progress" />
      )}
      <button type="button" className="banner__action" onClick={cancelEvaluation}>
        Cancel
      </button>
    </div>
  );
}

export function Banners() {
  return (
    <div className="banners">
      <RecoveryBanner />
      <ConflictBanner />
      <StorageBanner />
      <EngineBanner />
    </div>
  );
}
