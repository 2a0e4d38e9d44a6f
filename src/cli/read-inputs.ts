import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { SourceFile } from '../engine';

export class InputError extends Error {}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function listDirectory(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listDirectory(path));
    else if (MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

function decode(path: string, bytes: Buffer): string {
  try {
    // fatal: invalid UTF-8 is refused rather than silently turned into U+FFFD; the BOM is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not UTF-8 text (is it a binary file?)`);
  }
}

/** Reads files and directories (recursively, *.yaml, *.yml, *.json) into source files. */
export function readInputs(paths: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError(`${path}: no such file or directory`);
    }
    const targets = stats.isDirectory() ? listDirectory(path) : [path];
    if (stats.isDirectory() && targets.length === 0) throw new InputError(`${path}: directory holds no .yaml, .yml or .json file`);
    for (const target of targets) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(target);
      } catch (error) {
        throw new InputError(`${target}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      files.push({ name: target, text: decode(target, bytes) });
    }
  }
  return files;
}
