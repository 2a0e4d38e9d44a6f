import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../engine';
import { combineFiles } from './combine-files';

describe('combineFiles', () => {
  it('keeps a single file as it is', () => {
    expect(combineFiles([{ name: 'a.yaml', text: '---\nkind: X\n' }])).toBe('---\nkind: X\n');
  });

  it('joins files into one multi-document text with a file comment each', () => {
    const text = combineFiles([
      { name: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' },
      { name: 'b.yaml', text: '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n\n' },
    ]);
    expect(text).toBe(
      '# file: a.yaml\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n# file: b.yaml\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n',
    );
    expect([...loadWorkspace([{ name: 'w', text }]).cluster.namespaces.keys()].sort()).toEqual(['a', 'b']);
  });
});
