import { useState } from 'react';
import type { ExportResult, ExportScope } from '../../worker/protocol';
import { exportWorkspace } from '../../worker/engine-bridge';
import { useAppStore } from '../../store';
import { downloadText } from '../../workspace/commands';
import { Menu } from '../Menu/Menu';
import { downloadGraph, downloadMatrix } from '../../export/export-files';
import './ExportMenu.css';

const FILE_NAME: Record<ExportScope, string> = {
  policies: 'netpol-policies.yaml',
  everything: 'netpol-workspace.yaml',
};

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Export: the button downloads the NetworkPolicies, namespaces filled in, ready for
 * `kubectl apply -f`; the menu offers everything, the clipboard and the exact command.
 */
export function ExportMenu() {
  const [status, setStatus] = useState<string | null>(null);
  // What the last export left out or wrote differently, each with its reason.
  const [notes, setNotes] = useState<readonly string[]>([]);
  const [lastFile, setLastFile] = useState(FILE_NAME.policies);
  const command = `kubectl apply -f ${lastFile}`;

  const exported = async (scope: ExportScope): Promise<ExportResult> => {
    const result = await exportWorkspace(scope);
    setNotes(result.notes);
    return result;
  };

  const download = async (scope: ExportScope) => {
    try {
      const result = await exported(scope);
      if (!result.text) {
        setStatus(scope === 'policies' ? 'No NetworkPolicy to export yet.' : 'The workspace is empty.');
        return;
      }
      downloadText(FILE_NAME[scope], result.text);
      setLastFile(FILE_NAME[scope]);
      setStatus(`Saved ${FILE_NAME[scope]} (${result.objects} object${result.objects === 1 ? '' : 's'}).`);
      useAppStore.getState().markSaved();
    } catch (error) {
      setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /** Matrix and graph files: not for kubectl, so the command line stays as it was. */
  const save = async (make: () => Promise<string>) => {
    try {
      setStatus(`Downloaded ${await make()}.`);
    } catch (error) {
      setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const copyScope = async (scope: ExportScope) => {
    const result = await exported(scope);
    setStatus(
      (await copy(result.text))
        ? `Copied ${scope === 'policies' ? 'the NetworkPolicies' : 'everything'} to the clipboard.`
        : 'The clipboard is not available here.',
    );
  };

  return (
    <div className="export" role="group" aria-label="Export">
      <button
        type="button"
        className="toolbar-button export__main"
        data-testid="export-yaml"
        onClick={() => void download('policies')}
        title="Download the NetworkPolicies as one YAML file for kubectl apply"
      >
        Export
      </button>
      <Menu
        label=""
        ariaLabel="More export options"
        className="export__more"
        align="right"
        items={[
          {
            key: 'policies',
            label: 'Download NetworkPolicies',
            description: 'One multi-document YAML, namespaces filled in',
            onSelect: () => void download('policies'),
          },
          {
            key: 'everything',
            label: 'Download everything',
            description: 'All documents, including workloads and ConnectivityTests (for the CLI)',
            onSelect: () => void download('everything'),
          },
          { key: 'copy-policies', label: 'Copy NetworkPolicies', onSelect: () => void copyScope('policies') },
          { key: 'copy-everything', label: 'Copy everything', onSelect: () => void copyScope('everything') },
          {
            key: 'matrix-csv',
            label: 'Matrix as CSV',
            description: 'One row per flow with the deciding policies and rules (as reach --format csv)',
            onSelect: () => void save(() => downloadMatrix('csv')),
          },
          {
            key: 'matrix-md',
            label: 'Matrix as Markdown',
            description: 'The namespace or workload grid (as reach --format md)',
            onSelect: () => void save(() => downloadMatrix('md')),
          },
          {
            key: 'graph-svg',
            label: 'Graph as SVG',
            description: 'What the canvas shows, with the legend, name and time',
            onSelect: () => void save(() => downloadGraph('svg')),
          },
          { key: 'graph-png', label: 'Graph as PNG', onSelect: () => void save(() => downloadGraph('png')) },
        ]}
        footer={
          <div className="export__footer">
            <span>Apply with:</span>
            <code data-testid="kubectl-command">{command}</code>
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void copy(command).then((ok) =>
                  setStatus(ok ? 'Command copied.' : 'The clipboard is not available here.'),
                )
              }
            >
              Copy command
            </button>
          </div>
        }
      />
      {status && (
        <div className="export__status" role="status">
          <div className="export__message">
            <span>
              {status}
              {status.startsWith('Saved') && <code>{command}</code>}
            </span>
            {notes.length > 0 && (
              <ul className="export__notes" data-testid="export-notes">
                {notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="export__dismiss"
            aria-label="Dismiss"
            onClick={() => {
              setStatus(null);
              setNotes([]);
            }}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
