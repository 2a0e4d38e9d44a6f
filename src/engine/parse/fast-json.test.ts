import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer, isMap, isSeq, Parser, type Document, type Node } from 'yaml';
import { generateCluster, toListJson } from '../../testing/generate-cluster';
import type { FieldPath } from '../diagnostics';
import { parseFastJson } from './fast-json';
import { parseSources, YAML_OPTIONS } from './parse-sources';

/** What the `yaml` package makes of `text`, with the options parse-sources uses. */
function slowParse(text: string): Document.Parsed {
  const docs = Array.from(new Composer(YAML_OPTIONS).compose(new Parser().parse(text))) as Document.Parsed[];
  expect(docs.length).toBe(1);
  return docs[0]!;
}

/** Every node's path and range, and a path under each mapping that names no field. */
function slowRanges(node: Node, path: FieldPath = [], out: [FieldPath, [number, number]][] = []) {
  out.push([path, [node.range![0], node.range![1]]]);
  if (isMap(node)) {
    out.push([
      [...path, 'no such field'],
      [node.range![0], node.range![1]],
    ]);
    for (const pair of node.items)
      slowRanges(pair.value as Node, [...path, String((pair.key as { value: unknown }).value)], out);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => slowRanges(item as Node, [...path, i], out));
  }
  return out;
}

/** The fast reader either gives up or agrees with the `yaml` package on the value and every range. */
function expectSameAsYaml(text: string): boolean {
  const fast = parseFastJson(text);
  if (!fast) return false;
  const slow = slowParse(text);
  expect(slow.errors).toEqual([]);
  expect(fast.value).toEqual(slow.toJS());
  for (const [path, range] of slowRanges(slow.contents as Node))
    expect(fast.locate(path), String(path)).toEqual(range);
  return true;
}

describe('fast JSON reader', () => {
  it('reads a kubectl JSON dump exactly as the YAML parser does', () => {
    const { items } = generateCluster({ seed: 11, pods: 60, policies: 12 });
    expect(expectSameAsYaml(toListJson(items))).toBe(true);
  });

  it('agrees with the YAML parser on any JSON it reads, in any layout', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())),
        fc.constantFrom(undefined, 0, 2, 4, '\t'),
        (value, indent) => {
          expectSameAsYaml(JSON.stringify(value, null, indent));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a duplicate key', '{"a": 1, "a": 2}'],
    ['a number with an exponent (YAML 1.1 reads a string)', '{"port": 8e3}'],
    ['a merge key', '{"<<": {"a": 1}}'],
    ['__proto__', '{"__proto__": {"a": 1}}'],
    ['a line separator', '{"a": "x\u2028y"}'],
    ['nesting past what manifests have', `${'['.repeat(200)}${']'.repeat(200)}`],
    ['text that is not JSON', '{"a": 1,}'],
    ['a scalar', '"text"'],
  ])('gives up on %s', (_, text) => {
    expect(parseFastJson(text)).toBeNull();
  });

  it('reads a string that looks like an exponent', () => {
    expect(expectSameAsYaml('{"digest": "1e5", "a\\"1e5": ["2E3"]}')).toBe(true);
  });
});

describe('parseSources on JSON', () => {
  it('gives the same documents, objects and locations as the YAML path', () => {
    const { items } = generateCluster({ seed: 12, pods: 40, policies: 8 });
    const text = toListJson(items);
    const fast = parseSources([{ name: 'dump.json', text }]);
    // A trailing YAML comment keeps the text from the JSON reader and changes no offset before it.
    const slow = parseSources([{ name: 'dump.json', text: `${text}# end\n` }]);
    expect(fast.diagnostics).toEqual(slow.diagnostics);
    expect(fast.documents.map(({ end: _end, ...rest }) => rest)).toEqual(
      slow.documents.map(({ end: _end, ...rest }) => rest),
    );
    expect(fast.documents[0]!.end).toBe(text.length);
    expect(fast.objects.map((o) => o.value)).toEqual(slow.objects.map((o) => o.value));
    const paths: FieldPath[] = [
      [],
      ['items', 3, 'metadata', 'labels', 'pod-template-hash'],
      ['items', 5, 'spec', 'containers', 0, 'ports', 1, 'containerPort'],
      ['items', 7, 'status', 'podIP'],
      ['items', 9, 'spec', 'missing', 'deeper'],
      ['items', 100_000],
    ];
    for (const path of paths) expect(fast.objects[0]!.locate(path)).toEqual(slow.objects[0]!.locate(path));
  });
});
