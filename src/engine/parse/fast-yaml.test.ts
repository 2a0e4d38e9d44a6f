import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Composer,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  stringify,
  type Document,
  type Node,
  type ToStringOptions,
} from 'yaml';
import { locateFast, parseFastYaml, type FastNode } from './fast-yaml';

import { YAML_OPTIONS } from './parse-sources';

/** What the `yaml` package makes of `text`, with the options parse-sources uses. */
function slowParse(text: string) {
  const lines = new LineCounter();
  const docs = Array.from(
    new Composer(YAML_OPTIONS).compose(new Parser(lines.addNewLine).parse(text)),
  ) as Document.Parsed[];
  return { docs, lines };
}

type Shape = { range: number[]; keys?: string[]; children?: Shape[] };

/** Ranges of every node, and the keys of every mapping. */
function slowShape(node: Node): Shape {
  const range = [...node.range!];
  if (isMap(node)) {
    return {
      range,
      keys: node.items.map((pair) => String((pair.key as Node & { value: unknown }).value)),
      children: node.items.map((pair) => slowShape(pair.value as Node)),
    };
  }
  if (isSeq(node)) return { range, children: node.items.map((item) => slowShape(item as Node)) };
  if (!isScalar(node)) throw new Error('unexpected node');
  return { range: range.slice(0, 2) };
}

function fastShape(node: FastNode): Shape {
  const children = node.nested.map((child, i) =>
    child ? fastShape(child) : { range: node.spans.slice(2 * i, 2 * i + 2) },
  );
  const range = [node.start, node.end, node.nodeEnd];
  return node.keys ? { range, keys: node.keys, children } : { range, children };
}

/** Either the fast reader declines, or it agrees with the `yaml` package on everything parse-sources reads. */
function expectSameAsYamlPackage(text: string): boolean {
  const fast = parseFastYaml(text, YAML_OPTIONS);
  if (!fast) return false;
  const slow = slowParse(text);
  expect(
    slow.docs.every((doc) => doc.errors.length === 0),
    'the fast reader accepted text with YAML errors',
  ).toBe(true);
  expect(fast.documents.length).toBe(slow.docs.length);
  fast.documents.forEach((doc, i) => {
    const reference = slow.docs[i]!;
    expect([doc.start, doc.end], `document ${i} range`).toEqual([reference.range[0], reference.range[2]]);
    expect(doc.value).toStrictEqual(reference.toJS());
    expect(fastShape(doc.contents)).toEqual(slowShape(reference.contents as Node));
    expect(locateFast(doc, [])).toEqual([doc.contents.start, doc.contents.end]);
  });
  expect(fast.lines.lineStarts).toEqual(slow.lines.lineStarts);
  return true;
}

