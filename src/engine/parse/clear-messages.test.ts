import { describe, expect, it } from 'vitest';
import { parseSources } from './parse-sources';

function problems(name: string, text: string) {
  return parseSources([{ name, text }]).diagnostics.map(({ line, column, code, message, blocking }) => ({
    at: `${line}:${column}`,
    code,
    message,
    blocking: blocking ?? false,
  }));
}

describe('one clear message where the parser would give several puzzling ones', () => {
  it('CR-only line endings: says what the line endings are', () => {
    expect(problems('mac.yaml', 'apiVersion: v1\rkind: Pod\rmetadata:\r  name: a\r')).toEqual([
      {
        at: '1:15',
        code: 'line-endings',
        message:
          'The lines of mac.yaml end with CR alone (classic Mac OS line endings), so YAML reads the whole file as one line. Save it with LF (or CRLF) line endings.',
        blocking: true,
      },
    ]);
    // CRLF, and a lone CR at the very end, are no such thing.
    expect(problems('dos.yaml', 'apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: a}\r\n')).toEqual([]);
  });

  it('an alias to an anchor of an earlier document: anchors do not cross documents', () => {
    const [problem] = problems(
      'a.yaml',
      'kind: Namespace\nmetadata: &m {name: a}\n---\nkind: Namespace\nmetadata: *m\n',
    );
    expect(problem).toMatchObject({ at: '5:11', code: 'yaml-expand', blocking: true });
    expect(problem!.message).toContain(
      'refers to the anchor &m of an earlier document (line 2), and anchors do not cross documents',
    );
  });

  it('a BOM at the start of a later document', () => {
    expect(
      problems(
        'b.yaml',
        'kind: Namespace\nmetadata: {name: a}\n---\n\ufeffkind: Namespace\nmetadata: {name: b}\n',
      ),
    ).toEqual([expect.objectContaining({ at: '4:1', code: 'bom-in-document', blocking: false })]);
  });

  it('JSON with a comment, and two concatenated JSON objects', () => {
    expect(problems('c.json', '{\n  /* note */ "kind": "Namespace"\n}\n')).toEqual([
      expect.objectContaining({ at: '2:3', code: 'json-comment', blocking: true }),
    ]);
    expect(
      problems('t.json', '{"kind": "Namespace", "metadata": {"name": "a"}}{"kind": "Namespace"}\n'),
    ).toEqual([expect.objectContaining({ at: '1:49', code: 'json-concatenated', blocking: true })]);
    // URLs in strings, and YAML flow documents separated by ---, are fine.
    expect(
      problems(
        'u.json',
        '{"kind": "Namespace", "metadata": {"name": "a", "annotations": {"u": "http://x//y"}}}\n',
      ),
    ).toEqual([]);
    expect(
      problems(
        'f.yaml',
        '{kind: Namespace, metadata: {name: a}}\n---\n{kind: Namespace, metadata: {name: b}}\n',
      ),
    ).toEqual([]);
  });
});
