import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { MAX_SOURCE_BYTES, type SourceFile } from '../engine';

export class InputError extends Error {}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function listDirectory(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listDirectory(path));
    else if (MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

const SIGNATURES: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
];

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second > 0x9f) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second > 0x8f)
    )
      return i;
    i += length;
  }
  return -1;
}

function decode(path: string, bytes: Buffer): string {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    const kind = SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0];
    throw new InputError(
      `${path}:1:1: error: this is binary data${kind ? ` (${kind})` : ''}, not YAML or JSON text`,
    );
  }
  try {
    // fatal: invalid UTF-8 is refused rather than silently turned into U+FFFD; the BOM is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(firstInvalidUtf8(bytes), 0);
    const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1;
    const byte = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
    throw new InputError(
      `${path}:${line}:${column}: error: the file is not UTF-8 text: byte ${byte} here is not valid UTF-8 (a Latin-1 or Windows-1252 file?). Save it as UTF-8.`,
    );
  }
}

/** Reads files and directories (recursively, *.yaml, *.yml, *.json) into source files. */
export function readInputs(paths: readonly string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const limit = `${MAX_SOURCE_BYTES / 1024 / 1024} MB`;
  let total = 0;
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError(`${path}: no such file or directory`);
    }
    const targets = stats.isDirectory() ? listDirectory(path) : [path];
    if (stats.isDirectory() && targets.length === 0)
      throw new InputError(`${path}: directory holds no .yaml, .yml or .json file`);
    for (const target of targets) {
      // Sizes are checked before reading, so a huge file never gets into memory.
      let size = 0;
      try {
        size = statSync(target).size;
      } catch {
        // reported by the read below
      }
      if (size > MAX_SOURCE_BYTES) {
        throw new InputError(
          `${target}: ${(size / 1024 / 1024).toFixed(0)} MB is too large; files over ${limit} are not read. Split it into smaller files.`,
        );
      }
      total += size;
      if (total > MAX_SOURCE_BYTES) {
        throw new InputError(
          `${target}: together with the files before it, the input is over ${limit}; check fewer files at a time.`,
        );
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(target);
      } catch (error) {
        throw new InputError(
          `${target}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        );
      }
      files.push({ name: target, text: decode(target, bytes) });
    }
  }
  return files;
}
