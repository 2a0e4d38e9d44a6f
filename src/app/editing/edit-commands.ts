/**
 * Every change the canvas and the rule editor make goes through here: an intent goes to the
 * engine worker, which answers with text edits of the text it was given; the edits are applied to
 * that same text as one undo step. The app never writes policy YAML itself.
 */
import type { EditIntent, EditResult } from '../../engine';
import { useAppStore } from '../store';
import { requestEdit } from '../worker/engine-bridge';

/** An intent's result held back for the user to confirm, with the text it was computed for. */
export interface EditPreview {
  intent: EditIntent;
  baseText: string;
  result: EditResult;
}

export type EditOutcome = { ok: true; summary: string } | { ok: false; message: string };

/** If the text changes while the engine works (the user typed), ask again this many times. */
const RETRIES = 2;

/** The engine's answer for an intent against the current text; nothing changes yet. */
export async function previewIntent(intent: EditIntent): Promise<EditPreview> {
  try {
    const { result, text } = await requestEdit(intent);
    return { intent, baseText: text, result };
  } catch (error) {
    const message = `The engine could not answer (${error instanceof Error ? error.message : String(error)}). Your text is unchanged.`;
    return { intent, baseText: useAppStore.getState().text, result: { ok: false, message } };
  }
}

/** Applies a preview the user accepted; if the text changed meanwhile, the intent is asked again. */
export async function applyPreview(preview: EditPreview): Promise<EditOutcome> {
  let current = preview;
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (!current.result.ok) return { ok: false, message: current.result.message };
    const { edits, summary } = current.result;
    if (useAppStore.getState().applyEngineEdits(current.baseText, edits, summary))
      return { ok: true, summary };
    current = await previewIntent(current.intent);
  }
  return {
    ok: false,
    message: 'The text kept changing while the edit was computed; nothing was changed. Try again.',
  };
}

/** Asks and applies at once (a confirmed popover, a toggle, a rule-editor change). */
export async function runIntent(intent: EditIntent): Promise<EditOutcome> {
  return applyPreview(await previewIntent(intent));
}

/** runIntent, with a refusal shown in the canvas's edit report rather than returned. */
export async function runIntentReporting(intent: EditIntent): Promise<EditOutcome> {
  const outcome = await runIntent(intent);
  if (!outcome.ok) useAppStore.getState().reportEdit('error', outcome.message);
  return outcome;
}
