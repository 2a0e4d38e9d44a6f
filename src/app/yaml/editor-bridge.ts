/**
 * Binds one Monaco editor to the store: text both ways, engine diagnostics as markers, reveal
 * requests, rule-line highlights and undo/redo. Kept out of the React component so that the
 * component only mounts and unmounts it.
 */
import { WORKSPACE_FINDINGS, type Diagnostic, type TextEdit } from '../../engine';
import { WORKSPACE_FILE } from '../worker/protocol';
import { useAppStore, type AppState, type RevealRequest } from '../store';
import { selectDisplayed } from '../store/selectors';
import { monaco, WORKSPACE_URI } from './monaco-setup';
import { bindFlash } from './flash-edits';
import { bindInsight } from './insight-bindings';
import { spliceBetween } from './text-diff';

const MARKER_OWNER = 'netpol';

const SEVERITY: Record<Diagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

function markerOf(model: monaco.editor.ITextModel, d: Diagnostic): monaco.editor.IMarkerData {
  const line = Math.min(Math.max(1, d.line), model.getLineCount());
  const sameSpot = d.endLine === d.line && d.endColumn <= d.column;
  const endLine = Math.min(Math.max(line, d.endLine), model.getLineCount());
  return {
    severity: SEVERITY[d.severity],
    message: d.message,
    code: d.code,
    source: d.object ?? 'netpol-canvas',
    startLineNumber: line,
    startColumn: Math.max(1, d.column),
    endLineNumber: sameSpot ? line : endLine,
    endColumn: sameSpot ? model.getLineMaxColumn(line) : Math.max(1, d.endColumn),
  };
}

/** Most line breaks are CRLF (a file saved on Windows). */
function usesCrlf(text: string): boolean {
  const crlf = text.split('\r\n').length - 1;
  return crlf > 0 && crlf * 2 >= text.split('\n').length - 1;
}

/** Lines of the rules that decided the hovered or selected edge. */
function highlightedLines(state: AppState): number[] {
  const target = state.hovered ?? state.selection;
  if (target?.kind !== 'edge') return [];
  const edge = selectDisplayed(state)?.edges.find((e) => e.id === target.id);
  if (!edge) return [];
  return [...edge.egress.rules, ...edge.ingress.rules].map((rule) => rule.line);
}

/**
 * One change of the editor as edits of the text before it. Monaco gives every change of an event
 * (several with more than one cursor) in offsets of the text before the event, as TextEdit wants;
 * the store splices them in (V8 joins strings lazily), which costs nothing like reading the whole
 * model back (megabytes per keystroke). When they do not fit the text before, the whole model
 * replaces it.
 */
function editsOf(
  before: string,
  model: monaco.editor.ITextModel,
  event: monaco.editor.IModelContentChangedEvent,
): TextEdit[] {
  const grown = event.changes.reduce((sum, change) => sum + change.text.length - change.rangeLength, 0);
  if (model.getValueLength() - grown !== before.length)
    return [{ file: WORKSPACE_FILE, start: 0, end: before.length, text: model.getValue() }];
  return event.changes.map((change) => ({
    file: WORKSPACE_FILE,
    start: change.rangeOffset,
    end: change.rangeOffset + change.rangeLength,
    text: change.text,
  }));
}

/**
 * Texts from this size get a model of their own when they replace the workspace (or are
 * replaced): Monaco decides whether a model is too big to colour only when it is made, and a
 * splice of megabytes would also keep the old text in the model's undo stack.
 */
const OWN_MODEL_FROM_CHARS = 1024 * 1024;

/**
 * Monaco's own large-file limits (TextModel's, not exported): above them it does not colour a
 * model. The app's large-file mode starts at the same size, where nothing visible is lost to it.
 */
const LARGE_FILE_CHARS = 20 * 1024 * 1024;
const LARGE_FILE_LINES = 300_000;

/** Whether `text` opens in the large-file mode (see LARGE_FILE_OPTIONS). */
export function isLargeFile(text: string): boolean {
  if (text.length > LARGE_FILE_CHARS) return true;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
    if (++lines > LARGE_FILE_LINES) return true;
  return false;
}

/**
 * A large file is plain text to Monaco, so that monaco-yaml's schema features (completion, hover,
 * folding, its code actions) never ask for it: each of them copies the whole model into the YAML
 * worker and reads it there, which took seconds of a 30 MB import. The features below would copy it
 * into Monaco's editor worker; links and colours scan the whole text there.
 */
