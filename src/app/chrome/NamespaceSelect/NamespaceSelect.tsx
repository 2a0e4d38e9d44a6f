import { useId, useState, type FormEvent } from 'react';
import { useAppStore, useShallow, type AppState } from '../../store';
import { selectDisplayed, selectNamespace } from '../../store/selectors';
import './NamespaceSelect.css';

const selectNamespaceNames = (s: AppState) => selectDisplayed(s)?.namespaces.map((ns) => ns.name) ?? [];

/** The namespace for objects that name none, as `kubectl apply -n` would use. */
export function NamespaceSelect() {
  const namespace = useAppStore(selectNamespace);
  const known = useAppStore(useShallow(selectNamespaceNames));
  // The draft follows the store unless the user is editing it (draft !== null).
  const [draft, setDraft] = useState<string | null>(null);
  const listId = useId();
  const value = draft ?? namespace;

  const commit = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft !== null && draft.trim() && draft.trim() !== namespace)
      useAppStore.getState().setNamespace(draft);
    setDraft(null);
  };

  return (
    <form
      className="ns-select"
      onSubmit={commit}
      title="Namespace for objects without metadata.namespace (like kubectl apply -n)"
    >
      <label>
        <span className="ns-select__prefix">ns:</span>
        <input
          list={listId}
          value={value}
          size={Math.max(8, value.length + 1)}
          spellCheck={false}
          aria-label="Workspace namespace"
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => commit()}
        />
      </label>
      <datalist id={listId}>
        {known.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </form>
  );
}
