import * as fs from 'fs';
import * as path from 'path';
import { MAX_INPUT_BYTES } from './yaml-documents';

/** One input of the command: a file, or standard input. */
export interface InputText {
  /** As the user named it (`dist/app.k8s.yaml`), a file found in a directory (`charts/web/pod.yaml`), or `-`. */
  readonly name: string;
  readonly text: string;
}

/** An input that could not be read: a missing file, a directory without manifests, a file too large. */
export interface ReadProblem {
  readonly name: string;
  readonly message: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

const tooLarge = () => `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; split it into smaller files`;

/**
 * The texts named on the command line, in order: `-` is standard input (read once), a directory is every
 * `*.yaml`, `*.yml` and `*.json` file below it (sorted, so runs are deterministic), anything else a file.
 */
export function readInputs(args: readonly string[], readStdin: () => string | undefined): { inputs: InputText[]; problems: ReadProblem[] } {
  const inputs: InputText[] = [];
  const problems: ReadProblem[] = [];
  let stdinRead = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      const text = readStdin();
      if (text === undefined) problems.push({ name: '-', message: tooLarge() });
      else inputs.push({ name: '-', text });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      problems.push({ name: arg, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const files = manifestFiles(arg, new Set(), problems);
      if (files.length === 0) problems.push({ name: arg, message: 'the directory holds no *.yaml, *.yml or *.json file' });
      for (const file of files) readFile(file, inputs, problems);
    } else {
      readFile(arg, inputs, problems);
    }
  }
  return { inputs, problems };
}

function readFile(file: string, inputs: InputText[], problems: ReadProblem[]): void {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_INPUT_BYTES) {
      problems.push({ name: file, message: tooLarge() });
      return;
    }
    // Read with a bound, not by the size stat reports: a pipe (`<(helm template ...)`) or a device says 0.
    const fd = fs.openSync(file, 'r');
    try {
      const text = readBounded(fd);
      if (text === undefined) {
        problems.push({ name: file, message: tooLarge() });
        return;
      }
      inputs.push({ name: file, text });
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    problems.push({ name: file, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
  }
}

/**
 * Manifest files below a directory, sorted by path: regular files only (a FIFO named `x.yaml` would block
 * the run); a directory reached twice (a symlink loop) is read once, one that cannot be read is reported.
 */
function manifestFiles(dir: string, seen: Set<string>, problems: ReadProblem[]): string[] {
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync(dir);
    if (seen.has(real)) return [];
    seen.add(real);
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    problems.push({ name: dir, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    const stat = entry.isSymbolicLink() ? statOrUndefined(full) : undefined;
    if (entry.isDirectory() || stat?.isDirectory()) return manifestFiles(full, seen, problems);
    const regular = entry.isFile() || stat?.isFile() === true;
    return regular && MANIFEST_FILE.test(entry.name) ? [full] : [];
  });
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Everything from a file descriptor, or undefined past MAX_INPUT_BYTES (then the rest is not read). */
function readBounded(fd: number): string | undefined {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1024 * 1024);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT_BYTES) return undefined;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Standard input, read whole, or undefined past MAX_INPUT_BYTES (the rest is not read). */
export function readStandardInput(): string | undefined {
  return readBounded(0);
}