const LARGE_FILE_OPTIONS: monaco.editor.IEditorOptions = {
  links: false,
  colorDecorators: false,
  unicodeHighlight: { nonBasicASCII: false, ambiguousCharacters: false, invisibleCharacters: false },
  quickSuggestions: false,
  suggestOnTriggerCharacters: false,
};
/** Monaco's defaults for the same options, for a small file that replaces a large one. */
const SMALL_FILE_OPTIONS: monaco.editor.IEditorOptions = {
  links: true,
  colorDecorators: true,
  unicodeHighlight: {
    nonBasicASCII: 'inUntrustedWorkspace',
    ambiguousCharacters: true,
    invisibleCharacters: true,
  },
  quickSuggestions: { other: 'offWhenInlineCompletions', comments: 'off', strings: 'off' },
  suggestOnTriggerCharacters: true,
};

/**
 * A model for a whole new text. Monaco decides once, when a model is made, whether it is too big
 * to colour (over 300,000 lines): a cluster dump loaded into the old model would be tokenized
 * on the main thread for seconds. The language is chosen then too (isLargeFile).
 */
function createWorkspaceModel(text: string): monaco.editor.ITextModel {
  monaco.editor.getModel(WORKSPACE_URI)?.dispose();
  return monaco.editor.createModel(text, isLargeFile(text) ? 'plaintext' : 'yaml', WORKSPACE_URI);
}

const inLargeFileMode = (model: monaco.editor.ITextModel) => model.getLanguageId() !== 'yaml';

/**
 * `onLargeFile` hears whether the model shown is in the large-file mode, at once and whenever
 * another model replaces it.
 */
