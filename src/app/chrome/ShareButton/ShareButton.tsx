import { useEffect, useRef, useState } from 'react';
import { currentShareLink } from '../../share/open-share-link';
import { useAppStore } from '../../store';
import './ShareButton.css';

interface Shared {
  link: string;
  copied: boolean;
}

/**
 * Copies a link that carries the whole workspace in its fragment (never sent to any server), and
 * shows it for copying by hand when the clipboard is not available.
 */
export function ShareButton() {
  const [shared, setShared] = useState<Shared | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!shared) return;
    inputRef.current?.select();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setShared(null);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [shared]);

  const share = async () => {
    const result = currentShareLink();
    if (!result.ok) {
      setShared(null);
      useAppStore.getState().showNotice('error', result.message);
      return;
    }
    // `navigator.clipboard` is missing on plain-http origins: that is a refusal too.
    const copied = await Promise.resolve()
      .then(() => navigator.clipboard.writeText(result.link))
      .then(
        () => true,
        () => false,
      );
    setShared({ link: result.link, copied });
  };

  return (
    <div className="share" ref={rootRef}>
      <button
        type="button"
        className="toolbar-button"
        data-testid="share"
        onClick={() => void share()}
        aria-expanded={shared !== null}
        title="Copy a link that opens this workspace (the YAML travels inside the link; nothing is uploaded)"
      >
        Share
      </button>
      {shared && (
        <div
          className="share__popover"
          role="status"
          data-testid="share-status"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setShared(null);
          }}
        >
          <p>
            {shared.copied
              ? 'Link copied to the clipboard.'
              : 'Copy this link (the clipboard is not available here):'}
          </p>
          <input
            ref={inputRef}
            readOnly
            value={shared.link}
            aria-label="Share link"
            data-testid="share-link"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p className="share__hint">
            The YAML travels inside the link, so anyone who has it can read it. Nothing is uploaded.
          </p>
          <button type="button" className="share__dismiss" aria-label="Close" onClick={() => setShared(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
