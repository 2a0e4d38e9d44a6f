import { DEFAULT_EXAMPLE_ID, listExamples } from '../../workspace/examples';
import { loadExample, openFilePicker, startFromScratch } from '../../workspace/commands';
import './EmptyState.css';

async function loadDefaultExample() {
  const examples = await listExamples();
  const example = examples.find((e) => e.id === DEFAULT_EXAMPLE_ID) ?? examples[0];
  if (example) await loadExample(example);
}

/** An empty workspace teaches: what the tool does, and three ways to begin. */
export function EmptyState() {
  return (
    <div className="empty-state">
      <div className="empty-state__card">
        <h2>Nothing here yet</h2>
        <p>
          Netpol Canvas shows which pods may talk to whom under your Kubernetes NetworkPolicies, and explains
          every verdict down to the rule and line that decided it.
        </p>
        <div className="empty-state__actions">
          <button type="button" className="button button--primary" onClick={() => void loadDefaultExample()}>
            Load an example
          </button>
          <button type="button" className="button" onClick={openFilePicker}>
            Import manifests
          </button>
          <button type="button" className="button" onClick={startFromScratch}>
            Start from scratch
          </button>
        </div>
      </div>
    </div>
  );
}
