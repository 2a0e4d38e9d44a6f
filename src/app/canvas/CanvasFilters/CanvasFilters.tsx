import type { ViewModel } from '../../model/view-model';
import { useAppStore, useShallow, type AppState, type VerdictFilter } from '../../store';
import { selectDisplayed, selectFilters } from '../../store/selectors';
import { BUSY_EDGE_COUNT, portOptions, showsDenied, showsOpen } from '../build-elements';
import './CanvasFilters.css';

const NO_PORTS: string[] = [];
const portsCache = new WeakMap<ViewModel, string[]>();

const selectEdgeCount = (s: AppState) => selectDisplayed(s)?.edges.length ?? 0;
const selectOpenShown = (s: AppState) => {
  const model = selectDisplayed(s);
  return !model || showsOpen(s.verdictFilter, model);
};
/** Port choices, computed once per evaluation rather than on every keystroke. */
const selectPorts = (s: AppState): string[] => {
  const model = selectDisplayed(s);
  if (!model) return NO_PORTS;
  let ports = portsCache.get(model);
  if (!ports) portsCache.set(model, (ports = portOptions(model)));
  return ports;
};

const CHOICES: { value: VerdictFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'allowed', label: 'Allowed' },
  { value: 'denied', label: 'Denied' },
];

/** Which flows the canvas draws: by verdict and by port. */
export function CanvasFilters() {
  const { verdictFilter, portFilter } = useAppStore(useShallow(selectFilters));
  const edgeCount = useAppStore(selectEdgeCount);
  const ports = useAppStore(selectPorts);
  const deniedShown = showsDenied(verdictFilter, edgeCount);
  const openShown = useAppStore(selectOpenShown);
  const active = verdictFilter === 'auto' ? (deniedShown ? 'all' : 'allowed') : verdictFilter;
  const { setVerdictFilter, setPortFilter } = useAppStore.getState();
  return (
    <div className="canvas-filters" role="group" aria-label="Filter flows">
      <div className="segmented" role="radiogroup" aria-label="Verdict">
        {CHOICES.map((choice) => (
          <button
            key={choice.value}
            type="button"
            role="radio"
            aria-checked={active === choice.value}
            className={active === choice.value ? 'is-active' : undefined}
            onClick={() => setVerdictFilter(choice.value)}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <label className="canvas-filters__port">
        <span>Port</span>
        <select
          value={portFilter}
          onChange={(event) => setPortFilter(event.target.value)}
          aria-label="Show flows on this port"
        >
          <option value="">any</option>
          {ports.map((port) => (
            <option key={port} value={port}>
              {port}
            </option>
          ))}
        </select>
      </label>
      {verdictFilter === 'auto' && !deniedShown && (
        <span
          className="canvas-filters__note"
          title={
            openShown
              ? `More than ${BUSY_EDGE_COUNT} flows: denied ones are hidden until you choose All or Denied`
              : `More than ${BUSY_EDGE_COUNT} flows: only those policies allow are drawn; choose Allowed for open flows too, All or Denied for denied ones`
          }
        >
          {openShown ? 'denied hidden' : 'open & denied hidden'}
        </span>
      )}
    </div>
  );
}
