import { useState, useSyncExternalStore } from 'react';
import { storageStatus, useAppStore, type AppState } from '../../store';
import { STORAGE_CHAR_LIMIT } from '../../store/persistence';
import './Banners.css';

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
          : `Your work is not being saved in this browser: storage is ${problem}. Export to keep it.`}
      </span>
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

export function Banners() {
  return (
    <div className="banners">
      <StorageBanner />
    </div>
  );
}