describe('the fast YAML reader', () => {
  it.each([
    'a: 1\nb:\n  c: x y  \n  d: [ ]\ne:\n- f: 1\n  g: "q"\n- 2\nh:\n',
    'h:\ni: 1\nj:\n  k:\n  l: 2\n\n\nm: x',
    '---\na: 1\n---\nb: 2\n\n---\n\nc: |\n  {"x": 1}\n  y\nd: |-\n   z\n\ne: 3\n',
    'items:\n- a: 1\n  b:\n  - x\n  - y\n- c: 2\n\n\n',
    'h:   \n  k: 1\nm:  \nx: 0755\n',
    "a:\n-\n  b: 1\n-   c: 2\n    d: 3\n-\n- \"q's\"\n- 'it''s'\n",
    'c: |\n  x\n\n\nd: |+\n  y\n\n\nf: {}\n',
    'a:\n  b:\nc:\n- x\n-\nd: 1\n',
    'a:\n  b:  \n\nc: |\n  x\n\n',
    'a:\n  b: "x"  \n  c: [ ]  \n  d: {}',
    'spec:\n  ports:\n  - port: 80\n    protocol: TCP\n  - {}\n  selector: {app: web}\n',
    'a: yes\nb: on\nc: 1e3\nd: .inf\ne: ~\nf: 0x1F\ng: 2024-01-01\nh: 1:20\ni: -1\nj: 10.0.0.1\nk: 500m\nl: "1"\n',
    '- a\n- - b\n',
    'a: b: c\n',
    'a: x # comment\n',
    'y: 1\n',
    'a: 1\na: 2\n',
    '# header\n\n  # more\na: 1\n',
    '# header\n---\na: 1\n---\n# inside\nb: 1\n',
    'a: 1\n# trailing\n',
    'a: &x 1\nb: *x\n',
    'a: >\n  folded\n',
    'a: "esc\\"aped"\n',
    'a: plain\n  continued\n',
    'top\n',
    '---\n',
    '',
    'a: 1\r\nb: 2\r\n',
    'a:\n\tb: 1\n',
    'a: |\n    deep\n  shallow\n',
    'a: |\n  x\n  \n  y\n',
    '"quoted key": 1\n',
    '<<: {a: 1}\n',
    'a: ---\nb: -x\nc: ...\n',
    '- -1\n- []\n-\n-\n',
    "a: ''\nb: \"\"\nc: 'x' \n",
    'a:\n- \n  b: 1\n',
    'a:\n  - - x\n    - y\n  - z\n',
    'a: |+\n  x\n',
    'a: |\n  x\n\n  y\nb: 1',
    'a: b # c\n',
    'a: x#y\n',
    'a: 1\n...\n',
    '--- a: 1\n',
    'a:\n  b: 1\n c: 2\n',
    '__proto__: 1\n',
  ])('reads %j exactly like the yaml package, or declines', (text) => {
    expectSameAsYamlPackage(text);
  });

  it('reads what it is meant for: a cluster dump', () => {
    const dump = stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'web-1',
            namespace: 'shop',
            labels: { app: 'web', 'pod-template-hash': '5d8f' },
            annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"a": "b: c"}\n' },
          },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'registry.example.com/web:1.2',
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              },
            ],
          },
          status: {
            podIP: '10.244.1.7',
            podIPs: [{ ip: '10.244.1.7' }],
            phase: 'Running',
            startTime: '2024-05-01T10:00:01Z',
          },
        },
      ],
    });
    expect(expectSameAsYamlPackage(dump)).toBe(true);
  });

  /** Mostly ordinary values, sometimes ones that are tricky to write in YAML. */
  const trickyScalarArb = fc.oneof(
    fc.constantFrom(
      'yes',
      'no',
      'on',
      'y',
      'n',
      '~',
      'null',
      '',
      ' ',
      'true',
      '0755',
      '0x1F',
      '1e3',
      '.inf',
      '1:20',
      '2024-01-01',
      '-1',
      '+1',
      '1_000',
    ),
    fc.constantFrom(
      'a: b',
      'a #b',
      '#a',
      '- a',
      '-a',
      '"q"',
      "'q'",
      "it's",
      'x\ny',
      'x\n',
      'x\n\n',
      '\ty',
      'a\\b',
      '[a]',
      '{a}',
      '*a',
      '&a',
      '!a',
      '|',
      '>',
      '@a',
      '%a',
      ':a',
      '?a',
      'a:',
    ),
    fc.string({ maxLength: 8 }),
    fc.double({ noNaN: true }),
  );
  const scalarArb = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.oneof(
        fc.constantFrom(
          'web',
          'TCP',
          '10.0.0.1',
          '500m',
          'registry.example.com/web:1.2',
          'a b c',
          'http://x:80/y',
          '{"a": 1}',
        ),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        fc.integer({ min: 0, max: 70000 }),
        fc.boolean(),
        fc.constant(null),
      ),
    },
    { weight: 1, arbitrary: trickyScalarArb },
  );
  const keyArb = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.oneof(
        fc.constantFrom('app', 'kubernetes.io/name', 'a b', 'a:b', "it's", '-x', 'x.y_z'),
        fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom('y', 'on', '1', 'a: b', '<<', '__proto__', '#', 'null'),
        fc.string({ maxLength: 5 }),
      ),
    },
  );
  const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, tie('map'), tie('seq')),
    map: fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
    seq: fc.array(tie('value'), { maxLength: 4 }),
  })).value;
  const optionsArb: fc.Arbitrary<ToStringOptions> = fc.record({
    indentSeq: fc.boolean(),
    indent: fc.constantFrom(2, 4),
    lineWidth: fc.constantFrom(0, 20, 80),
    blockQuote: fc.constantFrom(true, false, 'literal' as const, 'folded' as const),
    defaultStringType: fc.constantFrom(
      'PLAIN' as const,
      'QUOTE_DOUBLE' as const,
      'QUOTE_SINGLE' as const,
      'BLOCK_LITERAL' as const,
    ),
    collectionStyle: fc.constantFrom('any' as const, 'block' as const),
  });

  it('agrees with the yaml package on random documents, in any layout', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 5 }), { minLength: 1, maxLength: 3 }),
        optionsArb,
        fc.boolean(),
        (docs, options, leadingMarker) => {
          const text =
            (leadingMarker ? '---\n' : '') +
            docs.map((doc) => stringify(doc, { ...options, version: '1.1' })).join('---\n');
          if (expectSameAsYamlPackage(text)) accepted++;
        },
      ),
      { numRuns: 1500 },
    );
    // The comparison is only worth something if the fast reader takes most of these.
    expect(accepted).toBeGreaterThan(400);
  });

  /** Damage that may or may not leave valid YAML: the fast reader must decline or still agree. */
  const editArb = fc.record({
    line: fc.nat(),
    edit: fc.constantFrom(
      'blank line',
      'trailing spaces',
      'indent',
      'dedent',
      'marker',
      'empty value',
      'drop newline',
    ),
  });

  it('declines or agrees on damaged and re-spaced documents', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 5 }),
        fc.array(editArb, { minLength: 1, maxLength: 4 }),
        (doc, edits) => {
          const lines = stringify(doc, { version: '1.1' }).split('\n');
          for (const { line, edit } of edits) {
            const i = line % lines.length;
            if (edit === 'blank line') lines.splice(i, 0, '');
            else if (edit === 'trailing spaces') lines[i] += '  ';
            else if (edit === 'indent') lines[i] = ` ${lines[i]}`;
            else if (edit === 'dedent') lines[i] = lines[i]!.replace(/^ /, '');
            else if (edit === 'marker') lines.splice(i, 0, '---');
            else if (edit === 'empty value') lines[i] = lines[i]!.replace(/: .*$/, ':');
            else lines.splice(i, 2, `${lines[i]}${lines[i + 1] ?? ''}`);
          }
          if (expectSameAsYamlPackage(lines.join('\n'))) accepted++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(150);
  });
});
