import { useAppStore } from '../../store';
import { selectShowingLastGood, selectStale } from '../../store/selectors';
import './StaleBanner.css';

/** Says plainly when the picture is not the text's: errors left something out of the evaluation. */
export function StaleBanner() {
  const stale = useAppStore(selectStale);
  const lastGood = useAppStore(selectShowingLastGood);
  if (!stale) return null;
  return (
    <div className="stale-banner" role="status" data-testid="stale-banner">
      <span className="stale-banner__icon" aria-hidden="true">
        ⚠
      </span>
      {lastGood
        ? 'Stale: the YAML has errors, so this is the last picture that evaluated cleanly.'
        : 'Some documents have errors and are left out of this picture.'}
      <button
        type="button"
        className="stale-banner__link"
        onClick={() => useAppStore.getState().openDrawer('problems')}
      >
        Show problems
      </button>
    </div>
  );
}
