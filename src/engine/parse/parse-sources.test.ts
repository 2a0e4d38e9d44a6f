import { describe, expect, it } from 'vitest';
import { parseSources } from './parse-sources';

const text =
  '# leading comment\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n# about b\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';

describe('parseSources', () => {
  it('splits a file into contiguous document ranges that cover it, comments included', () => {
    const { documents } = parseSources([{ name: 'f.yaml', text }]);
    expect(documents.map((d) => [d.start, d.end])).toEqual([
      [0, text.indexOf('---')],
      [text.indexOf('---'), text.length],
    ]);
    expect(text.slice(documents[1]!.start, documents[1]!.end)).toContain('# about b');
  });

  it('locates any field by its path, and the nearest existing parent for a missing one', () => {
    const { objects } = parseSources([{ name: 'f.yaml', text }]);
    expect(objects[1]!.locate(['metadata', 'name'])).toMatchObject({ line: 9, column: 18 });
    expect(objects[1]!.locate(['spec', 'podSelector'])).toMatchObject({ line: 7 });
  });

  it('keeps going after a broken document and says where it broke', () => {
    const result = parseSources([
      {
        name: 'f.yaml',
        text: 'kind: Pod\nmetadata: {name: [x\n---\nkind: Namespace\nmetadata: {name: ok}\n',
      },
    ]);
    expect(result.objects).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: 'f.yaml', severity: 'error', blocking: true });
    expect(result.diagnostics[0]!.line).toBeLessThanOrEqual(3);
  });
});
