/**
 * C0 and C1 control characters, line and paragraph separators and bidirectional overrides: in a
 * name they would move the cursor, set the terminal's title, start a new line (a forged row) or
 * reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal: each control character as its escape (`\n`, `\u001b`), as JSON writes it. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => {
    const json = JSON.stringify(c).slice(1, -1);
    return json !== c ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
