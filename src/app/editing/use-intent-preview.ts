import { useEffect, useState } from 'react';
import type { EditIntent } from '../../engine';
import { applyPreview, previewIntent, type EditOutcome, type EditPreview } from './edit-commands';

/**
 * The engine's answer for a form's intent as it stands, asked again whenever the intent changes
 * (memoize it), so that what an edit would do and deny shows before the user confirms.
 * `apply` uses that answer when it is the current one, else asks first.
 */
export function useIntentPreview(intent: EditIntent | null): {
  preview: EditPreview | null;
  apply(): Promise<EditOutcome>;
} {
  const [answer, setAnswer] = useState<EditPreview | null>(null);
  useEffect(() => {
    if (!intent) return;
    let live = true;
    void previewIntent(intent).then((result) => {
      if (live) setAnswer(result);
    });
    return () => {
      live = false;
    };
  }, [intent]);
  const preview = answer && intent && answer.intent === intent ? answer : null;
  const apply = async (): Promise<EditOutcome> => {
    if (!intent) return { ok: false, message: 'Nothing to apply.' };
    return applyPreview(preview ?? (await previewIntent(intent)));
  };
  return { preview, apply };
}
