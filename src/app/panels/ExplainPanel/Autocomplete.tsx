import { useId, useMemo, useState, type KeyboardEvent } from 'react';

export interface Suggestion {
  value: string;
  /** A hint beside the value (kind, address, range). */
  hint: string;
}

const MAX_SHOWN = 8;

/** Suggestions that contain every word typed, those starting with the first word first. */
export function matchSuggestions(suggestions: readonly Suggestion[], typed: string): Suggestion[] {
  const words = typed.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matching = suggestions.filter((s) =>
    words.every((word) => `${s.value} ${s.hint}`.toLowerCase().includes(word)),
  );
  const first = words[0] ?? '';
  return matching
    .sort(
      (a, b) =>
        Number(!a.value.toLowerCase().startsWith(first)) - Number(!b.value.toLowerCase().startsWith(first)),
    )
    .slice(0, MAX_SHOWN);
}

interface AutocompleteProps {
  label: string;
  value: string;
  suggestions: readonly Suggestion[];
  onChange(value: string): void;
  placeholder?: string;
  className?: string;
}

/** A text field with a list of suggestions (ARIA combobox): arrows move, Enter or a click picks, Escape closes. */
export function Autocomplete({
  label,
  value,
  suggestions,
  onChange,
  placeholder,
  className,
}: AutocompleteProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = useMemo(() => (open ? matchSuggestions(suggestions, value) : []), [open, suggestions, value]);
  const visible = shown.length > 0 && !(shown.length === 1 && shown[0]!.value === value);

  const pick = (suggestion: Suggestion) => {
    onChange(suggestion.value);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (shown.length ? (index + step + shown.length) % shown.length : 0));
    } else if (event.key === 'Enter' && visible && shown[active]) {
      event.preventDefault();
      pick(shown[active]!);
    } else if (event.key === 'Escape' && visible) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <span className={`autocomplete ${className ?? ''}`}>
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={visible}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={visible ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          onChange(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {visible && (
        <ul className="autocomplete__list" role="listbox" id={listId} aria-label={`${label} suggestions`}>
          {shown.map((suggestion, index) => (
            <li
              key={suggestion.value}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              // Picking happens before the field's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(suggestion);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="autocomplete__value">{suggestion.value}</span>
              <span className="autocomplete__hint">{suggestion.hint}</span>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
