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

/**
 * The texts named on the command line, in order: `-` is standard input (read once), a directory is every
 * `*.yaml`, `*.yml` and `*.json` file below it (sorted, so runs are deterministic), anything else a file.
 */
export function readInputs(args: readonly string[], readStdin: () => string): { inputs: InputText[]; problems: ReadProblem[] } {
  const inputs: InputText[] = [];
  const problems: ReadProblem[] = [];
  let stdinRead = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      inputs.push({ name: '-', text: readStdin() });
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
      const files = manifestFiles(arg, new Set());
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
      problems.push({ name: file, message: `is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; split it into smaller files` });
      return;
    }
    inputs.push({ name: file, text: fs.readFileSync(file, 'utf8') });
  } catch (error) {
    problems.push({ name: file, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
  }
}

/** Manifest files below a directory, sorted by path; a directory reached twice (a symlink loop) is read once. */
function manifestFiles(dir: string, seen: Set<string>): string[] {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return [];
  }
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
    if (isDir) return manifestFiles(full, seen);
    return MANIFEST_FILE.test(entry.name) ? [full] : [];
  });
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Standard input, read whole; past MAX_INPUT_BYTES the rest is not read (the parse step then refuses it). */
export function readStandardInput(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1024 * 1024);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    total += n;
    if (total > MAX_INPUT_BYTES) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}
