/**
 * The editor's part in explain and lint: quick fixes as code actions (the lightbulb) on the
 * engine's markers, and the lines of a rule or policy named in an explanation, marked for a while.
 */
import { runQuickFix } from '../insight/quick-fix';
import type { QuickFix } from '../model/insight';
import { useAppStore } from '../store';
import { monaco } from './monaco-setup';
import './insight-bindings.css';

const COMMAND_ID = 'netpol-canvas.quickFix';
const HIGHLIGHT_MS = 4000;

function markerCode(marker: monaco.editor.IMarkerData): string | undefined {
  return typeof marker.code === 'string' ? marker.code : marker.code?.value;
}

/** Quick fixes of the current evaluation for the markers Monaco asks about. */
function actionsFor(markers: readonly monaco.editor.IMarkerData[]): monaco.languages.CodeAction[] {
  const fixes = useAppStore.getState().current?.quickFixes ?? [];
  const actions: monaco.languages.CodeAction[] = [];
  for (const marker of markers) {
    const fix = fixes.find(
      (f) =>
        f.code === markerCode(marker) && f.line === marker.startLineNumber && f.column === marker.startColumn,
    );
    if (!fix) continue;
    actions.push({
      title: fix.title,
      kind: 'quickfix',
      diagnostics: [marker],
      isPreferred: true,
      command: { id: COMMAND_ID, title: fix.title, arguments: [fix] },
    });
  }
  return actions;
}

export function bindInsight(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable {
  const command = monaco.editor.registerCommand(
    COMMAND_ID,
    (_accessor, fix: QuickFix) => void runQuickFix(fix),
  );
  const provider = monaco.languages.registerCodeActionProvider(
    // A large file is plain text (editor-bridge.ts); its quick fixes are the engine's all the same.
    [{ language: 'yaml' }, { language: 'plaintext' }],
    {
      provideCodeActions(target, _range, context) {
        if (target !== editor.getModel()) return { actions: [], dispose() {} };
        return { actions: actionsFor(context.markers), dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );

  const lines = editor.createDecorationsCollection();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useAppStore.getState().editorEvents.on('highlight', (request) => {
    const model = editor.getModel();
    if (!model) return;
    const last = model.getLineCount();
    const line = Math.min(request.line, last);
    const endLine = Math.min(Math.max(request.endLine, line), last);
    lines.set([
      {
        range: new monaco.Range(line, 1, endLine, 1),
        options: {
          isWholeLine: true,
          className: 'yaml-explained-line',
          linesDecorationsClassName: 'yaml-explained-gutter',
        },
      },
    ]);
    clearTimeout(timer);
    timer = setTimeout(() => lines.clear(), HIGHLIGHT_MS);
  });

  return {
    dispose() {
      unsubscribe();
      clearTimeout(timer);
      lines.clear();
      provider.dispose();
      command.dispose();
    },
  };
}
