/**
 * The boundaries between engine, app and CLI are held by the tools, not by review: these plant
 * the code each rule exists to stop and check that ESLint (eslint.config.js) and the engine's
 * tsconfig (tsconfig.engine.json) refuse it, and that the code that belongs there passes.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The rules that fire on `code` written at `file` (a path in the repository). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('ESLint holds the boundaries', () => {
  it('refuses every Node builtin in the engine, by name and with node:', async () => {
    for (const source of [
      "export { readFileSync } from 'fs';",
      "export { cpus } from 'node:os';",
      "import 'worker_threads';",
    ])
      expect(await violations('src/engine/model/planted.ts', source)).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*no Node APIs/),
      ]);
  });

  it('refuses browser, worker and Node globals in the engine, and allows what every host has', async () => {
    for (const name of ['window', 'document', 'self', 'process', 'Buffer', 'localStorage', 'fetch'])
      expect(await violations('src/engine/model/planted.ts', `export const x = ${name};`)).toEqual([
        expect.stringMatching(/^no-restricted-globals: /),
      ]);
    expect(
      await violations(
        'src/engine/model/planted.ts',
        'export const x = structuredClone(new Map([[1, Math.PI]]));',
      ),
    ).toEqual([]);
  });

  it('keeps relative imports of engine modules whose names match a builtin', async () => {
    expect(
      await violations('src/engine/model/planted.ts', "export { isRecord } from '../util/raw';"),
    ).toEqual([]);
  });

  it('refuses deep imports into the engine from the app and the CLI', async () => {
    const deep = "export { applyIntent } from '../../engine/edit';";
    expect(await violations('src/app/worker/planted.ts', deep)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*one public surface/),
    ]);
    expect(await violations('src/cli/planted.ts', "export { isRecord } from '../engine/util/raw';")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*one public surface/),
    ]);
    expect(
      await violations('src/app/worker/planted.ts', "export { applyIntent } from '../../engine';"),
    ).toEqual([]);
  });

  it('keeps the view-model builders free of React, the store, the worker entry and host globals', async () => {
    const file = 'src/app/view-model/planted.ts';
    for (const [source, message] of [
      ["export { useState } from 'react';", /framework-free/],
      ["export { editor } from 'monaco-editor';", /framework-free/],
      ["export { useAppStore } from '../store';", /never the store/],
      ["export { selectDisplayed } from '../store/selectors';", /never the store/],
      ["export { requestEdit } from '../worker/engine-bridge';", /do not reach back/],
      ["export { createEngineClient } from '../engine-client/engine-client';", /do not reach back/],
    ] as const)
      expect(await violations(file, source)).toEqual([
        expect.stringMatching(new RegExp(`^no-restricted-imports: .*${message.source}`)),
      ]);
    for (const name of ['document', 'window', 'self', 'postMessage', 'localStorage', 'process'])
      expect(await violations(file, `export const x = ${name};`)).toEqual([
        expect.stringMatching(/^no-restricted-globals: .*only the worker entry/),
      ]);
    expect(
      await violations(
        file,
        [
          "import { loadWorkspace } from '../../engine';",
          "import type { StepProgress } from '../worker/protocol';",
          'export const x = [loadWorkspace, performance.now()] as const;',
          'export type Y = StepProgress;',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('refuses the app in the CLI, and yaml in the app', async () => {
    expect(await violations('src/cli/planted.ts', "export { useAppStore } from '../app/store';")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*The CLI uses the engine/),
    ]);
    expect(await violations('src/app/editing/planted.ts', "export { parse } from 'yaml';")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*The app never reads YAML/),
    ]);
    expect(await violations('src/app/yaml/planted.ts', "export { diffText } from './text-diff';")).toEqual(
      [],
    );
  });
});

/** The type errors of `code` compiled as a file of src/engine under tsconfig.engine.json. */
function engineTypeErrors(code: string): string[] {
  const configPath = path.join(root, 'tsconfig.engine.json');
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
  );
  const planted = path.join(root, 'src/engine/planted.ts');
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === planted
      ? ts.createSourceFile(name, code, language)
      : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === planted || fileExists(name);
  const program = ts.createProgram([planted, path.join(root, 'src/engine/host.d.ts')], config.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the engine compiles without DOM, WebWorker or Node types', () => {
  it('has no window, document, process or Buffer', () => {
    for (const name of ['window', 'document', 'process', 'Buffer'])
      expect(engineTypeErrors(`export const x = ${name};`)).toEqual([
        expect.stringMatching(new RegExp(`^Cannot find name '${name}'`)),
      ]);
  });

  it('has the ECMAScript library and structuredClone', () => {
    expect(engineTypeErrors('export const x = structuredClone(new Set([1])).size + [1].at(-1)!;')).toEqual(
      [],
    );
  });
});
