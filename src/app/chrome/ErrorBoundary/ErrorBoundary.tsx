import { Component, type ErrorInfo, type ReactNode } from 'react';
import { storageStatus, useAppStore, workspaceStorage } from '../../store';
import { downloadText } from '../../workspace/commands';
import './ErrorBoundary.css';

interface State {
  error: Error | null;
}

/**
 * If rendering fails anywhere below, the screen is replaced by a plain page that keeps the user's
 * YAML: the store (and its saving) lives outside React, so nothing typed is lost; the text is
 * written to storage at once, shown, and can be downloaded before reloading.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    workspaceStorage.flush();
    console.error('Netpol Canvas stopped rendering:', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <CrashScreen error={this.state.error} /> : this.props.children;
  }
}

function CrashScreen({ error }: { error: Error }) {
  // Read once: the app below is gone, so nothing changes the text any more.
  const { text } = useAppStore.getState();
  const lines = text === '' ? 0 : text.split('\n').length;
  const stored = storageStatus.get() === null;
  return (
    <main className="crash" data-testid="crash-screen">
      <div className="crash__card" role="alert" aria-labelledby="crash-title">
        <h1 id="crash-title">Something went wrong on this screen</h1>
        <p>
          Netpol Canvas hit an error it did not expect and stopped drawing. <strong>Your YAML is safe</strong>
          : it is below
          {stored
            ? ', it is kept in this browser,'
            : ' (this browser could not store it, so download it now)'}{' '}
          and you can download it before reloading.
        </p>
        <p className="crash__error">
          <span>Error:</span> <code>{error.message || String(error)}</code>
        </p>
        <div className="crash__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => downloadText('netpol-workspace.yaml', text)}
            autoFocus
          >
            Download my YAML
          </button>
          <button type="button" className="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
        <label className="crash__text">
          <span>
            Your YAML ({lines} line{lines === 1 ? '' : 's'})
          </span>
          <textarea readOnly value={text} spellCheck={false} wrap="off" data-testid="crash-text" />
        </label>
      </div>
    </main>
  );
}
