import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { decodeBytes, MAX_SOURCE_BYTES, type SourceFile } from '../engine';

export class InputError extends Error {}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const LIMIT = `${MAX_SOURCE_BYTES / 1024 / 1024} MB`;

export interface Inputs {
  files: SourceFile[];
  /** One line per entry that could not be read, naming its path; the other files are still read. */
  problems: string[];
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a symbolic link loop',
  ENOENT: 'no such file or directory',
  EISDIR: 'a directory',
};

function cannotRead(path: string, error: unknown): string {
  const code = errorCode(error);
  return `${path}: cannot be read (${ERRNO_WORDS[code] ? `${ERRNO_WORDS[code]}, ${code}` : code})`;
}

function notRegular(path: string, stats: Stats): string | null {
  if (stats.isFile()) return null;
  const what = stats.isFIFO()
    ? 'a FIFO (named pipe)'
    : stats.isCharacterDevice() || stats.isBlockDevice()
      ? 'a device'
      : stats.isSocket()
        ? 'a socket'
        : 'not a regular file';
  return `${path}: ${what} is not read; netpol-canvas reads regular files and directories only`;
}

/**
 * Reads a file with a byte cap: the size `stat` gives is not trusted (it is 0 for /dev/zero and
 * for /proc files), so reading stops one byte past the limit, whatever the file claims.
 */
function readCapped(path: string, budget: number): Buffer | 'too-large' {
  const fd = openSync(path, 'r');
  try {
    const cap = Math.min(budget, MAX_SOURCE_BYTES) + 1;
    const buffer = Buffer.alloc(Math.min(cap, 1 << 20));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, cap - total), null);
      if (read === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, read)));
      total += read;
      if (total >= cap) return 'too-large';
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

class Reader {
  readonly files: SourceFile[] = [];
  readonly problems: string[] = [];
  private total = 0;
  /** Real paths of the directories read, so a symlinked directory is read once and a loop ends. */
  private readonly visited = new Set<string>();

  readPath(path: string): void {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      this.problems.push(
        errorCode(error) === 'ENOENT' ? `${path}: no such file or directory` : cannotRead(path, error),
      );
      return;
    }
    if (stats.isDirectory()) {
      const before = this.files.length + this.problems.length;
      this.readDirectory(path, []);
      if (this.files.length + this.problems.length === before)
        this.problems.push(`${path}: directory holds no .yaml, .yml or .json file`);
    } else this.readFile(path, stats);
  }

  private readDirectory(dir: string, ancestors: readonly string[]): void {
    let real: string;
    let entries;
    try {
      real = realpathSync(dir);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.problems.push(cannotRead(dir, error));
      return;
    }
    if (ancestors.includes(real)) {
      this.problems.push(`${dir}: a symbolic link back to a directory it is in (a loop); not read again`);
      return;
    }
    if (this.visited.has(real)) return; // read already, through another path
    this.visited.add(real);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        this.readDirectory(path, [...ancestors, real]);
        continue;
      }
      const manifest = MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase());
      if (!entry.isSymbolicLink()) {
        if (manifest) this.readFile(path);
        continue;
      }
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (error) {
        // A link to nothing is worth a word only where a manifest was meant.
        if (manifest || errorCode(error) === 'ELOOP')
          this.problems.push(
            errorCode(error) === 'ENOENT'
              ? `${path}: a symbolic link to nothing (broken link)`
              : cannotRead(path, error),
          );
        continue;
      }
      if (stats.isDirectory()) this.readDirectory(path, [...ancestors, real]);
      else if (manifest) this.readFile(path, stats);
    }
  }

  private readFile(path: string, known?: Stats): void {
    let stats = known;
    try {
      stats ??= statSync(path);
    } catch (error) {
      this.problems.push(cannotRead(path, error));
      return;
    }
    if (stats.isDirectory()) {
      this.readDirectory(path, []);
      return;
    }
    const odd = notRegular(path, stats);
    if (odd) {
      this.problems.push(odd);
      return;
    }
    if (stats.size > MAX_SOURCE_BYTES) {
      this.problems.push(
        `${path}: ${(stats.size / 1024 / 1024).toFixed(0)} MB is too large; files over ${LIMIT} are not read. Split it into smaller files.`,
      );
      return;
    }
    let bytes: Buffer | 'too-large';
    try {
      bytes = readCapped(path, MAX_SOURCE_BYTES - this.total);
    } catch (error) {
      this.problems.push(cannotRead(path, error));
      return;
    }
    if (bytes === 'too-large') {
      this.problems.push(
        this.total === 0
          ? `${path}: more than ${LIMIT}; files over ${LIMIT} are not read. Split it into smaller files.`
          : `${path}: together with the files before it, the input is over ${LIMIT}; check fewer files at a time.`,
      );
      return;
    }
    this.total += bytes.length;
    const decoded = decodeBytes(bytes);
    if (decoded.ok) this.files.push({ name: path, text: decoded.text });
    else this.problems.push(`${path}:${decoded.line}:${decoded.column}: error: ${decoded.message}`);
  }
}

/**
 * Reads files and directories (recursively, *.yaml, *.yml, *.json; symlinked directories once).
 * An entry that cannot be read is a problem with its path, and never stops the others being read.
 */
export function readInputs(paths: readonly string[]): Inputs {
  const reader = new Reader();
  for (const path of paths) reader.readPath(path);
  return { files: reader.files, problems: reader.problems };
}
