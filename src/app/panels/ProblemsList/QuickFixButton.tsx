import { useState } from 'react';
import type { Diagnostic } from '../../../engine';
import { runQuickFix } from '../../insight/quick-fix';
import { useAppStore, type AppState } from '../../store';
import { fixOf } from '../../view-model/quick-fixes';
import '../Explanation/Explanation.css';

const selectFixes = (s: AppState) => s.current?.quickFixes;

/** The engine's fix for a problem, when one is obvious (the same as the editor's lightbulb). */
export function QuickFixButton({ diagnostic }: { diagnostic: Diagnostic }) {
  const fixes = useAppStore(selectFixes);
  const [busy, setBusy] = useState(false);
  const fix = fixOf(fixes, diagnostic);
  if (!fix) return null;
  const run = async () => {
    setBusy(true);
    await runQuickFix(fix);
    setBusy(false);
  };
  return (
    <button
      type="button"
      className="mini-button mini-button--primary problem__fix"
      data-testid="quick-fix"
      disabled={busy}
      onClick={() => void run()}
      title="Let the engine rewrite the YAML (one undo step)"
    >
      Fix: {fix.title}
    </button>
  );
}
