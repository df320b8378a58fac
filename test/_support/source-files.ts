import * as fs from 'fs';
import * as path from 'path';

/** src/, as the layout tests read it. */
export const SRC = path.join(__dirname, '..', '..', 'src');

/** Every .ts file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}