export function bindEditor(container: HTMLElement, onLargeFile: (large: boolean) => void): () => void {
  const store = useAppStore;
  let model = monaco.editor.getModel(WORKSPACE_URI) ?? createWorkspaceModel(store.getState().text);
  if (model.getValue() !== store.getState().text) model.setValue(store.getState().text);
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    // Section headers are the minimap's: off with it, or the editor worker reads the whole text for them.
    minimap: { enabled: false, showMarkSectionHeaders: false, showRegionSectionHeaders: false },
    ...(inLargeFileMode(model) ? LARGE_FILE_OPTIONS : {}),
    fontSize: 13,
    lineHeight: 20,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    renderWhitespace: 'none',
    fixedOverflowWidgets: true,
    ariaLabel: 'YAML of the workspace',
    padding: { top: 8 },
  });
  onLargeFile(inLargeFileMode(model));
  // Quick fixes (the lightbulb) and the lines an explanation points at.
  const insight = bindInsight(editor);

  // Set while the store's text is written into the model, so that the echo is not taken as typing.
  let applyingStoreText = false;
  // Set while the editor's own edit is written to the store, so that it is not written back.
  let storingEditorText = false;
  const listen = () =>
    model.onDidChangeContent((event) => {
      if (applyingStoreText) return;
      const before = store.getState().text;
      storingEditorText = true;
      try {
        store.getState().editText(editsOf(before, model, event));
      } finally {
        storingEditorText = false;
      }
    });
  let contentListener = listen();

  let modelIsBig = model.getValueLength() >= OWN_MODEL_FROM_CHARS;
  const replaceModel = (text: string) => {
    contentListener.dispose();
    model = createWorkspaceModel(text);
    modelIsBig = text.length >= OWN_MODEL_FROM_CHARS;
    if (usesCrlf(text)) model.setEOL(monaco.editor.EndOfLineSequence.CRLF);
    editor.updateOptions(inLargeFileMode(model) ? LARGE_FILE_OPTIONS : SMALL_FILE_OPTIONS);
    editor.setModel(model);
    onLargeFile(inLargeFileMode(model));
    contentListener = listen();
  };

  const applyText = (text: string) => {
    applyingStoreText = true;
    try {
      // Monaco keeps one line ending per model: follow the text's own (CRLF files stay CRLF).
      const crlf = usesCrlf(text);
      if (crlf !== (model.getEOL() === '\r\n'))
        model.setEOL(crlf ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF);
    } finally {
      applyingStoreText = false;
    }
    const current = model.getValue();
    const splice = spliceBetween(current, text);
    if (!splice) return;
    const start = model.getPositionAt(splice.start);
    const end = model.getPositionAt(splice.end);
    applyingStoreText = true;
    try {
      editor.executeEdits('netpol-canvas', [
        {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          text: splice.text,
          forceMoveMarkers: true,
        },
      ]);
    } finally {
      applyingStoreText = false;
    }
  };

  /**
   * The store's edits of the text the model holds (an undo, a canvas edit), made in the model as
   * they are, without reading the model back; a text replaced whole is spliced in by applyText.
   */
  const applyEdits = (edits: readonly TextEdit[]) => {
    applyingStoreText = true;
    try {
      editor.executeEdits(
        'netpol-canvas',
        edits.map((edit) => {
          const start = model.getPositionAt(edit.start);
          const end = model.getPositionAt(edit.end);
          return {
            range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
            text: edit.text,
            forceMoveMarkers: true,
          };
        }),
      );
    } finally {
      applyingStoreText = false;
    }
  };

  const applyMarkers = (diagnostics: readonly Diagnostic[] | undefined) => {
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      // A finding about the whole workspace (the CNI reminder) is listed in Problems, once, and marks no text.
      (diagnostics ?? []).filter((d) => !WORKSPACE_FINDINGS.has(d.code)).map((d) => markerOf(model, d)),
    );
  };

  const ruleDecorations = editor.createDecorationsCollection();
  const applyHighlights = (lines: number[]) => {
    ruleDecorations.set(
      lines
        .filter((line) => line <= model.getLineCount())
        .map((line) => ({
          range: new monaco.Range(line, 1, line, 1),
          options: {
            isWholeLine: true,
            className: 'yaml-rule-line',
            linesDecorationsClassName: 'yaml-rule-gutter',
          },
        })),
    );
  };

  const reveal = (request: RevealRequest) => {
    const line = Math.min(request.line, model.getLineCount());
    const endLine = Math.min(request.endLine ?? line, model.getLineCount());
    const selection =
      request.column &&
      request.endColumn &&
      (request.endLine ?? line) === line &&
      request.endColumn > request.column
        ? new monaco.Selection(line, request.column, line, request.endColumn)
        : new monaco.Selection(line, 1, endLine, model.getLineMaxColumn(endLine));
    editor.setSelection(selection);
    editor.revealRangeInCenterIfOutsideViewport(selection, monaco.editor.ScrollType.Smooth);
    editor.focus();
  };

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => store.getState().undo());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () =>
    store.getState().redo(),
  );
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => store.getState().redo());

  applyMarkers(store.getState().current?.diagnostics);
  applyHighlights(highlightedLines(store.getState()));
  const unsubscribe = store.subscribe((state, previous) => {
    // A big workspace replaced, or replacing, gets a model of its own; other changes are spliced
    // into the model, which keeps the editor's state (an open "go to line" box, the cursor).
    const replaced = state.origin !== previous.origin;
    if (
      replaced &&
      (modelIsBig || state.text.length >= OWN_MODEL_FROM_CHARS) &&
      state.text !== model.getValue()
    )
      replaceModel(state.text);
    else if (state.textVersion !== previous.textVersion && !storingEditorText) {
      // The model holds the text before these edits unless its line endings differ (a mixed file).
      if (
        state.textEdits &&
        state.textVersion === previous.textVersion + 1 &&
        model.getValueLength() === previous.text.length
      )
        applyEdits(state.textEdits);
      else applyText(state.text);
    }
    if (state.current !== previous.current) applyMarkers(state.current?.diagnostics);
    if (
      state.hovered !== previous.hovered ||
      state.selection !== previous.selection ||
      state.current !== previous.current
    ) {
      const lines = highlightedLines(state);
      applyHighlights(lines);
      // Pointing at another edge brings its rules into view when none of them is on screen.
      const visible = editor.getVisibleRanges();
      if (
        lines.length &&
        (state.hovered !== previous.hovered || state.selection !== previous.selection) &&
        !lines.some((line) =>
          visible.some((range) => line >= range.startLineNumber && line <= range.endLineNumber),
        )
      )
        editor.revealLineInCenterIfOutsideViewport(lines[0]!, monaco.editor.ScrollType.Smooth);
    }
  });

  const unsubscribeReveal = store.getState().editorEvents.on('reveal', reveal);
  const flash = bindFlash(editor);

  return () => {
    flash.dispose();
    unsubscribeReveal();
    unsubscribe();
    contentListener.dispose();
    insight.dispose();
    editor.dispose();
  };
}

export function setEditorTheme(dark: boolean): void {
  monaco.editor.setTheme(dark ? 'netpol-dark' : 'netpol-light');
}
