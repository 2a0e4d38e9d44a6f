/**
 * The quick fixes the app offers: the remedies the engine's lint findings carry, matched to their
 * diagnostic by code, line and column.
 */
import type { Diagnostic } from '../../engine';
import type { QuickFix } from '../model/insight';

export function quickFixes(diagnostics: readonly Diagnostic[]): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const { code, line, column, fix } of diagnostics) {
    if (!fix) continue;
    if (fixes.some((other) => other.code === code && other.line === line && other.column === column))
      continue;
    fixes.push({ code, line, column, ...fix });
  }
  return fixes;
}

/** The fix for a diagnostic, if there is one. */
export function fixOf(
  fixes: readonly QuickFix[] | undefined,
  diagnostic: Pick<Diagnostic, 'code' | 'line' | 'column'>,
): QuickFix | undefined {
  return fixes?.find(
    (fix) => fix.code === diagnostic.code && fix.line === diagnostic.line && fix.column === diagnostic.column,
  );
}
